/**
 * The digital reference executor: runs a GraphIR in float64 (the ground truth the photonic simulation is
 * compared with). Plans once per distinct set of input shapes and caches the plans in the Executor instance.
 */
import { FoundryError, InvalidInputError, ShapeError } from '../core/errors.js';
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import type { GraphIR } from '../ir/graph.js';
import { defaultOps } from '../ops/index.js';
import type { OpContext, OpDefinition } from '../ops/types.js';
import { WasmMatmul } from '../ops/wasm-matmul.js';
import { chooseChunk, chunkPlanMatches, splittableBatch } from './batching.js';
import { planGraph, type ExecutionPlan, type PlanStep } from './plan.js';

export interface RunOptions {
  /** Also return every runtime intermediate value (by name) besides the graph outputs. */
  readonly keepIntermediates?: boolean;
  /**
   * Replaces the evaluation of a step (e.g. a linear layer run through an optical simulation). Return
   * undefined to use the reference op. Results must have the planned dims.
   */
  readonly override?: (step: PlanStep, inputs: readonly (Tensor | undefined)[]) => Tensor[] | undefined;
  /**
   * Batch splitting. When every runtime node works sample by sample along axis 0 (checked conservatively),
   * a large batch is run in chunks of this many samples: identical results, much less memory traffic.
   * 'auto' (default) picks the size from the largest intermediate; 0 disables. Never used with
   * keepIntermediates. With `override`, steps are called once per chunk.
   */
  readonly chunkSize?: number | 'auto';
}

/** Target elements of the largest per-chunk intermediate for chunkSize 'auto'. */
const AUTO_CHUNK_ELEMENTS = 1 << 18;

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function copyTensor(t: Tensor): Tensor {
  return { dtype: t.dtype, dims: [...t.dims], data: Float64Array.from(t.data) };
}

export interface ExecutorOptions {
  /** Use the WebAssembly SIMD matrix kernel when available (default true; results are bit-identical). */
  readonly simd?: boolean;
}

export class Executor {
  readonly graph: GraphIR;
  readonly ops: ReadonlyMap<string, OpDefinition>;
  private readonly plans = new Map<string, ExecutionPlan>();
  private readonly useSimd: boolean;
  private simd: WasmMatmul | undefined | null = null; // null: not created yet
  /** Per full plan: its batch size when it can be split along axis 0, else undefined. */
  private readonly splittable = new Map<ExecutionPlan, number | undefined>();

  constructor(graph: GraphIR, ops: ReadonlyMap<string, OpDefinition> = defaultOps, options: ExecutorOptions = {}) {
    this.graph = graph;
    this.ops = ops;
    this.useSimd = options.simd ?? true;
  }

  private context(): OpContext {
    if (this.simd === null) this.simd = this.useSimd ? WasmMatmul.create() : undefined;
    return { opset: this.graph.opset, simd: this.simd };
  }

  /** The (cached) plan for these input dims. */
  plan(inputDims: Readonly<Record<string, readonly number[]>>): ExecutionPlan {
    const key = this.graph.inputs.map((v) => (inputDims[v.name] ?? ['?']).join('x')).join(';') + '|' + Object.keys(inputDims).sort().join(',');
    let plan = this.plans.get(key);
    if (!plan) {
      plan = planGraph(this.graph, inputDims, this.ops);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Runs the graph on named inputs; returns the graph outputs (and intermediates if asked) by name. */
  run(inputs: Readonly<Record<string, Tensor>>, options: RunOptions = {}): Record<string, Tensor> {
    const dims: Record<string, readonly number[]> = {};
    for (const [name, t] of Object.entries(inputs)) {
      if (t.data.length !== sizeOf(t.dims)) {
        throw new ShapeError(`input '${name}' has ${t.data.length} elements but shape ${formatDims(t.dims)}`, { stage: 'execute' });
      }
      dims[name] = t.dims;
    }
    const plan = this.plan(dims);
    const chunk = options.keepIntermediates ? 0 : options.chunkSize ?? 'auto';
    if (chunk !== 0) {
      const split = this.splitPlan(plan, chunk);
      if (split) return this.runChunked(plan, split, inputs, options);
    }
    return this.runPlan(plan, inputs, options);
  }

  /** Chunk size and chunk plans when the batch can be split, else undefined. */
  private splitPlan(plan: ExecutionPlan, chunk: number | 'auto'): { n: number; N: number } | undefined {
    let N: number | undefined;
    if (this.splittable.has(plan)) N = this.splittable.get(plan);
    else {
      N = splittableBatch(plan);
      this.splittable.set(plan, N);
    }
    if (N === undefined) return undefined;
    const n = chunk === 'auto' ? chooseChunk(plan, N, AUTO_CHUNK_ELEMENTS) : Math.max(1, Math.floor(chunk));
    if (n >= N) return undefined;
    for (const m of N % n === 0 ? [n] : [n, N % n]) {
      const sub: Record<string, readonly number[]> = {};
      for (const vi of this.graph.inputs) sub[vi.name] = [m, ...plan.inputDims[vi.name].slice(1)];
      let ok: boolean;
      try {
        ok = chunkPlanMatches(plan, this.plan(sub), m);
      } catch {
        ok = false;
      }
      if (!ok) {
        this.splittable.set(plan, undefined);
        return undefined;
      }
    }
    return { n, N };
  }

  private runChunked(plan: ExecutionPlan, split: { n: number; N: number }, inputs: Readonly<Record<string, Tensor>>, options: RunOptions): Record<string, Tensor> {
    const { n, N } = split;
    const result: Record<string, Tensor> = {};
    const perSample = new Map<string, number>();
    for (const vo of this.graph.outputs) {
      const c = plan.constants.get(vo.name);
      if (c) { result[vo.name] = copyTensor(c); continue; }
      const v = plan.values.get(vo.name)!;
      perSample.set(vo.name, sizeOf(v.dims) / N);
      result[vo.name] = { dtype: v.dtype, dims: [...v.dims], data: new Float64Array(sizeOf(v.dims)) };
    }
    for (let start = 0; start < N; start += n) {
      const m = Math.min(n, N - start);
      const sub: Record<string, Tensor> = {};
      for (const vi of this.graph.inputs) {
        const t = inputs[vi.name];
        const per = t.data.length / N;
        sub[vi.name] = { dtype: t.dtype, dims: [m, ...t.dims.slice(1)], data: t.data.subarray(start * per, (start + m) * per) };
      }
      const dims: Record<string, readonly number[]> = {};
      for (const [name, t] of Object.entries(sub)) dims[name] = t.dims;
      const out = this.runPlan(this.plan(dims), sub, options);
      for (const [name, per] of perSample) result[name].data.set(out[name].data, start * per);
    }
    return result;
  }

  private runPlan(plan: ExecutionPlan, inputs: Readonly<Record<string, Tensor>>, options: RunOptions): Record<string, Tensor> {
    const env = new Map<string, Tensor>();
    for (const vi of this.graph.inputs) {
      const t = inputs[vi.name];
      env.set(vi.name, t.dtype === vi.dtype ? t : { dtype: vi.dtype, dims: t.dims, data: t.data });
    }
    const ctx = this.context();
    const kept: Record<string, Tensor> = {};
    for (const step of plan.steps) {
      const { node, op } = step;
      const ins = node.inputs.map((name) => (name === '' ? undefined : env.get(name) ?? plan.constants.get(name)));
      const outs = options.override?.(step, ins) ?? op.run(ins, node, ctx);
      node.outputs.forEach((name, k) => {
        if (name === '') return;
        const t = outs[k];
        const want = plan.values.get(name);
        if (t === undefined || want === undefined) {
          throw new FoundryError('PF_ERR_INTERNAL', `node '${node.name}' (${node.opType}) produced no value for output '${name}'`, { stage: 'execute' });
        }
        if (!sameDims(t.dims, want.dims)) {
          throw new FoundryError('PF_ERR_INTERNAL', `node '${node.name}' (${node.opType}) output '${name}' has shape ${formatDims(t.dims)}, planned ${formatDims(want.dims)}`, { stage: 'execute' });
        }
        env.set(name, t);
        if (options.keepIntermediates) kept[name] = t;
      });
      for (const name of step.release) env.delete(name);
    }
    const result: Record<string, Tensor> = options.keepIntermediates ? kept : {};
    for (const vo of this.graph.outputs) {
      const t = env.get(vo.name);
      if (t !== undefined) result[vo.name] = t;
      else {
        const c = plan.constants.get(vo.name);
        if (c === undefined) throw new InvalidInputError(`graph output '${vo.name}' was not computed`, { stage: 'execute' });
        result[vo.name] = copyTensor(c); // never hand out initializer storage
      }
    }
    return result;
  }
}

/** Runs the graph once (a fresh Executor: plans are cached only for this call). */
export function runGraph(graph: GraphIR, inputs: Readonly<Record<string, Tensor>>, options: RunOptions & ExecutorOptions = {}): Record<string, Tensor> {
  return new Executor(graph, defaultOps, options).run(inputs, options);
}
