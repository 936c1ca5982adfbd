/**
 * CMat: dense complex matrix with split real/imaginary parts.
 *
 * Layout: `re` and `im` are flat row-major Float64Arrays of length rows·cols; element (i, j) is
 * `re[i * cols + j] + 1i * im[i * cols + j]`. Matrices act on column vectors (y = U x, U[out, in]); a batch
 * of samples is an N × B matrix whose columns are the samples, so every row (one mode over the batch) is
 * contiguous. This is the same re/im split as the mesh-phases and matrix file formats.
 *
 * Functions return fresh matrices and leave their inputs alone unless they take an `out` argument.
 */
import { ShapeError } from '../errors.js';
import type { RMat } from './rmat.js';

export interface CMat {
  readonly rows: number;
  readonly cols: number;
  /** Real parts, row-major, length rows·cols. */
  readonly re: Float64Array;
  /** Imaginary parts, row-major, length rows·cols. */
  readonly im: Float64Array;
}

/** rows × cols complex zeros. */
export function zerosCMat(rows: number, cols: number): CMat {
  return { rows, cols, re: new Float64Array(rows * cols), im: new Float64Array(rows * cols) };
}

/** n × n identity. */
export function identityCMat(n: number): CMat {
  const m = zerosCMat(n, n);
  for (let i = 0; i < n; i++) m.re[i * n + i] = 1;
  return m;
}

/** Builds a CMat from nested rows (`re[i][j]`); `im` omitted means a real matrix. */
export function cmatFromRows(re: readonly (readonly number[])[], im?: readonly (readonly number[])[]): CMat {
  const rows = re.length;
  const cols = rows === 0 ? 0 : re[0].length;
  const m = zerosCMat(rows, cols);
  for (let i = 0; i < rows; i++) {
    if (re[i].length !== cols || (im !== undefined && im[i].length !== cols)) throw new ShapeError(`row ${i} has the wrong length (expected ${cols})`);
    for (let j = 0; j < cols; j++) {
      m.re[i * cols + j] = re[i][j];
      if (im !== undefined) m.im[i * cols + j] = im[i][j];
    }
  }
  return m;
}

/** Complex copy of a real matrix (imaginary part zero). */
export function cmatFromReal(a: RMat): CMat {
  return { rows: a.rows, cols: a.cols, re: Float64Array.from(a.data), im: new Float64Array(a.rows * a.cols) };
}

export function cloneCMat(a: CMat): CMat {
  return { rows: a.rows, cols: a.cols, re: Float64Array.from(a.re), im: Float64Array.from(a.im) };
}

/** Plain transpose Aᵀ (no conjugation). */
export function transposeCMat(a: CMat): CMat {
  const t = zerosCMat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      t.re[j * a.rows + i] = a.re[i * a.cols + j];
      t.im[j * a.rows + i] = a.im[i * a.cols + j];
    }
  }
  return t;
}

/** Conjugate transpose A†. */
export function adjointCMat(a: CMat): CMat {
  const t = transposeCMat(a);
  for (let k = 0; k < t.im.length; k++) t.im[k] = -t.im[k];
  return t;
}

/**
 * C = A · B (A: m × k, B: k × n). Loop order i-k-j: the inner loop runs along contiguous rows of B and C,
 * re/im kept apart, so it streams memory in order; four k at a time, so each pass over a row of C does 32
 * flops per load/store pair of C instead of 8. `out` (m × n, must not alias A or B) is overwritten.
 */
export function multiplyCMat(a: CMat, b: CMat, out?: CMat): CMat {
  if (a.cols !== b.rows) throw new ShapeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const m = a.rows;
  const kk = a.cols;
  const n = b.cols;
  const c = out ?? zerosCMat(m, n);
  if (c.rows !== m || c.cols !== n) throw new ShapeError(`output is ${c.rows}×${c.cols}, expected ${m}×${n}`);
  const are = a.re;
  const aim = a.im;
  const bre = b.re;
  const bim = b.im;
  const cre = c.re;
  const cim = c.im;
  const k4 = kk - (kk % 4);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * kk;
    cre.fill(0, ci, ci + n);
    cim.fill(0, ci, ci + n);
    for (let k = 0; k < k4; k += 4) {
      const x0r = are[ai + k], x0i = aim[ai + k];
      const x1r = are[ai + k + 1], x1i = aim[ai + k + 1];
      const x2r = are[ai + k + 2], x2i = aim[ai + k + 2];
      const x3r = are[ai + k + 3], x3i = aim[ai + k + 3];
      const b0 = k * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const y0r = bre[b0 + j], y0i = bim[b0 + j];
        const y1r = bre[b1 + j], y1i = bim[b1 + j];
        const y2r = bre[b2 + j], y2i = bim[b2 + j];
        const y3r = bre[b3 + j], y3i = bim[b3 + j];
        cre[ci + j] += x0r * y0r - x0i * y0i + (x1r * y1r - x1i * y1i) + (x2r * y2r - x2i * y2i) + (x3r * y3r - x3i * y3i);
        cim[ci + j] += x0r * y0i + x0i * y0r + (x1r * y1i + x1i * y1r) + (x2r * y2i + x2i * y2r) + (x3r * y3i + x3i * y3r);
      }
    }
    for (let k = k4; k < kk; k++) {
      const xr = are[ai + k];
      const xi = aim[ai + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) {
        const yr = bre[bk + j];
        const yi = bim[bk + j];
        cre[ci + j] += xr * yr - xi * yi;
        cim[ci + j] += xr * yi + xi * yr;
      }
    }
  }
  return c;
}

/** max over entries of |A_ij − B_ij| (complex modulus). Shapes must match. */
export function maxAbsDiff(a: CMat, b: CMat): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new ShapeError(`cannot compare ${a.rows}×${a.cols} with ${b.rows}×${b.cols}`);
  let worst = 0;
  for (let k = 0; k < a.re.length; k++) {
    const d = Math.hypot(a.re[k] - b.re[k], a.im[k] - b.im[k]);
    if (!(d <= worst)) worst = d; // also propagates NaN
  }
  return worst;
}

/** max |A_ij| (complex modulus). */
export function maxAbs(a: CMat): number {
  let worst = 0;
  for (let k = 0; k < a.re.length; k++) {
    const d = Math.hypot(a.re[k], a.im[k]);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

/** Unitarity deviation ‖U†U − I‖max of a square matrix; O(n³). */
export function unitarityDeviation(u: CMat): number {
  if (u.rows !== u.cols) throw new ShapeError(`unitarity needs a square matrix, got ${u.rows}×${u.cols}`);
  const g = multiplyCMat(adjointCMat(u), u);
  return maxAbsDiff(g, identityCMat(u.rows));
}

/** |x + iy| for O(1) values (no overflow guard: Math.hypot has one but is several times slower in V8). */
export function modulus(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}
