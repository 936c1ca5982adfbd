/**
 * `foundry analyze` on the shared real models: every node with its op, support and hardware mapping, linear
 * layers as matrices (Conv as its im2col matrix with output positions), parameter and MAC totals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runFoundry } from '../helpers/cli.js';
import { MODELS_DIR, REPO_ROOT } from '../helpers/paths.js';

function analyze(file: string): Record<string, any> {
  const run = runFoundry(['analyze', file, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

// LeNet-5: Conv 1→6 5×5 pad 2 on 28×28 (784 positions), Conv 6→16 5×5 on 14×14 (100), fc 400→120→84→10.
const LENET_LAYERS = [
  { rows: 6, cols: 25, positions: 784, macs: 6 * 25 * 784 },
  { rows: 16, cols: 150, positions: 100, macs: 16 * 150 * 100 },
  { rows: 120, cols: 400, positions: 1, macs: 48000 },
  { rows: 84, cols: 120, positions: 1, macs: 10080 },
  { rows: 10, cols: 84, positions: 1, macs: 840 },
];

test('analyze LeNet-5 (PyTorch 2.0, opset 10): nodes, mapping, matrices, totals', () => {
  const a = analyze(path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx'));
  assert.deepEqual(a.producer, { name: 'pytorch', version: '2.0.0' });
  assert.equal(a.irVersion, 5);
  assert.deepEqual(a.opsets, [{ domain: 'ai.onnx', version: 10 }]);
  assert.deepEqual(a.inputs, [{ name: 'input', dtype: 'float32', shape: ['batch_size', 1, 28, 28] }]);
  assert.deepEqual(a.outputs, [{ name: 'output', dtype: 'float32', shape: ['batch_size', 10] }]);
  assert.equal(a.nodes.length, 12);
  assert.ok(a.nodes.every((n: any) => n.supported));
  const mapping = Object.fromEntries(a.nodes.map((n: any) => [n.opType, n.hardware]));
  assert.deepEqual(mapping, { Conv: 'optical-matrix', Relu: 'electronic', MaxPool: 'electronic', Flatten: 'layout', Gemm: 'optical-matrix' });
  assert.deepEqual(
    a.linearLayers.map((l: any) => ({ rows: l.matrix.rows, cols: l.matrix.cols, positions: l.outputPositions, macs: l.macsPerSample })),
    LENET_LAYERS,
  );
  assert.equal(a.totals.parameters, 61706); // MANIFEST.json param_count
  assert.equal(a.totals.macsPerSample, LENET_LAYERS.reduce((s, l) => s + l.macs, 0));
  assert.deepEqual(a.nodes[0].outputShapes, [[1, 6, 28, 28]]);
});

test('analyze the BatchNorm LeNet (opset 9, fixed batch 10, Constant reshape target, Squeeze/Unsqueeze)', () => {
  const a = analyze(path.join(MODELS_DIR, 'mnist_lenet5_batchnorm1d_pytorch.onnx'));
  assert.equal(a.analysisBatch, 10);
  assert.equal(a.nodes.length, 16); // 17 nodes minus the Constant, now an initializer
  const bn = a.nodes.find((n: any) => n.opType === 'BatchNormalization');
  assert.equal(bn.hardware, 'electronic'); // after a Relu: cannot be folded into the preceding Gemm
  for (const op of ['Reshape', 'Squeeze', 'Unsqueeze']) assert.equal(a.nodes.find((n: any) => n.opType === op).hardware, 'layout');
  assert.equal(a.totals.macsPerSample, LENET_LAYERS.reduce((s, l) => s + l.macs, 0));
  assert.equal(a.totals.parameters, 62186); // 62187 initializer elements minus the int64 num_batches_tracked
});

test('analyze the Tanh LeNet at 32×32 (opset 17): conv positions follow the input size', () => {
  const a = analyze(path.join(MODELS_DIR, 'mnist_lenet5_tanh_32x32_pytorch.onnx'));
  assert.equal(a.linearLayers[0].outputPositions, 28 * 28);
  assert.equal(a.linearLayers[0].matrix.cols, 25);
  assert.equal(a.nodes.filter((n: any) => n.opType === 'Tanh').length, 4);
});

test('the bundled example model is the shared LeNet-5 and analyses in human form', () => {
  const run = runFoundry(['analyze', path.join(REPO_ROOT, 'examples/lenet5/lenet5.onnx')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /120 × 400/);
  assert.match(run.stdout, /61,706 parameters, 5 linear layers, 416,520 MACs per sample/);
});
