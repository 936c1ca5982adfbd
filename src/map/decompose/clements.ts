/**
 * Clements decomposition: N × N unitary → rectangular mesh of N(N−1)/2 MZIs, depth N (N ≥ 3; depth 1 for
 * N = 2, 0 for N = 1), plus an output phase screen.
 *
 * Source: Clements, Humphreys, Metcalf, Kolthammer & Walmsley, "Optimal design for universal multiport
 * interferometers", Optica 3, 1460 (2016), algorithm of Fig. 4 / supplement, here 0-indexed and in the MZI
 * convention of core/linalg/mzi.ts (`mzi_bs_in`), not the paper's Eq. 1.
 *
 * The entries below the diagonal are nulled one anti-diagonal at a time, i = 0 … N−2:
 *  - i even: right ops U ← U·T⁻¹ on columns (i−j, i−j+1) null U[N−1−j, i−j], j = 0 … i;
 *  - i odd:  left ops  U ← T·U  on rows (N+j−i−3, N+j−i−2) null U[N+j−i−2, j−1], j = 1 … i+1.
 * Then L_K ⋯ L_1 · U · R_1⁻¹ ⋯ R_P⁻¹ = D (diagonal, unitary), so U = L_1⁻¹ ⋯ L_K⁻¹ · D · R_P ⋯ R_1. Each
 * L_k⁻¹ is moved through the screen with T(θ,φ)⁻¹·diag(e^{iα},e^{iβ}) = diag(e^{i(β−θ−φ+π)}, e^{i(β−θ+π)})·
 * T(θ, α−β) (derived in core/linalg/mzi.ts), starting with L_K, so the final order of application is
 * R_1 … R_P, T'_K … T'_1 and the screen is what D became.
 *
 * Cost O(N³): every op is a 2×2 update of two rows (left ops) or a chain of column pairs applied row by row
 * (right ops), restricted to the entries that are not yet zero. The input's unitarity is checked on the
 * nulled matrix (its off-diagonal residual and |D_kk| − 1), which costs O(N²).
 */
import type { CMat } from '../../core/linalg/cmat.js';
import { modulus } from '../../core/linalg/cmat.js';
import { apply2x2Rows, commuteInverseThroughScreen, mziMatrix, wrapPhase } from '../../core/linalg/mzi.js';
import type { MziMesh, MziPhases } from '../mesh.js';
import { scheduleMesh } from '../mesh.js';
import type { Angles, DecomposeOptions } from './nulling.js';
import {
  DEFAULT_UNITARY_TOL,
  anglesNullLeftColumn,
  anglesNullLowerRow,
  applyRightChain,
  checkResidual,
  checkSquareFinite,
} from './nulling.js';

/** Decomposes an N × N unitary into a Clements mesh; `U = diag(e^{i phasesOut}) · T_K ⋯ T_1`. */
export function decomposeClements(u: CMat, options: DecomposeOptions = {}): MziMesh {
  const N = checkSquareFinite(u, 'clements');
  const tol = options.unitaryTolAbs ?? DEFAULT_UNITARY_TOL;
  const re = Float64Array.from(u.re);
  const im = Float64Array.from(u.im);
  const chain = new Float64Array(8 * N); // T entries of the current diagonal's right ops
  const ang: Angles = { theta: 0, phi: 0 };
  const rightOps: MziPhases[] = [];
  const leftOps: MziPhases[] = [];

  for (let i = 0; i < N - 1; i++) {
    if (i % 2 === 0) {
      // Right ops j = 0 … i. Row N−1−j needs ops 0 … j−1 applied before op j's angles can be read; rows
      // below it are already zero in the columns touched, rows above get the whole chain afterwards.
      for (let j = 0; j <= i; j++) {
        const row = (N - 1 - j) * N;
        applyRightChain(re, im, row, chain, i, j);
        const c = i - j;
        anglesNullLeftColumn(re[row + c], im[row + c], re[row + c + 1], im[row + c + 1], ang);
        mziMatrix(ang.theta, ang.phi, chain, 8 * j);
        applyRightChain(re, im, row, chain.subarray(8 * j), c, 1);
        re[row + c] = 0;
        im[row + c] = 0;
        rightOps.push({ top: c, theta: ang.theta, phi: ang.phi });
      }
      for (let r = 0; r < N - 1 - i; r++) applyRightChain(re, im, r * N, chain, i, i + 1);
    } else {
      const t = chain; // scratch for one op
      for (let j = 1; j <= i + 1; j++) {
        const m = N + j - i - 3;
        const c0 = j - 1;
        const a = m * N + c0;
        const b = a + N;
        anglesNullLowerRow(re[a], im[a], re[b], im[b], ang);
        mziMatrix(ang.theta, ang.phi, t, 0);
        apply2x2Rows(re, im, N, m, t, 0, c0, N);
        re[b] = 0;
        im[b] = 0;
        leftOps.push({ top: m, theta: ang.theta, phi: ang.phi });
      }
    }
  }

  // The nulled matrix is upper triangular; it is unitary diagonal iff the input was unitary.
  const alpha = new Float64Array(N);
  let residual = 0;
  for (let r = 0; r < N; r++) {
    for (let c = r + 1; c < N; c++) residual = Math.max(residual, modulus(re[r * N + c], im[r * N + c]));
    const d = r * N + r;
    residual = Math.max(residual, Math.abs(modulus(re[d], im[d]) - 1));
    alpha[r] = Math.atan2(im[d], re[d]);
  }
  checkResidual(residual, tol, 'clements');

  const moved: MziPhases[] = [];
  for (let k = leftOps.length - 1; k >= 0; k--) {
    const { top, theta, phi } = leftOps[k];
    const res = commuteInverseThroughScreen(theta, phi, alpha[top], alpha[top + 1]);
    moved.push({ top, theta: res.theta, phi: res.phi });
    // Wrap as we go: each step adds θ, φ and π, and an unwrapped screen phase would grow to O(N) radians
    // and lose absolute precision (eps·|α|) in every later MZI it is moved through.
    alpha[top] = wrapPhase(res.alphaOut);
    alpha[top + 1] = wrapPhase(res.betaOut);
  }

  return {
    N,
    topology: 'clements',
    mzis: scheduleMesh(N, [...rightOps, ...moved]),
    phasesOut: alpha.map(wrapPhase),
  };
}
