import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../src/core/errors.js';
import {
  adjointCMat,
  cmatFromRows,
  identityCMat,
  maxAbsDiff,
  multiplyCMat,
  transposeCMat,
  unitarityDeviation,
} from '../../src/core/linalg/cmat.js';

const TOL = 1e-15;

describe('cmat', () => {
  const a = cmatFromRows([[1, 2, 3], [4, 5, 6]], [[0, 1, 0], [-1, 0, 2]]); // 2 × 3

  it('multiplies (hand-checked 2×3 · 3×2)', () => {
    const b = cmatFromRows([[1, 0], [0, 1], [1, 1]], [[0, 1], [1, 0], [0, 0]]);
    const c = multiplyCMat(a, b);
    // row 0: (1)(1) + (2+i)(i) + 3(1) = 1 + 2i − 1 + 3 = 3 + 2i ; (1)(i) + (2+i)(1) + 3 = 5 + 2i
    // row 1: (4−i)(1) + 5(i) + (6+2i)(1) = 10 + 6i ; (4−i)(i) + 5 + (6+2i) = 1 + 4i + 5 + 6 + 2i = 12 + 6i
    assert.ok(maxAbsDiff(c, cmatFromRows([[3, 5], [10, 12]], [[2, 2], [6, 6]])) <= TOL);
    assert.throws(() => multiplyCMat(a, a), ShapeError);
  });

  it('adjoint and transpose', () => {
    const t = transposeCMat(a);
    assert.equal(t.rows, 3);
    assert.equal(t.re[1 * 2 + 0], 2);
    assert.equal(t.im[1 * 2 + 0], 1);
    const h = adjointCMat(a);
    assert.equal(h.im[1 * 2 + 0], -1);
    assert.ok(maxAbsDiff(adjointCMat(h), a) === 0);
  });

  it('identity is unitary; a scaled matrix is not', () => {
    assert.equal(unitarityDeviation(identityCMat(5)), 0);
    const s = Math.SQRT1_2;
    const h = cmatFromRows([[s, s], [s, -s]]);
    assert.ok(unitarityDeviation(h) < 1e-15);
    const twice = cmatFromRows([[2, 0], [0, 1]]);
    assert.equal(unitarityDeviation(twice), 3);
  });

  it('maxAbsDiff propagates NaN', () => {
    const x = cmatFromRows([[Number.NaN]]);
    assert.ok(Number.isNaN(maxAbsDiff(x, cmatFromRows([[0]]))));
  });
});
