/**
 * Pad, constant mode only (reflect/edge/wrap are unsupported). Opsets < 11 read the `pads` (opset 1:
 * `paddings`) and `value` attributes; from 11 `pads` and `constant_value` are inputs (and from 18 an optional
 * `axes` input). Negative pads crop.
 */
import { formatDims, sizeOf, stridesOf, type Tensor } from '../core/tensor.js';
import { attrFloat, attrInts, attrString, type NodeIR } from '../ir/graph.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { constValue, intsOf, need, normAxis, shapeError, tensor, unsupportedError } from './util.js';

function unsupportedReason(node: NodeIR): string | undefined {
  const mode = attrString(node, 'mode', 'constant');
  return mode === 'constant' ? undefined : `mode '${mode}' is not supported (only 'constant')`;
}

/** Per-axis [begin, end] pads for a rank-r input. */
function padsOf(rank: number, padsT: Tensor | undefined, axesT: Tensor | undefined, node: NodeIR, ctx: OpContext): { begin: number[]; end: number[] } {
  let raw: readonly number[];
  if (ctx.opset < 11) {
    const p = attrInts(node, ctx.opset < 2 ? 'paddings' : 'pads') ?? attrInts(node, 'pads') ?? attrInts(node, 'paddings');
    if (!p) throw shapeError(node, `missing pads attribute`);
    raw = p;
  } else {
    if (!padsT) throw shapeError(node, `missing pads input`);
    raw = intsOf(padsT);
  }
  const axes = ctx.opset >= 18 && axesT ? intsOf(axesT).map((a) => normAxis(a, rank, node)) : Array.from({ length: rank }, (_, i) => i);
  if (raw.length !== 2 * axes.length) throw shapeError(node, `pads [${raw.join(', ')}] should have ${2 * axes.length} values for input rank ${rank}`);
  const begin = new Array<number>(rank).fill(0), end = new Array<number>(rank).fill(0);
  axes.forEach((a, k) => { begin[a] = raw[k]; end[a] = raw[k + axes.length]; });
  return { begin, end };
}

function outDims(dims: readonly number[], begin: number[], end: number[], node: NodeIR): number[] {
  const out = dims.map((d, i) => d + begin[i] + end[i]);
  if (out.some((d) => d < 0)) throw shapeError(node, `pads crop input ${formatDims(dims)} below zero size`);
  return out;
}

export const pad: OpDefinition = {
  opType: 'Pad',
  domain: 'ai.onnx',
  hardware: 'layout',
  check: (node) => unsupportedReason(node),
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[] {
    const x = need(inputs, 0, node);
    const padsT = ctx.opset >= 11 ? constValue(need(inputs, 1, node), node, 'the pads input') : undefined;
    const axesT = ctx.opset >= 18 ? constValue(inputs[3], node, 'the axes input') : undefined;
    const { begin, end } = padsOf(x.dims.length, padsT, axesT, node, ctx);
    return [{ dims: outDims(x.dims, begin, end, node), dtype: x.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const reason = unsupportedReason(node);
    if (reason) throw unsupportedError(node, reason);
    const x = need(inputs, 0, node);
    const r = x.dims.length;
    const { begin, end } = padsOf(r, inputs[1], inputs[3], node, ctx);
    const od = outDims(x.dims, begin, end, node);
    const value = ctx.opset < 11 ? attrFloat(node, 'value', 0) : inputs[2] && inputs[2].data.length > 0 ? inputs[2].data[0] : 0;
    const Y = new Float64Array(sizeOf(od));
    if (value !== 0) Y.fill(value);
    if (r === 0) { if (Y.length) Y[0] = x.data[0]; return [tensor(x.dtype, od, Y)]; }
    // Copy the box of output coordinates that map into the input, one innermost run at a time.
    const lo = od.map((_, i) => Math.max(0, begin[i]));
    const hi = od.map((d, i) => Math.min(d, begin[i] + x.dims[i]));
    if (lo.some((l, i) => l >= hi[i])) return [tensor(x.dtype, od, Y)];
    const so = stridesOf(od), si = stridesOf(x.dims);
    const last = r - 1;
    const runLen = hi[last] - lo[last];
    const idx = lo.slice(0, last);
    for (;;) {
      let oOff = lo[last] * so[last], iOff = (lo[last] - begin[last]) * si[last];
      for (let d = 0; d < last; d++) { oOff += idx[d] * so[d]; iOff += (idx[d] - begin[d]) * si[d]; }
      Y.set(x.data.subarray(iOff, iOff + runLen), oOff);
      let d = last - 1;
      for (; d >= 0; d--) {
        idx[d]++;
        if (idx[d] < hi[d]) break;
        idx[d] = lo[d];
      }
      if (d < 0) break;
    }
    return [tensor(x.dtype, od, Y)];
  },
};
