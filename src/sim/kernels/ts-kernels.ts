/**
 * TypeScript loops that apply a sequence of MZIs to the rows of a row-major complex matrix (re/im split),
 * for the two kernel forms of sim/mesh-propagate.ts. The reference path and the fallback of the WebAssembly
 * kernel (kernels/mzi-simd.ts), which performs exactly the same arithmetic in the same order. The general form's
 * row update is core/linalg/mzi.ts `apply2x2Rows` (shared with the decompositions).
 */
import { apply2x2Rows } from '../../core/linalg/mzi.js';

/**
 * General form: MZI k (entries t[8k … 8k+7], mziMatrix layout) on rows (tops[k], tops[k]+1), columns [0, cols):
 * (x0, x1) ← (t00 x0 + t01 x1, t10 x0 + t11 x1).
 */
export function applyGeneralTs(re: Float64Array, im: Float64Array, cols: number, tops: Int32Array, t: Float64Array): void {
  for (let k = 0; k < tops.length; k++) apply2x2Rows(re, im, cols, tops[k], t, 8 * k, 0, cols);
}

/** Phase-real form: u = e^{iγ} x0, then (x0, x1) ← (m00 u + m01 x1, m10 u + m11 x1); g[6k …] = [cγ, sγ, m00, m01, m10, m11]. */
export function applyPhaseRealTs(re: Float64Array, im: Float64Array, cols: number, tops: Int32Array, g: Float64Array): void {
  for (let k = 0; k < tops.length; k++) applyPhaseRealRange(re, im, cols, tops[k], g, 6 * k, 0, cols);
}

export function applyPhaseRealRange(re: Float64Array, im: Float64Array, cols: number, m: number, g: Float64Array, o: number, c0: number, c1: number): void {
  const gr = g[o], gi = g[o + 1], m00 = g[o + 2], m01 = g[o + 3], m10 = g[o + 4], m11 = g[o + 5];
  const r0 = m * cols;
  const r1 = r0 + cols;
  for (let c = c0; c < c1; c++) {
    const x0r = re[r0 + c], x0i = im[r0 + c];
    const x1r = re[r1 + c], x1i = im[r1 + c];
    const ur = gr * x0r - gi * x0i;
    const ui = gr * x0i + gi * x0r;
    re[r0 + c] = m00 * ur + m01 * x1r;
    im[r0 + c] = m00 * ui + m01 * x1i;
    re[r1 + c] = m10 * ur + m11 * x1r;
    im[r1 + c] = m10 * ui + m11 * x1i;
  }
}
