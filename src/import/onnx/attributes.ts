/**
 * AttributeProto list → Record<string, AttributeValue>. Strings decode as UTF-8, tensors like initializers,
 * subgraphs become a {kind:'graph'} marker; other kinds (tensors, sparse tensors, type protos) become
 * {kind:'other'}. Attributes without a `type` (very old exporters) get it inferred from the field present.
 */
import type { AttributeValue } from '../../ir/graph.js';
import { ONNX_ATTRIBUTE_TYPE as T } from './onnx-schema.js';
import { invalid, q } from './import-errors.js';
import { int64ToNumber } from './int64.js';
import { isSet, type AttributeMsg } from './proto-types.js';
import { decodeTensorProto } from './tensor-proto.js';

const TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));
const UTF8 = new TextDecoder('utf-8');

function utf8(bytes: Uint8Array | null | undefined): string {
  return bytes ? UTF8.decode(bytes) : '';
}

/** The attribute's type; inferred from the populated field when `type` is missing (UNDEFINED). */
function attributeType(a: AttributeMsg): number {
  if (a.type) return a.type;
  if (isSet(a, 'f')) return T.FLOAT;
  if (isSet(a, 'i')) return T.INT;
  if (isSet(a, 's')) return T.STRING;
  if (isSet(a, 't')) return T.TENSOR;
  if (isSet(a, 'g')) return T.GRAPH;
  if (isSet(a, 'sparse_tensor')) return T.SPARSE_TENSOR;
  if (a.floats?.length) return T.FLOATS;
  if (a.ints?.length) return T.INTS;
  if (a.strings?.length) return T.STRINGS;
  if (a.tensors?.length) return T.TENSORS;
  if (a.graphs?.length) return T.GRAPHS;
  return T.UNDEFINED;
}

function decodeAttribute(a: AttributeMsg, nodeName: string): AttributeValue {
  const type = attributeType(a);
  switch (type) {
    case T.FLOAT: return { kind: 'float', value: a.f ?? 0 };
    case T.INT: return { kind: 'int', value: int64ToNumber(a.i) };
    case T.STRING: return { kind: 'string', value: utf8(a.s) };
    case T.TENSOR: {
      const label = `attribute ${q(a.name)} of node ${q(nodeName)}`;
      if (!a.t) throw invalid(`${label} has type TENSOR but no tensor`);
      return { kind: 'tensor', value: decodeTensorProto(a.t, label) };
    }
    case T.GRAPH:
    case T.GRAPHS: return { kind: 'graph' };
    case T.FLOATS: return { kind: 'floats', value: Array.from(a.floats ?? []) };
    case T.INTS: return { kind: 'ints', value: (a.ints ?? []).map((v) => int64ToNumber(v)) };
    case T.STRINGS: return { kind: 'strings', value: (a.strings ?? []).map(utf8) };
    default: return { kind: 'other', type: TYPE_NAMES[type] ?? `type ${type}` };
  }
}

/** Decodes a node's attributes; names must be present and unique. */
export function decodeAttributes(attrs: readonly AttributeMsg[], nodeName: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const a of attrs) {
    if (!a.name) throw invalid(`node ${q(nodeName)} has an attribute without a name`);
    if (Object.prototype.hasOwnProperty.call(out, a.name)) throw invalid(`node ${q(nodeName)} has attribute ${q(a.name)} twice`);
    // defineProperty: a hostile name such as '__proto__' stays a plain own property.
    Object.defineProperty(out, a.name, { value: decodeAttribute(a, nodeName), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
