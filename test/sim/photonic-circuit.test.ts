/**
 * The compiled circuit run through the optics reproduces the digital reference on small graphs shaped like
 * PyTorch, Keras and CNTK exports — Gemm (transA, alpha, beta, broadcast C), MatMul on 3-D activations, Conv
 * with strides/dilations/auto_pad — for both mesh topologies, full-size and tiled (with zero-padded edge
 * tiles); and circuit.json round-trips bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importOnnx } from '../../src/import/index.js';
import { Executor } from '../../src/exec/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { buildChip } from '../../src/sim/chip.js';
import { CircuitRunner } from '../../src/sim/circuit-runner.js';
import { circuitFromJson, circuitToJson } from '../../src/ir/circuit-json.js';
import { circuitStats } from '../../src/ir/circuit-stats.js';
import type { Tensor } from '../../src/core/tensor.js';
import type { GraphIR } from '../../src/ir/graph.js';
import { A, buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

function randoms(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Runs graph digitally and photonically on `x`; asserts max |Δ| ≤ 1e-9 · max(1, max |digital|). */
function assertPhotonicMatches(graph: GraphIR, x: Tensor, mesh: 'clements' | 'reck', coreSize: number | null): void {
  const circuit = mapGraph(graph, { mesh, coreSize });
  const input = graph.inputs[0].name;
  const out = graph.outputs[0].name;
  const digital = new Executor(graph).run({ [input]: x })[out];
  const photonic = new CircuitRunner(circuit, buildChip(circuit)).run({ [input]: x })[out];
  assert.deepEqual(photonic.dims, digital.dims);
  let diff = 0;
  for (let i = 0; i < digital.data.length; i++) diff = Math.max(diff, Math.abs(digital.data[i] - photonic.data[i]));
  const tol = 1e-9 * Math.max(1, maxAbs(digital.data));
  assert.ok(diff <= tol, `${mesh}, core ${coreSize}: max |Δ| = ${diff} > ${tol}`);
  // and the circuit survives circuit.json unchanged
  const reloaded = circuitFromJson(JSON.parse(JSON.stringify(circuitToJson(circuit))));
  const again = new CircuitRunner(reloaded, buildChip(reloaded)).run({ [input]: x })[out];
  assert.deepEqual(Array.from(again.data), Array.from(photonic.data));
}

const CONFIGS: ['clements' | 'reck', number | null][] = [['clements', null], ['reck', null], ['clements', 4], ['reck', 3]];

test('PyTorch-style Gemm (transB, alpha, beta, 1-D C) and a transA Gemm with 2-D C', () => {
  const rng = new Rng(7);
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 9] }],
    outputs: [{ name: 'y' }],
    initializers: [
      { name: 'W1', dims: [5, 9], data: randoms(rng, 45) },
      { name: 'b1', dims: [5], data: randoms(rng, 5) },
      { name: 'W2', dims: [5, 7], data: randoms(rng, 35) },
      { name: 'c2', dims: [1, 7], data: randoms(rng, 7) },
    ],
    nodes: [
      { op: 'Gemm', inputs: ['x', 'W1', 'b1'], outputs: ['h'], attrs: { transB: A.i(1), alpha: A.f(0.7), beta: A.f(1.3) } },
      { op: 'Relu', inputs: ['h'], outputs: ['r'] },
      { op: 'Transpose', inputs: ['r'], outputs: ['rt'], attrs: { perm: A.ints([1, 0]) } },
      { op: 'Gemm', inputs: ['rt', 'W2', 'c2'], outputs: ['y'], attrs: { transA: A.i(1), beta: A.f(-0.5) } },
    ],
  };
  const graph = importOnnx(buildModel(spec));
  const x: Tensor = { dtype: 'float32', dims: [6, 9], data: Float64Array.from(randoms(rng, 54)) };
  for (const [mesh, k] of CONFIGS) assertPhotonicMatches(graph, x, mesh, k);
});

test('Keras-style MatMul [in,out] + Add bias on 3-D activations, Softmax', () => {
  const rng = new Rng(11);
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 4, 6] }],
    outputs: [{ name: 'p' }],
    initializers: [
      { name: 'W', dims: [6, 3], data: randoms(rng, 18) },
      { name: 'b', dims: [3], data: randoms(rng, 3) },
    ],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['h'] },
      { op: 'Add', inputs: ['h', 'b'], outputs: ['z'] },
      { op: 'Softmax', inputs: ['z'], outputs: ['p'], attrs: { axis: A.i(-1) } },
    ],
  };
  const graph = importOnnx(buildModel(spec));
  const x: Tensor = { dtype: 'float32', dims: [2, 4, 6], data: Float64Array.from(randoms(rng, 48)) };
  for (const [mesh, k] of CONFIGS) assertPhotonicMatches(graph, x, mesh, k);
});

test('CNTK-style opset-8 Conv (SAME_UPPER, separate [C,1,1] bias Add), strided dilated Conv, Reshape of an initializer feeding MatMul', () => {
  const rng = new Rng(13);
  const spec: ModelSpec = {
    opset: 8,
    irVersion: 3,
    initializersAsInputs: true,
    inputs: [{ name: 'x', dims: [2, 2, 7, 7] }],
    outputs: [{ name: 'y' }],
    initializers: [
      { name: 'K1', dims: [3, 2, 3, 3], data: randoms(rng, 54) },
      { name: 'B1', dims: [3, 1, 1], data: randoms(rng, 3) },
      { name: 'K2', dims: [4, 3, 2, 2], data: randoms(rng, 48) },
      { name: 'b2', dims: [4], data: randoms(rng, 4) },
      { name: 'Wflat', dims: [64 * 5], data: randoms(rng, 320) },
      { name: 'wshape', dims: [2], data: [64, 5], dtype: 'INT64' },
      { name: 'fshape', dims: [2], data: [2, 64], dtype: 'INT64' },
    ],
    nodes: [
      { op: 'Conv', inputs: ['x', 'K1'], outputs: ['c1'], attrs: { auto_pad: A.s('SAME_UPPER'), kernel_shape: A.ints([3, 3]) } },
      { op: 'Add', inputs: ['c1', 'B1'], outputs: ['a1'] },
      { op: 'Relu', inputs: ['a1'], outputs: ['r1'] },
      { op: 'Conv', inputs: ['r1', 'K2', 'b2'], outputs: ['c2'], attrs: { strides: A.ints([2, 2]), dilations: A.ints([2, 1]), pads: A.ints([1, 1, 1, 0]) } },
      { op: 'Reshape', inputs: ['c2', 'fshape'], outputs: ['f'] },
      { op: 'Reshape', inputs: ['Wflat', 'wshape'], outputs: ['W'] },
      { op: 'MatMul', inputs: ['f', 'W'], outputs: ['y'] },
    ],
  };
  const graph = importOnnx(buildModel(spec));
  const x: Tensor = { dtype: 'float32', dims: [2, 2, 7, 7], data: Float64Array.from(randoms(rng, 196)) };
  for (const [mesh, k] of CONFIGS) assertPhotonicMatches(graph, x, mesh, k);
  const circuit = mapGraph(graph, {});
  // the weights live in the meshes, not in the circuit's graph
  for (const name of ['K1', 'K2', 'Wflat']) assert.equal(circuit.graph.initializers.has(name), false, name);
  assert.deepEqual(circuit.layers.map((l) => [l.opType, l.matrix.rows, l.matrix.cols, l.passesPerSample]), [
    ['Conv', 3, 18, 49],
    ['Conv', 4, 12, 16],
    ['MatMul', 5, 64, 1],
  ]);
});

test('reduced meshes: a 40→12 layer costs r(2n−r−1)/2 + r(2m−r−1)/2 MZIs, not two full meshes', () => {
  const rng = new Rng(3);
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 40] }],
    outputs: [{ name: 'y' }],
    initializers: [{ name: 'W', dims: [12, 40], data: randoms(rng, 480) }],
    nodes: [{ op: 'Gemm', inputs: ['x', 'W'], outputs: ['y'], attrs: { transB: A.i(1) } }],
  };
  const graph = importOnnx(buildModel(spec));
  const stats = circuitStats(mapGraph(graph, {}));
  const r = 12, n = 40, m = 12;
  assert.equal(stats.totals.mzis, (r * (2 * n - r - 1)) / 2 + (r * (2 * m - r - 1)) / 2);
  assert.ok(stats.totals.mzis < (n * (n - 1)) / 2 + (m * (m - 1)) / 2);
  const x: Tensor = { dtype: 'float32', dims: [3, 40], data: Float64Array.from(randoms(rng, 120)) };
  assertPhotonicMatches(graph, x, 'clements', null);
});

test('tiling records the schedule: blocks, one core, reprogrammings', () => {
  const rng = new Rng(5);
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 10] }],
    outputs: [{ name: 'y' }],
    initializers: [{ name: 'W', dims: [10, 7], data: randoms(rng, 70) }],
    nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
  };
  const circuit = mapGraph(importOnnx(buildModel(spec)), { coreSize: 4 });
  const layer = circuit.layers[0];
  assert.equal(layer.rowBlocks, 2); // 7 outputs → blocks of 4
  assert.equal(layer.colBlocks, 3); // 10 inputs
  assert.equal(layer.tiles.length, 6);
  assert.ok(layer.tiles.every((t) => t.inputMesh.N === 4 && t.outputMesh.N === 4 && t.inputMesh.mzis.length === 6));
  assert.deepEqual(layer.tiles.map((t) => [t.rowStart, t.colStart, t.rows, t.cols]), [
    [0, 0, 4, 4], [0, 4, 4, 4], [0, 8, 4, 2], [4, 0, 3, 4], [4, 4, 3, 4], [4, 8, 3, 2],
  ]);
  assert.equal(circuit.schedule.cores, 1);
  assert.equal(circuit.schedule.reprogrammingsPerBatch, 6);
  assert.deepEqual(circuit.schedule.steps.map((s) => s.tile), [0, 1, 2, 3, 4, 5]);
});

test('an all-zero weight block maps to dark attenuators and still simulates', () => {
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 4] }],
    outputs: [{ name: 'y' }],
    initializers: [{ name: 'W', dims: [4, 4], data: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] }],
    nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
  };
  const graph = importOnnx(buildModel(spec));
  const x: Tensor = { dtype: 'float32', dims: [2, 4], data: Float64Array.from([1, 2, 3, 4, -1, -2, -3, -4]) };
  for (const [mesh, k] of [...CONFIGS, ['clements', 2] as ['clements', number]]) assertPhotonicMatches(graph, x, mesh, k);
});
