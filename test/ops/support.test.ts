import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FoundryError, UnsupportedOpError } from '../../src/core/errors.js';
import { runGraph } from '../../src/exec/index.js';
import { importOnnx } from '../../src/import/index.js';
import { checkConstantWeights, checkSupport, defaultOps, opKey } from '../../src/ops/index.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import { rng } from '../helpers/random.js';
import { int64Init, randInit } from './harness.js';

describe('op registry', () => {
  test('keys are the op type for the default domain', () => {
    assert.equal(opKey('', 'Gemm'), 'Gemm');
    assert.equal(opKey('ai.onnx', 'Gemm'), 'Gemm');
    assert.equal(opKey('ai.onnx.ml', 'ZipMap'), 'ai.onnx.ml:ZipMap');
    for (const op of ['Gemm', 'MatMul', 'Conv', 'Add', 'Sub', 'Mul', 'Div', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax',
      'Flatten', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Identity', 'Dropout', 'Concat', 'Shape', 'Gather', 'Cast',
      'BatchNormalization', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Pad']) {
      const def = defaultOps.get(op);
      assert.ok(def, op);
      assert.equal(def.opType, op);
      assert.equal(def.domain, 'ai.onnx');
    }
    assert.equal(defaultOps.get('Gemm')!.hardware, 'optical-matrix');
    assert.deepEqual(defaultOps.get('Conv')!.weightInputs, [1]);
    assert.equal(defaultOps.get('Relu')!.hardware, 'electronic');
    assert.equal(defaultOps.get('Reshape')!.hardware, 'layout');
    assert.equal(defaultOps.get('Shape')!.hardware, 'folded');
  });
});

describe('checkSupport', () => {
  test('lists ai.onnx.ml nodes, an LSTM and unsupported attributes, each with a reason', () => {
    const r = rng(1);
    const graph = importOnnx(buildModel({
      opset: 13,
      extraOpsets: [{ domain: 'ai.onnx.ml', version: 1 }],
      inputs: [{ name: 'x', dims: [1, 4] }, { name: 'seq', dims: [5, 1, 3] }, { name: 'img', dims: [1, 4, 6, 6] }],
      outputs: [{ name: 'probs' }, { name: 'h' }, { name: 'c1' }, { name: 'p' }, { name: 'ok' }],
      initializers: [
        randInit(r, 'Wl', [1, 8, 3]), randInit(r, 'Rl', [1, 8, 2]), randInit(r, 'Wc', [4, 1, 3, 3]), int64Init('pads', [0, 0, 1, 1, 0, 0, 1, 1]),
      ],
      nodes: [
        { op: 'LinearClassifier', domain: 'ai.onnx.ml', name: 'lin', inputs: ['x'], outputs: ['label', 'scores'], attrs: { coefficients: A.floats(new Array(12).fill(0.1)), intercepts: A.floats([0, 0, 0]), classlabels_ints: A.ints([0, 1, 2]) } },
        { op: 'ZipMap', domain: 'ai.onnx.ml', name: 'zip', inputs: ['scores'], outputs: ['probs'], attrs: { classlabels_int64s: A.ints([0, 1, 2]) } },
        { op: 'LSTM', name: 'lstm', inputs: ['seq', 'Wl', 'Rl'], outputs: ['h'], attrs: { hidden_size: A.i(2) } },
        { op: 'Conv', name: 'dwconv', inputs: ['img', 'Wc'], outputs: ['c1'], attrs: { group: A.i(4) } },
        { op: 'Pad', name: 'reflect', inputs: ['img', 'pads'], outputs: ['p'], attrs: { mode: A.s('reflect') } },
        { op: 'Relu', name: 'fine', inputs: ['x'], outputs: ['ok'] },
      ],
    }));
    const bad = checkSupport(graph);
    assert.deepEqual(bad.map((b) => b.name), ['lin', 'zip', 'lstm', 'dwconv', 'reflect']);
    assert.equal(bad[0].domain, 'ai.onnx.ml');
    assert.match(bad[0].reason, /ai\.onnx\.ml/);
    assert.match(bad[2].reason, /LSTM is not supported/);
    assert.match(bad[3].reason, /group=4/);
    assert.match(bad[4].reason, /reflect/);
    // The executor refuses the whole graph, listing every node.
    assert.throws(
      () => runGraph(graph, {
        x: { dtype: 'float32', dims: [1, 4], data: new Float64Array(4) },
        seq: { dtype: 'float32', dims: [5, 1, 3], data: new Float64Array(15) },
        img: { dtype: 'float32', dims: [1, 4, 6, 6], data: new Float64Array(144) },
      }),
      (e: unknown) => e instanceof UnsupportedOpError && e.code === 'PF_ERR_UNSUPPORTED_OP' && e.nodes.length === 5,
    );
  });
  test('3-D convolution and 3-D pooling are unsupported', () => {
    const r = rng(2);
    const graph = importOnnx(buildModel({
      opset: 11, inputs: [{ name: 'x', dims: [1, 1, 4, 4, 4] }], outputs: [{ name: 'y' }, { name: 'z' }],
      initializers: [randInit(r, 'W', [2, 1, 3, 3, 3])],
      nodes: [
        { op: 'Conv', name: 'c3d', inputs: ['x', 'W'], outputs: ['y'] },
        { op: 'MaxPool', name: 'p3d', inputs: ['x'], outputs: ['z'], attrs: { kernel_shape: A.ints([2, 2, 2]) } },
      ],
    }));
    const bad = checkSupport(graph);
    assert.deepEqual(bad.map((b) => [b.name, /3-D/.test(b.reason)]), [['c3d', true], ['p3d', true]]);
  });
  test('a supported graph has no unsupported nodes', () => {
    const graph = importOnnx(buildModel({ opset: 13, inputs: [{ name: 'x', dims: [2] }], outputs: [{ name: 'y' }], nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] }));
    assert.deepEqual(checkSupport(graph), []);
  });
});

describe('checkConstantWeights', () => {
  test('fails on a Gemm whose weight is a graph input', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [2, 4] }, { name: 'W', dims: [3, 4] }], outputs: [{ name: 'y' }],
      nodes: [{ op: 'Gemm', name: 'fc1', inputs: ['x', 'W'], outputs: ['y'], attrs: { transB: A.i(1) } }],
    }));
    assert.throws(() => checkConstantWeights(graph), (e: unknown) => {
      assert.ok(e instanceof FoundryError);
      assert.equal(e.code, 'PF_ERR_NON_CONSTANT_WEIGHT');
      assert.match(e.message, /^node 'fc1' \(Gemm\): weight input 'W' is not a constant/);
      assert.ok(!e.message.includes('\n'));
      return true;
    });
  });
  test('fails on a MatMul whose weight is computed from an input; names the origin', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [2, 4] }, { name: 'v', dims: [4, 3] }], outputs: [{ name: 'y' }],
      nodes: [
        { op: 'Relu', inputs: ['v'], outputs: ['vr'] },
        { op: 'MatMul', name: 'mm', inputs: ['x', 'vr'], outputs: ['y'] },
      ],
    }));
    assert.throws(() => checkConstantWeights(graph), /node 'mm' \(MatMul\): weight input 'vr' is not a constant \(it is computed from graph input 'v'\)/);
  });
  test('accepts initializers and weights derived from constants only (Transpose / Reshape of initializers)', () => {
    const r = rng(3);
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [1, 2, 5, 5] }], outputs: [{ name: 'y' }],
      initializers: [randInit(r, 'Wf', [3 * 2 * 3 * 3]), int64Init('ws', [3, 2, 3, 3]), randInit(r, 'Wt', [4, 27]), int64Init('flat', [1, -1])],
      nodes: [
        { op: 'Reshape', inputs: ['Wf', 'ws'], outputs: ['W'] },
        { op: 'Conv', name: 'conv', inputs: ['x', 'W'], outputs: ['c'] },
        { op: 'Reshape', inputs: ['c', 'flat'], outputs: ['cf'] },
        { op: 'Transpose', inputs: ['Wt'], outputs: ['WtT'] },
        { op: 'MatMul', name: 'fc', inputs: ['cf', 'WtT'], outputs: ['y'] },
      ],
    }));
    assert.doesNotThrow(() => checkConstantWeights(graph));
  });
});
