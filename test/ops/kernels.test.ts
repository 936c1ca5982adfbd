/**
 * The SIMD (WebAssembly) and TypeScript kernels agree bit for bit, and both agree with a naive direct
 * convolution / matrix product, over many random geometries (no onnxruntime here: exhaustive and fast).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tensor } from '../../src/core/tensor.js';
import type { AttributeValue, NodeIR } from '../../src/ir/graph.js';
import { conv, im2colRows } from '../../src/ops/conv.js';
import { gemm } from '../../src/ops/gemm.js';
import { matmul } from '../../src/ops/matmul.js';
import { matmulModuleBytes, WasmMatmul } from '../../src/ops/wasm-matmul.js';
import { rng, type Rng } from '../helpers/random.js';

const simd = WasmMatmul.create();

function node(opType: string, attributes: Record<string, AttributeValue>): NodeIR {
  return { name: opType.toLowerCase(), opType, domain: 'ai.onnx', inputs: ['x', 'w', 'b'], outputs: ['y'], attributes };
}
function rand(r: Rng, dims: number[]): Tensor {
  return { dtype: 'float32', dims, data: Float64Array.from(r.floats(dims.reduce((a, b) => a * b, 1), -1, 1)) };
}
const ints = (value: number[]): AttributeValue => ({ kind: 'ints', value });
const int = (value: number): AttributeValue => ({ kind: 'int', value });

function naiveConv(x: Tensor, w: Tensor, b: Tensor | undefined, s: number[], d: number[], p: number[], OH: number, OW: number): Float64Array {
  const [N, C, H, W] = x.dims, [M, , kh, kw] = w.dims;
  const y = new Float64Array(N * M * OH * OW);
  for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    let acc = 0;
    for (let c = 0; c < C; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const ih = oh * s[0] - p[0] + i * d[0], iw = ow * s[1] - p[1] + j * d[1];
      if (ih >= 0 && ih < H && iw >= 0 && iw < W) acc += w.data[((m * C + c) * kh + i) * kw + j] * x.data[((n * C + c) * H + ih) * W + iw];
    }
    y[((n * M + m) * OH + oh) * OW + ow] = acc + (b ? b.data[m] : 0);
  }
  return y;
}

const close = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-12 * (1 + Math.abs(b[i])));
const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('kernels', () => {
  test('the WebAssembly SIMD module validates and instantiates', () => {
    assert.ok(matmulModuleBytes().length > 100);
    assert.ok(simd, 'WebAssembly SIMD is available in Node 20');
  });

  test('Conv: SIMD = TypeScript (bit-identical) ≈ naive, 200 random geometries', () => {
    const r = rng(77);
    let simdCases = 0;
    for (let t = 0; t < 200; t++) {
      const C = r.int(1, 4), M = r.int(3, 11), kh = r.int(1, 4), kw = r.int(1, 4);
      const s = [r.int(1, 3), r.int(1, 3)], d = [r.int(1, 2), r.int(1, 2)];
      const pads = [r.int(0, 2), r.int(0, 2), r.int(0, 2), r.int(0, 2)];
      const H = r.int((kh - 1) * d[0] + 1, 20), W = r.int((kw - 1) * d[1] + 1, 20);
      const x = rand(r, [r.int(1, 3), C, H, W]), w = rand(r, [M, C, kh, kw]), b = t % 2 ? rand(r, [M]) : undefined;
      const nd = node('Conv', { strides: ints(s), dilations: ints(d), pads: ints(pads), group: int(1) });
      const ins = b ? [x, w, b] : [x, w];
      const viaJs = conv.run(ins, nd, { opset: 13 })[0];
      const viaSimd = conv.run(ins, nd, { opset: 13, simd })[0];
      const [, , OH, OW] = viaJs.dims;
      if (M * OH * OW * C * kh * kw >= 4096) simdCases++; // below that the SIMD path is not taken
      assert.deepEqual(viaSimd.dims, viaJs.dims);
      assert.ok(same(viaSimd.data, viaJs.data), `SIMD ≠ TS for case ${t}`);
      assert.ok(close(viaJs.data, naiveConv(x, w, b, s, d, pads, OH, OW)), `TS ≠ naive for case ${t}`);
    }
    assert.ok(simdCases >= 60, `only ${simdCases} cases used the SIMD path`);
  });

  test('im2colRows matches its definition (random geometries, row stride > P)', () => {
    const r = rng(79);
    for (let t = 0; t < 100; t++) {
      const C = r.int(1, 3), kh = r.int(1, 4), kw = r.int(1, 4), sh = r.int(1, 3), sw = r.int(1, 3), dh = r.int(1, 2), dw = r.int(1, 2);
      const pt = r.int(0, 2), pl = r.int(0, 2), H = r.int((kh - 1) * dh + 1, 12), W = r.int((kw - 1) * dw + 1, 12);
      const OH = Math.floor((H + 2 * pt - (kh - 1) * dh - 1) / sh) + 1, OW = Math.floor((W + 2 * pl - (kw - 1) * dw - 1) / sw) + 1;
      const x = rand(r, [2, C, H, W]);
      const ldb = OH * OW + 3;
      const B = new Float64Array(C * kh * kw * ldb).fill(NaN);
      im2colRows(x.data, C * H * W, C, H, W, kh, kw, sh, sw, dh, dw, pt, pl, OH, OW, B, ldb);
      for (let c = 0; c < C; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
        const ih = oh * sh - pt + i * dh, iw = ow * sw - pl + j * dw;
        const want = ih >= 0 && ih < H && iw >= 0 && iw < W ? x.data[C * H * W + (c * H + ih) * W + iw] : 0;
        assert.equal(B[((c * kh + i) * kw + j) * ldb + oh * OW + ow], want);
      }
    }
  });

  test('Gemm and MatMul: SIMD = TypeScript (bit-identical), odd sizes', () => {
    const r = rng(78);
    for (let t = 0; t < 60; t++) {
      const M = r.int(1, 40), K = r.int(1, 70), N = r.int(1, 40);
      const transA = r.int(0, 1), transB = r.int(0, 1);
      const a = rand(r, transA ? [K, M] : [M, K]), b = rand(r, transB ? [N, K] : [K, N]), c = rand(r, [N]);
      const nd = node('Gemm', { transA: int(transA), transB: int(transB) });
      assert.ok(same(gemm.run([a, b, c], nd, { opset: 13, simd })[0].data, gemm.run([a, b, c], nd, { opset: 13 })[0].data), `Gemm case ${t}`);
      const batch = r.int(1, 3);
      const a3 = rand(r, [batch, M, K]), b3 = rand(r, t % 2 ? [K, N] : [batch, K, N]);
      const mm = node('MatMul', {});
      assert.ok(same(matmul.run([a3, b3], mm, { opset: 13, simd })[0].data, matmul.run([a3, b3], mm, { opset: 13 })[0].data), `MatMul case ${t}`);
    }
  });
});
