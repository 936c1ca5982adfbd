/**
 * Real singular value decomposition W = U Σ Vᵀ (float64) by one-sided Jacobi (Hestenes 1958; convergence and
 * accuracy: Demmel & Veselić, SIAM J. Matrix Anal. Appl. 13, 1204 (1992)).
 *
 * Shapes, for W of m × n and r = min(m, n):
 *  - thin (default): U is m × r, Σ has r values, V is n × r; W = U diag(Σ) Vᵀ.
 *  - full: U is m × m, V is n × n, orthogonal; columns past r complete the bases.
 * Singular values are sorted descending. The photonic mapper needs only the thin factors: the mesh that
 * realises r columns of U (or r rows of Vᵀ) is unitary by construction (map/decompose/reduced.ts completes it
 * implicitly), so the full bases are only computed on request.
 *
 * Method: rotate pairs of columns of W (tall case; a wide W is handled as Wᵀ) until all pairs are orthogonal
 * to `orthoTol`; the column norms are Σ, the normalised columns U, the accumulated rotations V. The columns are
 * stored as rows of Wᵀ so each rotation reads contiguous memory (the same reason ml-matrix's svd works on a
 * transpose). Rank: σ_j ≤ rankTol = eps · max(m, n) · σ_max counts as zero; U's columns for those σ are not
 * the (noise-dominated) normalised columns but an orthonormal completion, so U keeps orthonormal columns
 * for rank-deficient and zero matrices. Accuracy: ‖W − U Σ Vᵀ‖max ≲ eps · n · ‖W‖.
 */
import { FoundryError, InvalidInputError } from '../errors.js';
import { cmatFromReal } from './cmat.js';
import { qrHouseholder } from './qr.js';
import type { RMat } from './rmat.js';
import { maxAbsRMat, transposeRMat } from './rmat.js';

export interface SvdOptions {
  /** Return square orthogonal U (m × m) and V (n × n) instead of the thin factors. Default false. */
  readonly full?: boolean;
}

export interface SvdResult {
  /** m × r (thin) or m × m (full), orthonormal columns. */
  readonly u: RMat;
  /** r = min(m, n) singular values, descending, ≥ 0. */
  readonly s: Float64Array;
  /** n × r (thin) or n × n (full), orthonormal columns. */
  readonly v: RMat;
  /** Number of singular values above rankTol. */
  readonly rank: number;
}

const EPS = Number.EPSILON;
/** Sweeps are quadratically convergent; 60 is far past what any float64 input needs (typically 6–12). */
const MAX_SWEEPS = 60;

/** Completes k orthonormal rows (of length m) of `basis` (k × m, row-major) to m rows in place. */
function completeRows(basis: Float64Array, k: number, m: number): void {
  if (k >= m) return;
  // Householder QR of the m × k matrix whose columns are the known rows: Q's columns past k span the
  // orthogonal complement.
  const a = cmatFromReal({ rows: m, cols: k, data: transposeRMat({ rows: k, cols: m, data: basis.subarray(0, k * m) }).data });
  const { q } = qrHouseholder(a);
  for (let j = k; j < m; j++) for (let i = 0; i < m; i++) basis[j * m + i] = q.re[i * m + j];
}

/** Jacobi SVD of a tall matrix given as its transpose: g holds the n columns of W (length m) as rows. */
function jacobiTall(g: Float64Array, n: number, m: number, full: boolean): SvdResult {
  const vt = new Float64Array(n * n); // row j = column j of V
  for (let j = 0; j < n; j++) vt[j * n + j] = 1;
  const orthoTol = EPS * m;
  // Columns whose squared norm is below eps²·‖W‖²_F are numerically zero: rotating them only stirs rounding
  // noise, which never becomes "orthogonal" (a rank-deficient or zero-padded W would not converge).
  let frob2 = 0;
  for (let k = 0; k < n * m; k++) frob2 += g[k] * g[k];
  const negligible2 = EPS * EPS * frob2;
  let converged = n < 2;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++) {
      const rp = p * m;
      for (let q = p + 1; q < n; q++) {
        const rq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = g[rp + i];
          const y = g[rq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (alpha <= negligible2 || beta <= negligible2) continue;
        if (!(Math.abs(gamma) > orthoTol * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        converged = false;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = g[rp + i];
          const y = g[rq + i];
          g[rp + i] = c * x - s * y;
          g[rq + i] = s * x + c * y;
        }
        const vp = p * n;
        const vq = q * n;
        for (let i = 0; i < n; i++) {
          const x = vt[vp + i];
          const y = vt[vq + i];
          vt[vp + i] = c * x - s * y;
          vt[vq + i] = s * x + c * y;
        }
      }
    }
  }
  if (!converged) throw new FoundryError('PF_ERR_INTERNAL', `svd: one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps`);

  // Singular values and descending order.
  const sigma = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += g[j * m + i] ** 2;
    sigma[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => sigma[b] - sigma[a] || a - b);
  const s = Float64Array.from(order, (j) => sigma[j]);
  const rankTol = EPS * Math.max(m, n) * (n > 0 ? s[0] : 0);
  let rank = 0;
  while (rank < n && s[rank] > rankTol) rank++;

  const uCols = full ? m : n;
  const ut = new Float64Array(uCols * m); // row j = column j of U
  for (let j = 0; j < rank; j++) {
    const src = order[j] * m;
    const inv = 1 / s[j];
    for (let i = 0; i < m; i++) ut[j * m + i] = g[src + i] * inv;
  }
  completeRows(ut, rank, m); // columns for zero σ (and past n when full)

  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j] * n;
    for (let i = 0; i < n; i++) v[i * n + j] = vt[src + i];
  }
  const u = transposeRMat({ rows: uCols, cols: m, data: ut.subarray(0, uCols * m) });
  return { u, s, v: { rows: n, cols: n, data: v }, rank };
}

/** Singular value decomposition of a real m × n matrix; see the module comment for shapes and tolerances. */
export function svd(w: RMat, options: SvdOptions = {}): SvdResult {
  const { rows: m, cols: n } = w;
  for (let k = 0; k < w.data.length; k++) {
    if (!Number.isFinite(w.data[k])) throw new InvalidInputError(`svd: matrix entry (${Math.floor(k / n)}, ${k % n}) is not finite`);
  }
  const full = options.full === true;
  // Scale to max |W_ij| = 1 so that squared norms neither overflow nor underflow; σ is scaled back.
  const norm = maxAbsRMat(w);
  const scale = norm > 0 ? 1 / norm : 1;
  const g = m >= n ? transposeRMat(w).data : Float64Array.from(w.data); // columns of the tall one as rows
  for (let k = 0; k < g.length; k++) g[k] *= scale;
  // Wide: Wᵀ = U' Σ V'ᵀ (tall) ⇒ W = V' Σ U'ᵀ.
  const t = m >= n ? jacobiTall(g, n, m, full) : jacobiTall(g, m, n, full);
  const s = t.s.map((x) => x * norm);
  return m >= n ? { u: t.u, s, v: t.v, rank: t.rank } : { u: t.v, s, v: t.u, rank: t.rank };
}
