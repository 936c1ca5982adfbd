import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { A, type Attr } from '../helpers/onnx-builder.js';
import { checkOp, maxAbsDiff } from './harness.js';

describe('Softmax / LogSoftmax vs onnxruntime', () => {
  for (const op of ['Softmax', 'LogSoftmax']) {
    for (const opset of [7, 9, 11]) {
      test(`${op} opset ${opset}: input coerced to 2-D at axis`, async () => {
        const axes: (number | undefined)[] = opset >= 11 ? [undefined, 0, 1, 2, 3, -1, -3] : [undefined, 0, 1, 2, 3];
        for (const axis of axes) {
          const attrs: Record<string, Attr> | undefined = axis === undefined ? undefined : { axis: A.i(axis) };
          await checkOp({ op, opset, seed: 3, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], attrs });
        }
        await checkOp({ op, opset, seed: 4, inputs: [{ name: 'x', dims: [2, 3, 4] }], attrs: { axis: A.i(1) } });
        await checkOp({ op, opset, seed: 5, inputs: [{ name: 'x', dims: [4, 10] }] });
      });
    }
    for (const opset of [13, 17]) {
      test(`${op} opset ${opset}: per-axis`, async () => {
        for (const axis of [undefined, 0, 1, 2, 3, -1, -2]) {
          const attrs: Record<string, Attr> | undefined = axis === undefined ? undefined : { axis: A.i(axis) };
          await checkOp({ op, opset, seed: 6, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], attrs });
        }
        await checkOp({ op, opset, seed: 7, inputs: [{ name: 'x', dims: [2, 3, 4] }], attrs: { axis: A.i(1) } });
      });
    }
  }
  test('opset 11 and opset 13 semantics differ for axis 1 on a 4-D input', async () => {
    const feeds = { x: { dims: [2, 3, 4, 5], data: Array.from({ length: 120 }, (_, i) => Math.fround(Math.sin(i))) } };
    const a = await checkOp({ op: 'Softmax', opset: 11, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], feeds, attrs: { axis: A.i(1) } });
    const b = await checkOp({ op: 'Softmax', opset: 13, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], feeds, attrs: { axis: A.i(1) } });
    assert.ok(maxAbsDiff(a.ours.y.data, b.ours.y.data) > 1e-3);
  });
});
