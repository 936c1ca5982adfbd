/**
 * Shared test harness for op and executor tests: build ONNX bytes → importOnnx → our float64 executor,
 * and run the same bytes through onnxruntime-node; compare every graph output.
 * Tolerance: max |ours − ort| ≤ 1e-5 · max(1, max |ort|).
 */
import assert from 'node:assert/strict';
import type { DType, Tensor } from '../../src/core/tensor.js';
import { runGraph } from '../../src/exec/index.js';
import { importOnnx } from '../../src/import/index.js';
import { buildModel, type Attr, type ModelSpec, type OnnxTypeName, type TensorSpec } from '../helpers/onnx-builder.js';
import { runOrt, type OrtInput } from '../helpers/ort.js';
import { numel, rng, type Rng } from '../helpers/random.js';

export type Feed = OrtInput;

const FEED_DTYPE: Record<NonNullable<OrtInput['dtype']>, DType> = { float32: 'float32', float64: 'float64', int64: 'int64', int32: 'int32' };

export function toTensor(f: Feed): Tensor {
  return { dtype: FEED_DTYPE[f.dtype ?? 'float32'], dims: [...f.dims], data: Float64Array.from(f.data) };
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'length differs');
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) { if (!(Number.isNaN(a[i]) && Number.isNaN(b[i])) && a[i] !== b[i]) return Infinity; } else m = Math.max(m, d);
  }
  return m;
}

export interface CompareResult {
  ours: Record<string, Tensor>;
  ort: Record<string, { dims: number[]; data: Float64Array }>;
}

/** Builds the model, runs it both ways and asserts equal dims and values within tolerance for every output. */
export async function compareWithOrt(spec: ModelSpec, feeds: Record<string, Feed>, opts: { tol?: number; label?: string } = {}): Promise<CompareResult> {
  const bytes = buildModel(spec);
  const graph = importOnnx(bytes);
  const inputs: Record<string, Tensor> = {};
  for (const [name, f] of Object.entries(feeds)) inputs[name] = toTensor(f);
  const ours = runGraph(graph, inputs);
  const ort = await runOrt(bytes, feeds);
  const label = opts.label ?? spec.nodes.map((n) => n.op).join('→');
  for (const out of spec.outputs) {
    const r = ort[out.name];
    const o = ours[out.name];
    assert.ok(r, `${label}: ORT produced no '${out.name}'`);
    assert.ok(o, `${label}: executor produced no '${out.name}'`);
    assert.deepEqual([...o.dims], [...r.dims], `${label}: dims of '${out.name}'`);
    const tol = (opts.tol ?? 1e-5) * Math.max(1, maxAbs(r.data));
    const diff = maxAbsDiff(o.data, r.data);
    assert.ok(diff <= tol, `${label}: '${out.name}' max abs diff ${diff} > ${tol}`);
  }
  return { ours, ort };
}

export interface SingleOp {
  op: string;
  opset: number;
  /** Graph inputs, fed with seeded random floats in [-2, 2) unless `feeds` overrides them. */
  inputs?: { name: string; dims: number[]; dtype?: OnnxTypeName }[];
  initializers?: (TensorSpec & { name: string })[];
  /** Node input names in order ('' for omitted optional inputs); default: inputs then initializers. */
  nodeInputs?: string[];
  outputs?: string[];
  /** Node output names when they differ from the graph outputs (e.g. '' or unused optional outputs). */
  nodeOutputs?: string[];
  /** Output element types (default FLOAT). */
  outputTypes?: Record<string, OnnxTypeName>;
  attrs?: Record<string, Attr>;
  feeds?: Record<string, Feed>;
  seed?: number;
  tol?: number;
  label?: string;
}

/** One-node model checked against ORT. */
export async function checkOp(t: SingleOp): Promise<CompareResult> {
  const r = rng(t.seed ?? 12345);
  const inputs = t.inputs ?? [];
  const inits = t.initializers ?? [];
  const outputs = t.outputs ?? ['y'];
  const feeds: Record<string, Feed> = {};
  for (const i of inputs) feeds[i.name] = t.feeds?.[i.name] ?? { dims: i.dims, data: r.floats(numel(i.dims), -2, 2) };
  const spec: ModelSpec = {
    opset: t.opset,
    inputs: inputs.map((i) => ({ name: i.name, dims: i.dims, dtype: i.dtype })),
    outputs: outputs.map((name) => ({ name, dtype: t.outputTypes?.[name] })),
    initializers: inits,
    nodes: [{ op: t.op, inputs: t.nodeInputs ?? [...inputs.map((i) => i.name), ...inits.map((i) => i.name)], outputs: t.nodeOutputs ?? outputs, attrs: t.attrs }],
  };
  return compareWithOrt(spec, feeds, { tol: t.tol, label: t.label ?? `${t.op}@${t.opset}${t.attrs ? ' ' + JSON.stringify(t.attrs) : ''}` });
}

/** A float32 initializer with seeded random values. */
export function randInit(r: Rng, name: string, dims: number[], lo = -1, hi = 1): TensorSpec & { name: string } {
  return { name, dims, data: r.floats(numel(dims), lo, hi) };
}

/** An INT64 initializer. */
export function int64Init(name: string, data: number[], dims: number[] = [data.length]): TensorSpec & { name: string } {
  return { name, dims, data, dtype: 'INT64' };
}
