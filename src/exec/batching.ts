/**
 * Batch splitting: when every runtime node of a plan works sample by sample along axis 0, a large batch can
 * be run in chunks (same results, far less memory traffic: no huge intermediates, caches stay warm).
 * The decision is conservative: an explicit whitelist of sample-wise ops and attribute conditions, plus a
 * check that the plan for a chunk has exactly the full plan's dims with dims[0] replaced by the chunk size.
 */
import { sizeOf } from '../core/tensor.js';
import { attrInt, attrInts } from '../ir/graph.js';
import type { ExecutionPlan, PlanStep } from './plan.js';

function normAxis(a: number, rank: number): number {
  return a < 0 ? a + rank : a;
}

/** Whether one runtime step is sample-wise along axis 0 (given that all runtime values carry the batch in dim 0). */
export function sampleWise(step: PlanStep, plan: ExecutionPlan): boolean {
  const { node } = step;
  if (node.domain !== 'ai.onnx' && node.domain !== '') return false;
  const isConst = (name: string): boolean => name === '' || plan.constants.has(name);
  const dims = (name: string): readonly number[] => plan.values.get(name)?.dims ?? [];
  const outRank = dims(node.outputs[0]).length;
  const opset = plan.graph.opset;
  switch (node.opType) {
    case 'Conv': case 'MaxPool': case 'AveragePool': case 'GlobalAveragePool': case 'GlobalMaxPool':
    case 'Relu': case 'LeakyRelu': case 'Sigmoid': case 'Tanh': case 'Identity': case 'Dropout': case 'Cast':
    case 'BatchNormalization': case 'Reshape': case 'Flatten': case 'Squeeze': case 'Unsqueeze':
      // Every input but the data must be constant (weights, statistics, shapes, pads, axes).
      return node.inputs.slice(1).every(isConst);
    case 'Pad': {
      // No padding along axis 0 (pads attribute before opset 11, constant input from 11).
      const pads = opset < 11 ? attrInts(node, 'pads') ?? attrInts(node, 'paddings') : plan.constants.get(node.inputs[1])?.data;
      const rank = dims(node.inputs[0]).length;
      if (opset >= 18 && node.inputs[3]) return false;
      return pads !== undefined && pads[0] === 0 && pads[rank] === 0 && node.inputs.slice(1).every(isConst);
    }
    case 'Gemm':
      return attrInt(node, 'transA', 0) === 0 && node.inputs.slice(1).every(isConst);
    case 'MatMul':
      return isConst(node.inputs[1]) && dims(node.inputs[0]).length >= 2 && dims(node.inputs[1]).length <= 2;
    case 'Add': case 'Sub': case 'Mul': case 'Div':
      // Runtime operands have the output's rank (batch aligned); constants must not vary along axis 0.
      return node.inputs.every((i) => (isConst(i) ? dims(i).length < outRank || dims(i)[0] === 1 : dims(i).length === outRank));
    case 'Softmax': case 'LogSoftmax': {
      const rank = dims(node.inputs[0]).length;
      const axis = normAxis(attrInt(node, 'axis', opset < 13 ? 1 : -1), rank);
      return axis >= 1;
    }
    case 'Transpose': {
      const perm = attrInts(node, 'perm');
      return perm !== undefined && perm.length > 0 && perm[0] === 0;
    }
    case 'Concat':
      return node.inputs.every((i) => i !== '' && !isConst(i)) && normAxis(attrInt(node, 'axis', 0), outRank) >= 1;
    case 'Gather':
      return isConst(node.inputs[1]) && !isConst(node.inputs[0]) && normAxis(attrInt(node, 'axis', 0), dims(node.inputs[0]).length) >= 1;
    default:
      return false;
  }
}

/** Batch size N of the plan if all its inputs share dim 0 and every runtime step is sample-wise; else undefined. */
export function splittableBatch(plan: ExecutionPlan): number | undefined {
  const inputs = plan.graph.inputs;
  if (inputs.length === 0) return undefined;
  const N = plan.inputDims[inputs[0].name][0];
  if (N === undefined || N < 2) return undefined;
  for (const vi of inputs) if (plan.inputDims[vi.name].length === 0 || plan.inputDims[vi.name][0] !== N) return undefined;
  for (const step of plan.steps) {
    if (!sampleWise(step, plan)) return undefined;
    for (const name of [...step.node.inputs, ...step.node.outputs]) {
      if (name === '' || plan.constants.has(name)) continue;
      const d = plan.values.get(name)?.dims;
      if (!d || d.length === 0 || d[0] !== N) return undefined;
    }
  }
  for (const vo of plan.graph.outputs) {
    if (plan.constants.has(vo.name)) continue;
    const d = plan.values.get(vo.name)?.dims;
    if (!d || d.length === 0 || d[0] !== N) return undefined;
  }
  return N;
}

/** True when `chunk` has the dims of `full` with dim 0 replaced by n, for every runtime value of `full`. */
export function chunkPlanMatches(full: ExecutionPlan, chunk: ExecutionPlan, n: number): boolean {
  if (chunk.steps.length !== full.steps.length) return false;
  for (let s = 0; s < full.steps.length; s++) {
    if (chunk.steps[s].node !== full.steps[s].node) return false;
    for (const name of [...full.steps[s].node.inputs, ...full.steps[s].node.outputs]) {
      if (name === '' || full.constants.has(name)) continue;
      if (chunk.constants.has(name)) return false;
      const a = full.values.get(name)?.dims, b = chunk.values.get(name)?.dims;
      if (!a || !b || a.length !== b.length || b[0] !== n) return false;
      for (let i = 1; i < a.length; i++) if (a[i] !== b[i]) return false;
    }
  }
  return true;
}

/** Samples per chunk: the largest per-sample runtime tensor gets about `targetElements` elements per chunk. */
export function chooseChunk(plan: ExecutionPlan, N: number, targetElements: number): number {
  let perSample = 1;
  for (const step of plan.steps) {
    for (const name of step.node.outputs) {
      const d = plan.values.get(name)?.dims;
      if (d && d.length > 0) perSample = Math.max(perSample, sizeOf(d) / N);
    }
  }
  return Math.max(1, Math.min(N, Math.floor(targetElements / perSample)));
}
