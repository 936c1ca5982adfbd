/**
 * Issue 4, hardware-aware phase fine-tuning (src/recover/phase-finetune.ts, tile-objective.ts, tile-moments.ts) on
 * a small circuit (conv + gemm, core 8), every static imperfection on (splitting, crosstalk, phase error, loss,
 * attenuator floor, 8-bit DAC):
 * - the tile model reproduces composeChip's tile readouts;
 * - its analytic gradient matches central finite differences;
 * - the tile inputs' second moments match a direct im2col of the ideal chip's conv input;
 * - projected GD lowers every tile's data-weighted error vs the starting (calibrated) drives and never raises it;
 * - on held-out samples the fine-tuned plan's chip is much closer to the ideal chip than the design's drives, and
 *   not materially further than calibrated drives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChip } from '../../src/sim/chip.js';
import { CircuitRunner } from '../../src/sim/circuit-runner.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { composeChip, planChips, resolveNoiseModel, sampleChip, type SampleSet } from '../../src/sim/noise/index.js';
import { calibratePlan, tileHeaterMasks } from '../../src/recover/index.js';
import { finetunePhases, tileDrives } from '../../src/recover/phase-finetune.js';
import { tileObjective } from '../../src/recover/tile-objective.js';
import { tileMoments } from '../../src/recover/tile-moments.js';
import { Executor } from '../../src/exec/index.js';
import { quantizeHeaterPhaseRad } from '../../src/sim/noise/quantize.js';
import { Rng } from '../helpers/random.js';
import { convGemmCircuit } from './fixtures.js';

const rng = new Rng(11);
const { graph, circuit } = convGemmCircuit(rng);
const soi = builtinPdk('soi-thermo');
// static imperfections only (no drift, no detector noise): the objective's model is then the whole chip
const model = resolveNoiseModel(soi, { dacBits: 8, splitRatioSigma: 0.02, disable: ['detector-noise', 'drift', 'input-quantization', 'adc'] });
const plan = planChips(circuit, model);

function set(n: number): SampleSet {
  const data = Float64Array.from({ length: n * 36 }, () => Math.fround(rng.uniform(0, 1)));
  const batches = [];
  for (let s = 0; s < n; s += 16) batches.push({ start: s, end: Math.min(n, s + 16), size: Math.min(n, s + 16) - s, real: Math.min(n, s + 16) - s });
  return { inputName: 'x', dtype: 'float32', sampleDims: [1, 6, 6], data, n, batches, outputName: 'y' };
}

const calibration = set(40);
const moments = tileMoments(circuit, plan.idealChip, calibration);

test('the tile model reproduces composeChip readouts (calibrated drives, every static imperfection)', () => {
  const sample = sampleChip(plan, 3, 0);
  const cal = calibratePlan(circuit, plan, sample);
  const chip = composeChip(cal, sample, circuit);
  let worst = 0;
  cal.tiles.forEach((row, l) =>
    row.forEach((tp, i) => {
      const obj = tileObjective(cal, tp, circuit.layers[l].tiles[i], sample.cores[tp.core], plan.idealChip.layers[l].tiles[i].readout, moments[l][i]);
      obj.evaluate(tileDrives(cal, tp));
      const ref = chip.layers[l].tiles[i].readout;
      for (let x = 0; x < ref.length; x++) worst = Math.max(worst, Math.abs(obj.response[x] - ref[x]));
    }),
  );
  assert.ok(worst < 1e-12, `largest difference to composeChip ${worst}`);
});

test('the analytic gradient matches central finite differences (splitting errors and crosstalk on)', () => {
  const sample = sampleChip(plan, 3, 1);
  for (const [l, i] of [[0, 0], [1, 3]]) {
    const tp = plan.tiles[l][i];
    const obj = tileObjective(plan, tp, circuit.layers[l].tiles[i], sample.cores[tp.core], plan.idealChip.layers[l].tiles[i].readout, moments[l][i]);
    const { used } = tileHeaterMasks(plan, tp);
    // a generic point: the design's drives with a random perturbation (so no term is at a stationary point)
    const p = Float64Array.from(tileDrives(plan, tp), (v, h) => (used[h] ? Math.min(6, Math.max(0.2, v + 0.3 * rng.uniform(-1, 1))) : v));
    const grad = new Float64Array(p.length);
    const loss = obj.evaluate(p, grad);
    assert.ok(loss > 0);
    const eps = 1e-6;
    let worst = 0;
    let scale = 0;
    let checked = 0;
    for (let h = 0; h < p.length; h++) {
      if (!used[h]) continue;
      const q = Float64Array.from(p);
      q[h] = p[h] + eps;
      const up = obj.evaluate(q);
      q[h] = p[h] - eps;
      const down = obj.evaluate(q);
      const fd = (up - down) / (2 * eps);
      worst = Math.max(worst, Math.abs(fd - grad[h]));
      scale = Math.max(scale, Math.abs(fd));
      checked++;
    }
    assert.ok(checked > 50, `${checked} heaters`);
    assert.ok(scale > 1e-3, `gradient scale ${scale}`);
    assert.ok(worst < 1e-6 * scale + 1e-9, `layer ${l} tile ${i}: worst |analytic − finite difference| ${worst} (largest component ${scale})`);
  }
});

test('tile moments: E[x̂ x̂ᵀ] of the tiles’ normalised input slices (conv patches, gemm activations)', () => {
  const n = calibration.n;
  // independent reference: the conv's 3×3 patches (pad 1) of the raw input, and the digital graph's Flatten output
  const patches: number[][] = [];
  for (let s = 0; s < n; s++) {
    for (let oy = 0; oy < 6; oy++) {
      for (let ox = 0; ox < 6; ox++) {
        const v: number[] = [];
        for (let ky = 0; ky < 3; ky++) {
          for (let kx = 0; kx < 3; kx++) {
            const y = oy + ky - 1;
            const x = ox + kx - 1;
            v.push(y >= 0 && y < 6 && x >= 0 && x < 6 ? calibration.data[s * 36 + y * 6 + x] : 0);
          }
        }
        patches.push(v);
      }
    }
  }
  const flat = new Executor(graph).run({ x: { dtype: 'float32', dims: [n, 1, 6, 6], data: calibration.data } }, { keepIntermediates: true }).f;
  const acts = Array.from({ length: n }, (_, s) => Array.from(flat.data.subarray(s * 108, (s + 1) * 108)));
  const check = (l: number, vectors: number[][]): void => {
    circuit.layers[l].tiles.forEach((t, i) => {
      const c = new Float64Array(t.cols * t.cols);
      for (const v of vectors) {
        const x = v.slice(t.colStart, t.colStart + t.cols);
        const m = Math.max(...x.map(Math.abs));
        if (m === 0) continue;
        for (let a = 0; a < t.cols; a++) for (let b = 0; b < t.cols; b++) c[a * t.cols + b] += (x[a] / m) * (x[b] / m);
      }
      const got = moments[l][i];
      for (let e = 0; e < c.length; e++) assert.ok(Math.abs(got[e] - c[e] / vectors.length) < 1e-9, `layer ${l} tile ${i} entry ${e}: ${got[e]} vs ${c[e] / vectors.length}`);
    });
  };
  check(0, patches);
  check(1, acts);
});

/** Every tile's objective at the drives of `p` (the plan of chip `sample`). */
function tileLosses(p: typeof plan, sample: ReturnType<typeof sampleChip>): number[][] {
  return p.tiles.map((row, l) =>
    row.map((tp, i) => tileObjective(p, tp, circuit.layers[l].tiles[i], sample.cores[tp.core], plan.idealChip.layers[l].tiles[i].readout, moments[l][i]).evaluate(tileDrives(p, tp))),
  );
}

test('phase GD lowers the data-weighted tile error vs the calibrated drives, never raises it, and keeps drives in [0, 2π] on DAC codes', () => {
  const quantize = (v: number): number => quantizeHeaterPhaseRad(v, soi);
  for (let k = 0; k < 3; k++) {
    const sample = sampleChip(plan, 9, k);
    const cal = calibratePlan(circuit, plan, sample);
    const { plan: tuned, tiles } = finetunePhases(circuit, cal, sample, moments);
    const before = tileLosses(cal, sample);
    const after = tileLosses(tuned, sample);
    let sumBefore = 0;
    let sumAfter = 0;
    tuned.tiles.forEach((row, l) =>
      row.forEach((tp, i) => {
        assert.ok(after[l][i] <= before[l][i], `chip ${k} layer ${l} tile ${i}: ${after[l][i]} > ${before[l][i]}`);
        assert.ok(Math.abs(after[l][i] - tiles[l][i].lossEnd) <= 1e-9 * before[l][i], `reported ${tiles[l][i].lossEnd} vs ${after[l][i]}`);
        sumBefore += before[l][i];
        sumAfter += after[l][i];
        const { used } = tileHeaterMasks(tuned, tp);
        const p = tileDrives(tuned, tp);
        for (let h = 0; h < p.length; h++) {
          if (!used[h]) continue;
          assert.ok(p[h] >= -1e-9 && p[h] <= 2 * Math.PI + 1e-9, `drive ${p[h]} out of [0, 2π]`);
          assert.ok(Math.abs(quantize(Math.min(p[h], 2 * Math.PI - 1e-9)) - p[h]) < 1e-7, `drive ${p[h]} is not a DAC code`);
        }
      }),
    );
    assert.ok(sumAfter < 0.5 * sumBefore, `chip ${k}: total tile error ${sumAfter} after vs ${sumBefore} before`);
  }
});

test('guard: a step size that cannot descend leaves the starting drives (objective unchanged)', () => {
  const sample = sampleChip(plan, 9, 0);
  const cal = calibratePlan(circuit, plan, sample);
  const { plan: tuned, tiles } = finetunePhases(circuit, cal, sample, moments, { learningRateRad: 50, maxIterations: 5 });
  const before = tileLosses(cal, sample);
  const after = tileLosses(tuned, sample);
  assert.ok(tiles.flat().some((r) => !r.kept), 'the guard is exercised: some tile keeps its starting drives');
  tiles.forEach((row, l) =>
    row.forEach((r, i) => {
      assert.ok(after[l][i] <= before[l][i], `layer ${l} tile ${i}: ${after[l][i]} > ${before[l][i]}`);
      if (!r.kept) assert.equal(tuned.tiles[l][i], cal.tiles[l][i]);
    }),
  );
});

const rms = (a: Float64Array, b: Float64Array): number => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);

test('held-out samples: phase GD wins back most of the error from the design drives, keeps it from calibrated drives', () => {
  const held = set(32);
  const run = (chip: ReturnType<typeof buildChip>): Float64Array =>
    Float64Array.from(new CircuitRunner(circuit, chip).run({ x: { dtype: 'float32', dims: [held.n, 1, 6, 6], data: held.data } }).y.data);
  const ideal = run(buildChip(circuit));
  for (let k = 0; k < 2; k++) {
    const sample = sampleChip(plan, 12, k);
    // from the design's drives GD must win most of the error back; from calibrated drives (already near the chip's
    // optimum once the loss is balanced) it fits 40 calibration samples and may not beat them on held-out ones by
    // much, but must not make them materially worse
    for (const [start, bound] of [[plan, 0.7], [calibratePlan(circuit, plan, sample), 1.2]] as const) {
      const before = rms(run(composeChip(start, sample, circuit)), ideal);
      const after = rms(run(composeChip(finetunePhases(circuit, start, sample, moments).plan, sample, circuit)), ideal);
      assert.ok(after < bound * before, `chip ${k}: rms output error ${after} after phase GD vs ${before} (bound ${bound}×)`);
    }
  }
});
