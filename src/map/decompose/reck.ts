/**
 * Reck decomposition: N × N unitary → triangular mesh of N(N−1)/2 MZIs, depth 2N−3 (N ≥ 2), plus an output
 * phase screen.
 *
 * Source: Reck, Zeilinger, Bernstein & Bertani, "Experimental realization of any discrete unitary operator",
 * PRL 73, 58 (1994), in the MZI convention of core/linalg/mzi.ts (`mzi_bs_in`).
 *
 * Nulling is row by row from the top, with right ops only (U ← U·T⁻¹): for row i = 0, 1, …, the entries
 * U[i, N−1], U[i, N−2], …, U[i, i+1] are nulled by MZIs on column pairs (N−2, N−1), …, (i, i+1), moving the
 * row's weight onto the diagonal. Orthogonality then makes column i zero below row i, so row i needs N−1−i
 * MZIs and no later op touches it. With R_1 … R_P in nulling order, U·R_1⁻¹⋯R_P⁻¹ = D and
 * U = D·R_P⋯R_1: the MZIs act in nulling order and D is the output screen — no commutation needed.
 *
 * Stopping after the first r rows gives a mesh whose first r rows equal U's, with r(2N−r−1)/2 MZIs: this is
 * the reduced mesh of map/decompose/reduced.ts. All work is chains of column pairs applied row by row along
 * contiguous memory, O(N³) in total (O(r N²) … O(r² N) for r rows).
 */
import type { CMat } from '../../core/linalg/cmat.js';
import { modulus } from '../../core/linalg/cmat.js';
import { mziMatrix, wrapPhase } from '../../core/linalg/mzi.js';
import type { MziMesh, MziPhases } from '../mesh.js';
import { scheduleMesh } from '../mesh.js';
import type { Angles, DecomposeOptions } from './nulling.js';
import { DEFAULT_UNITARY_TOL, anglesNullRightColumn, applyRightChain, checkResidual, checkSquareFinite } from './nulling.js';

/** Nulled result of the first r rows: MZIs in order of application, and the phases of D (length r). */
export interface RowNulling {
  readonly ops: MziPhases[];
  readonly phases: Float64Array;
}

/**
 * Nulls rows 0 … r−1 of the N × N working matrix (re/im, row-major, modified in place; rows ≥ r are never read).
 * Throws InvalidInputError if those rows are not orthonormal to `tol`.
 */
export function nullRowsReck(re: Float64Array, im: Float64Array, N: number, r: number, tol: number, who: string): RowNulling {
  const chain = new Float64Array(8 * Math.max(N - 1, 1));
  const ang: Angles = { theta: 0, phi: 0 };
  const ops: MziPhases[] = [];
  const phases = new Float64Array(r);
  let residual = 0;
  for (let i = 0; i < r; i++) {
    const row = i * N;
    const count = N - 1 - i;
    // Angles of row i's chain, each read after the previous op has been applied to the row.
    for (let j = 0; j < count; j++) {
      const c = N - 2 - j;
      anglesNullRightColumn(re[row + c], im[row + c], re[row + c + 1], im[row + c + 1], ang);
      mziMatrix(ang.theta, ang.phi, chain, 8 * j);
      applyRightChain(re, im, row, chain.subarray(8 * j), c, 1);
      re[row + c + 1] = 0;
      im[row + c + 1] = 0;
      ops.push({ top: c, theta: ang.theta, phi: ang.phi });
    }
    for (let k = i + 1; k < r; k++) applyRightChain(re, im, k * N, chain, N - 2, count);
    // Row i is now (residual …, D_ii, 0 …): entries left of the diagonal are zero iff the rows are orthonormal.
    for (let c = 0; c < i; c++) residual = Math.max(residual, modulus(re[row + c], im[row + c]));
    residual = Math.max(residual, Math.abs(modulus(re[row + i], im[row + i]) - 1));
    phases[i] = Math.atan2(im[row + i], re[row + i]);
  }
  checkResidual(residual, tol, who);
  return { ops, phases };
}

/** Decomposes an N × N unitary into a Reck mesh; `U = diag(e^{i phasesOut}) · T_K ⋯ T_1`. */
export function decomposeReck(u: CMat, options: DecomposeOptions = {}): MziMesh {
  const N = checkSquareFinite(u, 'reck');
  const { ops, phases } = nullRowsReck(Float64Array.from(u.re), Float64Array.from(u.im), N, N, options.unitaryTolAbs ?? DEFAULT_UNITARY_TOL, 'reck');
  return { N, topology: 'reck', mzis: scheduleMesh(N, ops), phasesOut: phases.map(wrapPhase) };
}
