import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxAbsDiff, multiplyCMat, unitarityDeviation, cmatFromReal } from '../../src/core/linalg/cmat.js';
import { haarOrthogonal, haarUnitary } from '../../src/core/linalg/haar.js';
import { qrHouseholder } from '../../src/core/linalg/qr.js';
import { createRng } from '../../src/core/rng.js';
import { zerosCMat } from '../../src/core/linalg/cmat.js';

const EPS = Number.EPSILON;
const SLACK = 10;

describe('qr', () => {
  it('A = QR with Q unitary and R upper triangular (square, tall, wide)', () => {
    const rng = createRng(5);
    for (const [m, n] of [[6, 6], [9, 4], [4, 9], [1, 3], [3, 1]] as const) {
      const a = zerosCMat(m, n);
      for (let k = 0; k < m * n; k++) {
        a.re[k] = rng.normal();
        a.im[k] = rng.normal();
      }
      const { q, r } = qrHouseholder(a);
      assert.ok(unitarityDeviation(q) <= SLACK * EPS * m);
      assert.ok(maxAbsDiff(multiplyCMat(q, r), a) <= SLACK * EPS * Math.max(m, n) * 4);
      for (let i = 0; i < m; i++) for (let j = 0; j < Math.min(i, n); j++) assert.ok(r.re[i * n + j] === 0 && r.im[i * n + j] === 0);
    }
  });
});

describe('haar', () => {
  it('unitaries are unitary and reproducible', () => {
    for (const n of [1, 2, 5, 33]) {
      const u = haarUnitary(n, createRng(9, n));
      assert.ok(unitarityDeviation(u) <= SLACK * EPS * n);
      assert.equal(maxAbsDiff(u, haarUnitary(n, createRng(9, n))), 0);
    }
  });

  it('orthogonal matrices are real orthogonal', () => {
    const o = haarOrthogonal(12, createRng(3));
    assert.ok(unitarityDeviation(cmatFromReal(o)) <= SLACK * EPS * 12);
  });

  it('entry statistics match the Haar measure: E|U_ij|² = 1/n, phases uniform', () => {
    const n = 4;
    const rng = createRng(77);
    const trials = 4000;
    let s2 = 0;
    let meanRe = 0;
    let meanIm = 0;
    for (let t = 0; t < trials; t++) {
      const u = haarUnitary(n, rng);
      // U_00: |U_00|² ~ Beta(1, n−1), mean 1/n, var (n−1)/(n²(n+1)); its phase is uniform (E U_00 = 0).
      s2 += u.re[0] ** 2 + u.im[0] ** 2;
      meanRe += u.re[0];
      meanIm += u.im[0];
    }
    const sd = Math.sqrt((n - 1) / (n * n * (n + 1)) / trials);
    assert.ok(Math.abs(s2 / trials - 1 / n) < 5 * sd);
    // E[U_00] = 0; Var(Re U_00) = 1/(2n)
    const sdMean = Math.sqrt(1 / (2 * n) / trials);
    assert.ok(Math.abs(meanRe / trials) < 5 * sdMean);
    assert.ok(Math.abs(meanIm / trials) < 5 * sdMean);
  });
});
