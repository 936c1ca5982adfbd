/**
 * Add, Sub, Mul, Div with numpy (multidirectional) broadcasting (opset 7+). Opsets 1–6 used the legacy
 * `broadcast`/`axis` attributes (B's shape a contiguous run of A's dims starting at `axis`); both are handled.
 * Integer Div truncates toward zero (C semantics, like onnxruntime).
 */
import { formatDims, sizeOf, stridesOf, type Tensor } from '../core/tensor.js';
import { attrInt, type NodeIR } from '../ir/graph.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { broadcastDims, isIntegerType, need, sameDims, shapeError, tensor } from './util.js';

const enum BinOp { Add, Sub, Mul, Div, IDiv }

/** Dims of B as seen by the broadcast: legacy (opset < 7) `axis` alignment turned into numpy alignment. */
function effectiveBDims(aDims: readonly number[], bDims: readonly number[], node: NodeIR, ctx: OpContext): readonly number[] {
  if (ctx.opset >= 7) return bDims;
  if (attrInt(node, 'broadcast', 0) === 0) {
    if (!sameDims(aDims, bDims)) throw shapeError(node, `shapes ${formatDims(aDims)} and ${formatDims(bDims)} differ and broadcast=0`);
    return bDims;
  }
  const axisAttr = node.attributes.axis;
  if (axisAttr === undefined) return bDims; // suffix alignment, same as numpy
  let axis = attrInt(node, 'axis', 0);
  if (axis < 0) axis += aDims.length;
  if (axis < 0 || axis + bDims.length > aDims.length) throw shapeError(node, `B ${formatDims(bDims)} does not fit A ${formatDims(aDims)} at axis ${axis}`);
  return [...bDims, ...new Array<number>(aDims.length - axis - bDims.length).fill(1)];
}

function outDims(aDims: readonly number[], bDims: readonly number[], node: NodeIR, ctx: OpContext): number[] {
  const out = broadcastDims(aDims, bDims, node);
  if (ctx.opset < 7 && !sameDims(out, aDims)) throw shapeError(node, `B ${formatDims(bDims)} cannot be broadcast to A ${formatDims(aDims)}`);
  return out;
}

function runRow(op: BinOp, A: Float64Array, ia: number, sa: number, B: Float64Array, ib: number, sb: number, Y: Float64Array, iy: number, n: number): void {
  switch (op) {
    case BinOp.Add: for (let j = 0; j < n; j++) Y[iy + j] = A[ia + j * sa] + B[ib + j * sb]; break;
    case BinOp.Sub: for (let j = 0; j < n; j++) Y[iy + j] = A[ia + j * sa] - B[ib + j * sb]; break;
    case BinOp.Mul: for (let j = 0; j < n; j++) Y[iy + j] = A[ia + j * sa] * B[ib + j * sb]; break;
    case BinOp.Div: for (let j = 0; j < n; j++) Y[iy + j] = A[ia + j * sa] / B[ib + j * sb]; break;
    case BinOp.IDiv: for (let j = 0; j < n; j++) Y[iy + j] = Math.trunc(A[ia + j * sa] / B[ib + j * sb]); break;
  }
}

/** Y = A op B broadcast to `dims` (which must be the broadcast of both shapes). */
function broadcastBinary(op: BinOp, A: Float64Array, aDims: readonly number[], B: Float64Array, bDims: readonly number[], dims: readonly number[]): Float64Array {
  const n = sizeOf(dims);
  const Y = new Float64Array(n);
  if (n === 0) return Y;
  if (sameDims(aDims, dims) && sameDims(bDims, dims)) { runRow(op, A, 0, 1, B, 0, 1, Y, 0, n); return Y; }
  if (B.length === 1 && sameDims(aDims, dims)) { runRow(op, A, 0, 1, B, 0, 0, Y, 0, n); return Y; }
  if (A.length === 1 && sameDims(bDims, dims)) { runRow(op, A, 0, 0, B, 0, 1, Y, 0, n); return Y; }
  // Align ranks, give broadcast dims stride 0, then merge adjacent dims that stay contiguous for both.
  const r = dims.length;
  const pad = (d: readonly number[]): number[] => [...new Array<number>(r - d.length).fill(1), ...d];
  const ad = pad(aDims), bd = pad(bDims);
  const sa0 = stridesOf(ad), sb0 = stridesOf(bd);
  const D: number[] = [], SA: number[] = [], SB: number[] = [];
  for (let i = 0; i < r; i++) {
    if (dims[i] === 1) continue;
    const sa = ad[i] === 1 ? 0 : sa0[i];
    const sb = bd[i] === 1 ? 0 : sb0[i];
    const k = D.length - 1;
    if (k >= 0 && SA[k] === sa * dims[i] && SB[k] === sb * dims[i]) {
      D[k] *= dims[i]; SA[k] = sa; SB[k] = sb;
    } else { D.push(dims[i]); SA.push(sa); SB.push(sb); }
  }
  const q = D.length;
  if (q === 0) { runRow(op, A, 0, 0, B, 0, 0, Y, 0, 1); return Y; }
  const inner = D[q - 1], isa = SA[q - 1], isb = SB[q - 1];
  const outer = n / inner;
  const idx = new Array<number>(q).fill(0);
  let ia = 0, ib = 0;
  for (let t = 0; t < outer; t++) {
    runRow(op, A, ia, isa, B, ib, isb, Y, t * inner, inner);
    for (let d = q - 2; d >= 0; d--) {
      idx[d]++; ia += SA[d]; ib += SB[d];
      if (idx[d] < D[d]) break;
      ia -= SA[d] * idx[d]; ib -= SB[d] * idx[d]; idx[d] = 0;
    }
  }
  return Y;
}

function binary(opType: 'Add' | 'Sub' | 'Mul' | 'Div', op: BinOp): OpDefinition {
  return {
    opType,
    domain: 'ai.onnx',
    hardware: 'electronic',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[] {
      const a = need(inputs, 0, node), b = need(inputs, 1, node);
      return [{ dims: outDims(a.dims, effectiveBDims(a.dims, b.dims, node, ctx), node, ctx), dtype: a.dtype }];
    },
    run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
      const a = need(inputs, 0, node), b = need(inputs, 1, node);
      const bDims = effectiveBDims(a.dims, b.dims, node, ctx);
      const dims = outDims(a.dims, bDims, node, ctx);
      const k = op === BinOp.Div && isIntegerType(a.dtype) ? BinOp.IDiv : op;
      return [tensor(a.dtype, dims, broadcastBinary(k, a.data, a.dims, b.data, bDims, dims))];
    },
  };
}

export const add = binary('Add', BinOp.Add);
export const sub = binary('Sub', BinOp.Sub);
export const mul = binary('Mul', BinOp.Mul);
export const div = binary('Div', BinOp.Div);
