/**
 * Reduced meshes: only the first r rows (outputs) or the first r columns (inputs) of an N × N unitary
 * matter, as in the SVD mapping of a real m × n weight W = U Σ Vᵀ with r = min(m, n): Vᵀ (n × n) feeds only
 * r of its outputs to the attenuators Σ (rows), and U (m × m) receives light on only r inputs (columns).
 *
 * The mesh is still a full N-mode unitary M; it is built so that M[0:r, :] = U[0:r, :] (rows) or
 * M[:, 0:r] = U[:, 0:r] (cols), and every MZI that would only act on the discarded part is left out.
 * Count: r(2N − r − 1)/2 MZIs (N−1, N−2, …, N−r for the r nulled rows) instead of N(N−1)/2; e.g. a 400 → 120
 * layer needs 120·679/2 = 40 740 MZIs for Vᵀ and 7 140 for U (120 × 120, full), against 79 800 + 7 140.
 * Depth N + r − 2 (r < N), a truncated Reck triangle.
 *
 * rows: the Reck row nulling of map/decompose/reck.ts stopped after r rows: M = diag(D_r, I)·T_P⋯T_1.
 * cols: the same on Uᵀ (its first r rows are U's first r columns): Mᵀ = diag(D_r, I)·T_P⋯T_1, so
 * M = T_1ᵀ⋯T_Pᵀ·diag(D_r, I). With T(θ,φ)ᵀ = diag(e^{iφ},1)·T(θ,0), M is a sequence of MZIs T(θ_k, 0) and
 * single-mode phases after an input screen; the phases are pushed forward through the mesh with
 * T(θ,φ)·diag(e^{iα},e^{iβ}) = e^{iβ}·T(θ, φ+α−β), which leaves only an output screen.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { CMat } from '../../core/linalg/cmat.js';
import { transposeCMat } from '../../core/linalg/cmat.js';
import { wrapPhase } from '../../core/linalg/mzi.js';
import type { MziMesh, MziPhases, ReducedScope } from '../mesh.js';
import { scheduleMesh } from '../mesh.js';
import type { DecomposeOptions } from './nulling.js';
import { DEFAULT_UNITARY_TOL, checkSquareFinite } from './nulling.js';
import { nullRowsReck } from './reck.js';

/**
 * Reduced mesh for the first `scope.count` rows or columns of an N × N matrix whose used rows (columns) are
 * orthonormal; the other rows (columns) of `u` are never read. Topology 'reck', `reduced` set to `scope`.
 */
export function decomposeReduced(u: CMat, scope: ReducedScope, options: DecomposeOptions = {}): MziMesh {
  const N = checkSquareFinite(u, 'reduced');
  const r = scope.count;
  if (!Number.isInteger(r) || r < 0 || r > N) throw new InvalidInputError(`reduced: count must be an integer in [0, ${N}], got ${r}`);
  if (scope.kind !== 'rows' && scope.kind !== 'cols') throw new InvalidInputError(`reduced: kind must be 'rows' or 'cols', got '${String(scope.kind)}'`);
  const tol = options.unitaryTolAbs ?? DEFAULT_UNITARY_TOL;
  const src = scope.kind === 'rows' ? u : transposeCMat(u);
  const { ops, phases } = nullRowsReck(Float64Array.from(src.re), Float64Array.from(src.im), N, r, tol, `reduced ${scope.kind}`);

  const screen = new Float64Array(N);
  screen.set(phases);
  let ordered: MziPhases[];
  if (scope.kind === 'rows') {
    ordered = ops;
  } else {
    // Input screen `screen`, then for k = P … 1: T(θ_k, 0) on (m, m+1) followed by e^{iφ_k} on mode m.
    ordered = [];
    for (let k = ops.length - 1; k >= 0; k--) {
      const { top, theta, phi } = ops[k];
      ordered.push({ top, theta, phi: screen[top] - screen[top + 1] });
      screen[top] = screen[top + 1] + phi;
    }
  }
  return { N, topology: 'reck', mzis: scheduleMesh(N, ordered), phasesOut: screen.map(wrapPhase), reduced: { kind: scope.kind, count: r } };
}
