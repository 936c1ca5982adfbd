/**
 * TensorProto → Tensor (float64 data, ONNX dtype kept). Reads raw_data (little-endian, copied into a fresh
 * aligned buffer first: protobufjs hands out subarrays of the file, which may start at any byte offset) and
 * the typed fields (float_data, double_data, int32_data — which also carries int8/uint8/int16/uint16/bool/
 * float16/bfloat16 bits —, int64_data, uint64_data). Rejects external data, string/complex tensors and
 * element counts that do not match the dims. int64 values saturate beyond 2^53 − 1 (see int64.ts).
 */
import { OnnxImportError } from '../../core/errors.js';
import { formatDims, sizeOf, type DType, type Tensor } from '../../core/tensor.js';
import { dtypeOfElemType, elemTypeName, RAW_BYTES } from './dtypes.js';
import { bfloat16BitsToNumber, float16BitsToNumber } from './float16.js';
import { invalid, q } from './import-errors.js';
import { bigintToNumber, int64ToNumber } from './int64.js';
import type { Int64Like, TensorMsg } from './proto-types.js';

const EXTERNAL = 1;
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes one TensorProto. `label` names it in error messages, e.g. "initializer 'w'" or
 * "attribute 'value' of node 'c'".
 */
export function decodeTensorProto(t: TensorMsg, label: string): Tensor {
  rejectExternal(t, label);
  const dtype = dtypeOfElemType(t.data_type ?? 0);
  if (dtype === undefined || dtype === 'string') {
    throw invalid(`${label} has element type ${elemTypeName(t.data_type ?? 0)}, which is not supported`);
  }
  const dims = (t.dims ?? []).map((d: Int64Like) => int64ToNumber(d));
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0 || d >= Number.MAX_SAFE_INTEGER)) {
    throw invalid(`${label} has invalid dims ${formatDims(dims)}`);
  }
  const n = sizeOf(dims);
  const raw = t.raw_data;
  const data = raw != null && raw.length > 0 ? decodeRaw(raw, dtype, dims, n, label) : decodeTyped(t, dtype, dims, n, label);
  return { dtype, dims, data };
}

/** Counts NaN and ±Inf elements of a float tensor. */
export function countNonFinite(t: Tensor): { nan: number; inf: number } {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity || v === -Infinity) inf++;
  }
  return { nan, inf };
}

/** Throws PF_ERR_ONNX_INVALID when a constant tensor (initializer) holds NaN or Inf values. */
export function assertFinite(t: Tensor, label: string): void {
  const { nan, inf } = countNonFinite(t);
  if (nan + inf === 0) return;
  const parts = [nan ? `${nan} NaN` : '', inf ? `${inf} Inf` : ''].filter(Boolean).join(', ');
  throw invalid(`${label} has ${nan + inf} non-finite value${nan + inf === 1 ? '' : 's'} (${parts}); weights must be finite`, {
    details: { nan, inf },
  });
}

function rejectExternal(t: TensorMsg, label: string): void {
  const entries = t.external_data ?? [];
  if (t.data_location !== EXTERNAL && entries.length === 0) return;
  const location = entries.find((e) => e.key === 'location')?.value;
  const where = location ? `external file ${q(location)}` : 'an external file';
  throw new OnnxImportError(
    'PF_ERR_ONNX_EXTERNAL_DATA',
    `${label} is stored in ${where}; external-data models are not supported — re-export with the weights inside the .onnx file`,
    { details: { location } },
  );
}

function countError(label: string, what: string, dims: readonly number[], n: number): OnnxImportError {
  return invalid(`${label} has ${what} but dims ${formatDims(dims)} need ${n} value${n === 1 ? '' : 's'}`);
}

function decodeRaw(raw: Uint8Array, dtype: DType, dims: readonly number[], n: number, label: string): Float64Array {
  const size = RAW_BYTES[dtype];
  if (raw.length !== n * size) throw countError(label, `${raw.length} bytes of raw_data (${size} per value)`, dims, n);
  const bytes = new Uint8Array(raw.length); // fresh, aligned copy
  bytes.set(raw);
  if (!HOST_IS_LITTLE_ENDIAN && size > 1) swapBytes(bytes, size);
  const buf = bytes.buffer;
  switch (dtype) {
    case 'float32': return Float64Array.from(new Float32Array(buf));
    case 'float64': return new Float64Array(buf);
    case 'int8': return Float64Array.from(new Int8Array(buf));
    case 'uint8': return Float64Array.from(bytes);
    case 'int16': return Float64Array.from(new Int16Array(buf));
    case 'uint16': return Float64Array.from(new Uint16Array(buf));
    case 'int32': return Float64Array.from(new Int32Array(buf));
    case 'uint32': return Float64Array.from(new Uint32Array(buf));
    case 'bool': return Float64Array.from(bytes, (b) => (b ? 1 : 0));
    case 'float16': return Float64Array.from(new Uint16Array(buf), float16BitsToNumber);
    case 'bfloat16': return Float64Array.from(new Uint16Array(buf), bfloat16BitsToNumber);
    case 'int64': return Float64Array.from(new BigInt64Array(buf), bigintToNumber);
    case 'uint64': return Float64Array.from(new BigUint64Array(buf), bigintToNumber);
    case 'string': throw invalid(`${label} is a string tensor, which is not supported`);
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/** Which typed field carries each dtype, and how one stored value becomes an element. */
function typedSource(t: TensorMsg, dtype: DType): { values: ArrayLike<number | Int64Like>; convert: (v: never) => number } {
  const i32 = t.int32_data ?? [];
  switch (dtype) {
    case 'float32': return { values: t.float_data ?? [], convert: (v: number) => v };
    case 'float64': return { values: t.double_data ?? [], convert: (v: number) => v };
    case 'int64': return { values: t.int64_data ?? [], convert: (v: Int64Like) => int64ToNumber(v) };
    case 'uint64': return { values: t.uint64_data ?? [], convert: (v: Int64Like) => int64ToNumber(v) };
    case 'uint32': {
      const u64 = t.uint64_data ?? [];
      return u64.length > 0 || i32.length === 0
        ? { values: u64, convert: (v: Int64Like) => int64ToNumber(v) }
        : { values: i32, convert: (v: number) => v >>> 0 };
    }
    case 'int32': return { values: i32, convert: (v: number) => v | 0 };
    case 'int16': return { values: i32, convert: (v: number) => (v << 16) >> 16 };
    case 'uint16': return { values: i32, convert: (v: number) => v & 0xffff };
    case 'int8': return { values: i32, convert: (v: number) => (v << 24) >> 24 };
    case 'uint8': return { values: i32, convert: (v: number) => v & 0xff };
    case 'bool': return { values: i32, convert: (v: number) => (v ? 1 : 0) };
    case 'float16': return { values: i32, convert: (v: number) => float16BitsToNumber(v) };
    case 'bfloat16': return { values: i32, convert: (v: number) => bfloat16BitsToNumber(v) };
    case 'string': return { values: [], convert: (v: number) => v };
  }
}

function decodeTyped(t: TensorMsg, dtype: DType, dims: readonly number[], n: number, label: string): Float64Array {
  const { values, convert } = typedSource(t, dtype);
  if (values.length !== n) throw countError(label, `${values.length} value${values.length === 1 ? '' : 's'}`, dims, n);
  const out = new Float64Array(n);
  const f = convert as (v: number | Int64Like) => number;
  for (let i = 0; i < n; i++) out[i] = f(values[i]);
  return out;
}
