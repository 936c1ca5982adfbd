/** MatMul with numpy semantics: 1-D operands are promoted (and the added dim removed), batch dims broadcast. */
import { formatDims, sizeOf, stridesOf, type Tensor } from '../core/tensor.js';
import type { NodeIR } from '../ir/graph.js';
import { matmulInto } from './kernels.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { broadcastDims, need, shapeError, tensor } from './util.js';

interface MatMulGeom {
  M: number; K: number; N: number;
  aBatch: number[]; bBatch: number[]; batch: number[];
  outDims: number[];
}

function geometry(a: readonly number[], b: readonly number[], node: NodeIR): MatMulGeom {
  if (a.length === 0 || b.length === 0) throw shapeError(node, `MatMul operands must have rank >= 1, got ${formatDims(a)} and ${formatDims(b)}`);
  const a2 = a.length === 1 ? [1, a[0]] : [...a];
  const b2 = b.length === 1 ? [b[0], 1] : [...b];
  const M = a2[a2.length - 2], K = a2[a2.length - 1];
  const Kb = b2[b2.length - 2], N = b2[b2.length - 1];
  if (K !== Kb) throw shapeError(node, `inner dimensions differ: ${formatDims(a)} × ${formatDims(b)}`);
  const aBatch = a2.slice(0, -2), bBatch = b2.slice(0, -2);
  const batch = broadcastDims(aBatch, bBatch, node);
  const outDims = [...batch];
  if (a.length !== 1) outDims.push(M);
  if (b.length !== 1) outDims.push(N);
  return { M, K, N, aBatch, bBatch, batch, outDims };
}

/** Per-output-batch-dim strides of an operand's batch dims (0 where broadcast). */
function batchStrides(own: number[], batch: number[], matSize: number): number[] {
  const st = stridesOf(own).map((s) => s * matSize);
  const off = batch.length - own.length;
  return batch.map((_, i) => (i < off || own[i - off] === 1 ? 0 : st[i - off]));
}

export const matmul: OpDefinition = {
  opType: 'MatMul',
  domain: 'ai.onnx',
  hardware: 'optical-matrix',
  weightInputs: [1],
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
    const a = need(inputs, 0, node);
    return [{ dims: geometry(a.dims, need(inputs, 1, node).dims, node).outDims, dtype: a.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const a = need(inputs, 0, node);
    const b = need(inputs, 1, node);
    const g = geometry(a.dims, b.dims, node);
    const { M, K, N } = g;
    const Y = new Float64Array(sizeOf(g.outDims));
    if (sizeOf(g.bBatch) === 1) {
      // Weight-like B: one matrix product over all rows of A.
      matmulInto(ctx.simd, a.data, 0, b.data, 0, false, Y, 0, sizeOf(g.aBatch) * M, N, K);
    } else {
      const sa = batchStrides(g.aBatch, g.batch, M * K);
      const sb = batchStrides(g.bBatch, g.batch, K * N);
      const nb = sizeOf(g.batch);
      const r = g.batch.length;
      const idx = new Array<number>(r).fill(0);
      let aOff = 0, bOff = 0;
      for (let t = 0; t < nb; t++) {
        matmulInto(ctx.simd, a.data, aOff, b.data, bOff, false, Y, t * M * N, M, N, K);
        for (let d = r - 1; d >= 0; d--) {
          idx[d]++;
          aOff += sa[d];
          bOff += sb[d];
          if (idx[d] < g.batch[d]) break;
          aOff -= sa[d] * idx[d];
          bOff -= sb[d] * idx[d];
          idx[d] = 0;
        }
      }
    }
    return [tensor(a.dtype, g.outDims, Y)];
  },
};
