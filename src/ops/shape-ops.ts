/**
 * Data-layout and shape ops: Flatten, Reshape, Transpose, Squeeze, Unsqueeze, Identity, Dropout (inference),
 * Concat (layout), and the shape-computation ops Shape, Gather, Cast, Constant (folded at compile time when
 * their inputs are constant). Layout ops that do not move data (Reshape, Flatten, Squeeze, Unsqueeze,
 * Identity, Dropout) return tensors sharing the input's data array.
 */
import { formatDims, sizeOf, stridesOf, type DType, type Tensor } from '../core/tensor.js';
import { attrInt, attrInts, attrTensor, type NodeIR } from '../ir/graph.js';
import { transpose2d } from './kernels.js';
import type { CheckContext, OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import {
  constValue, dtypeFromOnnx, dtypeFromOnnxName, intsOf, need, normAxis, reshaped, shapeError, tensor, unsupportedError,
} from './util.js';

type In<T> = readonly (T | undefined)[];

// ---------------------------------------------------------------- Flatten

function flattenDims(dims: readonly number[], node: NodeIR): number[] {
  const r = dims.length;
  let axis = attrInt(node, 'axis', 1);
  if (axis < 0) axis += r;
  if (axis < 0 || axis > r) throw shapeError(node, `axis ${attrInt(node, 'axis', 1)} is out of range for a rank-${r} tensor`);
  return [sizeOf(dims.slice(0, axis)), sizeOf(dims.slice(axis))];
}

export const flatten: OpDefinition = {
  opType: 'Flatten', domain: 'ai.onnx', hardware: 'layout',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    return [{ dims: flattenDims(x.dims, node), dtype: x.dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR): Tensor[] {
    const x = need(inputs, 0, node);
    return [reshaped(x, flattenDims(x.dims, node))];
  },
};

// ---------------------------------------------------------------- Reshape

/** Target dims of Reshape: 0 copies the input dim (unless allowzero), -1 is inferred. */
export function reshapeDims(dims: readonly number[], shape: readonly number[], allowZero: boolean, node: NodeIR): number[] {
  const out = [...shape];
  let infer = -1;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === -1) {
      if (infer >= 0) throw shapeError(node, `shape ${formatDims(shape)} has more than one -1`);
      infer = i;
    } else if (out[i] === 0 && !allowZero) {
      if (i >= dims.length) throw shapeError(node, `shape ${formatDims(shape)}: 0 at position ${i} but the input ${formatDims(dims)} has rank ${dims.length}`);
      out[i] = dims[i];
    } else if (out[i] < 0) throw shapeError(node, `shape ${formatDims(shape)} has an invalid dim ${out[i]}`);
  }
  const total = sizeOf(dims);
  if (infer >= 0) {
    out[infer] = 1;
    const known = sizeOf(out);
    if (known === 0 || total % known !== 0) throw shapeError(node, `cannot reshape ${formatDims(dims)} to ${formatDims(shape)}`);
    out[infer] = total / known;
  }
  if (sizeOf(out) !== total) throw shapeError(node, `cannot reshape ${formatDims(dims)} (${total} elements) to ${formatDims(shape)}`);
  return out;
}

function reshapeTarget(shapeInput: Tensor | undefined, node: NodeIR, ctx: OpContext): number[] {
  if (ctx.opset < 5) {
    const s = attrInts(node, 'shape');
    if (!s) throw shapeError(node, `missing 'shape' attribute`);
    return [...s];
  }
  if (!shapeInput) throw shapeError(node, `missing shape input`);
  return intsOf(shapeInput);
}

const allowZeroOf = (node: NodeIR, ctx: OpContext): boolean => ctx.opset >= 14 && attrInt(node, 'allowzero', 0) !== 0;

export const reshape: OpDefinition = {
  opType: 'Reshape', domain: 'ai.onnx', hardware: 'layout',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): ValueType[] {
    const x = need(inputs, 0, node);
    const shape = ctx.opset < 5 ? undefined : constValue(need(inputs, 1, node), node, 'the shape input');
    return [{ dims: reshapeDims(x.dims, reshapeTarget(shape, node, ctx), allowZeroOf(node, ctx), node), dtype: x.dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR, ctx: OpContext): Tensor[] {
    const x = need(inputs, 0, node);
    return [reshaped(x, reshapeDims(x.dims, reshapeTarget(inputs[1], node, ctx), allowZeroOf(node, ctx), node))];
  },
};

// ---------------------------------------------------------------- Transpose

function permOf(rank: number, node: NodeIR): number[] {
  const p = attrInts(node, 'perm');
  if (!p) return Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const perm = p.map((v) => (v < 0 ? v + rank : v));
  const seen = new Set(perm);
  if (perm.length !== rank || seen.size !== rank || perm.some((v) => v < 0 || v >= rank)) {
    throw shapeError(node, `perm [${p.join(', ')}] is not a permutation of ${rank} axes`);
  }
  return perm;
}

/** Generic transpose: output-order traversal, input offset advanced incrementally (no per-element index math). */
export function transposeData(data: Float64Array, dims: readonly number[], perm: readonly number[]): { dims: number[]; data: Float64Array } {
  const r = dims.length;
  const outDims = perm.map((p) => dims[p]);
  const n = data.length;
  if (r <= 1 || n <= 1) return { dims: outDims, data: Float64Array.from(data) };
  // Drop size-1 axes; if what remains is in order, the data does not move.
  const kept = perm.filter((p) => dims[p] !== 1);
  if (kept.every((p, i) => i === 0 || p > kept[i - 1])) return { dims: outDims, data: Float64Array.from(data) };
  if (kept.length === 2) {
    const [p0, p1] = kept; // p0 > p1: a 2-D transpose of [dims[p1], dims[p0]]
    return { dims: outDims, data: transpose2d(data, 0, dims[p1], dims[p0]) };
  }
  const inStrides = stridesOf(dims);
  const od = kept.map((p) => dims[p]);
  const st = kept.map((p) => inStrides[p]);
  const q = od.length;
  const out = new Float64Array(n);
  const inner = od[q - 1], is = st[q - 1];
  const idx = new Array<number>(q).fill(0);
  let off = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = data[off + j * is];
    for (let d = q - 2; d >= 0; d--) {
      idx[d]++; off += st[d];
      if (idx[d] < od[d]) break;
      off -= st[d] * idx[d]; idx[d] = 0;
    }
  }
  return { dims: outDims, data: out };
}

export const transpose: OpDefinition = {
  opType: 'Transpose', domain: 'ai.onnx', hardware: 'layout',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    return [{ dims: permOf(x.dims.length, node).map((p) => x.dims[p]), dtype: x.dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR): Tensor[] {
    const x = need(inputs, 0, node);
    const t = transposeData(x.data, x.dims, permOf(x.dims.length, node));
    return [tensor(x.dtype, t.dims, t.data)];
  },
};

// ---------------------------------------------------------------- Squeeze / Unsqueeze

/** Axes from the attribute (opset < 13) or the second input (opset >= 13); undefined when absent. */
function axesOf(axesInput: Tensor | undefined, node: NodeIR, ctx: OpContext): readonly number[] | undefined {
  if (ctx.opset < 13) return attrInts(node, 'axes');
  return axesInput ? intsOf(axesInput) : undefined;
}

function axesInfo(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): Tensor | undefined {
  return ctx.opset < 13 ? undefined : constValue(inputs[1], node, 'the axes input');
}

function squeezeDims(dims: readonly number[], axes: readonly number[] | undefined, node: NodeIR): number[] {
  if (axes === undefined) return dims.filter((d) => d !== 1);
  const drop = new Set(axes.map((a) => normAxis(a, dims.length, node)));
  for (const a of drop) if (dims[a] !== 1) throw shapeError(node, `cannot squeeze axis ${a} of size ${dims[a]} (input ${formatDims(dims)})`);
  return dims.filter((_, i) => !drop.has(i));
}

function unsqueezeDims(dims: readonly number[], axes: readonly number[] | undefined, node: NodeIR): number[] {
  if (axes === undefined) throw shapeError(node, `missing axes`);
  const r = dims.length + axes.length;
  const ins = new Set(axes.map((a) => normAxis(a, r, node)));
  if (ins.size !== axes.length) throw shapeError(node, `repeated axes [${axes.join(', ')}]`);
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < r; i++) out.push(ins.has(i) ? 1 : dims[k++]);
  return out;
}

/** Squeeze / Unsqueeze: a reshape whose output dims follow from the input dims and the axes. */
function axesReshape(opType: string, dimsOf: (dims: readonly number[], axes: readonly number[] | undefined, node: NodeIR) => number[]): OpDefinition {
  return {
    opType, domain: 'ai.onnx', hardware: 'layout',
    inferShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): ValueType[] {
      const x = need(inputs, 0, node);
      return [{ dims: dimsOf(x.dims, axesOf(axesInfo(inputs, node, ctx), node, ctx), node), dtype: x.dtype }];
    },
    run(inputs: In<Tensor>, node: NodeIR, ctx: OpContext): Tensor[] {
      const x = need(inputs, 0, node);
      return [reshaped(x, dimsOf(x.dims, axesOf(inputs[1], node, ctx), node))];
    },
  };
}

export const squeeze = axesReshape('Squeeze', squeezeDims);
export const unsqueeze = axesReshape('Unsqueeze', unsqueezeDims);

// ---------------------------------------------------------------- Identity / Dropout

export const identity: OpDefinition = {
  opType: 'Identity', domain: 'ai.onnx', hardware: 'layout',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    return [{ dims: x.dims, dtype: x.dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR): Tensor[] {
    return [reshaped(need(inputs, 0, node), need(inputs, 0, node).dims)];
  },
};

/** Dropout in inference mode: Y = X; the optional mask is all true (bool from opset 10, type T before). */
export const dropout: OpDefinition = {
  opType: 'Dropout', domain: 'ai.onnx', hardware: 'layout',
  check(node: NodeIR, ctx: CheckContext): string | undefined {
    if (ctx.opset >= 12 && node.inputs[2]) {
      const t = ctx.graph.initializers.get(node.inputs[2]);
      if (t && t.data[0] !== 0) return 'training_mode=true (random dropout) is not supported';
    }
    return undefined;
  },
  inferShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): ValueType[] {
    const x = need(inputs, 0, node);
    const out: ValueType[] = [{ dims: x.dims, dtype: x.dtype }];
    if (node.outputs.length > 1) out.push({ dims: x.dims, dtype: ctx.opset >= 10 ? 'bool' : x.dtype });
    return out;
  },
  run(inputs: In<Tensor>, node: NodeIR, ctx: OpContext): Tensor[] {
    const x = need(inputs, 0, node);
    const training = inputs[2];
    if (ctx.opset >= 12 && training && training.data[0] !== 0) throw unsupportedError(node, 'training_mode=true (random dropout) is not supported');
    const out = [reshaped(x, x.dims)];
    if (node.outputs.length > 1) out.push(tensor(ctx.opset >= 10 ? 'bool' : x.dtype, x.dims, new Float64Array(x.data.length).fill(1)));
    return out;
  },
};

// ---------------------------------------------------------------- Concat

function concatGeom(dims: (readonly number[])[], node: NodeIR, ctx: OpContext): { axis: number; out: number[] } {
  if (dims.length === 0) throw shapeError(node, `needs at least one input`);
  const r = dims[0].length;
  const axis = normAxis(attrInt(node, 'axis', ctx.opset < 4 ? 1 : 0), r, node);
  if (ctx.opset >= 4 && node.attributes.axis === undefined) throw shapeError(node, `missing 'axis' attribute`);
  const out = [...dims[0]];
  for (let k = 1; k < dims.length; k++) {
    const d = dims[k];
    if (d.length !== r || d.some((v, i) => i !== axis && v !== out[i])) {
      throw shapeError(node, `inputs ${formatDims(dims[0])} and ${formatDims(d)} differ outside axis ${axis}`);
    }
    out[axis] += d[axis];
  }
  return { axis, out };
}

export const concat: OpDefinition = {
  opType: 'Concat', domain: 'ai.onnx', hardware: 'layout',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): ValueType[] {
    const xs = inputs.filter((x): x is TensorInfo => x !== undefined);
    return [{ dims: concatGeom(xs.map((x) => x.dims), node, ctx).out, dtype: xs[0].dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR, ctx: OpContext): Tensor[] {
    const xs = inputs.filter((x): x is Tensor => x !== undefined);
    const { axis, out } = concatGeom(xs.map((x) => x.dims), node, ctx);
    const outer = sizeOf(out.slice(0, axis));
    const inner = sizeOf(out.slice(axis + 1));
    const y = new Float64Array(sizeOf(out));
    const rowOut = out[axis] * inner;
    let col = 0;
    for (const x of xs) {
      const chunk = x.dims[axis] * inner;
      for (let o = 0; o < outer; o++) y.set(x.data.subarray(o * chunk, (o + 1) * chunk), o * rowOut + col);
      col += chunk;
    }
    return [tensor(xs[0].dtype, out, y)];
  },
};

// ---------------------------------------------------------------- Shape

function shapeOf(dims: readonly number[], node: NodeIR, ctx: OpContext): Tensor {
  const r = dims.length;
  let start = 0, end = r;
  if (ctx.opset >= 15) {
    const clamp = (v: number): number => Math.min(r, Math.max(0, v < 0 ? v + r : v));
    start = clamp(attrInt(node, 'start', 0));
    end = clamp(attrInt(node, 'end', r));
  }
  const s = dims.slice(start, Math.max(start, end));
  return tensor('int64', [s.length], Float64Array.from(s));
}

export const shape: OpDefinition = {
  opType: 'Shape', domain: 'ai.onnx', hardware: 'folded',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): ValueType[] {
    return [shapeOf(need(inputs, 0, node).dims, node, ctx)];
  },
  foldFromShapes(inputs: In<TensorInfo>, node: NodeIR, ctx: OpContext): Tensor[] {
    return [shapeOf(need(inputs, 0, node).dims, node, ctx)];
  },
  run(inputs: In<Tensor>, node: NodeIR, ctx: OpContext): Tensor[] {
    return [shapeOf(need(inputs, 0, node).dims, node, ctx)];
  },
};

// ---------------------------------------------------------------- Gather

function gatherDims(data: readonly number[], idx: readonly number[], node: NodeIR): { axis: number; out: number[] } {
  const axis = normAxis(attrInt(node, 'axis', 0), data.length, node);
  return { axis, out: [...data.slice(0, axis), ...idx, ...data.slice(axis + 1)] };
}

export const gather: OpDefinition = {
  opType: 'Gather', domain: 'ai.onnx', hardware: 'folded',
  inferShapes(inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    return [{ dims: gatherDims(x.dims, need(inputs, 1, node).dims, node).out, dtype: x.dtype }];
  },
  run(inputs: In<Tensor>, node: NodeIR): Tensor[] {
    const x = need(inputs, 0, node);
    const ind = need(inputs, 1, node);
    const { axis, out } = gatherDims(x.dims, ind.dims, node);
    const outer = sizeOf(x.dims.slice(0, axis));
    const len = x.dims[axis];
    const inner = sizeOf(x.dims.slice(axis + 1));
    const k = ind.data.length;
    const y = new Float64Array(outer * k * inner);
    for (let j = 0; j < k; j++) {
      let i = Math.trunc(ind.data[j]);
      if (i < 0) i += len;
      if (i < 0 || i >= len) throw shapeError(node, `index ${ind.data[j]} is out of range for axis ${axis} of size ${len}`);
      for (let o = 0; o < outer; o++) {
        const src = (o * len + i) * inner;
        y.set(x.data.subarray(src, src + inner), (o * k + j) * inner);
      }
    }
    return [tensor(x.dtype, out, y)];
  },
};

// ---------------------------------------------------------------- Cast

function castTarget(node: NodeIR): DType {
  const a = node.attributes.to;
  const t = a?.kind === 'int' ? dtypeFromOnnx(a.value) : a?.kind === 'string' ? dtypeFromOnnxName(a.value) : undefined;
  if (t === undefined || t === 'string') throw unsupportedError(node, `cast target type ${a ? JSON.stringify(a) : '(missing)'} is not supported`);
  return t;
}

/**
 * Element conversion. Integer targets truncate toward zero and wrap like C (int8..uint32); bool is x != 0.
 * Float targets keep the float64 value (the executor never rounds to float32: it is the float64 ground truth).
 */
export function castData(x: Float64Array, to: DType): Float64Array {
  const y = new Float64Array(x.length);
  switch (to) {
    case 'bool': for (let i = 0; i < x.length; i++) y[i] = x[i] !== 0 ? 1 : 0; break;
    case 'int8': for (let i = 0; i < x.length; i++) y[i] = (Math.trunc(x[i]) << 24) >> 24; break;
    case 'uint8': for (let i = 0; i < x.length; i++) y[i] = Math.trunc(x[i]) & 0xff; break;
    case 'int16': for (let i = 0; i < x.length; i++) y[i] = (Math.trunc(x[i]) << 16) >> 16; break;
    case 'uint16': for (let i = 0; i < x.length; i++) y[i] = Math.trunc(x[i]) & 0xffff; break;
    case 'int32': for (let i = 0; i < x.length; i++) y[i] = Math.trunc(x[i]) | 0; break;
    case 'uint32': for (let i = 0; i < x.length; i++) y[i] = Math.trunc(x[i]) >>> 0; break;
    case 'int64': case 'uint64': for (let i = 0; i < x.length; i++) y[i] = Math.trunc(x[i]); break;
    default: y.set(x);
  }
  return y;
}

export const cast: OpDefinition = {
  opType: 'Cast', domain: 'ai.onnx', hardware: 'folded',
  check(node: NodeIR): string | undefined {
    try { castTarget(node); return undefined; } catch { return 'cast to this element type is not supported'; }
  },
  inferShapes(inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    return [{ dims: need(inputs, 0, node).dims, dtype: castTarget(node) }];
  },
  run(inputs: In<Tensor>, node: NodeIR): Tensor[] {
    const x = need(inputs, 0, node);
    const to = castTarget(node);
    return [tensor(to, x.dims, castData(x.data, to))];
  },
};

// ---------------------------------------------------------------- Constant

function constantValue(node: NodeIR): Tensor {
  const t = attrTensor(node, 'value');
  if (t) return t;
  const a = node.attributes;
  if (a.value_float?.kind === 'float') return tensor('float32', [], Float64Array.of(a.value_float.value));
  if (a.value_int?.kind === 'int') return tensor('int64', [], Float64Array.of(a.value_int.value));
  if (a.value_floats?.kind === 'floats') return tensor('float32', [a.value_floats.value.length], Float64Array.from(a.value_floats.value));
  if (a.value_ints?.kind === 'ints') return tensor('int64', [a.value_ints.value.length], Float64Array.from(a.value_ints.value));
  throw unsupportedError(node, `constant kind ${Object.keys(a).join(', ') || '(none)'} is not supported`);
}

/** Importers normally turn Constant nodes into initializers; this keeps hand-built graphs working. */
export const constant: OpDefinition = {
  opType: 'Constant', domain: 'ai.onnx', hardware: 'folded',
  check(node: NodeIR): string | undefined {
    try { constantValue(node); return undefined; } catch { return `constant kind ${Object.keys(node.attributes).join(', ')} is not supported`; }
  },
  inferShapes(_inputs: In<TensorInfo>, node: NodeIR): ValueType[] {
    const t = constantValue(node);
    return [{ dims: t.dims, dtype: t.dtype }];
  },
  run(_inputs: In<Tensor>, node: NodeIR): Tensor[] {
    return [constantValue(node)];
  },
};
