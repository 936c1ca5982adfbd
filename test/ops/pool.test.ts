import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { A, type Attr } from '../helpers/onnx-builder.js';
import { checkOp } from './harness.js';

interface PoolCase { x: number[]; attrs: Record<string, Attr>; minOpset?: number }

const k = (...v: number[]): Attr => A.ints(v);

const common: PoolCase[] = [
  { x: [2, 3, 8, 8], attrs: { kernel_shape: k(2, 2), strides: k(2, 2) } },
  { x: [2, 3, 9, 7], attrs: { kernel_shape: k(3, 3) } },
  { x: [2, 3, 9, 7], attrs: { kernel_shape: k(3, 3), strides: k(2, 2), pads: k(1, 1, 1, 1) } },
  { x: [2, 3, 9, 7], attrs: { kernel_shape: k(3, 2), strides: k(2, 1), pads: k(0, 1, 2, 0) } },
  { x: [1, 2, 7, 6], attrs: { kernel_shape: k(3, 3), strides: k(2, 2), auto_pad: A.s('VALID') } },
  { x: [1, 2, 7, 6], attrs: { kernel_shape: k(3, 3), strides: k(2, 2), auto_pad: A.s('SAME_UPPER') } },
  { x: [1, 2, 7, 6], attrs: { kernel_shape: k(2, 2), auto_pad: A.s('SAME_UPPER') } },
  { x: [1, 2, 7, 6], attrs: { kernel_shape: k(2, 3), strides: k(2, 2), auto_pad: A.s('SAME_LOWER') } },
  { x: [1, 2, 7, 6], attrs: { kernel_shape: k(2, 2), auto_pad: A.s('SAME_LOWER') } },
  { x: [2, 3, 11], attrs: { kernel_shape: k(3), strides: k(2), pads: k(1, 0) } },
  // ceil_mode (opset 10+)
  { x: [2, 3, 6, 6], attrs: { kernel_shape: k(3, 3), strides: k(2, 2), ceil_mode: A.i(1) }, minOpset: 10 },
  { x: [2, 3, 5, 5], attrs: { kernel_shape: k(2, 2), strides: k(2, 2), pads: k(1, 1, 1, 1), ceil_mode: A.i(1) }, minOpset: 10 },
  { x: [2, 3, 7, 8], attrs: { kernel_shape: k(3, 2), strides: k(3, 3), pads: k(1, 0, 1, 1), ceil_mode: A.i(1) }, minOpset: 10 },
  { x: [2, 3, 7, 8], attrs: { kernel_shape: k(3, 2), strides: k(3, 3), pads: k(1, 0, 1, 1), ceil_mode: A.i(0) }, minOpset: 10 },
];

describe('MaxPool vs onnxruntime', () => {
  for (const opset of [7, 8, 10, 11, 12, 13]) {
    test(`opset ${opset}`, async () => {
      for (const [i, c] of common.entries()) {
        if ((c.minOpset ?? 0) > opset) continue;
        await checkOp({ op: 'MaxPool', opset, seed: i, inputs: [{ name: 'x', dims: c.x }], attrs: c.attrs, label: `MaxPool@${opset} ${JSON.stringify(c.x)} ${JSON.stringify(c.attrs)}` });
      }
    });
  }
  test('opset 10+: dilations', async () => {
    for (const opset of [10, 12]) {
      await checkOp({ op: 'MaxPool', opset, inputs: [{ name: 'x', dims: [2, 3, 9, 9] }], attrs: { kernel_shape: k(2, 3), dilations: k(2, 2), strides: k(1, 2) } });
      await checkOp({ op: 'MaxPool', opset, inputs: [{ name: 'x', dims: [2, 3, 9, 9] }], attrs: { kernel_shape: k(3, 3), dilations: k(2, 1), pads: k(1, 1, 1, 1), ceil_mode: A.i(1), strides: k(2, 2) } });
    }
  });
  test('opset 8+: Indices output', async () => {
    const r = await checkOp({
      op: 'MaxPool', opset: 12, inputs: [{ name: 'x', dims: [2, 3, 6, 5] }], outputs: ['y', 'idx'], outputTypes: { idx: 'INT64' },
      attrs: { kernel_shape: k(2, 2), strides: k(2, 2), pads: k(0, 0, 0, 1) },
    });
    assert.equal(r.ours.idx.dtype, 'int64');
  });
});

describe('AveragePool vs onnxruntime', () => {
  for (const opset of [7, 10, 11, 13]) {
    for (const cip of [0, 1]) {
      test(`opset ${opset} count_include_pad=${cip}`, async () => {
        for (const [i, c] of common.entries()) {
          if ((c.minOpset ?? 0) > opset) continue;
          const attrs = { ...c.attrs, count_include_pad: A.i(cip) };
          await checkOp({ op: 'AveragePool', opset, seed: i, inputs: [{ name: 'x', dims: c.x }], attrs, label: `AveragePool@${opset} ${JSON.stringify(c.x)} ${JSON.stringify(attrs)}` });
        }
      });
    }
  }
});

describe('GlobalAveragePool / GlobalMaxPool vs onnxruntime', () => {
  for (const opset of [7, 13]) {
    test(`opset ${opset}`, async () => {
      for (const op of ['GlobalAveragePool', 'GlobalMaxPool']) {
        await checkOp({ op, opset, inputs: [{ name: 'x', dims: [2, 3, 5, 4] }] });
        await checkOp({ op, opset, inputs: [{ name: 'x', dims: [2, 3, 7] }] });
        await checkOp({ op, opset, inputs: [{ name: 'x', dims: [1, 4, 1, 1] }] });
      }
    });
  }
});
