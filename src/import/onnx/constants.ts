/**
 * `Constant` nodes → tensors (they become initializers). Exactly one of the attributes value (tensor),
 * value_float, value_floats (float32), value_int, value_ints (int64) must be set; string and sparse
 * constants are rejected with PF_ERR_ONNX_INVALID.
 */
import type { Tensor } from '../../core/tensor.js';
import type { NodeIR } from '../../ir/graph.js';
import { invalid, q } from './import-errors.js';

const VALUE_ATTRS = ['value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings', 'sparse_value'];

/** True for a node of the default domain's Constant op. */
export function isConstantNode(node: NodeIR): boolean {
  return node.opType === 'Constant' && node.domain === 'ai.onnx';
}

/** The tensor a Constant node produces. */
export function constantTensor(node: NodeIR): Tensor {
  const label = `Constant node ${q(node.name)}`;
  const present = VALUE_ATTRS.filter((k) => Object.prototype.hasOwnProperty.call(node.attributes, k));
  if (present.length !== 1) {
    throw invalid(present.length === 0 ? `${label} has no value attribute` : `${label} has several value attributes (${present.join(', ')})`);
  }
  const key = present[0];
  const a = node.attributes[key];
  const wrongType = (): Error => invalid(`${label} attribute '${key}' has the wrong type (${a.kind === 'other' ? a.type : a.kind})`);
  switch (key) {
    case 'value':
      if (a.kind !== 'tensor') throw wrongType();
      return a.value;
    case 'value_float':
      if (a.kind !== 'float') throw wrongType();
      return { dtype: 'float32', dims: [], data: Float64Array.of(a.value) };
    case 'value_floats':
      if (a.kind !== 'floats') throw wrongType();
      return { dtype: 'float32', dims: [a.value.length], data: Float64Array.from(a.value) };
    case 'value_int':
      if (a.kind !== 'int') throw wrongType();
      return { dtype: 'int64', dims: [], data: Float64Array.of(a.value) };
    case 'value_ints':
      if (a.kind !== 'ints') throw wrongType();
      return { dtype: 'int64', dims: [a.value.length], data: Float64Array.from(a.value) };
    case 'sparse_value':
      throw invalid(`${label} uses sparse_value; sparse constants are not supported`);
    default:
      throw invalid(`${label} uses ${key}; string constants are not supported`);
  }
}
