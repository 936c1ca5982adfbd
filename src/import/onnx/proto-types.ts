/**
 * TypeScript view of the messages `MODEL_PROTO.decode` returns (only the fields the importer reads).
 * protobufjs gives proto2 optional fields their default through the prototype, so "was it set?" is
 * answered with `isSet` (an own-property test), not by comparing with the default.
 */

/** An int64/uint64 field as protobufjs hands it out: a Long when the `long` package is installed, else a number. */
export type Int64Like = number | bigint | string | { readonly low: number; readonly high: number; readonly unsigned?: boolean };

export interface StringEntryMsg { key: string; value: string }

export interface OperatorSetIdMsg { domain: string; version: Int64Like }

export interface TensorMsg {
  dims: Int64Like[];
  data_type: number;
  float_data: number[];
  int32_data: number[];
  string_data: Uint8Array[];
  int64_data: Int64Like[];
  name: string;
  raw_data: Uint8Array;
  double_data: number[];
  uint64_data: Int64Like[];
  external_data: StringEntryMsg[];
  data_location: number;
}

export interface SparseTensorMsg { values: TensorMsg | null }

export interface DimensionMsg { dim_value?: Int64Like; dim_param?: string }

export interface TensorTypeMsg { elem_type: number; shape?: { dim: DimensionMsg[] } | null }

export interface TypeMsg {
  tensor_type?: TensorTypeMsg | null;
  sequence_type?: unknown;
  map_type?: unknown;
  sparse_tensor_type?: TensorTypeMsg | null;
}

export interface ValueInfoMsg { name: string; type: TypeMsg | null }

export interface AttributeMsg {
  name: string;
  f: number;
  i: Int64Like;
  s: Uint8Array;
  t: TensorMsg | null;
  g: unknown;
  floats: number[];
  ints: Int64Like[];
  strings: Uint8Array[];
  tensors: TensorMsg[];
  graphs: unknown[];
  type: number;
  sparse_tensor: SparseTensorMsg | null;
}

export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeMsg[];
  domain: string;
}

export interface GraphMsg {
  node: NodeMsg[];
  name: string;
  initializer: TensorMsg[];
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  value_info: ValueInfoMsg[];
  sparse_initializer: SparseTensorMsg[];
}

export interface ModelMsg {
  ir_version: Int64Like;
  producer_name: string;
  producer_version: string;
  graph: GraphMsg | null;
  opset_import: OperatorSetIdMsg[];
}

/** True when a (proto2 optional or oneof) field was present on the wire. */
export function isSet(msg: object | null | undefined, field: string): boolean {
  return msg != null && Object.prototype.hasOwnProperty.call(msg, field) && (msg as Record<string, unknown>)[field] != null;
}
