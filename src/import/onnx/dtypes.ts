/** ONNX element-type numbers (TensorProto.DataType) ↔ the library's DType names, and raw byte sizes. */
import type { DType } from '../../core/tensor.js';

const DTYPE_BY_NUMBER: Readonly<Record<number, DType>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

/** Names of the ONNX element types the library does not represent (for error messages). */
const UNSUPPORTED_NAMES: Readonly<Record<number, string>> = {
  0: 'undefined', 14: 'complex64', 15: 'complex128', 17: 'float8e4m3fn', 18: 'float8e4m3fnuz', 19: 'float8e5m2',
  20: 'float8e5m2fnuz', 21: 'uint4', 22: 'int4', 23: 'float4e2m1',
};

/** The DType of an ONNX element-type number, or undefined when the library has none. */
export function dtypeOfElemType(elemType: number): DType | undefined {
  return Object.prototype.hasOwnProperty.call(DTYPE_BY_NUMBER, elemType) ? DTYPE_BY_NUMBER[elemType] : undefined;
}

/** A readable name for an element-type number: 'float32', 'complex64', 'unknown type 99'. */
export function elemTypeName(elemType: number): string {
  return dtypeOfElemType(elemType) ?? UNSUPPORTED_NAMES[elemType] ?? `unknown type ${elemType}`;
}

/** Bytes per element in raw_data (0 for string, which has no raw form). */
export const RAW_BYTES: Readonly<Record<DType, number>> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4,
  int64: 8, uint64: 8, bool: 1, string: 0,
};
