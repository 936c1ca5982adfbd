/**
 * MziMesh: a programmed mesh of MZIs on adjacent modes followed by an output phase screen.
 *
 * Conventions: column vectors y = U x with U[out, in]; modes 0-indexed; MZI k acts on modes (top, top+1)
 * with the 2×2 matrix T(θ, φ) of core/linalg/mzi.ts (`mzi_bs_in`: B·diag(e^{iθ},1)·B·diag(e^{iφ},1)).
 * The mesh implements
 *
 *   U = diag(e^{i phasesOut}) · T_K ⋯ T_2 · T_1        (T_1 = mzis[0] acts first)
 *
 * `col` is the column of the MZI in the physical layout (as-soon-as-possible schedule: one more than the
 * latest earlier MZI sharing a mode); `mzis` is sorted by (col, top), which is a valid application order
 * because MZIs of one column touch disjoint modes. All phases are wrapped to [0, 2π).
 * Topology is kept apart from values: simulations take per-MZI overrides (sim/mesh-propagate.ts) and never
 * mutate a mesh.
 */
import { wrapPhase } from '../core/linalg/mzi.js';

export type { MeshTopology, Mzi, MziMesh, ReducedScope } from '../ir/circuit.js';
export { meshDepth } from '../ir/circuit.js';
import type { Mzi, MziMesh } from '../ir/circuit.js';

/** An MZI before layout: upper mode and phases (any real value; wrapped by `scheduleMesh`). */
export interface MziPhases {
  readonly top: number;
  readonly theta: number;
  readonly phi: number;
}

/**
 * Assigns as-soon-as-possible columns to MZIs given in application order, wraps their phases and returns
 * them sorted by (col, top). O(K log K).
 */
export function scheduleMesh(N: number, ordered: readonly MziPhases[]): Mzi[] {
  const nextFree = new Int32Array(N); // first free column on each mode
  const placed: Mzi[] = ordered.map((z) => {
    const col = Math.max(nextFree[z.top], nextFree[z.top + 1]);
    nextFree[z.top] = col + 1;
    nextFree[z.top + 1] = col + 1;
    return { top: z.top, theta: wrapPhase(z.theta), phi: wrapPhase(z.phi), col };
  });
  return placed.sort((a, b) => a.col - b.col || a.top - b.top);
}

/** MZIs needed for the first r rows (or columns) of an n × n unitary by a reduced mesh: r(2n − r − 1)/2. */
export function reducedMziCount(n: number, r: number): number {
  return (r * (2 * n - r - 1)) / 2;
}
