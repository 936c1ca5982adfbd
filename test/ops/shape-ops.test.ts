import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { A, ONNX_TYPES, type Attr } from './shape-helpers.js';
import { rng } from '../helpers/random.js';
import { buildModel } from '../helpers/onnx-builder.js';
import { importOnnx } from '../../src/import/index.js';
import { runGraph } from '../../src/exec/index.js';
import { checkOp, compareWithOrt, int64Init, randInit } from './harness.js';

describe('Flatten', () => {
  for (const opset of [7, 9, 11, 13]) {
    test(`opset ${opset}`, async () => {
      const axes = opset >= 11 ? [undefined, 0, 1, 2, 3, 4, -1, -3] : [undefined, 0, 1, 2, 3, 4];
      for (const axis of axes) {
        const attrs: Record<string, Attr> | undefined = axis === undefined ? undefined : { axis: A.i(axis) };
        await checkOp({ op: 'Flatten', opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], attrs });
      }
    });
  }
});

describe('Reshape', () => {
  const cases: [number[], number[]][] = [
    [[2, 3, 4], [0, -1]],
    [[2, 3, 4], [-1]],
    [[2, 3, 4], [4, 0, -1]],
    [[2, 3, 4], [3, -1, 2]],
    [[2, 3, 4], [0, 0, 2, 2]],
    [[2, 3, 4], [24, 1]],
    [[6], [1, 2, 3]],
  ];
  for (const opset of [7, 13, 14]) {
    test(`opset ${opset}: 0 copies, -1 infers (shape initializer)`, async () => {
      for (const [x, shape] of cases) {
        await checkOp({ op: 'Reshape', opset, inputs: [{ name: 'x', dims: x }], initializers: [int64Init('shape', shape)], label: `Reshape ${JSON.stringify(x)}→${JSON.stringify(shape)}` });
      }
    });
  }
  test('opset 14 allowzero=1 keeps 0 as a zero dim; allowzero=0 copies', async () => {
    await checkOp({ op: 'Reshape', opset: 14, inputs: [{ name: 'x', dims: [0, 3, 4] }], initializers: [int64Init('shape', [3, 4, 0])], attrs: { allowzero: A.i(1) } });
    await checkOp({ op: 'Reshape', opset: 14, inputs: [{ name: 'x', dims: [2, 3, 4] }], initializers: [int64Init('shape', [0, 4, 3])], attrs: { allowzero: A.i(0) } });
    await checkOp({ op: 'Reshape', opset: 14, inputs: [{ name: 'x', dims: [2, 3, 4] }], initializers: [int64Init('shape', [2, 4, 3])], attrs: { allowzero: A.i(1) } });
  });
});

describe('Transpose', () => {
  for (const opset of [7, 13]) {
    test(`opset ${opset}: default and perm`, async () => {
      const cases: [number[], number[] | undefined][] = [
        [[3, 4], undefined],
        [[2, 3, 4, 5], undefined],
        [[2, 3, 4, 5], [0, 3, 1, 2]],
        [[2, 3, 4, 5], [0, 2, 3, 1]],
        [[2, 3, 4], [1, 0, 2]],
        [[2, 1, 4, 1], [3, 2, 1, 0]],
        [[1, 5, 1, 6], [0, 3, 2, 1]],
        [[2, 3, 4, 5, 2], [4, 0, 3, 1, 2]],
      ];
      for (const [dims, perm] of cases) {
        await checkOp({ op: 'Transpose', opset, inputs: [{ name: 'x', dims }], attrs: perm ? { perm: A.ints(perm) } : undefined });
      }
    });
  }
});

describe('Squeeze / Unsqueeze', () => {
  test('opset 11: axes attribute', async () => {
    await checkOp({ op: 'Squeeze', opset: 11, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }] });
    await checkOp({ op: 'Squeeze', opset: 11, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }], attrs: { axes: A.ints([2]) } });
    await checkOp({ op: 'Squeeze', opset: 11, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }], attrs: { axes: A.ints([0, -2]) } });
    await checkOp({ op: 'Unsqueeze', opset: 11, inputs: [{ name: 'x', dims: [3, 4] }], attrs: { axes: A.ints([0]) } });
    await checkOp({ op: 'Unsqueeze', opset: 11, inputs: [{ name: 'x', dims: [3, 4] }], attrs: { axes: A.ints([1, 3]) } });
    await checkOp({ op: 'Unsqueeze', opset: 11, inputs: [{ name: 'x', dims: [3, 4] }], attrs: { axes: A.ints([-1]) } });
  });
  test('opset 9: axes attribute (non-negative)', async () => {
    await checkOp({ op: 'Squeeze', opset: 9, inputs: [{ name: 'x', dims: [5, 1] }], attrs: { axes: A.ints([1]) } });
    await checkOp({ op: 'Unsqueeze', opset: 9, inputs: [{ name: 'x', dims: [5] }], attrs: { axes: A.ints([1, 2]) } });
  });
  for (const opset of [13, 17]) {
    test(`opset ${opset}: axes input`, async () => {
      await checkOp({ op: 'Squeeze', opset, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }] });
      await checkOp({ op: 'Squeeze', opset, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }], initializers: [int64Init('axes', [2])] });
      await checkOp({ op: 'Squeeze', opset, inputs: [{ name: 'x', dims: [1, 3, 1, 4] }], initializers: [int64Init('axes', [0, -2])] });
      await checkOp({ op: 'Unsqueeze', opset, inputs: [{ name: 'x', dims: [3, 4] }], initializers: [int64Init('axes', [0])] });
      await checkOp({ op: 'Unsqueeze', opset, inputs: [{ name: 'x', dims: [3, 4] }], initializers: [int64Init('axes', [3, 1])] });
      await checkOp({ op: 'Unsqueeze', opset, inputs: [{ name: 'x', dims: [3, 4] }], initializers: [int64Init('axes', [-1])] });
    });
  }
});

describe('Identity / Dropout', () => {
  for (const opset of [7, 13, 16]) {
    test(`Identity opset ${opset}`, async () => {
      await checkOp({ op: 'Identity', opset, inputs: [{ name: 'x', dims: [2, 3] }] });
    });
  }
  test('Dropout opset 7 (ratio attribute) is the identity', async () => {
    await checkOp({ op: 'Dropout', opset: 7, inputs: [{ name: 'x', dims: [3, 4] }], attrs: { ratio: A.f(0.3) } });
  });
  // onnxruntime fills the mask of Dropout 7–11 with false in inference (its IdentityOp memsets it to 0); the
  // ONNX reference implementation returns all true, as do onnxruntime's Dropout-12+ kernels. We follow the spec.
  test('Dropout opset 10: y matches ORT; mask output is all true (bool), per the ONNX reference', async () => {
    await checkOp({ op: 'Dropout', opset: 10, inputs: [{ name: 'x', dims: [3, 4] }], nodeOutputs: ['y', 'mask'], attrs: { ratio: A.f(0.5) } });
    const graph = importOnnx(buildModel({
      opset: 10, inputs: [{ name: 'x', dims: [3, 4] }], outputs: [{ name: 'y' }, { name: 'mask', dtype: 'BOOL' }],
      nodes: [{ op: 'Dropout', inputs: ['x'], outputs: ['y', 'mask'], attrs: { ratio: A.f(0.5) } }],
    }));
    const out = runGraph(graph, { x: { dtype: 'float32', dims: [3, 4], data: new Float64Array(12).fill(2) } });
    assert.equal(out.mask.dtype, 'bool');
    assert.deepEqual([...out.mask.dims], [3, 4]);
    assert.ok(out.mask.data.every((v) => v === 1));
    assert.ok(out.y.data.every((v) => v === 2));
  });
  for (const opset of [12, 13]) {
    test(`Dropout opset ${opset}: ratio and training_mode inputs, mask output`, async () => {
      await checkOp({ op: 'Dropout', opset, inputs: [{ name: 'x', dims: [3, 4] }] });
      await checkOp({ op: 'Dropout', opset, inputs: [{ name: 'x', dims: [3, 4] }], initializers: [{ name: 'ratio', dims: [], data: [0.25] }] });
      const r = await checkOp({
        op: 'Dropout', opset, inputs: [{ name: 'x', dims: [3, 4] }],
        initializers: [{ name: 'ratio', dims: [], data: [0.25] }, { name: 'train', dims: [], data: [0], dtype: 'BOOL' }],
        outputs: ['y', 'mask'], outputTypes: { mask: 'BOOL' },
      });
      assert.ok(r.ours.mask.data.every((v) => v === 1));
    });
  }
});

describe('Concat', () => {
  for (const opset of [7, 11, 13]) {
    test(`opset ${opset}`, async () => {
      const axes = opset >= 11 ? [0, 1, 2, -1, -3] : [0, 1, 2];
      for (const axis of axes) {
        const dims = (k: number): number[] => [2, 3, 4].map((d, i) => (i === (axis + 3) % 3 ? d + k : d));
        await checkOp({
          op: 'Concat', opset, seed: axis + 10,
          inputs: [{ name: 'a', dims: dims(0) }, { name: 'b', dims: dims(1) }, { name: 'c', dims: dims(2) }],
          attrs: { axis: A.i(axis) },
        });
      }
    });
  }
});

describe('Shape', () => {
  for (const opset of [7, 13, 15]) {
    test(`opset ${opset}`, async () => {
      await checkOp({ op: 'Shape', opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], outputTypes: { y: 'INT64' } });
    });
  }
  test('opset 15: start/end attributes', async () => {
    const cases: [number | undefined, number | undefined][] = [[1, undefined], [undefined, -1], [1, 3], [-3, -1], [-10, 10], [3, 1]];
    for (const [start, end] of cases) {
      const attrs: Record<string, Attr> = {};
      if (start !== undefined) attrs.start = A.i(start);
      if (end !== undefined) attrs.end = A.i(end);
      await checkOp({ op: 'Shape', opset: 15, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], outputTypes: { y: 'INT64' }, attrs });
    }
  });
});

describe('Gather', () => {
  for (const opset of [7, 11, 13]) {
    test(`opset ${opset}: any axis, negative indices`, async () => {
      const cases: [number, number[], number[]][] = [
        [0, [2], [1, 0]],
        [1, [2, 2], [0, -1, 2, -3]],
        [2, [], [-1]],
        [-1, [3], [4, 0, -2]],
        [0, [1], [-2]],
      ];
      for (const [axis, idxDims, idx] of cases) {
        if (opset < 11 && idx.some((i) => i < 0)) continue;
        await checkOp({
          op: 'Gather', opset, inputs: [{ name: 'x', dims: [2, 3, 5] }],
          initializers: [int64Init('idx', idx, idxDims)], attrs: { axis: A.i(axis) },
          label: `Gather axis ${axis} idx ${JSON.stringify(idx)}`,
        });
      }
    });
  }
  test('int64 data with a runtime index input', async () => {
    await checkOp({
      op: 'Gather', opset: 13, inputs: [{ name: 'i', dims: [2], dtype: 'INT64' }],
      initializers: [int64Init('shape', [7, 8, 9, 10])], nodeInputs: ['shape', 'i'],
      feeds: { i: { dims: [2], data: [3, -4], dtype: 'int64' } }, outputTypes: { y: 'INT64' },
    });
  });
});

describe('Cast', () => {
  for (const opset of [7, 9, 13]) {
    test(`opset ${opset}`, async () => {
      const data = [0.5, -0.5, 1.7, -1.7, 3, -3, 0, 126.9, -127.9, 1e-3];
      const feeds = { x: { dims: [10], data: data.map(Math.fround) } };
      for (const [to, ty] of [[ONNX_TYPES.INT64, 'INT64'], [ONNX_TYPES.INT32, 'INT32'], [ONNX_TYPES.INT8, 'INT8'], [ONNX_TYPES.BOOL, 'BOOL'], [ONNX_TYPES.DOUBLE, 'DOUBLE'], [ONNX_TYPES.FLOAT, 'FLOAT']] as const) {
        await checkOp({ op: 'Cast', opset, inputs: [{ name: 'x', dims: [10] }], feeds, attrs: { to: A.i(to) }, outputTypes: { y: ty }, label: `Cast to ${ty}` });
      }
      await checkOp({
        op: 'Cast', opset, inputs: [{ name: 'x', dims: [4], dtype: 'INT64' }],
        feeds: { x: { dims: [4], data: [1, -2, 300, 0], dtype: 'int64' } }, attrs: { to: A.i(ONNX_TYPES.FLOAT) }, label: 'Cast int64 to float',
      });
    });
  }
});

describe('shape chains are folded', () => {
  test('Reshape of an initializer and Transpose of a weight, fed into MatMul', async () => {
    const r = rng(9);
    await compareWithOrt({
      opset: 9,
      inputs: [{ name: 'x', dims: [2, 6] }],
      outputs: [{ name: 'y' }],
      initializers: [randInit(r, 'w_flat', [30]), int64Init('ws', [5, 6])],
      nodes: [
        { op: 'Reshape', inputs: ['w_flat', 'ws'], outputs: ['w56'] },
        { op: 'Transpose', inputs: ['w56'], outputs: ['w65'] },
        { op: 'MatMul', inputs: ['x', 'w65'], outputs: ['y'] },
      ],
    }, { x: { dims: [2, 6], data: r.floats(12) } });
  });
});
