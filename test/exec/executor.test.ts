import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FoundryError, InvalidInputError, ShapeError, UnsupportedOpError } from '../../src/core/errors.js';
import type { Tensor } from '../../src/core/tensor.js';
import { splittableBatch } from '../../src/exec/batching.js';
import { Executor, inferShapes, planGraph, runGraph } from '../../src/exec/index.js';
import { importOnnx } from '../../src/import/index.js';
import { A, buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { numel, rng } from '../helpers/random.js';
import { compareWithOrt, int64Init, randInit, toTensor, type Feed } from '../ops/harness.js';

const feed = (seed: number, dims: number[], lo = -1, hi = 1): Feed => ({ dims, data: rng(seed).floats(numel(dims), lo, hi) });
const f32 = (dims: number[], data: ArrayLike<number>): Tensor => ({ dtype: 'float32', dims, data: Float64Array.from(data) });

function hardwareByOp(spec: ModelSpec, inputDims: Record<string, number[]>): Record<string, string> {
  const plan = planGraph(importOnnx(buildModel(spec)), inputDims);
  const out: Record<string, string> = {};
  for (const n of spec.nodes) out[n.name!] = plan.hardware.get(n.name!)!;
  return out;
}

describe('Keras-shaped graph: NHWC input → Transpose → Conv …, MatMul [in,out] + Add bias, Softmax', () => {
  const r = rng(21);
  const spec: ModelSpec = {
    opset: 13, producer: 'keras2onnx',
    inputs: [{ name: 'input_1', dims: ['N', 8, 8, 3] }],
    outputs: [{ name: 'probs' }],
    initializers: [
      randInit(r, 'conv_W', [4, 3, 3, 3]), randInit(r, 'conv_B', [4]),
      int64Init('flat_shape', [-1, 64]),
      randInit(r, 'dense_W', [64, 10]), randInit(r, 'dense_B', [10]),
      randInit(r, 'out_W', [10, 5]), randInit(r, 'out_B', [5]),
    ],
    nodes: [
      { name: 'to_nchw', op: 'Transpose', inputs: ['input_1'], outputs: ['x_nchw'], attrs: { perm: A.ints([0, 3, 1, 2]) } },
      { name: 'conv', op: 'Conv', inputs: ['x_nchw', 'conv_W', 'conv_B'], outputs: ['c'], attrs: { auto_pad: A.s('SAME_UPPER'), kernel_shape: A.ints([3, 3]) } },
      { name: 'conv_relu', op: 'Relu', inputs: ['c'], outputs: ['cr'] },
      { name: 'pool', op: 'MaxPool', inputs: ['cr'], outputs: ['p'], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]) } },
      { name: 'to_nhwc', op: 'Transpose', inputs: ['p'], outputs: ['p_nhwc'], attrs: { perm: A.ints([0, 2, 3, 1]) } },
      { name: 'flatten', op: 'Reshape', inputs: ['p_nhwc', 'flat_shape'], outputs: ['f'] },
      { name: 'dense', op: 'MatMul', inputs: ['f', 'dense_W'], outputs: ['d'] },
      { name: 'dense_bias', op: 'Add', inputs: ['d', 'dense_B'], outputs: ['db'] },
      { name: 'dense_relu', op: 'Relu', inputs: ['db'], outputs: ['dr'] },
      { name: 'out', op: 'MatMul', inputs: ['dr', 'out_W'], outputs: ['o'] },
      { name: 'out_bias', op: 'Add', inputs: ['o', 'out_B'], outputs: ['ob'] },
      { name: 'softmax', op: 'Softmax', inputs: ['ob'], outputs: ['probs'] },
    ],
  };
  test('matches onnxruntime (batch 3 and 1)', async () => {
    await compareWithOrt(spec, { input_1: feed(1, [3, 8, 8, 3]) });
    await compareWithOrt(spec, { input_1: feed(2, [1, 8, 8, 3]) });
  });
  test('plan: linear layers optical, their bias Adds folded, layout ops layout', () => {
    assert.deepEqual(hardwareByOp(spec, { input_1: [2, 8, 8, 3] }), {
      to_nchw: 'layout', conv: 'optical-matrix', conv_relu: 'electronic', pool: 'electronic', to_nhwc: 'layout', flatten: 'layout',
      dense: 'optical-matrix', dense_bias: 'folded', dense_relu: 'electronic', out: 'optical-matrix', out_bias: 'folded', softmax: 'electronic',
    });
  });
  test('opset 9 variant with Flatten', async () => {
    const s9: ModelSpec = {
      ...spec, opset: 9,
      nodes: spec.nodes.map((n) => (n.name === 'flatten' ? { name: 'flatten', op: 'Flatten', inputs: ['p_nhwc'], outputs: ['f'], attrs: { axis: A.i(1) } } : n)),
    };
    await compareWithOrt(s9, { input_1: feed(3, [2, 8, 8, 3]) });
  });
});

describe('CNTK-style opset-8 graph', () => {
  const r = rng(31);
  const C = 3;
  const spec: ModelSpec = {
    opset: 8, irVersion: 3, producer: 'CNTK', initializersAsInputs: true,
    inputs: [{ name: 'Input3', dims: [1, 1, 12, 12] }],
    outputs: [{ name: 'Plus_out' }],
    initializers: [
      randInit(r, 'Parameter5', [C, 1, 5, 5]),
      randInit(r, 'Parameter6', [C, 1, 1]),
      int64Init('Pooling_reshape', [1, C * 6 * 6]),
      randInit(r, 'Parameter_flat', [C * 6 * 6 * 10]),
      int64Init('Parameter_shape', [C * 6 * 6, 10]),
      randInit(r, 'Parameter194', [1, 10]),
    ],
    nodes: [
      { name: 'Convolution28', op: 'Conv', inputs: ['Input3', 'Parameter5'], outputs: ['Conv_out'], attrs: { auto_pad: A.s('SAME_UPPER'), kernel_shape: A.ints([5, 5]), strides: A.ints([1, 1]), group: A.i(1) } },
      { name: 'Plus30', op: 'Add', inputs: ['Conv_out', 'Parameter6'], outputs: ['Plus30_out'] },
      { name: 'ReLU32', op: 'Relu', inputs: ['Plus30_out'], outputs: ['Relu_out'] },
      { name: 'Pooling66', op: 'MaxPool', inputs: ['Relu_out'], outputs: ['Pool_out'], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]), pads: A.ints([0, 0, 0, 0]), auto_pad: A.s('NOTSET') } },
      { name: 'Times212_reshape0', op: 'Reshape', inputs: ['Pool_out', 'Pooling_reshape'], outputs: ['Pool_flat'] },
      { name: 'Times212_reshape1', op: 'Reshape', inputs: ['Parameter_flat', 'Parameter_shape'], outputs: ['W_matrix'] },
      { name: 'Times212', op: 'MatMul', inputs: ['Pool_flat', 'W_matrix'], outputs: ['Times_out'] },
      { name: 'Plus214', op: 'Add', inputs: ['Times_out', 'Parameter194'], outputs: ['Plus_out'] },
    ],
  };
  test('matches onnxruntime', async () => {
    await compareWithOrt(spec, { Input3: feed(4, [1, 1, 12, 12], 0, 1) });
  });
  test('plan: the weight Reshape is folded, the [C,1,1] bias Add is folded into the Conv', () => {
    const graph = importOnnx(buildModel(spec));
    const plan = planGraph(graph, { Input3: [1, 1, 12, 12] });
    assert.deepEqual(plan.folded.map((n) => n.name), ['Times212_reshape1']);
    assert.deepEqual(plan.constants.get('W_matrix')?.dims, [C * 36, 10]);
    assert.equal(plan.hardware.get('Plus30'), 'folded');
    assert.equal(plan.hardware.get('Plus214'), 'folded');
    assert.equal(plan.hardware.get('Convolution28'), 'optical-matrix');
    assert.equal(plan.hardware.get('Times212'), 'optical-matrix');
    assert.equal(plan.hardware.get('ReLU32'), 'electronic');
  });
});

describe('PyTorch flatten chain Shape→Gather→Unsqueeze→Concat→Reshape with a dynamic batch', () => {
  for (const opset of [9, 13]) {
    const r = rng(41 + opset);
    const spec: ModelSpec = {
      opset, producer: 'pytorch',
      inputs: [{ name: 'input', dims: ['batch_size', 2, 5, 5] }],
      outputs: [{ name: 'output', dims: ['batch_size', 4] }],
      initializers: [
        randInit(r, 'conv.weight', [3, 2, 3, 3]), randInit(r, 'conv.bias', [3]),
        int64Init('idx0', [0], []), int64Init('minus1', [-1]),
        ...(opset >= 13 ? [int64Init('axes0', [0])] : []),
        randInit(r, 'fc.weight', [4, 27]), randInit(r, 'fc.bias', [4]),
      ],
      nodes: [
        { name: 'Conv_0', op: 'Conv', inputs: ['input', 'conv.weight', 'conv.bias'], outputs: ['c'], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([1, 1]) } },
        { name: 'Relu_1', op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { name: 'Shape_2', op: 'Shape', inputs: ['r'], outputs: ['s'] },
        { name: 'Gather_3', op: 'Gather', inputs: ['s', 'idx0'], outputs: ['b'], attrs: { axis: A.i(0) } },
        opset >= 13
          ? { name: 'Unsqueeze_4', op: 'Unsqueeze', inputs: ['b', 'axes0'], outputs: ['bu'] }
          : { name: 'Unsqueeze_4', op: 'Unsqueeze', inputs: ['b'], outputs: ['bu'], attrs: { axes: A.ints([0]) } },
        { name: 'Concat_5', op: 'Concat', inputs: ['bu', 'minus1'], outputs: ['shape'], attrs: { axis: A.i(0) } },
        { name: 'Reshape_6', op: 'Reshape', inputs: ['r', 'shape'], outputs: ['flat'] },
        { name: 'Gemm_7', op: 'Gemm', inputs: ['flat', 'fc.weight', 'fc.bias'], outputs: ['output'], attrs: { transB: A.i(1), alpha: A.f(1), beta: A.f(1) } },
      ],
    };
    test(`opset ${opset}: batch 1 and batch 5 match onnxruntime`, async () => {
      await compareWithOrt(spec, { input: feed(5, [1, 2, 5, 5]) });
      await compareWithOrt(spec, { input: feed(6, [5, 2, 5, 5]) });
    });
    test(`opset ${opset}: the shape chain is folded per batch size; one executor caches both plans`, () => {
      const graph = importOnnx(buildModel(spec));
      const ex = new Executor(graph);
      for (const n of [1, 5]) {
        const plan = ex.plan({ input: [n, 2, 5, 5] });
        assert.deepEqual(plan.folded.map((x) => x.opType), ['Shape', 'Gather', 'Unsqueeze', 'Concat']);
        assert.deepEqual(plan.steps.map((s) => s.node.opType), ['Conv', 'Relu', 'Reshape', 'Gemm']);
        assert.deepEqual([...plan.constants.get('shape')!.data], [n, -1]);
        assert.equal(plan.hardware.get('Shape_2'), 'folded');
        assert.equal(ex.plan({ input: [n, 2, 5, 5] }), plan, 'plan is cached');
        const out = ex.run({ input: toTensor(feed(n, [n, 2, 5, 5])) });
        assert.deepEqual(out.output.dims, [n, 4]);
      }
    });
  }
});

describe('input validation', () => {
  const spec: ModelSpec = {
    opset: 13, inputs: [{ name: 'input_0', dims: [10, 1, 28, 28] }, { name: 'aux', dims: ['B', 3] }, { name: 'aux2', dims: ['B', 3] }],
    outputs: [{ name: 'y' }, { name: 'z' }],
    nodes: [{ op: 'Relu', inputs: ['input_0'], outputs: ['y'] }, { op: 'Add', inputs: ['aux', 'aux2'], outputs: ['z'] }],
  };
  const graph = importOnnx(buildModel(spec));
  const ok = { input_0: f32([10, 1, 28, 28], new Float64Array(7840)), aux: f32([2, 3], [1, 2, 3, 4, 5, 6]), aux2: f32([2, 3], [1, 1, 1, 1, 1, 1]) };
  test('a fixed-dim mismatch is a one-line ShapeError naming the input and both shapes', () => {
    assert.throws(() => runGraph(graph, { ...ok, input_0: f32([8, 1, 28, 28], new Float64Array(6272)) }), (e: unknown) => {
      assert.ok(e instanceof ShapeError);
      assert.equal(e.code, 'PF_ERR_SHAPE');
      assert.equal(e.message, "input 'input_0' has shape [8, 1, 28, 28], model expects [10, 1, 28, 28]");
      return true;
    });
    assert.throws(() => runGraph(graph, { ...ok, input_0: f32([10, 784], new Float64Array(7840)) }), /input 'input_0' has shape \[10, 784\], model expects \[10, 1, 28, 28\]/);
  });
  test('a symbolic dim must take one value across inputs', () => {
    assert.throws(() => runGraph(graph, { ...ok, aux2: f32([1, 3], [1, 1, 1]) }), (e: unknown) => e instanceof ShapeError && /dim 'B'/.test(e.message));
  });
  test('missing and unknown inputs', () => {
    const { aux: _unused, ...missing } = ok;
    assert.throws(() => runGraph(graph, missing), (e: unknown) => e instanceof InvalidInputError && /'aux'/.test(e.message));
    assert.throws(() => runGraph(graph, { ...ok, extra: f32([1], [0]) }), (e: unknown) => e instanceof InvalidInputError && /unknown input 'extra'/.test(e.message));
  });
  test('valid inputs run', () => {
    const out = runGraph(graph, ok);
    assert.deepEqual([...out.z.data], [2, 3, 4, 5, 6, 7]);
  });
  test('unsupported nodes are refused before running, all listed', () => {
    const g2 = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [1, 3] }], outputs: [{ name: 'y' }],
      nodes: [{ op: 'Erf', name: 'erf', inputs: ['x'], outputs: ['e'] }, { op: 'HardSwish', name: 'hs', inputs: ['e'], outputs: ['y'] }],
    }));
    assert.throws(() => runGraph(g2, { x: f32([1, 3], [1, 2, 3]) }), (e: unknown) => e instanceof UnsupportedOpError && e.nodes.length === 2);
  });
});

describe('shape inference and planning', () => {
  test('inferShapes gives concrete dims for every value', () => {
    const r = rng(51);
    const graph = importOnnx(buildModel({
      opset: 11, inputs: [{ name: 'x', dims: ['N', 3, 10, 10] }], outputs: [{ name: 'y' }],
      initializers: [randInit(r, 'W', [8, 3, 3, 3]), int64Init('pads', [0, 0, 1, 1, 0, 0, 1, 1])],
      nodes: [
        { op: 'Conv', inputs: ['x', 'W'], outputs: ['c'], attrs: { strides: A.ints([2, 2]) } },
        { op: 'Pad', inputs: ['c', 'pads'], outputs: ['p'] },
        { op: 'AveragePool', inputs: ['p'], outputs: ['a'], attrs: { kernel_shape: A.ints([3, 3]), ceil_mode: A.i(1), strides: A.ints([2, 2]) } },
        { op: 'GlobalAveragePool', inputs: ['a'], outputs: ['g'] },
        { op: 'Flatten', inputs: ['g'], outputs: ['y'] },
      ],
    }));
    const shapes = inferShapes(graph, { x: [7, 3, 10, 10] });
    assert.deepEqual(Object.fromEntries(['x', 'W', 'c', 'p', 'a', 'g', 'y'].map((n) => [n, shapes.get(n)])), {
      x: [7, 3, 10, 10], W: [8, 3, 3, 3], c: [7, 8, 4, 4], p: [7, 8, 6, 6], a: [7, 8, 3, 3], g: [7, 8, 1, 1], y: [7, 8],
    });
  });
  test('nodes that do not reach an output are pruned; intermediates are kept on request', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [2, 2] }], outputs: [{ name: 'y' }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }, { op: 'Sigmoid', inputs: ['x'], outputs: ['unused'] }],
    }));
    const plan = planGraph(graph, { x: [2, 2] });
    assert.deepEqual(plan.pruned.map((n) => n.opType), ['Sigmoid']);
    const out = runGraph(graph, { x: f32([2, 2], [-1, 2, -3, 4]) }, { keepIntermediates: true });
    assert.deepEqual([...out.y.data], [0, 2, 0, 4]);
  });
  test('float64 throughout: no rounding of intermediates to float32', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [3] }], outputs: [{ name: 'y' }],
      initializers: [{ name: 'k', dims: [], data: [0.1] }, { name: 'tiny', dims: [], data: [1e-12], dtype: 'DOUBLE' }],
      nodes: [
        { op: 'Mul', inputs: ['x', 'k'], outputs: ['m'] },
        { op: 'Cast', inputs: ['m'], outputs: ['md'], attrs: { to: A.i(11) } },
        { op: 'Add', inputs: ['md', 'tiny'], outputs: ['y'] },
      ],
    }));
    const x = [Math.fround(1.1), Math.fround(-2.3), Math.fround(3.7)];
    const y = runGraph(graph, { x: f32([3], x) }).y;
    x.forEach((v, i) => {
      const exact = v * Math.fround(0.1) + 1e-12;
      assert.equal(y.data[i], exact);
      assert.notEqual(y.data[i], Math.fround(v * Math.fround(0.1)) + 1e-12);
    });
  });
  test('override hook replaces a step', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y' }],
      initializers: [{ name: 'W', dims: [2, 2], data: [1, 0, 0, 1] }],
      nodes: [{ op: 'MatMul', name: 'mm', inputs: ['x', 'W'], outputs: ['y'] }],
    }));
    const seen: string[] = [];
    const out = new Executor(graph).run({ x: f32([1, 2], [3, 4]) }, {
      override: (step, ins) => { seen.push(step.hardware); return step.node.name === 'mm' ? [{ ...ins[0]!, data: ins[0]!.data.map((v) => v * 2) }] : undefined; },
    });
    assert.deepEqual(seen, ['optical-matrix']);
    assert.deepEqual([...out.y.data], [6, 8]);
  });
});

describe('performance paths give identical results', () => {
  const r = rng(61);
  const spec: ModelSpec = {
    opset: 11, inputs: [{ name: 'x', dims: ['N', 3, 16, 15] }], outputs: [{ name: 'y' }, { name: 'z' }],
    initializers: [
      randInit(r, 'W1', [10, 3, 5, 5]), randInit(r, 'B1', [10]), randInit(r, 'W2', [6, 10, 3, 3]),
      randInit(r, 'B2', [6, 1, 1]), randInit(r, 'Wf', [60, 72]), randInit(r, 'Bf', [60]), randInit(r, 'Wm', [60, 21]),
    ],
    nodes: [
      { op: 'Conv', inputs: ['x', 'W1', 'B1'], outputs: ['c1'], attrs: { pads: A.ints([2, 1, 2, 3]), strides: A.ints([1, 2]) } },
      { op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
      { op: 'Conv', inputs: ['r1', 'W2'], outputs: ['c2'], attrs: { dilations: A.ints([2, 1]), strides: A.ints([3, 1]), pads: A.ints([1, 1, 1, 1]) } },
      { op: 'Add', inputs: ['c2', 'B2'], outputs: ['c2b'] },
      { op: 'MaxPool', inputs: ['c2b'], outputs: ['p'], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]), ceil_mode: A.i(1) } },
      { op: 'Flatten', inputs: ['p'], outputs: ['f'] },
      { op: 'Gemm', inputs: ['f', 'Wf', 'Bf'], outputs: ['g'], attrs: { transB: A.i(1), alpha: A.f(0.5) } },
      { op: 'Tanh', inputs: ['g'], outputs: ['y'] },
      { op: 'MatMul', inputs: ['y', 'Wm'], outputs: ['z'] },
    ],
  };
  test('matches onnxruntime', async () => {
    await compareWithOrt(spec, { x: feed(7, [5, 3, 16, 15]) });
  });
  test('SIMD and TypeScript kernels, chunked and whole-batch runs: bit-identical', () => {
    const graph = importOnnx(buildModel(spec));
    const x = { x: toTensor(feed(8, [37, 3, 16, 15])) };
    assert.equal(splittableBatch(planGraph(graph, { x: [37, 3, 16, 15] })), 37, 'this graph is batch-splittable');
    const ref = new Executor(graph, undefined, { simd: false }).run(x, { chunkSize: 0 });
    const variants = [
      new Executor(graph, undefined, { simd: true }).run(x, { chunkSize: 0 }),
      new Executor(graph, undefined, { simd: true }).run(x, { chunkSize: 5 }),
      new Executor(graph, undefined, { simd: false }).run(x, { chunkSize: 8 }),
      new Executor(graph).run(x),
    ];
    for (const v of variants) {
      for (const name of ['y', 'z']) {
        assert.deepEqual(v[name].dims, ref[name].dims);
        assert.ok(v[name].data.every((val, i) => Object.is(val, ref[name].data[i])), `${name} differs`);
      }
    }
  });
  test('a fixed-batch Reshape is not split (and still runs correctly)', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [6, 4] }], outputs: [{ name: 'y' }],
      initializers: [int64Init('s', [6, 2, 2])],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['r'] }, { op: 'Reshape', inputs: ['r', 's'], outputs: ['y'] }],
    }));
    const data = Array.from({ length: 24 }, (_, i) => i - 12);
    assert.equal(splittableBatch(planGraph(graph, { x: [6, 4] })), 6, 'looks sample-wise op by op…');
    const out = new Executor(graph).run({ x: f32([6, 4], data) }, { chunkSize: 2 }); // …but the chunk plan does not fit
    assert.deepEqual(out.y.dims, [6, 2, 2]);
    assert.deepEqual([...out.y.data], data.map((v) => Math.max(v, 0)));
  });
});

describe('errors are FoundryErrors', () => {
  test('a bad Reshape target is a ShapeError naming the node', () => {
    const graph = importOnnx(buildModel({
      opset: 13, inputs: [{ name: 'x', dims: [2, 3] }], outputs: [{ name: 'y' }],
      initializers: [int64Init('s', [4, -1])],
      nodes: [{ op: 'Reshape', name: 'bad_reshape', inputs: ['x', 's'], outputs: ['y'] }],
    }));
    assert.throws(() => runGraph(graph, { x: f32([2, 3], [1, 2, 3, 4, 5, 6]) }), (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_SHAPE' && /node 'bad_reshape' \(Reshape\)/.test(e.message));
  });
});
