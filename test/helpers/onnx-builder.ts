/**
 * Test helper: builds small ONNX models as bytes with protobufjs and our schema subset, so tests can make
 * Keras-, CNTK- and PyTorch-shaped graphs and check them against onnxruntime-node. Test-only code.
 */
import { MODEL_PROTO, ONNX_ATTRIBUTE_TYPE, ONNX_DATA_TYPE } from '../../src/import/onnx/onnx-schema.js';

export type OnnxTypeName = keyof typeof ONNX_DATA_TYPE;

export interface TensorSpec {
  name?: string;
  dims: number[];
  data: ArrayLike<number>;
  dtype?: OnnxTypeName; // default FLOAT
  /** 'raw' (raw_data bytes, little-endian; default) or 'typed' (float_data / int64_data / ...). */
  encoding?: 'raw' | 'typed';
}

export type Attr =
  | { kind: 'f'; v: number }
  | { kind: 'i'; v: number }
  | { kind: 's'; v: string }
  | { kind: 'floats'; v: number[] }
  | { kind: 'ints'; v: number[] }
  | { kind: 't'; v: TensorSpec };

/** Attribute constructors: A.f(0.5), A.i(1), A.ints([1,1]), A.floats([...]), A.s('SAME_UPPER'), A.t({...}). */
export const A = {
  f: (v: number): Attr => ({ kind: 'f', v }),
  i: (v: number): Attr => ({ kind: 'i', v }),
  s: (v: string): Attr => ({ kind: 's', v }),
  floats: (v: number[]): Attr => ({ kind: 'floats', v }),
  ints: (v: number[]): Attr => ({ kind: 'ints', v }),
  t: (v: TensorSpec): Attr => ({ kind: 't', v }),
};

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, Attr>;
}

export interface ValueSpec {
  name: string;
  /** Dimensions; a string is a symbolic (dynamic) dim. Omit for "no shape". */
  dims?: (number | string)[];
  dtype?: OnnxTypeName;
}

export interface ModelSpec {
  opset?: number; // default-domain opset, default 13
  extraOpsets?: { domain: string; version: number }[];
  irVersion?: number; // default 7
  producer?: string;
  producerVersion?: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: (TensorSpec & { name: string })[];
  /** IR-3 style: also list every initializer as a graph input. */
  initializersAsInputs?: boolean;
  nodes: NodeSpec[];
  valueInfo?: ValueSpec[];
}

function rawBytes(dtype: OnnxTypeName, data: ArrayLike<number>): Uint8Array {
  const n = data.length;
  switch (dtype) {
    case 'FLOAT': return new Uint8Array(Float32Array.from(data).buffer);
    case 'DOUBLE': return new Uint8Array(Float64Array.from(data).buffer);
    case 'INT64': return new Uint8Array(BigInt64Array.from(Array.from(data, (x) => BigInt(Math.trunc(x)))).buffer);
    case 'INT32': return new Uint8Array(Int32Array.from(data).buffer);
    case 'INT8': return new Uint8Array(Int8Array.from(data).buffer);
    case 'UINT8': case 'BOOL': return Uint8Array.from(data);
    default: throw new Error(`onnx-builder: raw encoding of ${dtype} not implemented (n=${n})`);
  }
}

export function tensorProto(t: TensorSpec): Record<string, unknown> {
  const dtype = t.dtype ?? 'FLOAT';
  const out: Record<string, unknown> = { name: t.name ?? '', dims: t.dims, data_type: ONNX_DATA_TYPE[dtype] };
  if ((t.encoding ?? 'raw') === 'raw') {
    out.raw_data = rawBytes(dtype, t.data);
  } else if (dtype === 'FLOAT') out.float_data = Array.from(t.data);
  else if (dtype === 'DOUBLE') out.double_data = Array.from(t.data);
  else if (dtype === 'INT64') out.int64_data = Array.from(t.data);
  else out.int32_data = Array.from(t.data); // INT32, INT8, UINT8, BOOL, INT16, UINT16, FLOAT16 bits
  return out;
}

function attrProto(name: string, a: Attr): Record<string, unknown> {
  const T = ONNX_ATTRIBUTE_TYPE;
  switch (a.kind) {
    case 'f': return { name, type: T.FLOAT, f: a.v };
    case 'i': return { name, type: T.INT, i: a.v };
    case 's': return { name, type: T.STRING, s: new TextEncoder().encode(a.v) };
    case 'floats': return { name, type: T.FLOATS, floats: a.v };
    case 'ints': return { name, type: T.INTS, ints: a.v };
    case 't': return { name, type: T.TENSOR, t: tensorProto(a.v) };
  }
}

function valueInfoProto(v: ValueSpec): Record<string, unknown> {
  const tensorType: Record<string, unknown> = { elem_type: ONNX_DATA_TYPE[v.dtype ?? 'FLOAT'] };
  if (v.dims) tensorType.shape = { dim: v.dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) };
  return { name: v.name, type: { tensor_type: tensorType } };
}

/** Encodes a model spec as ONNX bytes. */
export function buildModel(spec: ModelSpec): Uint8Array {
  const inits = spec.initializers ?? [];
  const inputs = [...spec.inputs];
  if (spec.initializersAsInputs) for (const t of inits) inputs.push({ name: t.name, dims: t.dims, dtype: t.dtype });
  const model = {
    ir_version: spec.irVersion ?? 7,
    producer_name: spec.producer ?? 'photonic-foundry-tests',
    producer_version: spec.producerVersion ?? '0',
    opset_import: [{ domain: '', version: spec.opset ?? 13 }, ...(spec.extraOpsets ?? [])],
    graph: {
      name: 'test_graph',
      node: spec.nodes.map((n, k) => ({
        name: n.name ?? `${n.op}_${k}`,
        op_type: n.op,
        domain: n.domain ?? '',
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([name, a]) => attrProto(name, a)),
      })),
      initializer: inits.map((t) => tensorProto(t)),
      input: inputs.map(valueInfoProto),
      output: spec.outputs.map(valueInfoProto),
      value_info: (spec.valueInfo ?? []).map(valueInfoProto),
    },
  };
  const err = MODEL_PROTO.verify(model);
  if (err) throw new Error(`onnx-builder: ${err}`);
  return MODEL_PROTO.encode(MODEL_PROTO.fromObject(model)).finish();
}
