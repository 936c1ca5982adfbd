/**
 * Device physics the Monte-Carlo chips rest on, in OUR conventions:
 * - MZI T(θ,φ) = B·diag(e^{iθ},1)·B·diag(e^{iφ},1) (src/core/linalg/mzi.ts) = i e^{iθ/2}·[[e^{iφ} sin(θ/2), cos(θ/2)],
 *   [e^{iφ} cos(θ/2), −sin(θ/2)]]: the BAR ports (0→0, 1→1) carry sin²(θ/2) of the power and the CROSS ports
 *   (0→1, 1→0) cos²(θ/2). So θ = 0 is full cross, θ = π full bar; a π error on θ swaps bar and cross, and a
 *   π/2 error turns full cross into 50:50.
 * - insertion loss in dB is power: 3 dB transmits 10^(−0.3) ≈ ½ of the power (field × 10^(−3/20)).
 * - coupler splitting ratio r ↔ coupling angle δ: cos²(π/4 + δ) = r.
 * - DAC phase quantisation with a linear law has error ≈ uniform, RMS LSB/√12, LSB = 2π/(2^bits − 1) ≈ 2π/2^bits.
 * - the noise normals have the moments of N(0, 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mziMatrix } from '../../src/core/linalg/mzi.js';
import { createRng } from '../../src/core/rng.js';
import { dbToAmplitude, dbToPowerRatio } from '../../src/core/units.js';
import { mziMatrixImperfect } from '../../src/sim/mzi-imperfect.js';
import { propagateMesh } from '../../src/sim/mesh-propagate.js';
import type { MziMesh } from '../../src/ir/circuit.js';
import { builtinPdk } from '../../src/pdk/index.js';
import type { Pdk } from '../../src/pdk/types.js';
import { couplerAngleRad } from '../../src/sim/noise/chip-sample.js';
import { quantizeHeaterPhaseRad, quantizeSigned, signedLevels } from '../../src/sim/noise/quantize.js';
import { fillNormals, fillNormalsTable, inverseNormalCdf } from '../../src/sim/noise/normal.js';

const TOL = 1e-14;
const p2 = (re: number, im: number): number => re * re + im * im;
/** Power from input port `i` to output port `o` of T(θ, φ). */
function power(theta: number, phi: number, o: number, i: number): number {
  const t = mziMatrix(theta, phi);
  return p2(t[4 * o + 2 * i], t[4 * o + 2 * i + 1]);
}

test('MZI ports in our convention: cross power cos²(θ/2), bar power sin²(θ/2), for any φ', () => {
  const rng = createRng(1);
  for (let n = 0; n < 50; n++) {
    const theta = rng.nextFloat() * 2 * Math.PI;
    const phi = rng.nextFloat() * 2 * Math.PI;
    const cross = Math.cos(theta / 2) ** 2;
    const bar = Math.sin(theta / 2) ** 2;
    assert.ok(Math.abs(power(theta, phi, 1, 0) - cross) <= TOL, 'in 0 → out 1 is cross');
    assert.ok(Math.abs(power(theta, phi, 0, 1) - cross) <= TOL, 'in 1 → out 0 is cross');
    assert.ok(Math.abs(power(theta, phi, 0, 0) - bar) <= TOL, 'in 0 → out 0 is bar');
    assert.ok(Math.abs(power(theta, phi, 1, 1) - bar) <= TOL, 'in 1 → out 1 is bar');
  }
  assert.ok(Math.abs(power(0, 0, 1, 0) - 1) <= TOL, 'θ = 0: full cross');
  assert.ok(Math.abs(power(Math.PI, 0, 0, 0) - 1) <= TOL, 'θ = π: full bar');
});

test('a π error on θ swaps bar and cross; a π/2 error turns full cross into 50:50', () => {
  const rng = createRng(2);
  for (let n = 0; n < 20; n++) {
    const theta = rng.nextFloat() * 2 * Math.PI;
    assert.ok(Math.abs(power(theta + Math.PI, 0, 1, 0) - power(theta, 0, 0, 0)) <= TOL);
    assert.ok(Math.abs(power(theta + Math.PI, 0, 0, 0) - power(theta, 0, 1, 0)) <= TOL);
  }
  assert.ok(Math.abs(power(Math.PI / 2, 0, 1, 0) - 0.5) <= TOL);
  assert.ok(Math.abs(power(Math.PI / 2, 0, 0, 0) - 0.5) <= TOL);
  // through the mesh propagator with a θ offset (the Monte-Carlo seam): full cross + π/2 error → 50:50
  const mesh: MziMesh = { N: 2, topology: 'clements', mzis: [{ top: 0, theta: 0, phi: 0, col: 0 }], phasesOut: new Float64Array(2) };
  const x = { rows: 2, cols: 1, re: Float64Array.of(1, 0), im: Float64Array.of(0, 0) };
  const ideal = propagateMesh(mesh, x);
  assert.ok(Math.abs(p2(ideal.re[1], ideal.im[1]) - 1) <= TOL);
  const off = propagateMesh(mesh, x, { thetaOffsetRad: Float64Array.of(Math.PI / 2) });
  assert.ok(Math.abs(p2(off.re[0], off.im[0]) - 0.5) <= TOL && Math.abs(p2(off.re[1], off.im[1]) - 0.5) <= TOL);
});

test('a 3 dB loss halves the power: 10^(−3/10) of it passes, in units and through a lossy MZI', () => {
  assert.ok(Math.abs(dbToPowerRatio(3) - 10 ** -0.3) <= TOL);
  assert.ok(Math.abs(dbToPowerRatio(3) - 0.5) <= 0.0012, '3 dB ≈ one half');
  assert.ok(Math.abs(dbToAmplitude(3) ** 2 - dbToPowerRatio(3)) <= TOL, 'field factor = √power factor');
  const mesh: MziMesh = { N: 2, topology: 'clements', mzis: [{ top: 0, theta: 1.1, phi: 0.4, col: 0 }], phasesOut: new Float64Array(2) };
  const x = { rows: 2, cols: 1, re: Float64Array.of(0.6, -0.3), im: Float64Array.of(0.2, 0.5) };
  const pin = p2(x.re[0], x.im[0]) + p2(x.re[1], x.im[1]);
  const y = propagateMesh(mesh, x, { lossDb: Float64Array.of(3) });
  const pout = p2(y.re[0], y.im[0]) + p2(y.re[1], y.im[1]);
  assert.ok(Math.abs(pout / pin - 10 ** -0.3) <= 1e-13);
});

test('coupler errors: r ↔ δ with cos²(π/4 + δ) = r; δ = 0 is the ideal MZI; the MZI stays unitary', () => {
  for (const r of [0, 0.2, 0.495, 0.5, 0.505, 0.9, 1]) assert.ok(Math.abs(Math.cos(Math.PI / 4 + couplerAngleRad(r)) ** 2 - r) <= 1e-12, `r = ${r}`);
  assert.equal(couplerAngleRad(0.5), 0);
  const a = mziMatrix(0.7, 2.1);
  const b = new Float64Array(8);
  mziMatrixImperfect(0.7, 2.1, 0, 0, b, 0);
  for (let e = 0; e < 8; e++) assert.ok(Math.abs(a[e] - b[e]) <= TOL);
  mziMatrixImperfect(0.7, 2.1, couplerAngleRad(0.52), couplerAngleRad(0.47), b, 0);
  // columns of a unitary have unit norm
  assert.ok(Math.abs(p2(b[0], b[1]) + p2(b[4], b[5]) - 1) <= TOL);
  assert.ok(Math.abs(p2(b[2], b[3]) + p2(b[6], b[7]) - 1) <= TOL);
  // with imbalanced (55:45) couplers θ = 0 no longer gives a perfect cross: (1 − 2r)² of the power stays in bar
  mziMatrixImperfect(0, 0, couplerAngleRad(0.55), couplerAngleRad(0.55), b, 0);
  assert.ok(Math.abs(p2(b[0], b[1]) - 0.1 ** 2) <= 1e-12, 'bar leakage with 55:45 couplers');
});

function withLaw(law: 'linear' | 'quadratic', bits: number): Pdk {
  const pdk = builtinPdk('soi-thermo');
  return { ...pdk, phaseShifter: { ...pdk.phaseShifter, law }, dac: { ...pdk.dac, bits } };
}

test('DAC phase quantisation (linear law): error uniform in ±LSB/2, RMS 2π/(2^bits − 1)/√12 ≈ 2π/2^bits/√12', () => {
  const rng = createRng(3);
  for (const bits of [6, 8, 10]) {
    const pdk = withLaw('linear', bits);
    const lsb = (2 * Math.PI) / (2 ** bits - 1);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      const phi = rng.nextFloat() * 2 * Math.PI;
      const e = quantizeHeaterPhaseRad(phi, pdk) - phi;
      s += e;
      s2 += e * e;
      maxAbs = Math.max(maxAbs, Math.abs(e));
    }
    const rms = Math.sqrt(s2 / n);
    assert.ok(maxAbs <= lsb / 2 + 1e-12, `${bits} bits: max error ${maxAbs} > LSB/2`);
    assert.ok(Math.abs(s / n) <= 0.02 * lsb, `${bits} bits: biased`);
    assert.ok(Math.abs(rms / (lsb / Math.sqrt(12)) - 1) <= 0.01, `${bits} bits: RMS ${rms} vs ${lsb / Math.sqrt(12)}`);
    assert.ok(Math.abs(rms / ((2 * Math.PI) / 2 ** bits / Math.sqrt(12)) - 1) <= 0.02, `${bits} bits: ≈ 2π/2^bits/√12`);
  }
});

test('DAC phase quantisation (quadratic heater law): uniform in voltage, so coarser near 2π than near 0', () => {
  const pdk = withLaw('quadratic', 8);
  const rng = createRng(4);
  let lowSq = 0;
  let highSq = 0;
  const n = 50000;
  for (let i = 0; i < n; i++) {
    const lo = rng.nextFloat() * 0.5;
    const hi = 2 * Math.PI - 0.5 + rng.nextFloat() * 0.5;
    lowSq += (quantizeHeaterPhaseRad(lo, pdk) - lo) ** 2;
    highSq += (quantizeHeaterPhaseRad(hi, pdk) - hi) ** 2;
  }
  assert.ok(Math.sqrt(highSq / n) > 2 * Math.sqrt(lowSq / n));
});

test('signed converters (input DAC, ADC): mid-tread, 2^(bits−1) − 1 levels a side, clip at full scale', () => {
  assert.equal(signedLevels(8), 127);
  assert.equal(signedLevels(1), 1);
  assert.equal(quantizeSigned(0.5, 1, 127), Math.round(63.5) / 127);
  assert.equal(quantizeSigned(3, 1, 127), 1);
  assert.equal(quantizeSigned(-3, 1, 127), -1);
  assert.equal(quantizeSigned(0.3, 0, 127), 0);
  const rng = createRng(6);
  let s2 = 0;
  const n = 100000;
  for (let i = 0; i < n; i++) {
    const v = rng.nextFloat() * 2 - 1;
    s2 += (quantizeSigned(v, 1, 127) - v) ** 2;
  }
  assert.ok(Math.abs(Math.sqrt(s2 / n) / (1 / 127 / Math.sqrt(12)) - 1) <= 0.01);
});

test('normals: the ziggurat and the 16-bit table both have N(0, 1) moments; Φ⁻¹ is accurate', () => {
  assert.ok(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054) <= 1e-8);
  assert.ok(Math.abs(inverseNormalCdf(0.5)) <= 1e-15);
  assert.ok(Math.abs(inverseNormalCdf(1e-6) + 4.753424308822899) <= 1e-7);
  const n = 1 << 20;
  for (const fill of [fillNormals, fillNormalsTable]) {
    const z = fill(createRng(9, 1), new Float64Array(n));
    let m1 = 0, m2 = 0, m4 = 0, tail = 0;
    for (const v of z) {
      m1 += v;
      m2 += v * v;
      m4 += v ** 4;
      if (Math.abs(v) > 2) tail++;
    }
    m1 /= n; m2 /= n; m4 /= n;
    assert.ok(Math.abs(m1) <= 4 / Math.sqrt(n), `${fill.name}: mean ${m1}`);
    assert.ok(Math.abs(m2 - 1) <= 4 * Math.sqrt(2 / n), `${fill.name}: variance ${m2}`);
    assert.ok(Math.abs(m4 - 3) <= 0.04, `${fill.name}: fourth moment ${m4}`);
    assert.ok(Math.abs(tail / n - 0.0455) <= 0.001, `${fill.name}: P(|z| > 2) = ${tail / n}`);
  }
  // same stream, same draws
  assert.deepEqual(fillNormalsTable(createRng(1, 2), new Float64Array(9)), fillNormalsTable(createRng(1, 2), new Float64Array(9)));
});
