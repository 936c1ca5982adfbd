/**
 * Monte-Carlo chips (src/sim/noise) on a small conv (padded, strided) + gemm model, tiled onto a 4 × 4 core:
 * - every imperfection off → the chip IS the ideal chip: outputs equal bit for bit;
 * - every imperfection on at zero magnitude → the ideal outputs within rounding (each path is consistent);
 * - reproducibility: same (seed, chip) → same outputs; other seeds or chips differ; chip k does not depend on the
 *   number of chips, threads or the batch size; switching one imperfection off leaves the others' draws alone;
 * - hopeless PDKs are reported, not crashed: no light at all is an error, 0 dB extinction gives finite outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { buildChip } from '../../src/sim/chip.js';
import { CircuitRunner } from '../../src/sim/circuit-runner.js';
import { builtinPdk } from '../../src/pdk/index.js';
import type { Pdk } from '../../src/pdk/types.js';
import { InvalidInputError, UsageError } from '../../src/core/errors.js';
import {
  IMPERFECTIONS, advanceDrift, composeChip, planChips, resolveNoiseModel, runChip, runMonteCarlo, sampleChip, tileParams,
  type NoiseModel, type SampleSet,
} from '../../src/sim/noise/index.js';
import { A, buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

function randoms(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
}

const rng = new Rng(21);
const spec: ModelSpec = {
  opset: 13,
  inputs: [{ name: 'x', dims: ['N', 1, 6, 6] }],
  outputs: [{ name: 'y' }],
  initializers: [
    { name: 'K', dims: [3, 1, 3, 3], data: randoms(rng, 27) },
    { name: 'kb', dims: [3], data: randoms(rng, 3) },
    { name: 'W', dims: [5, 54], data: randoms(rng, 270) },
    { name: 'b', dims: [5], data: randoms(rng, 5) },
  ],
  nodes: [
    { op: 'Conv', inputs: ['x', 'K', 'kb'], outputs: ['c'], attrs: { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]), strides: A.ints([2, 1]) } },
    { op: 'Relu', inputs: ['c'], outputs: ['r'] },
    { op: 'Flatten', inputs: ['r'], outputs: ['f'] },
    { op: 'Gemm', inputs: ['f', 'W', 'b'], outputs: ['y'], attrs: { transB: A.i(1) } },
  ],
};
const graph = importOnnx(buildModel(spec));
const circuit = mapGraph(graph, { coreSize: 4 });
const N_SAMPLES = 24;
// images with dark corners, so some conv passes carry no light
const data = Float64Array.from({ length: N_SAMPLES * 36 }, (_, i) => {
  const r = Math.floor((i % 36) / 6);
  const c = i % 6;
  return r < 2 && c < 3 ? 0 : Math.fround(rng.uniform(-1, 1));
});

function sampleSet(batch: number): SampleSet {
  const batches = [];
  for (let s = 0; s < N_SAMPLES; s += batch) batches.push({ start: s, end: Math.min(N_SAMPLES, s + batch), size: Math.min(N_SAMPLES, s + batch) - s, real: Math.min(N_SAMPLES, s + batch) - s });
  return { inputName: 'x', dtype: 'float32', sampleDims: [1, 6, 6], data, n: N_SAMPLES, batches, outputName: 'y' };
}

function idealOutputs(): Float64Array {
  const runner = new CircuitRunner(circuit, buildChip(circuit));
  return Float64Array.from(runner.run({ x: { dtype: 'float32', dims: [N_SAMPLES, 1, 6, 6], data } }).y.data);
}

const soi = builtinPdk('soi-thermo');
const model = (options: Parameters<typeof resolveNoiseModel>[1] = {}, pdk: Pdk = soi): NoiseModel => resolveNoiseModel(pdk, options);
const run = (m: NoiseModel, seed: number, k: number, batch = 10): Float64Array => runChip(circuit, planChips(circuit, m), sampleSet(batch), seed, k, { perLayerSamples: 8 }).outputs;

test('every imperfection off: the Monte-Carlo chip is the ideal chip, outputs equal bit for bit', () => {
  const got = run(model({ disable: [...IMPERFECTIONS] }), 3, 0);
  assert.deepEqual(Array.from(got), Array.from(idealOutputs()));
});

test('every imperfection on at zero magnitude: the ideal outputs within rounding', () => {
  const zero: Pdk = {
    ...soi,
    mzi: { ...soi.mzi, insertionLossDb: 0, extinctionRatioDb: 300 },
    coupler: { ...soi.coupler, splitRatio: 0.5, splitRatioSigma: 0 },
    phaseShifter: { ...soi.phaseShifter, law: 'linear', phaseErrorSigmaRad: 0, driftSigmaRad: 0 },
    thermalCrosstalk: { ...soi.thermalCrosstalk, couplingAtZero: 0 },
    waveguide: { ...soi.waveguide, lossDbPerCm: 0, crossingLossDb: 0 },
    modulator: { ...soi.modulator, insertionLossDb: 0 },
    photodetector: { ...soi.photodetector, darkCurrentNa: 0, tiaNoisePaPerSqrtHz: 0 },
    phaseShifterIgnored: undefined,
    dac: { ...soi.dac, bits: 32 },
    adc: { ...soi.adc, bits: 32 },
  } as Pdk;
  const zeroScreens: Pdk = { ...zero, phaseShifter: { ...zero.phaseShifter, insertionLossDb: 0 } };
  const m = model({ laserPowerPerModeMw: 1e9 }, zeroScreens);
  assert.deepEqual(m.enabled, [...IMPERFECTIONS]);
  const got = run(m, 3, 0);
  const want = idealOutputs();
  let scale = 0;
  for (const v of want) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1e-6 * scale, `output ${i}: ${got[i]} vs ${want[i]}`);
});

test('a chip composed from its kernels = buildChip with the same imperfections as TileParams (all static ones on)', () => {
  const plan = planChips(circuit, model({ only: ['loss', 'splitting', 'phase-error', 'phase-quantization', 'crosstalk', 'attenuator', 'drift', 'detector-noise'] }));
  const sample = sampleChip(plan, 9, 1);
  advanceDrift(plan, sample, 3);
  const fast = composeChip(plan, sample, circuit);
  const params = plan.tiles.map((row, l) =>
    row.map((tp, i) => {
      const t = circuit.layers[l].tiles[i];
      return tileParams(plan, tp, sample, t.attenuation, t.inputMesh.N, t.outputMesh.N);
    }),
  );
  const slow = buildChip(circuit, { params: { tiles: params }, quadrature: true });
  fast.layers.forEach((layer, l) =>
    layer.tiles.forEach((t, i) => {
      const ref = slow.layers[l].tiles[i];
      let scale = 0;
      for (const v of ref.stacked!) scale = Math.max(scale, Math.abs(v));
      for (let e = 0; e < ref.stacked!.length; e++) assert.ok(Math.abs(t.stacked![e] - ref.stacked![e]) <= 1e-12 * scale, `layer ${l} tile ${i}`);
    }),
  );
});

test('the detection loops give the same bits in TypeScript, WebAssembly SIMD and natively (where built)', () => {
  for (const only of [['detector-noise'], ['input-quantization', 'adc'], undefined] as const) {
    const plan = planChips(circuit, model(only ? { only: [...only] } : {}));
    const ts = runChip(circuit, plan, sampleSet(7), 2, 1, { perLayerSamples: 8, detectionKernel: 'ts' });
    for (const detectionKernel of ['wasm', 'auto'] as const) {
      const other = runChip(circuit, plan, sampleSet(7), 2, 1, { perLayerSamples: 8, detectionKernel });
      assert.deepEqual(Array.from(other.outputs), Array.from(ts.outputs), `${String(only)} ${detectionKernel}`);
      assert.deepEqual(Array.from(other.layerSqErr), Array.from(ts.layerSqErr));
    }
  }
});

test('reproducible: same seed and chip → same outputs; other seeds and chips differ', () => {
  const m = model();
  const a = run(m, 7, 2);
  assert.deepEqual(Array.from(run(m, 7, 2)), Array.from(a));
  assert.notDeepEqual(Array.from(run(m, 8, 2)), Array.from(a));
  assert.notDeepEqual(Array.from(run(m, 7, 3)), Array.from(a));
  for (const v of a) assert.ok(Number.isFinite(v));
});

test('chip k does not depend on the batch size (per-sample noise streams; drift steps every 500 samples)', () => {
  const m = model();
  assert.deepEqual(Array.from(run(m, 5, 1, 4)), Array.from(run(m, 5, 1, 24)));
  assert.deepEqual(Array.from(run(m, 5, 1, 1)), Array.from(run(m, 5, 1, 10)));
});

test('chip k does not depend on the number of chips or threads (chip 3 of 5 = chip 3 of 8, 1 vs 2 threads)', async () => {
  const m = model();
  const job = { circuit, samples: sampleSet(10), seed: 11, models: [m], perLayerSamples: 8 };
  const five = await runMonteCarlo({ ...job, trials: 5 }, { threads: 1 });
  const eight = await runMonteCarlo({ ...job, trials: 8 }, { threads: 2 });
  assert.equal(five[0].length, 5);
  assert.equal(eight[0].length, 8);
  for (let k = 0; k < 5; k++) {
    assert.equal(five[0][k].chip, k);
    assert.deepEqual(Array.from(eight[0][k].outputs), Array.from(five[0][k].outputs), `chip ${k}`);
    assert.deepEqual(Array.from(eight[0][k].layerSqErr), Array.from(five[0][k].layerSqErr));
  }
  assert.deepEqual(Array.from(five[0][3].outputs), Array.from(run(m, 11, 3)));
});

test('static draws are per chip and per kind: switching phase errors off leaves the coupler errors unchanged', () => {
  const both = sampleChip(planChips(circuit, model({ only: ['splitting', 'phase-error'] })), 4, 2);
  const split = sampleChip(planChips(circuit, model({ only: ['splitting'] })), 4, 2);
  assert.equal(both.cores.length, 1, 'one 4 × 4 core runs every tile');
  assert.deepEqual(Array.from(both.cores[0].couplerInRad[0]), Array.from(split.cores[0].couplerInRad[0]));
  assert.deepEqual(Array.from(both.cores[0].couplerOutRad[1]), Array.from(split.cores[0].couplerOutRad[1]));
  assert.ok(both.cores[0].phaseErrorRad.some((v) => v !== 0));
  assert.ok(split.cores[0].phaseErrorRad.every((v) => v === 0));
  // the spread of the drawn splitting ratios is the PDK's (0.5 % here), around 50:50
  const sigma = model({ only: ['splitting'], splitRatioSigma: 0.05 });
  const draws = sampleChip(planChips(circuit, sigma), 1, 0).cores[0].couplerInRad[0];
  const ratios = Array.from(draws, (d) => Math.cos(Math.PI / 4 + d) ** 2);
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05 && ratios.some((r) => Math.abs(r - 0.5) > 0.01));
});

test('hopeless PDKs: no light at the detectors is a clear error; 0 dB extinction still gives finite outputs', () => {
  const dark: Pdk = { ...soi, mzi: { ...soi.mzi, insertionLossDb: 5000 } };
  assert.throws(() => planChips(circuit, model({}, dark)), (err: unknown) => err instanceof InvalidInputError && /no light reaches the detectors/.test(err.message));
  const noExtinction: Pdk = { ...soi, mzi: { ...soi.mzi, extinctionRatioDb: 0 } };
  const out = run(model({}, noExtinction), 1, 0);
  for (const v of out) assert.ok(Number.isFinite(v));
  // loud but finite: 60 dB per MZI is drowned in detector noise, the ADC clips it
  const lossy: Pdk = { ...soi, mzi: { ...soi.mzi, insertionLossDb: 60 } };
  for (const v of run(model({}, lossy), 1, 0)) assert.ok(Number.isFinite(v));
});

test('bad noise options are usage errors naming the flag', () => {
  assert.throws(() => model({ dacBits: 0 }), (e: unknown) => e instanceof UsageError && /--dac-bits/.test((e as Error).message));
  assert.throws(() => model({ splitRatioSigma: -0.1 }), (e: unknown) => e instanceof UsageError && /--split-sigma/.test((e as Error).message));
  assert.throws(() => model({ disable: ['noise' as never] }), (e: unknown) => e instanceof UsageError && /unknown imperfection 'noise'/.test((e as Error).message));
  assert.deepEqual(model({ disable: ['crosstalk'] }).enabled.includes('crosstalk'), false);
  const off: Pdk = { ...soi, thermalCrosstalk: { ...soi.thermalCrosstalk, enabled: false } };
  assert.equal(model({}, off).enabled.includes('crosstalk'), false, 'a PDK without crosstalk has none to simulate');
});
