/**
 * GraphIR → CircuitIR: every optical-matrix node (as the execution plan classifies them) becomes an
 * OpticalLayer of programmed meshes and, in the circuit's graph, a `photonic-foundry.PhotonicLinear` node
 * that keeps the node's activations, bias and attributes but not its weight. Everything else stays as it is
 * and runs electronically. Weights only the optical layers used are dropped from the circuit.
 */
import { UnsupportedOpError } from '../core/errors.js';
import { sizeOf } from '../core/tensor.js';
import type { Tensor } from '../core/tensor.js';
import type { AttributeValue, Dim, GraphIR, NodeIR } from '../ir/graph.js';
import {
  CIRCUIT_CONVENTIONS, CIRCUIT_FORMAT, CIRCUIT_VERSION, PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP,
  type CircuitIR, type MeshTopology, type OpticalLayer,
} from '../ir/circuit.js';
import { checkConstantWeights, checkSupport } from '../ops/index.js';
import { planGraph } from '../exec/index.js';
import { linearMatrixOf } from './linear-matrix.js';
import { buildSchedule } from './schedule.js';
import { tileLayer } from './tile-layer.js';

export interface MapOptions {
  readonly mesh?: MeshTopology;
  /** Fixed core size K (tiles of K × K), or null/undefined for full-size meshes. */
  readonly coreSize?: number | null;
  /** Model file name and content hash, recorded in the circuit. */
  readonly source?: { readonly model: string; readonly sha256: string };
  /** Called as tiles are decomposed: (tiles done, tiles in all). */
  readonly onProgress?: (done: number, total: number) => void;
}

function planningDims(shape: readonly Dim[] | null): number[] {
  return (shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
}

/** Tiles a layer of `rows × cols` needs (for progress totals before decomposing). */
function tileCount(rows: number, cols: number, coreSize: number | null): number {
  return coreSize === null ? 1 : Math.ceil(rows / coreSize) * Math.ceil(cols / coreSize);
}

/** The PhotonicLinear node standing for `node` (weight input removed; bias kept as input 1). */
function photonicNode(node: NodeIR, layerIndex: number, kind: string, weight: Tensor): NodeIR {
  const bias = node.opType === 'MatMul' ? '' : node.inputs[2] ?? '';
  const attributes: Record<string, AttributeValue> = {
    ...node.attributes,
    layer: { kind: 'int', value: layerIndex },
    linear_kind: { kind: 'string', value: kind },
    // the weight is gone from the circuit, so the kernel size must be explicit
    ...(kind === 'conv' ? { kernel_shape: { kind: 'ints', value: weight.dims.slice(2) } } : {}),
  };
  return {
    name: node.name,
    opType: PHOTONIC_LINEAR_OP,
    domain: PHOTONIC_DOMAIN,
    inputs: bias ? [node.inputs[0], bias] : [node.inputs[0]],
    outputs: node.outputs,
    attributes,
  };
}

/** Removes nodes none of whose outputs is used any more (iteratively), then unused initializers. */
function pruneDead(graph: GraphIR, nodes: NodeIR[]): { nodes: NodeIR[]; initializers: Map<string, Tensor> } {
  const outputs = new Set(graph.outputs.map((o) => o.name));
  let live = nodes;
  for (;;) {
    const used = new Set(live.flatMap((n) => n.inputs));
    const next = live.filter((n) => n.outputs.some((o) => o !== '' && (used.has(o) || outputs.has(o))));
    if (next.length === live.length) break;
    live = next;
  }
  const used = new Set(live.flatMap((n) => n.inputs));
  const initializers = new Map([...graph.initializers].filter(([name]) => used.has(name) || outputs.has(name)));
  return { nodes: live, initializers };
}

/** Maps every linear layer of `graph` onto MZI meshes. Throws UnsupportedOpError / PF_ERR_NON_CONSTANT_WEIGHT. */
export function mapGraph(graph: GraphIR, options: MapOptions = {}): CircuitIR {
  const unsupported = checkSupport(graph);
  if (unsupported.length > 0) throw new UnsupportedOpError(unsupported, { stage: 'map' });
  checkConstantWeights(graph);
  const mesh = options.mesh ?? 'clements';
  const coreSize = options.coreSize ?? null;
  const inputDims: Record<string, number[]> = {};
  for (const v of graph.inputs) inputDims[v.name] = planningDims(v.shape);
  const plan = planGraph(graph, inputDims);
  const batch = graph.inputs[0]?.shape ? planningDims(graph.inputs[0].shape)[0] ?? 1 : 1;

  const linearNodes = plan.steps.filter((s) => s.hardware === 'optical-matrix').map((s) => s.node);
  const matrices = linearNodes.map((node) => linearMatrixOf(node, plan.constants.get(node.inputs[1])!));
  const totalTiles = matrices.reduce((s, m) => s + tileCount(m.matrix.rows, m.matrix.cols, coreSize), 0);
  let doneTiles = 0;
  const layers: OpticalLayer[] = [];
  const replaced = new Map<NodeIR, NodeIR>();
  linearNodes.forEach((node, i) => {
    const { kind, matrix } = matrices[i];
    const out = plan.values.get(node.outputs[0])!.dims;
    const passes = kind === 'conv' ? sizeOf(out.slice(2)) : Math.max(1, sizeOf(out) / matrix.rows / batch);
    layers.push(
      tileLayer(node.name, node.opType as OpticalLayer['opType'], matrix, passes, {
        mesh,
        coreSize,
        onTile: () => options.onProgress?.(++doneTiles, totalTiles),
      }),
    );
    replaced.set(node, photonicNode(node, i, kind, plan.constants.get(node.inputs[1])!));
  });

  const rewritten = graph.nodes.map((n) => replaced.get(n) ?? n);
  const { nodes, initializers } = pruneDead(graph, rewritten);
  return {
    format: CIRCUIT_FORMAT,
    version: CIRCUIT_VERSION,
    conventions: CIRCUIT_CONVENTIONS,
    source: { model: options.source?.model ?? graph.graphName, sha256: options.source?.sha256 ?? '', producer: graph.producer },
    options: { mesh, coreSize },
    graph: { ...graph, nodes, initializers, opsets: [...graph.opsets, { domain: PHOTONIC_DOMAIN, version: CIRCUIT_VERSION }] },
    layers,
    schedule: buildSchedule(layers, coreSize),
  };
}
