import { describe, test } from 'node:test';
import { A } from '../helpers/onnx-builder.js';
import { rng } from '../helpers/random.js';
import { checkOp, int64Init, randInit } from './harness.js';

describe('Pad (constant mode) vs onnxruntime', () => {
  const cases: [number[], number[]][] = [
    [[2, 3, 4, 5], [0, 0, 1, 2, 0, 0, 3, 1]],
    [[3, 4], [1, 0, 2, 3]],
    [[2, 3, 4], [0, 1, -1, 0, -1, 2]],
    [[5], [2, 0]],
  ];
  test('opset 7: pads/mode/value attributes', async () => {
    for (const [x, pads] of cases) {
      await checkOp({ op: 'Pad', opset: 7, inputs: [{ name: 'x', dims: x }], attrs: { pads: A.ints(pads) } });
      await checkOp({ op: 'Pad', opset: 7, inputs: [{ name: 'x', dims: x }], attrs: { pads: A.ints(pads), mode: A.s('constant'), value: A.f(1.5) } });
    }
  });
  for (const opset of [11, 13]) {
    test(`opset ${opset}: pads and constant_value inputs`, async () => {
      for (const [x, pads] of cases) {
        await checkOp({ op: 'Pad', opset, inputs: [{ name: 'x', dims: x }], initializers: [int64Init('pads', pads)] });
        await checkOp({
          op: 'Pad', opset, inputs: [{ name: 'x', dims: x }],
          initializers: [int64Init('pads', pads), { name: 'cv', dims: [], data: [-2.25] }], attrs: { mode: A.s('constant') },
        });
      }
    });
  }
});

describe('BatchNormalization (inference) vs onnxruntime', () => {
  const stats = (C: number, seed: number): ReturnType<typeof randInit>[] => {
    const r = rng(seed);
    return [randInit(r, 'scale', [C], 0.5, 2), randInit(r, 'B', [C]), randInit(r, 'mean', [C]), randInit(r, 'var', [C], 0.1, 3)];
  };
  for (const opset of [7, 9, 14, 15]) {
    test(`opset ${opset}: 4-D and 2-D inputs, epsilon`, async () => {
      await checkOp({ op: 'BatchNormalization', opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], initializers: stats(3, 1) });
      await checkOp({ op: 'BatchNormalization', opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], initializers: stats(3, 2), attrs: { epsilon: A.f(1e-3) } });
      await checkOp({ op: 'BatchNormalization', opset, inputs: [{ name: 'x', dims: [6, 7] }], initializers: stats(7, 3) });
      await checkOp({ op: 'BatchNormalization', opset, inputs: [{ name: 'x', dims: [6, 7, 1] }], initializers: stats(7, 4), attrs: { momentum: A.f(0.9) } });
    });
  }
  test('opset 7: spatial=1 attribute', async () => {
    await checkOp({ op: 'BatchNormalization', opset: 7, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], initializers: stats(3, 5), attrs: { spatial: A.i(1) } });
  });
  test('opset 7: spatial=0 (statistics per element of a sample, shape [C, H, W])', async () => {
    const r = rng(8);
    const d = [3, 4, 5];
    await checkOp({
      op: 'BatchNormalization', opset: 7, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }],
      initializers: [randInit(r, 'scale', d, 0.5, 2), randInit(r, 'B', d), randInit(r, 'mean', d), randInit(r, 'var', d, 0.1, 3)],
      attrs: { spatial: A.i(0) },
    });
  });
  test('opset 14/15: training_mode=0', async () => {
    for (const opset of [14, 15]) {
      await checkOp({ op: 'BatchNormalization', opset, inputs: [{ name: 'x', dims: [2, 3, 4, 5] }], initializers: stats(3, 6), attrs: { training_mode: A.i(0) } });
    }
  });
});
