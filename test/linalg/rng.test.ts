import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';

function draw(seed: number, stream: number, n: number): number[] {
  const rng = createRng(seed, stream);
  return Array.from({ length: n }, () => rng.nextFloat());
}

describe('rng', () => {
  it('is reproducible for a given (seed, stream)', () => {
    assert.deepEqual(draw(42, 0, 100), draw(42, 0, 100));
    assert.deepEqual(draw(42, 3, 100), draw(42, 3, 100));
    assert.deepEqual(draw(42, 0, 10), draw(42, 0, 10)); // createRng(s) === createRng(s, 0)
    const a = createRng(42);
    const b = createRng(42, 0);
    for (let i = 0; i < 10; i++) assert.equal(a.nextUint32(), b.nextUint32());
  });

  it('gives different sequences for different seeds and streams', () => {
    const base = draw(42, 0, 8);
    assert.notDeepEqual(draw(43, 0, 8), base);
    assert.notDeepEqual(draw(42, 1, 8), base);
    assert.notDeepEqual(draw(0, 0, 8), draw(0, 1, 8));
  });

  it('stream k depends only on (seed, k), not on other streams drawn before', () => {
    const alone = draw(7, 5, 20);
    const other = createRng(7, 4);
    for (let i = 0; i < 1000; i++) other.nextFloat();
    assert.deepEqual(draw(7, 5, 20), alone);
  });

  it('streams are uncorrelated', () => {
    const n = 20000;
    const a = createRng(11, 0);
    const b = createRng(11, 1);
    let sab = 0;
    for (let i = 0; i < n; i++) sab += (a.nextFloat() - 0.5) * (b.nextFloat() - 0.5);
    const corr = sab / n / (1 / 12);
    assert.ok(Math.abs(corr) < 5 / Math.sqrt(n), `correlation ${corr}`); // 5σ
  });

  it('nextFloat is uniform on [0, 1)', () => {
    const rng = createRng(1);
    const n = 50000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.nextFloat();
      assert.ok(x >= 0 && x < 1);
      bins[Math.floor(x * 10)]++;
      sum += x;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 5 * Math.sqrt(1 / 12 / n));
    let chi2 = 0;
    for (const c of bins) chi2 += (c - n / 10) ** 2 / (n / 10);
    assert.ok(chi2 < 30, `chi2 ${chi2}`); // 9 dof; p ≈ 4e-4
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = createRng(2);
    const n = 50000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
    }
    assert.ok(Math.abs(s1 / n) < 5 / Math.sqrt(n));
    assert.ok(Math.abs(s2 / n - 1) < 5 * Math.sqrt(2 / n));
    assert.ok(Math.abs(s4 / n - 3) < 5 * Math.sqrt(96 / n)); // Var(x⁴) = 105 − 9
  });

  it('rejects non-integer seeds', () => {
    assert.throws(() => createRng(1.5), InvalidInputError);
    assert.throws(() => createRng(1, Number.NaN), InvalidInputError);
    assert.doesNotThrow(() => createRng(-3, 2 ** 40));
  });
});
