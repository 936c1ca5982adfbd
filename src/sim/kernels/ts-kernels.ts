/**
 * TypeScript loops that apply a sequence of MZIs to the rows of a row-major complex matrix (re/im split),
 * for the two kernel forms of sim/mesh-propagate.ts. The reference path and the fallback of the WebAssembly
 * kernel (kernels/mzi-simd.ts), which performs exactly the same arithmetic in the same order.
 */

/**
 * General form: MZI k (entries t[8k … 8k+7], mziMatrix layout) on rows (tops[k], tops[k]+1), columns [0, cols):
 * (x0, x1) ← (t00 x0 + t01 x1, t10 x0 + t11 x1).
 */
export function applyGeneralTs(re: Float64Array, im: Float64Array, cols: number, tops: Int32Array, t: Float64Array): void {
  for (let k = 0; k < tops.length; k++) applyGeneralRange(re, im, cols, tops[k], t, 8 * k, 0, cols);
}

/** One general MZI on columns [c0, c1) (used with nonzero-range tracking when composing). */
export function applyGeneralRange(re: Float64Array, im: Float64Array, cols: number, m: number, t: Float64Array, o: number, c0: number, c1: number): void {
  const t00r = t[o], t00i = t[o + 1], t01r = t[o + 2], t01i = t[o + 3];
  const t10r = t[o + 4], t10i = t[o + 5], t11r = t[o + 6], t11i = t[o + 7];
  const r0 = m * cols;
  const r1 = r0 + cols;
  for (let c = c0; c < c1; c++) {
    const x0r = re[r0 + c], x0i = im[r0 + c];
    const x1r = re[r1 + c], x1i = im[r1 + c];
    re[r0 + c] = t00r * x0r - t00i * x0i + t01r * x1r - t01i * x1i;
    im[r0 + c] = t00r * x0i + t00i * x0r + t01r * x1i + t01i * x1r;
    re[r1 + c] = t10r * x0r - t10i * x0i + t11r * x1r - t11i * x1i;
    im[r1 + c] = t10r * x0i + t10i * x0r + t11r * x1i + t11i * x1r;
  }
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
