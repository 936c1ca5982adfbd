import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../src/core/errors.js';
import { gaussianRMat, haarOrthogonal } from '../../src/core/linalg/haar.js';
import type { RMat } from '../../src/core/linalg/rmat.js';
import { identityRMat, maxAbsDiffRMat, maxAbsRMat, multiplyRMat, rmatFromRows, transposeRMat, zerosRMat } from '../../src/core/linalg/rmat.js';
import { svd } from '../../src/core/linalg/svd.js';
import { createRng } from '../../src/core/rng.js';

const EPS = Number.EPSILON;
/** Safety factor on the eps·n·‖W‖ bounds of the module comment. */
const SLACK = 10;

function diagTimes(u: RMat, s: Float64Array): RMat {
  const out = zerosRMat(u.rows, u.cols);
  for (let i = 0; i < u.rows; i++) for (let j = 0; j < u.cols; j++) out.data[i * u.cols + j] = u.data[i * u.cols + j] * (j < s.length ? s[j] : 0);
  return out;
}

function orthoDeviation(q: RMat): number {
  return maxAbsDiffRMat(multiplyRMat(transposeRMat(q), q), identityRMat(q.cols));
}

/** Checks the invariants of a thin or full SVD of w. */
function checkSvd(w: RMat, full: boolean): ReturnType<typeof svd> {
  const { rows: m, cols: n } = w;
  const r = Math.min(m, n);
  const res = svd(w, { full });
  const { u, s, v } = res;
  assert.equal(s.length, r);
  assert.deepEqual([u.rows, u.cols], [m, full ? m : r]);
  assert.deepEqual([v.rows, v.cols], [n, full ? n : r]);
  for (let i = 0; i < r; i++) {
    assert.ok(s[i] >= 0);
    if (i > 0) assert.ok(s[i] <= s[i - 1], 'descending');
  }
  const norm = Math.max(maxAbsRMat(w), Number.MIN_VALUE);
  const size = Math.max(m, n);
  // Reconstruction with the first r columns of U and V.
  const uThin = { rows: m, cols: r, data: Float64Array.from({ length: m * r }, (_, k) => u.data[Math.floor(k / r) * u.cols + (k % r)]) };
  const vThin = { rows: n, cols: r, data: Float64Array.from({ length: n * r }, (_, k) => v.data[Math.floor(k / r) * v.cols + (k % r)]) };
  const rec = multiplyRMat(diagTimes(uThin, s), transposeRMat(vThin));
  const err = maxAbsDiffRMat(rec, w);
  assert.ok(err <= SLACK * EPS * size * norm + Number.MIN_VALUE, `‖W − UΣVᵀ‖ = ${err}`);
  assert.ok(orthoDeviation(u) <= SLACK * EPS * size, `UᵀU − I = ${orthoDeviation(u)}`);
  assert.ok(orthoDeviation(v) <= SLACK * EPS * size, `VᵀV − I = ${orthoDeviation(v)}`);
  return res;
}

describe('svd', () => {
  const rng = createRng(123);

  for (const [m, n] of [[1, 1], [1, 5], [5, 1], [6, 6], [20, 7], [7, 20], [64, 64], [120, 40], [40, 120]] as const) {
    it(`random ${m}×${n}, thin and full`, () => {
      const w = gaussianRMat(m, n, rng);
      checkSvd(w, false);
      const full = checkSvd(w, true);
      assert.equal(full.rank, Math.min(m, n));
    });
  }

  it('known singular values', () => {
    // W = Q1 diag(5, 3, 1e-3) Q2ᵀ
    const q1 = haarOrthogonal(5, rng);
    const q2 = haarOrthogonal(3, rng);
    const sig = [5, 3, 1e-3];
    const d = zerosRMat(5, 3);
    sig.forEach((x, i) => (d.data[i * 3 + i] = x));
    const w = multiplyRMat(multiplyRMat(q1, d), transposeRMat(q2));
    const { s } = checkSvd(w, false);
    sig.forEach((x, i) => assert.ok(Math.abs(s[i] - x) <= SLACK * EPS * 5 * 5));
  });

  it('rank-deficient: rank counted, U and V still orthonormal', () => {
    // rank 3 matrix 30 × 12 = A (30 × 3) · B (3 × 12)
    const w = multiplyRMat(gaussianRMat(30, 3, rng), gaussianRMat(3, 12, rng));
    for (const full of [false, true]) {
      const res = checkSvd(w, full);
      assert.equal(res.rank, 3);
      for (let i = 3; i < 12; i++) assert.ok(res.s[i] <= SLACK * EPS * 30 * res.s[0]);
    }
    checkSvd(transposeRMat(w), false);
    // duplicated columns
    checkSvd(rmatFromRows([[1, 1, 2], [2, 2, 4], [3, 3, 6]]), true);
  });

  it('zero matrices', () => {
    for (const [m, n] of [[3, 3], [4, 2], [2, 4]] as const) {
      const res = checkSvd(zerosRMat(m, n), false);
      assert.equal(res.rank, 0);
      assert.ok(res.s.every((x) => x === 0));
      checkSvd(zerosRMat(m, n), true);
    }
  });

  it('identity and diagonal with repeated values', () => {
    checkSvd(identityRMat(8), true);
    checkSvd(rmatFromRows([[2, 0, 0], [0, -2, 0], [0, 0, 2]]), false);
  });

  it('badly scaled entries', () => {
    const w = gaussianRMat(10, 6, rng);
    for (let k = 0; k < w.data.length; k++) w.data[k] *= 10 ** ((k % 7) - 3);
    checkSvd(w, false);
    const tiny = gaussianRMat(5, 5, rng);
    for (let k = 0; k < tiny.data.length; k++) tiny.data[k] *= 1e-150;
    checkSvd(tiny, false);
  });

  it('rejects non-finite entries', () => {
    assert.throws(() => svd(rmatFromRows([[1, Number.NaN]])), InvalidInputError);
  });
});
