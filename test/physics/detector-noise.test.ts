/**
 * Detector noise (src/physics/detector-noise.ts): σ_I² = 2q(I_sig + I_dark)B + i_n²·B, its normalised form, and
 * the noisy detection path (src/sim/noise/detection.ts) whose outputs have exactly that variance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectorNoiseVarianceA2, normalizedDetectorNoise, photocurrentA } from '../../src/physics/detector-noise.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { ELEMENTARY_CHARGE_C } from '../../src/core/units.js';
import { createRng } from '../../src/core/rng.js';
import { detectLayer, matrixSource, type LayerDetection } from '../../src/sim/noise/detection.js';
import type { ChipLayer } from '../../src/sim/chip.js';
import { WasmMatmul } from '../../src/ops/wasm-matmul.js';

const pd = builtinPdk('soi-thermo').photodetector; // 1 A/W, 0.1 nA, 20 GHz, 10 pA/√Hz

test('σ_I² = 2q(I_sig + I_dark)B + i_n²B (soi-thermo detector, by hand)', () => {
  const q = 1.602176634e-19;
  const B = 20e9;
  for (const iSig of [0, 1e-9, 1e-6, 1e-3]) {
    const want = 2 * q * (iSig + 0.1e-9) * B + (10e-12) ** 2 * B;
    assert.ok(Math.abs(detectorNoiseVarianceA2(iSig, pd) - want) <= 1e-12 * want, `I = ${iSig}`);
  }
  // TIA noise dominates at µA signals, shot noise at mA
  assert.ok(2 * q * 1e-6 * B < (10e-12) ** 2 * B);
  assert.ok(2 * q * 1e-3 * B > (10e-12) ** 2 * B);
  assert.equal(photocurrentA(1e-3, pd), 1e-3);
  assert.throws(() => detectorNoiseVarianceA2(-1, pd));
});

test('normalised noise: σ_d² = floor + shotPerPower·|E|² is σ_I²/(R·P_in)² at the current R·P_in·|E|²', () => {
  const pInMw = 2.5;
  const n = normalizedDetectorNoise(pd, pInMw);
  const full = pd.responsivityAPerW * pInMw * 1e-3;
  assert.equal(n.fullScaleCurrentA, full);
  for (const e2 of [0, 0.01, 0.5, 3]) {
    const want = detectorNoiseVarianceA2(full * e2, pd) / (full * full);
    const got = n.floorVariance + n.shotPerPower * e2;
    assert.ok(Math.abs(got - want) <= 1e-12 * want, `|E|² = ${e2}`);
  }
  assert.ok(Math.abs(n.shotPerPower - (2 * ELEMENTARY_CHARGE_C * 20e9) / full) <= 1e-15 * n.shotPerPower);
  assert.throws(() => normalizedDetectorNoise(pd, 0));
});

test('noisy detection: output variance matches A·n² + C·|E|² (Monte Carlo, 40,000 passes), mean is the signal', () => {
  // one tile, 2 outputs × 3 inputs: R and Q rows chosen by hand; every pass sends the same x (‖x‖∞ = 2)
  const R = [0.5, -0.25, 0.1, 0.2, 0.3, -0.4];
  const Q = [0.05, 0.4, -0.3, 0.1, -0.2, 0.25];
  const stacked = Float64Array.from([...R, ...Q]);
  const layer: ChipLayer = {
    rows: 2, cols: 3,
    tiles: [{ rowStart: 0, colStart: 0, rows: 2, cols: 3, readout: stacked.subarray(0, 6), quadrature: stacked.subarray(6), stacked }],
  };
  const floorVarPerNorm2 = 3e-3;
  const shotPerPower = 2e-2;
  const det: LayerDetection = {
    tiles: [{ floorVarPerNorm2, fullScalePerNorm: Float64Array.of(1, 1) }],
    inputLevels: 0, adcLevels: 0, noise: true, shotPerPower,
  };
  const x = [2, -1, 0.5];
  const P = 40000;
  const X = new Float64Array(3 * P);
  for (let k = 0; k < 3; k++) X.fill(x[k], k * P, (k + 1) * P);
  const streams = Array.from({ length: P }, (_, s) => createRng(11, s));
  for (const simd of [WasmMatmul.create(), undefined]) {
    const y = detectLayer(layer, det, matrixSource(X, 3, P), { streams, rows: P }, { opset: 13, simd });
    for (let i = 0; i < 2; i++) {
      const re = R[3 * i] * x[0] + R[3 * i + 1] * x[1] + R[3 * i + 2] * x[2];
      const im = Q[3 * i] * x[0] + Q[3 * i + 1] * x[1] + Q[3 * i + 2] * x[2];
      const variance = floorVarPerNorm2 * 4 + shotPerPower * (re * re + im * im);
      let s = 0;
      let s2 = 0;
      for (let p = 0; p < P; p++) {
        const d = y[i * P + p] - re;
        s += d;
        s2 += d * d;
      }
      const mean = s / P;
      const v = s2 / P - mean * mean;
      assert.ok(Math.abs(mean) <= 4 * Math.sqrt(variance / P), `row ${i}: mean offset ${mean}`);
      // the sample variance of 40,000 normals is within ±2.2 % (3σ) of the true one
      assert.ok(Math.abs(v / variance - 1) <= 0.022, `row ${i}: variance ${v} vs ${variance}`);
    }
  }
});
