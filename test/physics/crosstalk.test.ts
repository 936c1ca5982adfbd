/**
 * Thermal crosstalk (src/physics/thermal-crosstalk.ts): κ(d) = κ₀·exp(−d/L) within the cutoff, a symmetric
 * sparse coupling matrix equal to the brute-force one, and the phase a heater picks up from a powered
 * neighbour falling off with distance exactly as the PDK says; wired through the chip plan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinPdk } from '../../src/pdk/index.js';
import { buildCrosstalkMatrix, crosstalkCoupling, crosstalkPhaseRad, type HeaterPosition } from '../../src/physics/thermal-crosstalk.js';
import { createRng } from '../../src/core/rng.js';
import { InvalidInputError } from '../../src/core/errors.js';

const TOL_REL = 1e-12;
const soi = builtinPdk('soi-thermo').thermalCrosstalk;

test('κ(d) = κ₀·exp(−d/L) up to the cutoff, 0 beyond; the soi-thermo figures (≈ 4 % at the 50 µm pitch)', () => {
  const p = { couplingAtZero: 0.3, decayLengthUm: 25, cutoffUm: 200 };
  for (const d of [0, 1, 10, 25, 50, 100, 199.9, 200]) {
    const want = 0.3 * Math.exp(-d / 25);
    assert.ok(Math.abs(crosstalkCoupling(d, p) - want) <= TOL_REL * want, `d = ${d}`);
  }
  assert.equal(crosstalkCoupling(200.001, p), 0);
  assert.equal(crosstalkCoupling(1e4, p), 0);
  // monotone: every 25 µm divides the coupling by e
  assert.ok(Math.abs(crosstalkCoupling(75, p) / crosstalkCoupling(50, p) - Math.exp(-1)) <= TOL_REL);
  const k50 = crosstalkCoupling(50, soi);
  assert.ok(k50 > 0.035 && k50 < 0.045, `soi-thermo κ(50 µm) = ${k50}`);
  assert.throws(() => crosstalkCoupling(-1, p), InvalidInputError);
});

test('one powered heater: each neighbour picks up κ(d)·φ, falling off with distance as the PDK says', () => {
  const d = [0, 25, 50, 75, 100, 150, 199, 201, 400];
  const heaters: HeaterPosition[] = d.map((x) => ({ xUm: x, yUm: 3 }));
  const K = buildCrosstalkMatrix(heaters, soi);
  const phi = new Float64Array(d.length);
  phi[0] = Math.PI; // heater 0 driven to π (its power P_π); the others are off
  const dphi = crosstalkPhaseRad(K, phi);
  assert.equal(dphi[0], 0, 'a heater does not couple to itself');
  for (let j = 1; j < d.length; j++) {
    const want = d[j] <= soi.cutoffUm ? soi.couplingAtZero * Math.exp(-d[j] / soi.decayLengthUm) * Math.PI : 0;
    assert.ok(Math.abs(dphi[j] - want) <= TOL_REL * Math.max(want, 1e-300), `heater at ${d[j]} µm: ${dphi[j]} vs ${want}`);
  }
  // ratio of neighbours = exp(−Δd/L)
  assert.ok(Math.abs(dphi[3] / dphi[2] - Math.exp(-25 / soi.decayLengthUm)) <= 1e-12);
  // linear in the driving phases (superposition)
  const phi2 = Float64Array.from(d, (_, i) => (i === 4 ? 2 : 0));
  const both = crosstalkPhaseRad(K, Float64Array.from(phi, (v, i) => v + phi2[i]));
  const sum = crosstalkPhaseRad(K, phi).map((v, i) => v + crosstalkPhaseRad(K, phi2)[i]);
  for (let j = 0; j < d.length; j++) assert.ok(Math.abs(both[j] - sum[j]) <= 1e-15);
});

test('sparse (grid-bucketed) matrix = brute force on random heaters, symmetric, no self-coupling', () => {
  const rng = createRng(5);
  const heaters: HeaterPosition[] = Array.from({ length: 400 }, () => ({ xUm: rng.nextFloat() * 2000 - 300, yUm: rng.nextFloat() * 900 }));
  const K = buildCrosstalkMatrix(heaters, soi);
  const dense = new Float64Array(heaters.length * heaters.length);
  for (let i = 0; i < heaters.length; i++) {
    for (let e = K.rowStart[i]; e < K.rowStart[i + 1]; e++) {
      assert.notEqual(K.column[e], i);
      dense[i * heaters.length + K.column[e]] = K.kappa[e];
    }
  }
  for (let i = 0; i < heaters.length; i++) {
    for (let j = 0; j < heaters.length; j++) {
      const d = Math.hypot(heaters[i].xUm - heaters[j].xUm, heaters[i].yUm - heaters[j].yUm);
      const want = i === j ? 0 : crosstalkCoupling(d, soi);
      assert.ok(Math.abs(dense[i * heaters.length + j] - want) <= TOL_REL * want, `(${i}, ${j})`);
      assert.equal(dense[i * heaters.length + j], dense[j * heaters.length + i]);
    }
  }
});

test('κ₀ = 0 or cutoff 0: no coupling; bad kernel parameters are errors', () => {
  const h = [{ xUm: 0, yUm: 0 }, { xUm: 10, yUm: 0 }];
  assert.equal(buildCrosstalkMatrix(h, { ...soi, couplingAtZero: 0 }).kappa.length, 0);
  assert.equal(buildCrosstalkMatrix(h, { ...soi, cutoffUm: 0 }).kappa.length, 0);
  assert.throws(() => buildCrosstalkMatrix(h, { ...soi, decayLengthUm: 0 }), InvalidInputError);
  assert.throws(() => buildCrosstalkMatrix([{ xUm: NaN, yUm: 0 }], soi), InvalidInputError);
  assert.throws(() => crosstalkPhaseRad(buildCrosstalkMatrix(h, soi), new Float64Array(3)), InvalidInputError);
});
