/** Gemm: Y = alpha·op(A)·op(B) + beta·C, with C unidirectionally broadcast to [M, N] (optional from opset 11). */
import { formatDims, type Tensor } from '../core/tensor.js';
import { attrFloat, attrInt, type NodeIR } from '../ir/graph.js';
import { matmulInto, transpose2d } from './kernels.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, shapeError, tensor } from './util.js';

interface GemmGeom { M: number; K: number; N: number; transA: boolean; transB: boolean }

function geometry(a: readonly number[], b: readonly number[], node: NodeIR): GemmGeom {
  if (a.length !== 2 || b.length !== 2) throw shapeError(node, `Gemm needs 2-D A and B, got ${formatDims(a)} and ${formatDims(b)}`);
  const transA = attrInt(node, 'transA', 0) !== 0;
  const transB = attrInt(node, 'transB', 0) !== 0;
  const [M, K] = transA ? [a[1], a[0]] : [a[0], a[1]];
  const [Kb, N] = transB ? [b[1], b[0]] : [b[0], b[1]];
  if (K !== Kb) {
    throw shapeError(node, `inner dimensions differ: A ${formatDims(a)}${transA ? ' (transposed)' : ''} and B ${formatDims(b)}${transB ? ' (transposed)' : ''}`);
  }
  return { M, K, N, transA, transB };
}

/** Strides [row, col] of C broadcast to [M, N]. */
function cStrides(c: readonly number[], M: number, N: number, node: NodeIR): [number, number] {
  if (c.length > 2) throw shapeError(node, `C ${formatDims(c)} cannot be broadcast to [${M}, ${N}]`);
  const cm = c.length === 2 ? c[0] : 1;
  const cn = c.length >= 1 ? c[c.length - 1] : 1;
  if ((cm !== 1 && cm !== M) || (cn !== 1 && cn !== N)) throw shapeError(node, `C ${formatDims(c)} cannot be broadcast to [${M}, ${N}]`);
  return [cm === 1 ? 0 : cn, cn === 1 ? 0 : 1];
}

function scale(Y: Float64Array, alpha: number): void {
  for (let i = 0; i < Y.length; i++) Y[i] *= alpha;
}

/** Y[m, n] += beta · C[m·sm + n·sn]. */
function addScaledC(Y: Float64Array, M: number, N: number, C: Float64Array, sm: number, sn: number, beta: number): void {
  for (let m = 0; m < M; m++) {
    const row = m * N;
    const cr = m * sm;
    if (sn === 1) for (let n = 0; n < N; n++) Y[row + n] += beta * C[cr + n];
    else { const v = beta * C[cr]; for (let n = 0; n < N; n++) Y[row + n] += v; }
  }
}

export const gemm: OpDefinition = {
  opType: 'Gemm',
  domain: 'ai.onnx',
  hardware: 'optical-matrix',
  weightInputs: [1],
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
    const a = need(inputs, 0, node);
    const g = geometry(a.dims, need(inputs, 1, node).dims, node);
    const c = inputs[2];
    if (c) cStrides(c.dims, g.M, g.N, node);
    return [{ dims: [g.M, g.N], dtype: a.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const a = need(inputs, 0, node);
    const b = need(inputs, 1, node);
    const c = inputs[2];
    const { M, K, N, transA, transB } = geometry(a.dims, b.dims, node);
    const alpha = attrFloat(node, 'alpha', 1);
    const beta = attrFloat(node, 'beta', 1);
    const A = transA ? transpose2d(a.data, 0, K, M) : a.data; // → M×K
    const Y = new Float64Array(M * N);
    matmulInto(ctx.simd, A, 0, b.data, 0, transB, Y, 0, M, N, K);
    if (alpha !== 1) scale(Y, alpha);
    if (c && beta !== 0) {
      const [sm, sn] = cStrides(c.dims, M, N, node);
      addScaledC(Y, M, N, c.data, sm, sn, beta);
    }
    return [tensor(a.dtype, [M, N], Y)];
  },
};
