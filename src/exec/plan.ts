/**
 * Planning: for one concrete set of input shapes, fold everything computable at compile time (initializer
 * chains, Shape of tensors whose shape is now known, PyTorch's Shape→Gather→Unsqueeze→Concat→Reshape
 * flatten chains ...), infer the concrete dims of every value, prune nodes that do not reach an output,
 * decide where each node runs (hardware) and when each intermediate can be released.
 */
import { FoundryError, InvalidInputError, ShapeError, UnsupportedOpError } from '../core/errors.js';
import { formatDims, type Tensor } from '../core/tensor.js';
import type { GraphIR, NodeIR } from '../ir/graph.js';
import { checkSupport, defaultOps, lookupOp, normalizeDomain } from '../ops/index.js';
import type { Hardware, OpContext, OpDefinition, TensorInfo, ValueType } from '../ops/types.js';

export interface PlanStep {
  readonly node: NodeIR;
  readonly op: OpDefinition;
  /** Refined hardware of this node (see ExecutionPlan.hardware). */
  readonly hardware: Hardware;
  /** Runtime values whose last use is this step; the executor drops them afterwards. */
  readonly release: readonly string[];
}

export interface ExecutionPlan {
  readonly graph: GraphIR;
  readonly inputDims: Readonly<Record<string, readonly number[]>>;
  /** Concrete dims and dtype of every value (inputs, initializers, every node output). */
  readonly values: ReadonlyMap<string, ValueType>;
  /** Initializers plus every value folded at plan time. */
  readonly constants: ReadonlyMap<string, Tensor>;
  /** Nodes evaluated at run time, in topological order. */
  readonly steps: readonly PlanStep[];
  /** Nodes evaluated once while planning (all inputs constant, or outputs known from shapes alone). */
  readonly folded: readonly NodeIR[];
  /** Runtime nodes that do not contribute to any graph output (not executed). */
  readonly pruned: readonly NodeIR[];
  /**
   * Hardware per node name, refined from the ops' static defaults: folded nodes are 'folded'; ops whose default
   * is 'folded' but that run on runtime data become 'layout' (Gather, Shape …) or 'electronic' (Cast); an Add/Sub/Mul/Div
   * by a per-output-channel constant, or a BatchNormalization, directly after a linear layer (whose output has
   * no other consumer) is 'folded' (merged into that layer's weights/bias). Pruned nodes keep their default.
   */
  readonly hardware: ReadonlyMap<string, Hardware>;
}

type OpMap = ReadonlyMap<string, OpDefinition>;

function internal(message: string): FoundryError {
  return new FoundryError('PF_ERR_INTERNAL', message, { stage: 'plan' });
}

/** Checks the concrete input dims against the declared shapes (fixed dims, and one value per symbolic dim). */
function validateInputDims(graph: GraphIR, inputDims: Readonly<Record<string, readonly number[]>>): void {
  const known = new Set(graph.inputs.map((v) => v.name));
  for (const name of Object.keys(inputDims)) {
    if (!known.has(name)) {
      throw new InvalidInputError(`unknown input '${name}' (model inputs: ${graph.inputs.map((v) => `'${v.name}'`).join(', ') || 'none'})`, { stage: 'execute' });
    }
  }
  const symbols = new Map<string, { value: number; input: string }>();
  for (const vi of graph.inputs) {
    const dims = inputDims[vi.name];
    if (dims === undefined) throw new InvalidInputError(`no value given for model input '${vi.name}'`, { stage: 'execute' });
    if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw new ShapeError(`input '${vi.name}' has invalid shape ${formatDims(dims)}`, { stage: 'execute' });
    const decl = vi.shape;
    if (decl === null) continue;
    const mismatch = (): ShapeError =>
      new ShapeError(`input '${vi.name}' has shape ${formatDims(dims)}, model expects ${formatDims(decl)}`, {
        stage: 'execute', details: { input: vi.name, got: [...dims], expected: [...decl] },
      });
    if (decl.length !== dims.length) throw mismatch();
    decl.forEach((d, i) => {
      if (typeof d === 'number' && d > 0 && d !== dims[i]) throw mismatch();
      if (typeof d === 'string' && d !== '') {
        const prev = symbols.get(d);
        if (prev === undefined) symbols.set(d, { value: dims[i], input: vi.name });
        else if (prev.value !== dims[i]) {
          throw new ShapeError(`input '${vi.name}' has shape ${formatDims(dims)}, but dim '${d}' is ${prev.value} in input '${prev.input}'`, { stage: 'execute' });
        }
      }
    });
  }
}

/** Plans the graph for one concrete set of input dims. Throws UnsupportedOpError, ShapeError, InvalidInputError. */
export function planGraph(graph: GraphIR, inputDims: Readonly<Record<string, readonly number[]>>, ops: OpMap = defaultOps): ExecutionPlan {
  const unsupported = checkSupport(graph, ops);
  if (unsupported.length > 0) throw new UnsupportedOpError(unsupported, { stage: 'plan' });
  validateInputDims(graph, inputDims);

  const infos = new Map<string, TensorInfo>();
  const constants = new Map<string, Tensor>();
  for (const [name, t] of graph.initializers) {
    constants.set(name, t);
    infos.set(name, { dims: t.dims, dtype: t.dtype, value: t });
  }
  for (const vi of graph.inputs) infos.set(vi.name, { dims: [...inputDims[vi.name]], dtype: vi.dtype });

  const ctx: OpContext = { opset: graph.opset };
  const folded: NodeIR[] = [];
  const runtime: { node: NodeIR; op: OpDefinition }[] = [];
  for (const node of graph.nodes) {
    const op = lookupOp(ops, node);
    if (!op) throw internal(`node '${node.name}' (${node.opType}) has no op definition`);
    const ins = node.inputs.map((name) => {
      if (name === '') return undefined;
      const info = infos.get(name);
      if (!info) throw internal(`node '${node.name}' (${node.opType}) reads '${name}', which no earlier node produces`);
      return info;
    });
    let outs: readonly (Tensor | ValueType)[] | undefined;
    let isConst = false;
    if (ins.every((i) => i === undefined || i.value !== undefined)) {
      outs = op.run(ins.map((i) => i?.value), node, ctx);
      isConst = true;
    } else if (op.foldFromShapes) {
      outs = op.foldFromShapes(ins, node, ctx);
      isConst = outs !== undefined;
    }
    if (!isConst) outs = op.inferShapes(ins, node, ctx);
    node.outputs.forEach((name, k) => {
      if (name === '') return;
      const o = outs![k];
      if (o === undefined) throw internal(`node '${node.name}' (${node.opType}) produced no value for output #${k} '${name}'`);
      if (isConst) {
        const t = o as Tensor;
        constants.set(name, t);
        infos.set(name, { dims: t.dims, dtype: t.dtype, value: t });
      } else infos.set(name, { dims: o.dims, dtype: o.dtype });
    });
    if (isConst) folded.push(node);
    else runtime.push({ node, op });
  }

  const outputNames = new Set(graph.outputs.map((v) => v.name));
  for (const name of outputNames) if (!infos.has(name)) throw internal(`graph output '${name}' is not produced by any node`);

  // Prune runtime nodes that do not reach an output.
  const needed = new Set(outputNames);
  const keep = new Array<boolean>(runtime.length).fill(false);
  for (let s = runtime.length - 1; s >= 0; s--) {
    const { node } = runtime[s];
    if (node.outputs.some((o) => o !== '' && needed.has(o))) {
      keep[s] = true;
      for (const i of node.inputs) if (i !== '' && !constants.has(i)) needed.add(i);
    }
  }
  const live = runtime.filter((_, s) => keep[s]);
  const pruned = runtime.filter((_, s) => !keep[s]).map((r) => r.node);

  // Last use of every runtime value.
  const lastUse = new Map<string, number>();
  live.forEach(({ node }, s) => { for (const i of node.inputs) if (i !== '' && !constants.has(i)) lastUse.set(i, s); });
  const releaseAt: string[][] = live.map(() => []);
  for (const [name, s] of lastUse) if (!outputNames.has(name)) releaseAt[s].push(name);

  const hardware = refineHardware(graph, live, folded, infos, constants, outputNames);
  const steps: PlanStep[] = live.map(({ node, op }, s) => ({ node, op, hardware: hardware.get(node.name) ?? op.hardware, release: releaseAt[s] }));
  for (const node of pruned) if (!hardware.has(node.name)) hardware.set(node.name, lookupOp(ops, node)!.hardware);

  const values = new Map<string, ValueType>();
  for (const [name, info] of infos) values.set(name, { dims: info.dims, dtype: info.dtype });
  const dimsCopy: Record<string, readonly number[]> = {};
  for (const vi of graph.inputs) dimsCopy[vi.name] = [...inputDims[vi.name]];
  return { graph, inputDims: dimsCopy, values, constants, steps, folded, pruned, hardware };
}

/** See ExecutionPlan.hardware. */
function refineHardware(
  graph: GraphIR,
  live: readonly { node: NodeIR; op: OpDefinition }[],
  folded: readonly NodeIR[],
  infos: ReadonlyMap<string, TensorInfo>,
  constants: ReadonlyMap<string, Tensor>,
  outputNames: ReadonlySet<string>,
): Map<string, Hardware> {
  const hw = new Map<string, Hardware>();
  for (const node of folded) hw.set(node.name, 'folded');
  const consumers = new Map<string, number>();
  for (const { node } of live) for (const i of node.inputs) if (i) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  for (const o of outputNames) consumers.set(o, (consumers.get(o) ?? 0) + 1);
  // Outputs of linear layers (and of ops already merged into them): 'channel' = axis of the output features.
  const tails = new Map<string, { channelAxis: number }>();
  for (const { node, op } of live) {
    let h: Hardware = op.hardware;
    const out = node.outputs[0];
    // Ops that are normally folded but here work on runtime data: Gather selects data, Cast converts it.
    if (h === 'folded') h = node.opType === 'Cast' ? 'electronic' : 'layout';
    if (op.hardware === 'optical-matrix') {
      const rank = infos.get(out)?.dims.length ?? 0;
      tails.set(out, { channelAxis: normalizeDomain(node.domain) === 'ai.onnx' && node.opType === 'Conv' ? 1 : rank - 1 });
    } else if (['Add', 'Sub', 'Mul', 'Div'].includes(node.opType) && node.inputs.length === 2) {
      const [a, b] = node.inputs;
      const constIdx = constants.has(b) && !constants.has(a) ? 1 : constants.has(a) && !constants.has(b) && (node.opType === 'Add' || node.opType === 'Mul') ? 0 : -1;
      if (constIdx >= 0) {
        const x = node.inputs[1 - constIdx];
        const tail = tails.get(x);
        const xDims = infos.get(x)?.dims;
        const cDims = constants.get(node.inputs[constIdx])!.dims;
        if (tail && xDims && consumers.get(x) === 1 && perChannel(cDims, xDims.length, tail.channelAxis) && graph.opset >= 7) {
          h = 'folded';
          tails.set(out, tail);
        }
      }
    } else if (node.opType === 'BatchNormalization') {
      const x = node.inputs[0];
      const tail = tails.get(x);
      if (tail && tail.channelAxis === 1 && consumers.get(x) === 1 && node.inputs.slice(1, 5).every((i) => constants.has(i))) {
        h = 'folded';
        tails.set(out, tail);
      }
    }
    hw.set(node.name, h);
  }
  return hw;
}

/** True when a constant of dims `c`, broadcast against a rank-`rank` tensor, varies only along `axis`. */
function perChannel(c: readonly number[], rank: number, axis: number): boolean {
  if (c.length > rank) return false;
  const off = rank - c.length;
  return c.every((d, i) => d === 1 || i + off === axis);
}

/** Concrete dims of every value for the given input dims (plans the graph; constant folding included). */
export function inferShapes(graph: GraphIR, inputDims: Readonly<Record<string, readonly number[]>>, ops: OpMap = defaultOps): Map<string, number[]> {
  const plan = planGraph(graph, inputDims, ops);
  const out = new Map<string, number[]>();
  for (const [name, v] of plan.values) out.set(name, [...v.dims]);
  return out;
}
