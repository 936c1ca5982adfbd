/**
 * Phase-shifter drive helpers: V_2π per law, phase ⇄ DAC code round trips (within half an LSB in voltage),
 * quantisation-error statistics of a linear law (σ = LSB/√12), heater power, and the unit conversions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FoundryError,
  builtinPdk,
  codeToPhase,
  createRng,
  dacMaxCode,
  dbToAmplitude,
  dbToPowerRatio,
  amplitudeToDb,
  powerRatioToDb,
  dbmToMw,
  mwToDbm,
  mwToW,
  heaterPowerMw,
  parsePdk,
  phaseToCode,
  phaseToVoltageV,
  voltageToPhaseRad,
  vTwoPiV,
  type Pdk,
  type PhaseLaw,
} from '../../src/index.js';

const TWO_PI = 2 * Math.PI;
/** Relative floating-point slack for formulas with a few roundings. */
const TOL_REL = 64 * Number.EPSILON;

/** soi-thermo with another law and DAC width (validated like any PDK). */
function variant(law: PhaseLaw, bits: number): Pdk {
  const p = builtinPdk('soi-thermo');
  return parsePdk({ ...p, phaseShifter: { ...p.phaseShifter, law }, dac: { ...p.dac, bits } }, `soi-thermo (${law}, ${bits} b)`);
}

/** x wrapped to (−π, π]. */
function wrapToPi(x: number): number {
  const y = x - TWO_PI * Math.round(x / TWO_PI);
  return y <= -Math.PI ? y + TWO_PI : y;
}

test('V_2π: quadratic law √2·V_π, linear law 2·V_π', () => {
  const soi = builtinPdk('soi-thermo');
  assert.equal(soi.phaseShifter.law, 'quadratic');
  assert.ok(Math.abs(vTwoPiV(soi) - Math.SQRT2 * 4.36) <= TOL_REL * 6.2);
  assert.ok(Math.abs(vTwoPiV(soi) - 6.166) < 1e-3); // pytorch-onn's v_2π comment
  assert.equal(vTwoPiV(variant('linear', 8)), 2 * 4.36);
  for (const pdk of [soi, variant('linear', 8)]) {
    // V_π gives π, V_2π gives 2π, 0 gives 0
    assert.ok(Math.abs(voltageToPhaseRad(pdk.phaseShifter.vPiV, pdk) - Math.PI) <= TOL_REL * Math.PI);
    assert.ok(Math.abs(voltageToPhaseRad(vTwoPiV(pdk), pdk) - TWO_PI) <= TOL_REL * TWO_PI);
    assert.equal(voltageToPhaseRad(0, pdk), 0);
    assert.ok(Math.abs(phaseToVoltageV(Math.PI, pdk) - pdk.phaseShifter.vPiV) <= TOL_REL * 10);
  }
});

test('phaseToCode/codeToPhase: codes in range, round trip within half an LSB in voltage', () => {
  const rng = createRng(20240401);
  for (const law of ['quadratic', 'linear'] as const) {
    for (const bits of [1, 4, 8, 12, 16, 32]) {
      const pdk = variant(law, bits);
      const max = dacMaxCode(pdk);
      assert.equal(max, 2 ** bits - 1);
      const v2pi = vTwoPiV(pdk);
      const halfLsbV = v2pi / max / 2;
      for (let k = 0; k < 2000; k++) {
        const phase = (rng.nextFloat() - 0.25) * 3 * TWO_PI; // also negative and beyond 2π: wrapped
        const code = phaseToCode(phase, pdk);
        assert.ok(Number.isInteger(code) && code >= 0 && code <= max, `code ${code}`);
        const v = phaseToVoltageV(phase, pdk);
        const vCode = (code / max) * v2pi;
        assert.ok(Math.abs(v - vCode) <= halfLsbV * (1 + 1e-9) + TOL_REL * v2pi, `${law} ${bits} b: |ΔV| ${Math.abs(v - vCode)} > ½ LSB ${halfLsbV}`);
        // codeToPhase drives that voltage: back through the law
        const driven = codeToPhase(code, pdk);
        assert.ok(driven >= 0 && driven <= TWO_PI * (1 + TOL_REL));
        assert.ok(Math.abs(voltageToPhaseRad(vCode, pdk) - driven) <= TOL_REL * TWO_PI);
        // and the code of the driven phase is the same code (2π ≡ 0 at the top code)
        assert.equal(phaseToCode(driven, pdk), code === max ? 0 : code);
      }
      assert.equal(phaseToCode(0, pdk), 0);
      assert.equal(codeToPhase(0, pdk), 0);
      assert.ok(Math.abs(codeToPhase(max, pdk) - TWO_PI) <= TOL_REL * TWO_PI);
    }
  }
});

test('linear law: quantisation error is uniform over one LSB, σ = 2π/2^bits/√12 within a few %', () => {
  const rng = createRng(7, 3);
  const n = 200_000;
  for (const bits of [4, 6, 8]) {
    const pdk = variant('linear', bits);
    let sum = 0;
    let sumSq = 0;
    let maxAbs = 0;
    for (let k = 0; k < n; k++) {
      const phase = rng.nextFloat() * TWO_PI;
      const err = wrapToPi(codeToPhase(phaseToCode(phase, pdk), pdk) - phase);
      sum += err;
      sumSq += err * err;
      maxAbs = Math.max(maxAbs, Math.abs(err));
    }
    const mean = sum / n;
    const sigma = Math.sqrt(sumSq / n - mean * mean);
    const lsbRad = TWO_PI / dacMaxCode(pdk); // codes 0 … 2^bits − 1 span 0 … 2π
    const expected = TWO_PI / 2 ** bits / Math.sqrt(12);
    assert.ok(Math.abs(sigma / expected - 1) < 0.03 + 1 / 2 ** bits, `${bits} b: σ ${sigma} vs 2π/2^bits/√12 = ${expected}`);
    assert.ok(Math.abs(sigma / (lsbRad / Math.sqrt(12)) - 1) < 0.01, `${bits} b: σ ${sigma} vs LSB/√12 ${lsbRad / Math.sqrt(12)}`);
    assert.ok(Math.abs(mean) < 0.01 * lsbRad, `${bits} b: mean error ${mean}`);
    assert.ok(maxAbs <= lsbRad / 2 + 1e-12, `${bits} b: max error ${maxAbs} > ½ LSB`);
  }
});

test('quadratic law: phase steps are not uniform (coarse near 2π, fine near 0)', () => {
  const pdk = variant('quadratic', 8);
  const max = dacMaxCode(pdk);
  const stepNear0 = codeToPhase(1, pdk) - codeToPhase(0, pdk);
  const stepNear2Pi = codeToPhase(max, pdk) - codeToPhase(max - 1, pdk);
  assert.ok(stepNear2Pi > 100 * stepNear0);
  // step k → k+1 is 2π·(2k+1)/max²
  assert.ok(Math.abs(stepNear2Pi - (TWO_PI * (2 * max - 1)) / max ** 2) < 1e-12);
});

test('heaterPowerMw: P_π at π, → 2·P_π just below 2π, 0 at 0 and 2π, MEMS ≈ 0', () => {
  const soi = builtinPdk('soi-thermo');
  const pPi = soi.phaseShifter.pPiMw;
  assert.ok(Math.abs(heaterPowerMw(Math.PI, soi) - pPi) <= TOL_REL * pPi);
  const eps = 1e-9;
  const nearTwoPi = heaterPowerMw(TWO_PI - eps, soi);
  assert.ok(nearTwoPi < 2 * pPi && Math.abs(nearTwoPi - 2 * pPi) < 1e-6 * pPi);
  assert.equal(heaterPowerMw(0, soi), 0);
  assert.equal(heaterPowerMw(TWO_PI, soi), 0); // 2π ≡ 0: no heat needed
  assert.ok(Math.abs(heaterPowerMw(-Math.PI / 2, soi) - 1.5 * pPi) <= TOL_REL * pPi); // wrapped to 3π/2
  const mems = builtinPdk('soi-mems');
  assert.ok(heaterPowerMw(Math.PI, mems) <= 1e-5); // ≈ nW
  assert.ok(heaterPowerMw(Math.PI, builtinPdk('sin-lowloss')) > pPi);
});

test('bad arguments are InvalidInputErrors', () => {
  const pdk = builtinPdk('soi-thermo');
  for (const bad of [-1, 256, 1.5, NaN]) assert.throws(() => codeToPhase(bad, pdk), (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_INVALID_INPUT');
  assert.throws(() => phaseToCode(NaN, pdk), (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_INVALID_INPUT');
  assert.throws(() => heaterPowerMw(Infinity, pdk), (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_INVALID_INPUT');
});

test('units: dB are losses; conversions invert each other', () => {
  assert.equal(dbToPowerRatio(0), 1);
  assert.ok(Math.abs(dbToPowerRatio(10) - 0.1) < 1e-15);
  assert.ok(Math.abs(dbToPowerRatio(3) - 0.501187) < 1e-6);
  assert.ok(Math.abs(dbToAmplitude(20) - 0.1) < 1e-15);
  for (const db of [0.01, 0.99, 3, 27.5]) {
    assert.ok(Math.abs(dbToAmplitude(db) ** 2 - dbToPowerRatio(db)) < 1e-15);
    assert.ok(Math.abs(powerRatioToDb(dbToPowerRatio(db)) - db) < 1e-12);
    assert.ok(Math.abs(amplitudeToDb(dbToAmplitude(db)) - db) < 1e-12);
  }
  assert.ok(Math.abs(dbmToMw(0) - 1) < 1e-15 && Math.abs(dbmToMw(-30) - 1e-3) < 1e-18);
  assert.ok(Math.abs(mwToDbm(100) - 20) < 1e-12);
  assert.equal(mwToW(30), 0.03);
});
