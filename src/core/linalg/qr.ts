/**
 * Complex Householder QR: A = Q R with Q unitary (m × m) and R upper triangular (m × n).
 *
 * Reflector k is H_k = I − 2 v vᴴ with ‖v‖ = 1, chosen so that H_k x = α e_1 with α = −e^{i arg x_0}‖x‖
 * (the sign that avoids cancellation; Golub & Van Loan, Matrix Computations, 4th ed., §5.1.13 for the complex
 * case). R's diagonal is therefore not real-positive; callers that need a unique QR (Haar sampling) fix the
 * phases themselves. Both the factorisation and the backward accumulation of Q update whole rows, so every
 * inner loop runs over contiguous memory.
 */
import type { CMat } from './cmat.js';
import { cloneCMat, identityCMat } from './cmat.js';

export interface QrResult {
  /** m × m unitary. */
  readonly q: CMat;
  /** m × n upper triangular (exact zeros below the diagonal). */
  readonly r: CMat;
}

interface Reflector {
  readonly k: number;
  readonly vr: Float64Array;
  readonly vi: Float64Array;
}

/** Applies H = I − 2 v vᴴ (v on rows k..m−1) to columns j0..cols−1 of a (rows k..m−1). */
function applyReflector(a: CMat, h: Reflector, j0: number, w: Float64Array, wi: Float64Array): void {
  const n = a.cols;
  const { k, vr, vi } = h;
  const len = vr.length;
  w.fill(0, j0, n);
  wi.fill(0, j0, n);
  for (let t = 0; t < len; t++) {
    const cr = vr[t];
    const ci = -vi[t]; // conj(v_t)
    if (cr === 0 && ci === 0) continue;
    const row = (k + t) * n;
    for (let j = j0; j < n; j++) {
      const xr = a.re[row + j];
      const xi = a.im[row + j];
      w[j] += cr * xr - ci * xi;
      wi[j] += cr * xi + ci * xr;
    }
  }
  for (let t = 0; t < len; t++) {
    const cr = 2 * vr[t];
    const ci = 2 * vi[t];
    if (cr === 0 && ci === 0) continue;
    const row = (k + t) * n;
    for (let j = j0; j < n; j++) {
      a.re[row + j] -= cr * w[j] - ci * wi[j];
      a.im[row + j] -= cr * wi[j] + ci * w[j];
    }
  }
}

/** Householder QR of any m × n complex matrix (m ≥ n or m < n). O(m n min(m, n)) plus O(m³) for Q. */
export function qrHouseholder(a: CMat): QrResult {
  const m = a.rows;
  const n = a.cols;
  const r = cloneCMat(a);
  const reflectors: Reflector[] = [];
  const width = Math.max(m, n);
  const w = new Float64Array(width);
  const wi = new Float64Array(width);
  const steps = Math.min(m - 1, n);
  for (let k = 0; k < steps; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += r.re[i * n + k] ** 2 + r.im[i * n + k] ** 2;
    if (norm2 === 0) continue;
    const norm = Math.sqrt(norm2);
    const x0r = r.re[k * n + k];
    const x0i = r.im[k * n + k];
    const abs0 = Math.hypot(x0r, x0i);
    const er = abs0 === 0 ? 1 : x0r / abs0;
    const ei = abs0 === 0 ? 0 : x0i / abs0;
    const len = m - k;
    const vr = new Float64Array(len);
    const vi = new Float64Array(len);
    for (let t = 0; t < len; t++) {
      vr[t] = r.re[(k + t) * n + k];
      vi[t] = r.im[(k + t) * n + k];
    }
    vr[0] += er * norm; // v = x − α e_1 with α = −e·‖x‖
    vi[0] += ei * norm;
    let vn2 = 0;
    for (let t = 0; t < len; t++) vn2 += vr[t] * vr[t] + vi[t] * vi[t];
    const scale = 1 / Math.sqrt(vn2);
    for (let t = 0; t < len; t++) {
      vr[t] *= scale;
      vi[t] *= scale;
    }
    const h = { k, vr, vi };
    reflectors.push(h);
    if (k + 1 < n) applyReflector(r, h, k + 1, w, wi);
    r.re[k * n + k] = -er * norm;
    r.im[k * n + k] = -ei * norm;
    for (let i = k + 1; i < m; i++) {
      r.re[i * n + k] = 0;
      r.im[i * n + k] = 0;
    }
  }
  const q = identityCMat(m);
  for (let t = reflectors.length - 1; t >= 0; t--) applyReflector(q, reflectors[t], reflectors[t].k, w, wi);
  return { q, r };
}
