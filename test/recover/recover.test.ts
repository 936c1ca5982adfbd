/**
 * Issue 4 (src/recover): per-chip calibration and fine-tuning on a small circuit (conv + gemm, core 4):
 * - crosstalk pre-compensation realises every target phase within the DAC resolution (other imperfections off);
 * - fine-tuning never worsens the calibration-set loss, and calibrating a chip brings it back near the ideal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChip } from '../../src/sim/chip.js';
import { CircuitRunner } from '../../src/sim/circuit-runner.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { IMPERFECTIONS, composeChip, planChips, resolveNoiseModel, runChip, sampleChip, type Imperfection, type SampleSet } from '../../src/sim/noise/index.js';
import { calibratePlan, correctionHook, finetuneChip, tileHeaterMasks } from '../../src/recover/index.js';
import { Rng } from '../helpers/random.js';
import { convGemmCircuit } from './fixtures.js';

const rng = new Rng(7);
const { circuit } = convGemmCircuit(rng);
const soi = builtinPdk('soi-thermo');
const only = (...on: Imperfection[]) => resolveNoiseModel(soi, { disable: IMPERFECTIONS.filter((n) => !on.includes(n)), dacBits: 8 });

function set(n: number, offset = 0): SampleSet {
  const data = Float64Array.from({ length: n * 36 }, () => Math.fround(rng.uniform(0, 1)));
  const batches = [];
  for (let s = 0; s < n; s += 16) batches.push({ start: s, end: Math.min(n, s + 16), size: Math.min(n, s + 16) - s, real: Math.min(n, s + 16) - s });
  void offset;
  return { inputName: 'x', dtype: 'float32', sampleDims: [1, 6, 6], data, n, batches, outputName: 'y' };
}

const circ = (a: number, b: number): number => {
  const d = (((a - b) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI) - Math.PI;
  return Math.abs(d);
};

test('crosstalk pre-compensation realises the target phases within the DAC resolution (other imperfections off)', () => {
  const model = only('crosstalk', 'phase-quantization');
  const plan = planChips(circuit, model);
  const sample = sampleChip(plan, 1, 0);
  const cal = calibratePlan(circuit, plan, sample);
  // largest phase step of an 8-bit quadratic-law DAC: between the two top codes, 2π·(1 − (254/255)²)
  const lsb = 2 * Math.PI * (1 - (254 / 255) ** 2);
  let worstBefore = 0;
  let worstAfter = 0;
  let checked = 0;
  plan.tiles.forEach((row, l) =>
    row.forEach((tp, i) => {
      const { used, noWrap } = tileHeaterMasks(plan, tp);
      const before = tp.baseOffsetRad!;
      const after = cal.tiles[l][i].baseOffsetRad!;
      for (let h = 0; h < used.length; h++) {
        if (!used[h]) continue;
        const target = tp.programmedRad[h];
        if (noWrap[h]) {
          // attenuators are never wrapped: exact unless the neighbours' heat alone exceeds the target
          assert.ok(after[h] > -lsb, `attenuator heater ${h}: realised ${target + after[h]} below target ${target}`);
          continue;
        }
        worstBefore = Math.max(worstBefore, circ(target + before[h], target));
        worstAfter = Math.max(worstAfter, circ(target + after[h], target));
        checked++;
      }
    }),
  );
  assert.ok(checked > 100, `${checked} heaters checked`);
  assert.ok(worstBefore > 10 * lsb, `uncorrected crosstalk error ${worstBefore} rad should be far above the LSB ${lsb}`);
  assert.ok(worstAfter <= lsb, `worst realised-phase error after pre-compensation ${worstAfter} rad > DAC step ${lsb} rad`);
});

function outputs(chip: ReturnType<typeof buildChip>, s: SampleSet): Float64Array {
  const runner = new CircuitRunner(circuit, chip);
  return Float64Array.from(runner.run({ x: { dtype: 'float32', dims: [s.n, 1, 6, 6], data: s.data } }).y.data);
}

const rms = (a: Float64Array, b: Float64Array): number => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);

test('calibrate brings a chip with crosstalk, quantisation and phase errors back near the ideal chip', () => {
  const model = only('crosstalk', 'phase-quantization', 'phase-error');
  const plan = planChips(circuit, model);
  const s = set(32);
  const ideal = outputs(buildChip(circuit), s);
  for (let k = 0; k < 3; k++) {
    const sample = sampleChip(plan, 5, k);
    const before = rms(outputs(composeChip(plan, sample, circuit), s), ideal);
    const after = rms(outputs(composeChip(calibratePlan(circuit, plan, sample), sample, circuit), s), ideal);
    assert.ok(after < before / 3, `chip ${k}: rms output error ${after} after calibration vs ${before} before`);
  }
});

test('finetune never worsens the calibration-set loss (several chips, every imperfection on)', () => {
  const model = resolveNoiseModel(soi, { dacBits: 8, splitRatioSigma: 0.005 });
  const plan = planChips(circuit, model);
  const calibration = set(48);
  for (let k = 0; k < 4; k++) {
    const sample = sampleChip(plan, 2, k);
    const chip = composeChip(plan, sample, circuit);
    const fit = finetuneChip(circuit, plan, chip, sample, calibration);
    assert.ok(fit.lossAfter <= fit.lossBefore, `chip ${k}: loss ${fit.lossAfter} after vs ${fit.lossBefore} before`);
    assert.ok(Number.isFinite(fit.lossAfter));
  }
});

test('runChip with a correction hook: the same chip (seed, k) corrected scores closer to the ideal outputs', () => {
  const model = resolveNoiseModel(soi, { dacBits: 8, splitRatioSigma: 0.005, disable: ['detector-noise', 'drift'] });
  const plan = planChips(circuit, model);
  const calibration = set(48);
  const evalSet = set(32);
  const ideal = outputs(buildChip(circuit), evalSet);
  for (const method of ['calibrate', 'finetune', 'both'] as const) {
    const plain = runChip(circuit, plan, evalSet, 4, 0, { perLayerSamples: 0 }).outputs;
    const fixed = runChip(circuit, plan, evalSet, 4, 0, { perLayerSamples: 0, correct: correctionHook(circuit, plan, method, calibration) }).outputs;
    assert.ok(rms(fixed, ideal) < rms(plain, ideal), `${method}: ${rms(fixed, ideal)} vs uncorrected ${rms(plain, ideal)}`);
  }
});
