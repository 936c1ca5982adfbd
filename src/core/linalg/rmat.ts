/**
 * RMat: dense real matrix in one flat row-major Float64Array; element (i, j) is `data[i * cols + j]`.
 * Used for real weights and for the real SVD. Functions return fresh matrices.
 */
import { ShapeError } from '../errors.js';

export interface RMat {
  readonly rows: number;
  readonly cols: number;
  /** Row-major, length rows·cols. */
  readonly data: Float64Array;
}

export function zerosRMat(rows: number, cols: number): RMat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identityRMat(n: number): RMat {
  const m = zerosRMat(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Builds an RMat from nested rows (`rows[i][j]`). */
export function rmatFromRows(rows: readonly (readonly number[])[]): RMat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zerosRMat(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new ShapeError(`row ${i} has the wrong length (expected ${c})`);
    for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
  }
  return m;
}

export function transposeRMat(a: RMat): RMat {
  const t = zerosRMat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

/** C = A · B, loop order i-k-j (inner loop contiguous). */
export function multiplyRMat(a: RMat, b: RMat): RMat {
  if (a.cols !== b.rows) throw new ShapeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const n = b.cols;
  const c = zerosRMat(a.rows, n);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k];
      if (x === 0) continue;
      for (let j = 0; j < n; j++) c.data[i * n + j] += x * b.data[k * n + j];
    }
  }
  return c;
}

/** max |A_ij − B_ij|; shapes must match. */
export function maxAbsDiffRMat(a: RMat, b: RMat): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new ShapeError(`cannot compare ${a.rows}×${a.cols} with ${b.rows}×${b.cols}`);
  let worst = 0;
  for (let k = 0; k < a.data.length; k++) {
    const d = Math.abs(a.data[k] - b.data[k]);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

/** Largest |A_ij|. */
export function maxAbsRMat(a: RMat): number {
  let worst = 0;
  for (let k = 0; k < a.data.length; k++) {
    const d = Math.abs(a.data[k]);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}
