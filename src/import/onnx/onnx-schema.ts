/**
 * The subset of the ONNX protobuf schema this project reads and writes, written here from the public ONNX
 * IR specification (docs/IR.md of the ONNX project: message and field numbers). Only what the importer
 * needs is declared; protobuf decoders skip unknown fields, so newer files still decode.
 * Syntax proto2, like the upstream schema; repeated scalars decode both packed and unpacked.
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto2";
package onnx;

message StringStringEntryProto { optional string key = 1; optional string value = 2; }

message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }

message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
  repeated FunctionProto functions = 25;
}

message FunctionProto { optional string name = 1; optional string domain = 10; }

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
  repeated SparseTensorProto sparse_initializer = 15;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
  optional string domain = 7;
}

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7;
    STRINGS = 8; TENSORS = 9; GRAPHS = 10; SPARSE_TENSOR = 11; SPARSE_TENSORS = 12; TYPE_PROTO = 13; TYPE_PROTOS = 14;
  }
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  optional GraphProto g = 6;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
  optional string doc_string = 13;
  optional AttributeType type = 20;
  optional string ref_attr_name = 21;
  optional SparseTensorProto sparse_tensor = 22;
}

message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; optional string doc_string = 3; }

message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  message Sequence { optional TypeProto elem_type = 1; }
  message Map { optional int32 key_type = 1; optional TypeProto value_type = 2; }
  oneof value {
    Tensor tensor_type = 1;
    Sequence sequence_type = 4;
    Map map_type = 5;
    Tensor sparse_tensor_type = 8;
  }
  optional string denotation = 6;
}

message TensorShapeProto {
  message Dimension {
    oneof value { int64 dim_value = 1; string dim_param = 2; }
    optional string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TensorProto {
  enum DataLocation { DEFAULT = 0; EXTERNAL = 1; }
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
  repeated double double_data = 10 [packed = true];
  repeated uint64 uint64_data = 11 [packed = true];
  optional string doc_string = 12;
  repeated StringStringEntryProto external_data = 13;
  optional DataLocation data_location = 14;
}

message SparseTensorProto { optional TensorProto values = 1; optional TensorProto indices = 2; repeated int64 dims = 3; }
`;

/** ONNX TensorProto.DataType numbers (ONNX IR spec). */
export const ONNX_DATA_TYPE = {
  UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
} as const;

/** ONNX AttributeProto.AttributeType numbers. */
export const ONNX_ATTRIBUTE_TYPE = {
  UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8,
  TENSORS: 9, GRAPHS: 10, SPARSE_TENSOR: 11, SPARSE_TENSORS: 12, TYPE_PROTO: 13, TYPE_PROTOS: 14,
} as const;

const ROOT: protobuf.Root = protobuf.parse(SCHEMA, { keepCase: true }).root;

/** The onnx.ModelProto message type (decode with `.decode(bytes)`, encode with `.encode(obj).finish()`). */
export const MODEL_PROTO: protobuf.Type = ROOT.lookupType('onnx.ModelProto');
/** The onnx.TensorProto message type. */
export const TENSOR_PROTO: protobuf.Type = ROOT.lookupType('onnx.TensorProto');
