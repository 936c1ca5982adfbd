/**
 * The digital reference executor: runs a GraphIR in float64 (the ground truth the photonic simulation is
 * compared with). Plans once per distinct set of input shapes and caches the plans in the Executor instance.
 */
import { FoundryError, InvalidInputError, ShapeError } from '../core/errors.js';
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import type { GraphIR } from '../ir/graph.js';
import { defaultOps } from '../ops/index.js';
import type { OpContext, OpDefinition } from '../ops/types.js';
import { planGraph, type ExecutionPlan, type PlanStep } from './plan.js';

export interface RunOptions {
  /** Also return every runtime intermediate value (by name) besides the graph outputs. */
  readonly keepIntermediates?: boolean;
  /**
   * Replaces the evaluation of a step (e.g. a linear layer run through an optical simulation). Return
   * undefined to use the reference op. Results must have the planned dims.
   */
  readonly override?: (step: PlanStep, inputs: readonly (Tensor | undefined)[]) => Tensor[] | undefined;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function copyTensor(t: Tensor): Tensor {
  return { dtype: t.dtype, dims: [...t.dims], data: Float64Array.from(t.data) };
}

export class Executor {
  readonly graph: GraphIR;
  readonly ops: ReadonlyMap<string, OpDefinition>;
  private readonly plans = new Map<string, ExecutionPlan>();

  constructor(graph: GraphIR, ops: ReadonlyMap<string, OpDefinition> = defaultOps) {
    this.graph = graph;
    this.ops = ops;
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
    const env = new Map<string, Tensor>();
    for (const vi of this.graph.inputs) {
      const t = inputs[vi.name];
      env.set(vi.name, t.dtype === vi.dtype ? t : { dtype: vi.dtype, dims: t.dims, data: t.data });
    }
    const ctx: OpContext = { opset: this.graph.opset };
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
export function runGraph(graph: GraphIR, inputs: Readonly<Record<string, Tensor>>, options: RunOptions = {}): Record<string, Tensor> {
  return new Executor(graph).run(inputs, options);
}
