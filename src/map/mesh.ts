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

export type MeshTopology = 'clements' | 'reck';

export interface Mzi {
  /** Upper mode m; the MZI acts on modes (m, m + 1). */
  readonly top: number;
  /** Internal phase θ (upper internal arm), radians in [0, 2π). */
  readonly theta: number;
  /** External phase φ (upper input), radians in [0, 2π). */
  readonly phi: number;
  /** Layout column, 0-based. */
  readonly col: number;
}

/**
 * Which part of the target a reduced mesh reproduces: `rows` — the first `count` rows (outputs) of U (the
 * other outputs are discarded); `cols` — the first `count` columns (inputs; the other inputs carry no
 * light). The mesh itself is always a full unitary on N modes.
 */
export interface ReducedScope {
  readonly kind: 'rows' | 'cols';
  readonly count: number;
}

export interface MziMesh {
  /** Number of modes. */
  readonly N: number;
  readonly topology: MeshTopology;
  /** In order of application (first acts first), sorted by (col, top). */
  readonly mzis: readonly Mzi[];
  /** Output phase screen, length N, radians in [0, 2π). */
  readonly phasesOut: Float64Array;
  /** Present for reduced meshes (map/decompose/reduced.ts); absent means the whole unitary is reproduced. */
  readonly reduced?: ReducedScope;
}

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

/** Number of columns of the mesh (0 for a mesh without MZIs). */
export function meshDepth(mesh: MziMesh): number {
  let depth = 0;
  for (const z of mesh.mzis) depth = Math.max(depth, z.col + 1);
  return depth;
}

/** MZIs needed for the first r rows (or columns) of an n × n unitary by a reduced mesh: r(2n − r − 1)/2. */
export function reducedMziCount(n: number, r: number): number {
  return (r * (2 * n - r - 1)) / 2;
}
