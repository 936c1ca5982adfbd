/** Small helpers shared by the op implementations: errors naming the node, axes, shapes, attribute reads. */
import { InvalidInputError, ShapeError, UnsupportedOpError } from '../core/errors.js';
import { formatDims, sizeOf, type DType, type Tensor } from '../core/tensor.js';
import type { NodeIR } from '../ir/graph.js';
import type { TensorInfo } from './types.js';

export function nodeLabel(node: NodeIR): string {
  return `node '${node.name}' (${node.opType})`;
}

export function shapeError(node: NodeIR, message: string): ShapeError {
  return new ShapeError(`${nodeLabel(node)}: ${message}`, { stage: 'execute', details: { node: node.name, opType: node.opType } });
}

export function invalidError(node: NodeIR, message: string): InvalidInputError {
  return new InvalidInputError(`${nodeLabel(node)}: ${message}`, { stage: 'execute', details: { node: node.name, opType: node.opType } });
}

export function unsupportedError(node: NodeIR, reason: string): UnsupportedOpError {
  return new UnsupportedOpError([{ name: node.name, opType: node.opType, domain: node.domain || 'ai.onnx', reason }], { stage: 'execute' });
}

/** The i-th input, which must be present. */
export function need<T extends TensorInfo | Tensor>(inputs: readonly (T | undefined)[], i: number, node: NodeIR): T {
  const t = inputs[i];
  if (t === undefined) throw shapeError(node, `required input #${i} ('${node.inputs[i] ?? ''}') is missing`);
  return t;
}

/** Normalises a possibly negative axis for a tensor of `rank` dims (valid range [-rank, rank-1]). */
export function normAxis(axis: number, rank: number, node: NodeIR, what = 'axis'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw shapeError(node, `${what} ${axis} is out of range for a rank-${rank} tensor`);
  return a;
}

/** Integer values of a (shape / index) tensor. */
export function intsOf(t: Tensor): number[] {
  return Array.from(t.data, (v) => Math.trunc(v));
}

/** The constant value of an input during planning; throws when the shape depends on a runtime value. */
export function constValue(info: TensorInfo | undefined, node: NodeIR, what: string): Tensor | undefined {
  if (info === undefined) return undefined;
  if (info.value === undefined) throw shapeError(node, `${what} must be a constant (or computable from shapes) to infer shapes`);
  return info.value;
}

export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Multidirectional (numpy) broadcast of two shapes. */
export function broadcastDims(a: readonly number[], b: readonly number[], node: NodeIR): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const da = i < r - a.length ? 1 : a[i - (r - a.length)];
    const db = i < r - b.length ? 1 : b[i - (r - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw shapeError(node, `shapes ${formatDims(a)} and ${formatDims(b)} cannot be broadcast together`);
  }
  return out;
}

/** A tensor with the same data and new dims (no copy). */
export function reshaped(t: Tensor, dims: readonly number[], dtype: DType = t.dtype): Tensor {
  if (sizeOf(dims) !== t.data.length) throw new RangeError(`reshape of ${t.data.length} elements to ${formatDims(dims)}`);
  return { dtype, dims: [...dims], data: t.data };
}

export function tensor(dtype: DType, dims: readonly number[], data: Float64Array): Tensor {
  return { dtype, dims: [...dims], data };
}

/** ONNX TensorProto.DataType number → DType (undefined for unsupported types such as complex). */
export function dtypeFromOnnx(code: number): DType | undefined {
  const table: Record<number, DType> = {
    1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
    10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
  };
  return table[code];
}

/** ONNX (opset 1) Cast 'to' attribute strings. */
export function dtypeFromOnnxName(name: string): DType | undefined {
  const table: Record<string, DType> = {
    FLOAT: 'float32', UINT8: 'uint8', INT8: 'int8', UINT16: 'uint16', INT16: 'int16', INT32: 'int32', INT64: 'int64',
    STRING: 'string', BOOL: 'bool', FLOAT16: 'float16', DOUBLE: 'float64', UINT32: 'uint32', UINT64: 'uint64', BFLOAT16: 'bfloat16',
  };
  return table[name.toUpperCase()];
}

export function isIntegerType(dtype: DType): boolean {
  return dtype !== 'float32' && dtype !== 'float64' && dtype !== 'float16' && dtype !== 'bfloat16' && dtype !== 'string';
}
