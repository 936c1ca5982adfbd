/**
 * The fast Monte-Carlo paths give the numbers of the reference paths, bit for bit:
 * - streams.ts's StateRng streams = core/rng.ts createRng(seed, k) (words, floats, normals);
 * - detectLayer natively (native/mesh_kernels.c detectChunk; skipped where the addon is not built) = TypeScript =
 *   WebAssembly SIMD, on random tiled layers: noise / input DAC / ADC on and off, dark passes, NaN inputs, one
 *   pass per sample (Gemm) and many, one noise stream for a whole batch, a convolution's im2col plan; and
 *   detectLayerInto's image-major layout = detectLayer's rows × passes matrix rearranged;
 * - runChip: sub-batches of any size, reused output buffers and every detection kernel give the same outputs
 *   and per-layer errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import type { ChipLayer, ChipTile } from '../../src/sim/chip.js';
import { createNativeDetector } from '../../src/sim/noise/detect-native.js';
import { createDetectKernel } from '../../src/sim/noise/detect-simd.js';
import { detectLayer, detectLayerInto, matrixSource, type LayerDetection, type PassSource } from '../../src/sim/noise/detection.js';
import { createStreams, sharedStates } from '../../src/sim/noise/streams.js';
import { StateRng } from '../../src/core/rng.js';
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { planChips, resolveNoiseModel, runChip, type SampleSet } from '../../src/sim/noise/index.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

const native = createNativeDetector();
const wasm = createDetectKernel();
const ctx = { opset: 13, simd: undefined };

test('StateRng streams draw exactly createRng(seed, k)', () => {
  for (const [seed, first] of [[0, 0], [7, 123], [-5, 2 ** 40], [2 ** 53 - 1, 9]] as const) {
    const streams = createStreams(seed, first, 3);
    assert.ok(sharedStates(streams) !== null);
    streams.forEach((s, i) => {
      const ref = createRng(seed, first + i);
      for (let k = 0; k < 50; k++) assert.equal(s.nextUint32(), ref.nextUint32());
      for (let k = 0; k < 20; k++) assert.equal(s.nextFloat(), ref.nextFloat());
      for (let k = 0; k < 21; k++) assert.equal(s.normal(), ref.normal());
    });
  }
  // not one shared array at consecutive offsets: no shared states
  assert.equal(sharedStates([createRng(1, 0), createRng(1, 1)]), null); // two arrays
  const a = createStreams(1, 0, 2);
  assert.equal(sharedStates([a[1], a[0]]), null);
  assert.equal(sharedStates([new StateRng(new Int32Array(4), 0), createStreams(1, 0, 1)[0]]), null);
});

/** A random chip layer: tiles of a (rows × cols) grid of at most k × k blocks, [R; Q] stacked. */
function randomLayer(rng: Rng, rows: number, cols: number, k: number): { layer: ChipLayer; det: (noise: boolean, inputLevels: number, adcLevels: number) => LayerDetection } {
  const tiles: ChipTile[] = [];
  for (let r0 = 0; r0 < rows; r0 += k) {
    for (let c0 = 0; c0 < cols; c0 += k) {
      const tr = Math.min(k, rows - r0);
      const tc = Math.min(k, cols - c0);
      const stacked = Float64Array.from({ length: 2 * tr * tc }, () => rng.uniform(-1, 1));
      tiles.push({ rowStart: r0, colStart: c0, rows: tr, cols: tc, readout: stacked.subarray(0, tr * tc), quadrature: stacked.subarray(tr * tc), stacked });
    }
  }
  const fullScale = tiles.map((t) => Float64Array.from({ length: t.rows }, (_, i) => {
    let s = 0;
    for (let j = 0; j < t.cols; j++) s += Math.abs(t.readout[i * t.cols + j]);
    return 0.8 * s; // below the largest value: some outputs clip
  }));
  return {
    layer: { rows, cols, tiles },
    det: (noise, inputLevels, adcLevels) => ({
      noise, inputLevels, adcLevels, shotPerPower: 0.01,
      tiles: tiles.map((t, i) => ({ floorVarPerNorm2: 1e-3 * (i + 1), fullScalePerNorm: fullScale[i] })),
    }),
  };
}

function randomInputs(rng: Rng, cols: number, passes: number, dark: number, nan: boolean): Float64Array {
  const x = Float64Array.from({ length: cols * passes }, () => rng.uniform(-1, 1));
  for (let p = 0; p < passes; p++) {
    if (rng.uniform(0, 1) < dark) for (let c = 0; c < cols; c++) x[c * passes + p] = 0; // a dark pass
  }
  if (nan) x[Math.floor(rng.uniform(0, x.length))] = NaN;
  return x;
}

const CASES = [
  { name: 'gemm: one pass per sample', rows: 37, cols: 23, samples: 40, perSample: 1, dark: 0.2 },
  { name: 'conv-like: many passes per sample', rows: 7, cols: 20, samples: 5, perSample: 33, dark: 0.3 },
  { name: 'all passes lit', rows: 9, cols: 16, samples: 6, perSample: 12, dark: 0 },
  { name: 'one stream for the batch (passes not a multiple of the rows)', rows: 6, cols: 10, samples: 4, perSample: 0, dark: 0.2 },
];

for (const c of CASES) {
  test(`detectLayer natively = TypeScript = WebAssembly: ${c.name}`, { skip: native === null ? 'native addon not built' : false }, () => {
    const rng = new Rng(c.rows * 31 + c.cols);
    const { layer, det } = randomLayer(rng, c.rows, c.cols, 8);
    const passes = c.perSample > 0 ? c.samples * c.perSample : 17;
    for (const nan of [false, true]) {
      const x = randomInputs(rng, c.cols, passes, c.dark, nan);
      for (const [noise, inputLevels, adcLevels] of [[true, 0, 0], [false, 127, 0], [false, 0, 127], [true, 127, 127], [true, 1, 1]] as const) {
        const d = det(noise, inputLevels, adcLevels);
        const batch = () => ({ streams: noise ? createStreams(11, 100, c.samples) : null, rows: c.samples });
        const want = detectLayer(layer, d, matrixSource(x, c.cols, passes), batch(), ctx);
        const got = detectLayer(layer, d, matrixSource(x, c.cols, passes), batch(), ctx, null, native);
        assert.deepEqual(Array.from(got), Array.from(want), `${noise} ${inputLevels} ${adcLevels} nan=${nan}`);
        if (wasm) assert.deepEqual(Array.from(detectLayer(layer, d, matrixSource(x, c.cols, passes), batch(), ctx, wasm)), Array.from(want));
        // streams that are not StateRngs: the native kernel declines (then the other paths run)
        const plain = { streams: noise ? Array.from({ length: c.samples }, (_, i) => createRng(11, 100 + i)) : null, rows: c.samples };
        assert.deepEqual(Array.from(detectLayer(layer, d, matrixSource(x, c.cols, passes), plain, ctx, null, native)), Array.from(want));
        if (c.perSample > 0) {
          // image-major layout: out[s][row][p] = Y[row][s·P + p]
          const P = c.perSample;
          const out = new Float64Array(c.samples * c.rows * P);
          assert.ok(detectLayerInto(layer, d, matrixSource(x, c.cols, passes), batch(), native, out, { ldRow: P, ldGroup: c.rows * P }));
          for (let s = 0; s < c.samples; s++) {
            for (let r = 0; r < c.rows; r++) {
              for (let p = 0; p < P; p++) assert.ok(Object.is(out[(s * c.rows + r) * P + p], want[r * passes + s * P + p]), `sample ${s} row ${r} pass ${p}`);
            }
          }
          if (noise) assert.equal(detectLayerInto(layer, d, matrixSource(x, c.cols, passes), plain, native, out, { ldRow: P, ldGroup: c.rows * P }), false);
          // with a bias: out (whatever it held) is set to Y + bias[row]
          const bias = Float64Array.from({ length: c.rows }, (_, r) => (r % 3 === 0 ? 0 : rng.uniform(-1, 1)));
          const set = new Float64Array(out.length).fill(NaN);
          assert.ok(detectLayerInto(layer, d, matrixSource(x, c.cols, passes), batch(), native, set, { ldRow: P, ldGroup: c.rows * P }, bias));
          for (let s = 0; s < c.samples; s++) {
            for (let r = 0; r < c.rows; r++) {
              for (let p = 0; p < P; p++) assert.ok(Object.is(set[(s * c.rows + r) * P + p], want[r * passes + s * P + p] + bias[r]), `bias: sample ${s} row ${r} pass ${p}`);
            }
          }
        }
      }
    }
  });
}

test('detectLayer natively reads a convolution from its im2col plan like PassSource.fill', { skip: native === null ? 'native addon not built' : false }, () => {
  // 2 images 1 × 5 × 5, 3 × 3 kernel, stride 2, pad 1 → 3 × 3 positions; the plan's segments as photonic-linear.ts builds them
  const rng = new Rng(5);
  const C = 1, H = 5, W = 5, kh = 3, kw = 3, sh = 2, sw = 2, pt = 1, pl = 1, OH = 3, OW = 3, P = OH * OW, N = 2;
  const data = Float64Array.from({ length: N * C * H * W }, () => rng.uniform(-1, 1));
  const cols = C * kh * kw;
  const x = new Float64Array(cols * N * P);
  const segs: number[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const r = i * kw + j;
      for (let oh = 0; oh < OH; oh++) {
        const ih = oh * sh - pt + i;
        if (ih < 0 || ih >= H) continue;
        const ow0 = Math.max(0, Math.ceil((pl - j) / sw));
        const ow1 = Math.min(OW, Math.floor((W - 1 + pl - j) / sw) + 1);
        if (ow1 <= ow0) continue;
        segs.push(r, oh * OW + ow0, ih * W + ow0 * sw - pl + j, ow1 - ow0);
        for (let n = 0; n < N; n++) for (let ow = ow0; ow < ow1; ow++) x[r * N * P + n * P + oh * OW + ow] = data[n * H * W + ih * W + ow * sw - pl + j];
      }
    }
  }
  const { layer, det } = randomLayer(rng, 4, cols, 4);
  const d = det(true, 127, 127);
  const source: PassSource = { ...matrixSource(x, cols, N * P), im2col: { data, image: H * W, passesPerImage: P, segments: Int32Array.from(segs), stride: sw } };
  const want = detectLayer(layer, d, matrixSource(x, cols, N * P), { streams: createStreams(3, 0, N), rows: N }, ctx);
  const got = detectLayer(layer, d, source, { streams: createStreams(3, 0, N), rows: N }, ctx, null, native);
  assert.deepEqual(Array.from(got), Array.from(want));
});

test('runChip: sub-batches, reused buffers and every detection kernel give the same outputs and errors', () => {
  const rng = new Rng(8);
  const r = (n: number): number[] => Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
  const graph = importOnnx(buildModel({
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 1, 6, 6] }],
    outputs: [{ name: 'y' }],
    initializers: [
      { name: 'K', dims: [3, 1, 3, 3], data: r(27) }, { name: 'kb', dims: [3], data: r(3) },
      { name: 'W', dims: [5, 27], data: r(135) }, { name: 'b', dims: [5], data: r(5) },
    ],
    nodes: [
      { op: 'Conv', inputs: ['x', 'K', 'kb'], outputs: ['c'], attrs: { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]) } },
      { op: 'Relu', inputs: ['c'], outputs: ['r'] },
      { op: 'MaxPool', inputs: ['r'], outputs: ['m'], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]) } },
      { op: 'Flatten', inputs: ['m'], outputs: ['f'] },
      { op: 'Gemm', inputs: ['f', 'W', 'b'], outputs: ['y'], attrs: { transB: A.i(1) } },
    ],
  }));
  const circuit = mapGraph(graph, { coreSize: 4 });
  const n = 30;
  const data = Float64Array.from({ length: n * 36 }, (_, i) => (i % 7 === 0 ? 0 : Math.fround(rng.uniform(-1, 1))));
  const batches = [0, 12, 24].map((s) => ({ start: s, end: Math.min(n, s + 12), size: Math.min(n, s + 12) - s, real: Math.min(n, s + 12) - s }));
  const set: SampleSet = { inputName: 'x', dtype: 'float32', sampleDims: [1, 6, 6], data, n, batches, outputName: 'y' };
  const plan = planChips(circuit, resolveNoiseModel(builtinPdk('soi-thermo'), { driftStepSamples: 12 }));
  for (const perLayerSamples of [0, 10]) {
    const ref = runChip(circuit, plan, set, 4, 2, { perLayerSamples, detectionKernel: 'ts', subBatch: 1000 });
    for (const detectionKernel of ['ts', 'wasm', 'auto'] as const) {
      for (const subBatch of [1, 5, undefined]) {
        const got = runChip(circuit, plan, set, 4, 2, { perLayerSamples, detectionKernel, subBatch });
        const what = `${perLayerSamples} ${detectionKernel} ${subBatch}`;
        assert.deepEqual(Array.from(got.outputs), Array.from(ref.outputs), what);
        assert.deepEqual(Array.from(got.layerSqErr), Array.from(ref.layerSqErr), what);
        assert.deepEqual(Array.from(got.layerSqRef), Array.from(ref.layerSqRef), what);
      }
    }
  }
});
