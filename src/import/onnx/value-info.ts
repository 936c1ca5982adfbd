/**
 * ValueInfoProto → ValueInfo: element type → DType, declared shape → Dim[] (number for dim_value, string for
 * dim_param, null for neither) or null when no shape is declared. Graph inputs and outputs must be typed
 * tensors; intermediate value_info entries that are not typed tensors are skipped (they are only hints).
 */
import type { Dim, ValueInfo } from '../../ir/graph.js';
import { dtypeOfElemType, elemTypeName } from './dtypes.js';
import { invalid, q } from './import-errors.js';
import { int64ToNumber } from './int64.js';
import { isSet, type DimensionMsg, type ValueInfoMsg } from './proto-types.js';

export type ValueRole = 'graph input' | 'graph output' | 'value_info entry';

function decodeDim(d: DimensionMsg): Dim {
  if (isSet(d, 'dim_value')) {
    const v = int64ToNumber(d.dim_value);
    return v >= 0 ? v : null; // some exporters write -1 for "unknown"
  }
  if (isSet(d, 'dim_param') && d.dim_param) return d.dim_param;
  return null;
}

/** Decodes one value info; returns undefined for a skippable intermediate entry (see header). */
export function decodeValueInfo(v: ValueInfoMsg, role: ValueRole): ValueInfo | undefined {
  const required = role !== 'value_info entry';
  if (!v.name) {
    if (required) throw invalid(`a ${role} has no name`);
    return undefined;
  }
  const tt = v.type && isSet(v.type, 'tensor_type') ? v.type.tensor_type : undefined;
  if (!tt || !tt.elem_type) {
    if (!required) return undefined;
    const what = !v.type ? 'has no type' : !tt ? 'is not a dense tensor' : 'has no element type';
    throw invalid(`${role} ${q(v.name)} ${what}`);
  }
  const dtype = dtypeOfElemType(tt.elem_type);
  if (dtype === undefined) throw invalid(`${role} ${q(v.name)} has element type ${elemTypeName(tt.elem_type)}, which is not supported`);
  const shape = isSet(tt, 'shape') && tt.shape ? (tt.shape.dim ?? []).map(decodeDim) : null;
  return { name: v.name, dtype, shape };
}
