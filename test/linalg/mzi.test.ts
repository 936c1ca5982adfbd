import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { cmatFromRows, maxAbsDiff, multiplyCMat, transposeCMat, unitarityDeviation } from '../../src/core/linalg/cmat.js';
import { commuteInverseThroughScreen, mziMatrix, wrapPhase } from '../../src/core/linalg/mzi.js';
import { createRng } from '../../src/core/rng.js';
import { adjointCMat } from '../../src/core/linalg/cmat.js';

const TOL = 1e-14;

function mat(theta: number, phi: number): CMat {
  const t = mziMatrix(theta, phi);
  return { rows: 2, cols: 2, re: Float64Array.of(t[0], t[2], t[4], t[6]), im: Float64Array.of(t[1], t[3], t[5], t[7]) };
}
function diag(a: number, b: number): CMat {
  return cmatFromRows([[Math.cos(a), 0], [0, Math.cos(b)]], [[Math.sin(a), 0], [0, Math.sin(b)]]);
}
const s = Math.SQRT1_2;
const B = cmatFromRows([[s, 0], [0, s]], [[0, s], [s, 0]]);
const mul = (...ms: CMat[]): CMat => ms.reduce((x, y) => multiplyCMat(x, y));

describe('mzi convention', () => {
  const rng = createRng(31);
  const cases = Array.from({ length: 20 }, () => [rng.nextFloat() * 4 * Math.PI - Math.PI, rng.nextFloat() * 4 * Math.PI - Math.PI, rng.nextFloat() * 7, rng.nextFloat() * 7]);
  cases.push([0, 0, 0, 0], [Math.PI, 0, 1, 2], [2 * Math.PI, 3, 0, 0]);

  it('mziMatrix = B·diag(e^{iθ},1)·B·diag(e^{iφ},1), unitary', () => {
    for (const [theta, phi] of cases) {
      const t = mat(theta, phi);
      assert.ok(maxAbsDiff(t, mul(B, diag(theta, 0), B, diag(phi, 0))) <= TOL);
      assert.ok(unitarityDeviation(t) <= TOL);
    }
  });

  it('T(θ,φ)⁻¹·diag(e^{iα},e^{iβ}) = diag(α′, β′)·T(θ′,φ′)', () => {
    for (const [theta, phi, alpha, beta] of cases) {
      const c = commuteInverseThroughScreen(theta, phi, alpha, beta);
      const lhs = mul(adjointCMat(mat(theta, phi)), diag(alpha, beta));
      const rhs = mul(diag(c.alphaOut, c.betaOut), mat(c.theta, c.phi));
      assert.ok(maxAbsDiff(lhs, rhs) <= TOL);
    }
  });

  it('T(θ,φ)·diag(e^{iα},e^{iβ}) = e^{iβ}·T(θ, φ+α−β)', () => {
    for (const [theta, phi, alpha, beta] of cases) {
      assert.ok(maxAbsDiff(mul(mat(theta, phi), diag(alpha, beta)), mul(diag(beta, beta), mat(theta, phi + alpha - beta))) <= TOL);
    }
  });

  it('T(θ,φ)ᵀ = diag(e^{iφ},1)·T(θ,0)', () => {
    for (const [theta, phi] of cases) assert.ok(maxAbsDiff(transposeCMat(mat(theta, phi)), mul(diag(phi, 0), mat(theta, 0))) <= TOL);
  });

  it('wrapPhase maps to [0, 2π)', () => {
    for (const x of [0, 1, -1, 2 * Math.PI, -2 * Math.PI, 1e3, -1e-18, 7 * Math.PI]) {
      const y = wrapPhase(x);
      assert.ok(y >= 0 && y < 2 * Math.PI, `${x} → ${y}`);
      assert.ok(Math.abs(Math.cos(y) - Math.cos(x)) < 1e-12 && Math.abs(Math.sin(y) - Math.sin(x)) < 1e-12);
    }
  });
});
