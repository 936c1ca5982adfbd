/**
 * Model analysis: what a model is made of and how each node maps onto a photonic accelerator.
 *
 * Hardware mapping per node (refined by the execution plan, src/exec/plan.ts):
 *   optical-matrix — a linear layer programmed into MZI meshes (Gemm, MatMul, Conv as its im2col matrix)
 *   electronic     — element-wise / nonlinear work done electronically between optical stages
 *   folded         — computed at compile time or merged into a neighbouring layer's constants
 *   layout         — only reshuffles data (Flatten, Reshape, Transpose …)
 * Linear layers are reported as matrices [rows = outputs, cols = inputs]; a Conv is its im2col matrix
 * C_out × C_in·kH·kW applied at every output position. Counts are per sample.
 */
import { isFloatType, sizeOf } from '../core/tensor.js';
import type { Dim, GraphIR, NodeIR, OpsetImport, ValueInfo } from '../ir/graph.js';
import { attrInt } from '../ir/graph.js';
import { checkConstantWeights, checkSupport, defaultOps, lookupOp, type Hardware } from '../ops/index.js';
import { planGraph, type ExecutionPlan } from '../exec/index.js';

export interface NodeAnalysis {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly supported: boolean;
  /** Why the node is not supported (only when supported is false). */
  readonly reason?: string;
  /** Where the node runs; null when unsupported. */
  readonly hardware: Hardware | null;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Concrete output dims at the analysis batch size; null when shapes could not be inferred. */
  readonly outputShapes: readonly (readonly number[])[] | null;
}

export interface LinearLayerAnalysis {
  readonly name: string;
  readonly opType: string;
  /** Name of the constant weight tensor. */
  readonly weight: string;
  /** The matrix the optics apply: rows = output features, cols = input features (Conv: C_in·kH·kW). */
  readonly matrix: { readonly rows: number; readonly cols: number };
  /** How many times per sample the matrix is applied (Conv: output positions H_out·W_out). */
  readonly outputPositions: number;
  /** Weights + bias elements of this layer. */
  readonly parameters: number;
  /** Multiply-accumulates per sample: rows · cols · outputPositions. */
  readonly macsPerSample: number;
}

export interface ModelAnalysis {
  readonly model: string;
  readonly producer: { readonly name: string; readonly version: string };
  readonly irVersion: number;
  readonly opsets: readonly OpsetImport[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** Batch size the shapes below were inferred with (1 for a dynamic batch; the model's own when fixed). */
  readonly analysisBatch: number;
  readonly nodes: readonly NodeAnalysis[];
  readonly linearLayers: readonly LinearLayerAnalysis[];
  readonly totals: {
    readonly nodes: number;
    readonly unsupportedNodes: number;
    readonly byHardware: Readonly<Record<Hardware, number>>;
    /** Elements of the float initializers the graph uses. */
    readonly parameters: number;
    readonly linearLayers: number;
    readonly macsPerSample: number;
  };
}

/** Concrete dims for planning: a symbolic or unknown dim becomes 1 (the analysis batch). */
function concreteDims(shape: readonly Dim[] | null): number[] {
  return (shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
}

function countParameters(graph: GraphIR): number {
  const used = new Set(graph.nodes.flatMap((n) => n.inputs));
  let total = 0;
  for (const [name, t] of graph.initializers) if (used.has(name) && isFloatType(t.dtype)) total += t.data.length;
  return total;
}

/** Matrix view of one optical-matrix node, from its planned input/output shapes. */
function linearLayerOf(node: NodeIR, plan: ExecutionPlan, batch: number): LinearLayerAnalysis {
  const weightName = node.inputs[1];
  const w = plan.values.get(weightName)!.dims;
  const out = plan.values.get(node.outputs[0])!.dims;
  const biasName = node.inputs[2];
  const biasSize = biasName ? sizeOf(plan.values.get(biasName)?.dims ?? []) : 0;
  let rows: number;
  let cols: number;
  let positions: number;
  if (node.opType === 'Conv') {
    rows = w[0];
    cols = sizeOf(w.slice(1));
    positions = sizeOf(out.slice(2));
  } else if (node.opType === 'Gemm') {
    const transB = attrInt(node, 'transB', 0) !== 0;
    rows = transB ? w[0] : w[1];
    cols = transB ? w[1] : w[0];
    positions = Math.max(1, sizeOf(out) / rows / batch);
  } else {
    // MatMul with a constant 2-D right operand [K, N]: every row of the activations is one position
    rows = w[w.length - 1];
    cols = w[w.length - 2] ?? 1;
    positions = Math.max(1, sizeOf(out) / rows / batch);
  }
  return {
    name: node.name,
    opType: node.opType,
    weight: weightName,
    matrix: { rows, cols },
    outputPositions: positions,
    parameters: sizeOf(w) + biasSize,
    macsPerSample: rows * cols * positions,
  };
}

/**
 * Analyses an imported model. Unsupported nodes are listed (not thrown) so the whole model can be
 * reported; shapes and linear layers are filled only when every node is supported.
 * Throws PF_ERR_NON_CONSTANT_WEIGHT when a linear layer's weight is not a constant.
 */
export function analyzeModel(graph: GraphIR, modelName: string): ModelAnalysis {
  const unsupported = new Map(checkSupport(graph).map((u) => [u.name, u.reason]));
  let plan: ExecutionPlan | null = null;
  const inputDims: Record<string, number[]> = {};
  for (const v of graph.inputs) inputDims[v.name] = concreteDims(v.shape);
  const firstInput = graph.inputs[0];
  const batch = firstInput && firstInput.shape && firstInput.shape.length > 0 ? concreteDims(firstInput.shape)[0] : 1;
  if (unsupported.size === 0) {
    checkConstantWeights(graph);
    plan = planGraph(graph, inputDims);
  }
  const nodes: NodeAnalysis[] = graph.nodes.map((node) => {
    const reason = unsupported.get(node.name);
    const hardware = reason !== undefined ? null : plan?.hardware.get(node.name) ?? lookupOp(defaultOps, node)?.hardware ?? null;
    const shapes = plan ? node.outputs.filter((o) => o !== '').map((o) => plan!.values.get(o)?.dims ?? []) : null;
    return {
      name: node.name,
      opType: node.opType,
      domain: node.domain,
      supported: reason === undefined,
      ...(reason !== undefined ? { reason } : {}),
      hardware,
      inputs: node.inputs,
      outputs: node.outputs,
      outputShapes: shapes,
    };
  });
  const linearLayers = plan
    ? graph.nodes.filter((n) => plan!.hardware.get(n.name) === 'optical-matrix' && !plan!.pruned.includes(n)).map((n) => linearLayerOf(n, plan!, batch))
    : [];
  const byHardware: Record<Hardware, number> = { 'optical-matrix': 0, electronic: 0, folded: 0, layout: 0 };
  for (const n of nodes) if (n.hardware) byHardware[n.hardware]++;
  return {
    model: modelName,
    producer: graph.producer,
    irVersion: graph.irVersion,
    opsets: graph.opsets,
    inputs: graph.inputs,
    outputs: graph.outputs,
    analysisBatch: batch,
    nodes,
    linearLayers,
    totals: {
      nodes: nodes.length,
      unsupportedNodes: unsupported.size,
      byHardware,
      parameters: countParameters(graph),
      linearLayers: linearLayers.length,
      macsPerSample: linearLayers.reduce((s, l) => s + l.macsPerSample, 0),
    },
  };
}
