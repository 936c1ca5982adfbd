import { describe, test } from 'node:test';
import { A } from '../helpers/onnx-builder.js';
import { rng } from '../helpers/random.js';
import { checkOp, randInit } from './harness.js';

describe('Gemm vs onnxruntime', () => {
  const M = 4, K = 6, N = 5;
  const cShapes: number[][] = [[], [N], [1, N], [M, 1], [M, N], [1, 1], [1]];
  for (const opset of [7, 9, 11, 13]) {
    for (const transA of [0, 1]) {
      for (const transB of [0, 1]) {
        test(`opset ${opset} transA=${transA} transB=${transB} alpha/beta`, async () => {
          for (const [k, cDims] of cShapes.entries()) {
            await checkOp({
              op: 'Gemm', opset, seed: 100 + k,
              inputs: [{ name: 'a', dims: transA ? [K, M] : [M, K] }, { name: 'b', dims: transB ? [N, K] : [K, N] }, { name: 'c', dims: cDims }],
              attrs: { transA: A.i(transA), transB: A.i(transB), alpha: A.f(k % 2 ? 0.75 : 1), beta: A.f(k % 3 ? -1.5 : 1) },
            });
          }
        });
      }
    }
  }
  test('constant weight and bias initializers (PyTorch Linear)', async () => {
    const r = rng(7);
    await checkOp({
      op: 'Gemm', opset: 9, inputs: [{ name: 'x', dims: [3, 8] }],
      initializers: [randInit(r, 'W', [5, 8]), randInit(r, 'B', [5])],
      attrs: { transB: A.i(1), alpha: A.f(1), beta: A.f(1) },
    });
  });
  test('larger products (SIMD kernel path), all transpositions, C broadcast', async () => {
    const [m, k, n] = [33, 70, 19];
    let seed = 500;
    for (const transA of [0, 1]) {
      for (const transB of [0, 1]) {
        for (const cDims of [[n], [m, 1], [m, n]]) {
          await checkOp({
            op: 'Gemm', opset: 13, seed: seed++,
            inputs: [{ name: 'a', dims: transA ? [k, m] : [m, k] }, { name: 'b', dims: transB ? [n, k] : [k, n] }, { name: 'c', dims: cDims }],
            attrs: { transA: A.i(transA), transB: A.i(transB), alpha: A.f(-0.5), beta: A.f(2) },
          });
        }
      }
    }
  });
  for (const opset of [11, 13]) {
    test(`opset ${opset}: C omitted`, async () => {
      await checkOp({ op: 'Gemm', opset, inputs: [{ name: 'a', dims: [M, K] }, { name: 'b', dims: [K, N] }], attrs: { alpha: A.f(2) } });
    });
  }
});

describe('MatMul vs onnxruntime', () => {
  const cases: [number[], number[]][] = [
    [[4, 6], [6, 5]],
    [[1, 6], [6, 5]],
    [[2, 3, 4, 5], [2, 3, 5, 6]],
    [[2, 1, 4, 5], [3, 5, 6]],
    [[3, 4, 5], [5, 7]],
    [[4, 5], [3, 5, 2]],
    [[6], [6, 5]],
    [[4, 6], [6]],
    [[2, 4, 6], [6]],
    [[6], [3, 6, 2]],
    [[7], [7]],
    [[2, 3, 17, 40], [2, 3, 40, 13]],
    [[3, 17, 40], [40, 21]],
    [[2, 1, 17, 40], [4, 40, 13]],
  ];
  for (const opset of [7, 9, 13]) {
    test(`opset ${opset}: 2-D, batched, broadcast, 1-D operands`, async () => {
      for (const [k, [a, b]] of cases.entries()) {
        await checkOp({ op: 'MatMul', opset, seed: k, inputs: [{ name: 'a', dims: a }, { name: 'b', dims: b }], label: `MatMul ${JSON.stringify(a)}×${JSON.stringify(b)}` });
      }
    });
  }
  test('constant [in, out] weight (Keras Dense)', async () => {
    const r = rng(3);
    await checkOp({ op: 'MatMul', opset: 13, inputs: [{ name: 'x', dims: [5, 12] }], initializers: [randInit(r, 'W', [12, 7])] });
  });
});
