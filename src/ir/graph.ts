/**
 * GraphIR: the imported model, independent of ONNX protobufs. Produced by src/import, consumed by the
 * executor (src/exec), the analyzer and the photonic mapper. Plain data; tensors are float64 (core/tensor).
 */
import type { DType, Tensor } from '../core/tensor.js';

/** One dimension of a declared shape: a number, a symbolic name (dynamic, e.g. "batch_size"), or null (unknown). */
export type Dim = number | string | null;

export interface ValueInfo {
  readonly name: string;
  readonly dtype: DType;
  /** Declared shape; null when the model declares no shape at all. */
  readonly shape: readonly Dim[] | null;
}

export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tensor'; readonly value: Tensor }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'graph' } // subgraphs (If/Loop/Scan bodies): kept only as a marker; such ops are unsupported
  | { readonly kind: 'other'; readonly type: string };

export interface NodeIR {
  /** Node name; importers give unnamed nodes a stable name `<opType>_<index>`. */
  readonly name: string;
  readonly opType: string;
  /** '' and 'ai.onnx' both mean the default domain; importers normalise to 'ai.onnx'. */
  readonly domain: string;
  /** Input value names; '' marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface OpsetImport {
  readonly domain: string; // 'ai.onnx', 'ai.onnx.ml', ...
  readonly version: number;
}

export interface GraphIR {
  readonly producer: { readonly name: string; readonly version: string };
  readonly irVersion: number;
  readonly opsets: readonly OpsetImport[];
  /** Opset version of the default domain (ai.onnx). */
  readonly opset: number;
  readonly graphName: string;
  /** Real graph inputs: declared inputs minus those that repeat an initializer (IR 3 style). */
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** Constant tensors by name: initializers and the outputs of Constant nodes. */
  readonly initializers: ReadonlyMap<string, Tensor>;
  /** Nodes in topological order (Constant nodes already turned into initializers). */
  readonly nodes: readonly NodeIR[];
  /** Declared shapes of intermediate values (value_info), by name. */
  readonly valueInfo: ReadonlyMap<string, ValueInfo>;
}

/** Attribute accessors with defaults (the ONNX spec's defaults are given by callers). */
export function attrInt(node: NodeIR, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a && a.kind === 'int' ? a.value : fallback;
}
export function attrFloat(node: NodeIR, name: string, fallback: number): number {
  const a = node.attributes[name];
  if (a && a.kind === 'float') return a.value;
  if (a && a.kind === 'int') return a.value;
  return fallback;
}
export function attrInts(node: NodeIR, name: string): readonly number[] | undefined {
  const a = node.attributes[name];
  return a && a.kind === 'ints' ? a.value : undefined;
}
export function attrFloats(node: NodeIR, name: string): readonly number[] | undefined {
  const a = node.attributes[name];
  return a && a.kind === 'floats' ? a.value : undefined;
}
export function attrString(node: NodeIR, name: string, fallback: string): string {
  const a = node.attributes[name];
  return a && a.kind === 'string' ? a.value : fallback;
}
export function attrTensor(node: NodeIR, name: string): Tensor | undefined {
  const a = node.attributes[name];
  return a && a.kind === 'tensor' ? a.value : undefined;
}
