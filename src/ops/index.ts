/**
 * The op registry.
 *
 * Keys: the plain op type for the default domain ('Gemm', 'Conv' ...) and 'domain:OpType' for any other
 * domain ('ai.onnx.ml:ZipMap' — none are registered today). Use `opKey` / `lookupOp` rather than building
 * keys by hand; '' and 'ai.onnx' both mean the default domain.
 */
import { FoundryError, type UnsupportedNode } from '../core/errors.js';
import type { GraphIR, NodeIR } from '../ir/graph.js';
import { relu, leakyRelu, sigmoid, tanh } from './activations.js';
import { batchNormalization } from './batchnorm.js';
import { conv } from './conv.js';
import { add, sub, mul, div } from './elementwise.js';
import { gemm } from './gemm.js';
import { matmul } from './matmul.js';
import { pad } from './pad.js';
import { averagePool, globalAveragePool, globalMaxPool, maxPool } from './pool.js';
import {
  cast, concat, constant, dropout, flatten, gather, identity, reshape, shape, squeeze, transpose, unsqueeze,
} from './shape-ops.js';
import { softmax, logSoftmax } from './softmax.js';
import type { OpDefinition } from './types.js';

export type { CheckContext, Hardware, OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';

export const DEFAULT_DOMAIN = 'ai.onnx';

export function normalizeDomain(domain: string): string {
  return domain === '' ? DEFAULT_DOMAIN : domain;
}

/** Registry key of an op: the op type in the default domain, else 'domain:OpType'. */
export function opKey(domain: string, opType: string): string {
  const d = normalizeDomain(domain);
  return d === DEFAULT_DOMAIN ? opType : `${d}:${opType}`;
}

export function lookupOp(ops: ReadonlyMap<string, OpDefinition>, node: Pick<NodeIR, 'domain' | 'opType'>): OpDefinition | undefined {
  return ops.get(opKey(node.domain, node.opType));
}

const ALL: readonly OpDefinition[] = [
  gemm, matmul, conv,
  add, sub, mul, div,
  relu, leakyRelu, sigmoid, tanh,
  softmax, logSoftmax,
  batchNormalization,
  maxPool, averagePool, globalAveragePool, globalMaxPool,
  pad,
  flatten, reshape, transpose, squeeze, unsqueeze, identity, dropout, concat,
  shape, gather, cast, constant,
];

export const defaultOps: ReadonlyMap<string, OpDefinition> = new Map(ALL.map((op) => [opKey(op.domain, op.opType), op]));

/** Every node the registry cannot run, with a reason (unknown domain, unknown op, unsupported attributes). */
export function checkSupport(graph: GraphIR, ops: ReadonlyMap<string, OpDefinition> = defaultOps): UnsupportedNode[] {
  const out: UnsupportedNode[] = [];
  for (const node of graph.nodes) {
    const domain = normalizeDomain(node.domain);
    const op = lookupOp(ops, node);
    let reason: string | undefined;
    if (!op) {
      const known = [...ops.keys()].some((k) => (domain === DEFAULT_DOMAIN ? !k.includes(':') : k.startsWith(domain + ':')));
      reason = domain !== DEFAULT_DOMAIN && !known
        ? `domain '${domain}' is not supported (operator ${node.opType})`
        : `operator ${node.opType} is not supported`;
    } else if (op.check) {
      reason = op.check(node, { opset: opsetOf(graph, domain), graph });
    }
    if (reason !== undefined) out.push({ name: node.name, opType: node.opType, domain, reason });
  }
  return out;
}

function opsetOf(graph: GraphIR, domain: string): number {
  if (domain === DEFAULT_DOMAIN) return graph.opset;
  return graph.opsets.find((o) => normalizeDomain(o.domain) === domain)?.version ?? graph.opset;
}

/**
 * Names of values computable from constants only (initializers, and outputs of nodes whose inputs are all
 * such values), statically, without knowing input shapes.
 */
export function constantValueNames(graph: GraphIR): Set<string> {
  const constants = new Set<string>(graph.initializers.keys());
  for (const node of graph.nodes) {
    if (node.inputs.every((i) => i === '' || constants.has(i))) for (const o of node.outputs) if (o) constants.add(o);
  }
  return constants;
}

/**
 * Throws PF_ERR_NON_CONSTANT_WEIGHT when a weight input (OpDefinition.weightInputs: Gemm B, MatMul B, Conv W)
 * is neither an initializer nor derivable from constants only. All offending nodes are in `details.nodes`.
 */
export function checkConstantWeights(graph: GraphIR, ops: ReadonlyMap<string, OpDefinition> = defaultOps): void {
  const constants = constantValueNames(graph);
  const graphInputs = new Set(graph.inputs.map((v) => v.name));
  // For each non-constant value, the graph input it (first) depends on.
  const origin = new Map<string, string>();
  for (const v of graphInputs) origin.set(v, v);
  for (const node of graph.nodes) {
    const src = node.inputs.find((i) => i !== '' && !constants.has(i));
    if (src !== undefined) for (const o of node.outputs) if (o) origin.set(o, origin.get(src) ?? src);
  }
  const bad: { node: string; opType: string; input: string; origin: string | undefined }[] = [];
  for (const node of graph.nodes) {
    const op = lookupOp(ops, node);
    for (const i of op?.weightInputs ?? []) {
      const name = node.inputs[i];
      if (name && !constants.has(name)) bad.push({ node: node.name, opType: node.opType, input: name, origin: origin.get(name) });
    }
  }
  if (bad.length === 0) return;
  const b = bad[0];
  const why = b.origin === b.input && graphInputs.has(b.input)
    ? `it is a graph input`
    : b.origin !== undefined ? `it is computed from graph input '${b.origin}'` : `it is not computable from initializers`;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more weight input${bad.length > 2 ? 's' : ''})` : '';
  throw new FoundryError(
    'PF_ERR_NON_CONSTANT_WEIGHT',
    `node '${b.node}' (${b.opType}): weight input '${b.input}' is not a constant (${why}); photonic mapping needs constant weights${more}`,
    { stage: 'analyze', details: { nodes: bad } },
  );
}

export { gemm, matmul, conv, add, sub, mul, div, relu, leakyRelu, sigmoid, tanh, softmax, logSoftmax, batchNormalization };
export { maxPool, averagePool, globalAveragePool, globalMaxPool, pad };
export { flatten, reshape, transpose, squeeze, unsqueeze, identity, dropout, concat, shape, gather, cast, constant };
