import { describe, test } from 'node:test';
import { A } from '../helpers/onnx-builder.js';
import { numel, rng } from '../helpers/random.js';
import { checkOp, randInit } from './harness.js';

const shapes: [number[], number[]][] = [
  [[2, 3, 4], [2, 3, 4]],
  [[2, 3, 4], []],
  [[], [2, 3, 4]],
  [[2, 3, 4], [4]],
  [[2, 3, 4], [3, 1]],
  [[2, 1, 4], [3, 1]],
  [[1, 3, 1], [2, 1, 5]],
  [[2, 3, 4, 5], [3, 1, 1]],
  [[5], [2, 3, 5]],
  [[2, 3, 4, 5], [1, 3, 4, 1]],
  [[4, 1], [1, 6]],
];

describe('Add/Sub/Mul/Div with numpy broadcasting vs onnxruntime', () => {
  for (const op of ['Add', 'Sub', 'Mul', 'Div']) {
    for (const opset of [7, 13, 14]) {
      test(`${op} opset ${opset}`, async () => {
        for (const [k, [a, b]] of shapes.entries()) {
          const r = rng(1000 + k);
          // Keep divisors away from zero.
          const bData = op === 'Div' ? r.floats(numel(b), 0.5, 2).map((v, i) => (i % 2 ? -v : v)) : r.floats(numel(b), -2, 2);
          await checkOp({
            op, opset, seed: k,
            inputs: [{ name: 'a', dims: a }, { name: 'b', dims: b }],
            feeds: { b: { dims: b, data: bData } },
            label: `${op}@${opset} ${JSON.stringify(a)} ${JSON.stringify(b)}`,
          });
        }
      });
    }
  }
  test('Add of a constant [C,1,1] bias (CNTK style)', async () => {
    await checkOp({ op: 'Add', opset: 8, inputs: [{ name: 'x', dims: [2, 3, 4, 4] }], initializers: [randInit(rng(1), 'bias', [3, 1, 1])] });
  });
  test('integer Div truncates toward zero', async () => {
    await checkOp({
      op: 'Div', opset: 13,
      inputs: [{ name: 'a', dims: [6], dtype: 'INT64' }, { name: 'b', dims: [6], dtype: 'INT64' }],
      feeds: { a: { dims: [6], data: [7, -7, 7, -7, 9, 0], dtype: 'int64' }, b: { dims: [6], data: [2, 2, -2, -2, 3, 5], dtype: 'int64' } },
      outputTypes: { y: 'INT64' },
    });
  });
});

describe('activations vs onnxruntime', () => {
  for (const op of ['Relu', 'Sigmoid', 'Tanh', 'LeakyRelu']) {
    for (const opset of [7, 13, 14, 16]) {
      test(`${op} opset ${opset}`, async () => {
        const r = rng(5);
        const data = r.floats(120, -8, 8);
        data[0] = 0; data[1] = -30; data[2] = 30;
        await checkOp({ op, opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], feeds: { x: { dims: [2, 3, 4, 5], data } } });
      });
    }
  }
  test('LeakyRelu alpha', async () => {
    await checkOp({ op: 'LeakyRelu', opset: 9, inputs: [{ name: 'x', dims: [3, 7] }], attrs: { alpha: A.f(0.2) } });
  });
});
