/**
 * Tensor: the one n-dimensional array type of the library.
 *
 * Every element is stored as float64 in one flat row-major (C order) Float64Array, whatever the ONNX
 * element type: float32 weights widen exactly, and integer tensors (shapes, indices) are exact up to 2^53.
 * `dtype` keeps the ONNX element type so Cast and shape ops keep their meaning.
 */

export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

export interface Tensor {
  readonly dtype: DType;
  /** Dimensions, outermost first. A scalar has dims []. */
  readonly dims: readonly number[];
  /** Elements in row-major order; length = product of dims. */
  readonly data: Float64Array;
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length);
  let s = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= dims[i];
  }
  return strides;
}

export function makeTensor(dtype: DType, dims: readonly number[], data?: Float64Array | readonly number[]): Tensor {
  const n = sizeOf(dims);
  const buf = data === undefined ? new Float64Array(n) : data instanceof Float64Array ? data : Float64Array.from(data);
  if (buf.length !== n) throw new RangeError(`tensor data has ${buf.length} elements, dims ${formatDims(dims, { compact: true })} need ${n}`);
  return { dtype, dims: [...dims], data: buf };
}

export function isFloatType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

/**
 * A shape for messages: "[1, 28, 28]", or "[1,28,28]" with `compact` (dataset messages); null (unknown) is "?".
 */
export function formatDims(dims: readonly (number | string | null)[], options: { readonly compact?: boolean } = {}): string {
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(options.compact ? ',' : ', ')}]`;
}
