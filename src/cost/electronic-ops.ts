/**
 * Electronic work per inference (one sample): element-wise operations between the optical stages.
 *
 * - Graph nodes the execution plan runs electronically (activations, pooling, softmax, non-folded adds …):
 *   one operation per output element (a coarse count: a k×k max-pool window is one op per output).
 * - Each optical layer's readout: per output element and pass, the partial sums of its column blocks, the
 *   σ_max·‖x‖∞ rescale and the bias: colBlocks + 1 operations.
 * Electronic stages (for latency): one per electronic graph node plus one readout stage per optical layer.
 *
 * Shapes come from planning the circuit's graph with a shape-only PhotonicLinear op; symbolic input dims are
 * taken as 1 and counts are divided by the batch size of the first input.
 */
import { FoundryError } from '../core/errors.js';
import { sizeOf } from '../core/tensor.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import { attrInt, attrInts, attrString, type Dim, type NodeIR } from '../ir/graph.js';
import { planGraph } from '../exec/index.js';
import { defaultOps, opKey, type OpDefinition, type TensorInfo, type ValueType } from '../ops/index.js';
import { spatialGeometry } from '../ops/spatial.js';
import { need, shapeError } from '../ops/util.js';

export interface ElectronicWork {
  /** Ops of the electronic graph nodes per sample. */
  readonly graphOps: number;
  /** Readout ops of each optical layer per sample (index = layer). */
  readonly layerReadoutOps: readonly number[];
  readonly totalOps: number;
  /** Electronic graph nodes (each one stage). */
  readonly graphStages: number;
  /** Stages in all: graph nodes + one readout stage per optical layer. */
  readonly stages: number;
  /** Per electronic node: name, op type and ops per sample. */
  readonly nodes: readonly { readonly name: string; readonly opType: string; readonly ops: number }[];
}

/** PhotonicLinear for shape inference only (output dims from the optical layer's matrix and the node's attributes). */
function photonicLinearShapeOp(circuit: CircuitIR): OpDefinition {
  return {
    opType: PHOTONIC_LINEAR_OP,
    domain: PHOTONIC_DOMAIN,
    hardware: 'optical-matrix',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
      const x = need(inputs, 0, node).dims;
      const layer = circuit.layers[attrInt(node, 'layer', -1)];
      if (!layer) throw shapeError(node, 'refers to an optical layer the circuit does not have');
      const rows = layer.matrix.rows;
      const kind = attrString(node, 'linear_kind', '');
      let dims: number[];
      if (kind === 'conv') {
        const ks = attrInts(node, 'kernel_shape') ?? [];
        if (x.length !== 4 || ks.length !== 2) throw shapeError(node, 'expects a 4-D input and a 2-D kernel_shape');
        const g = spatialGeometry(node, [x[2], x[3]], ks, { ceil: false, dilations: true });
        dims = [x[0], rows, g.out[0], g.out[1]];
      } else if (kind === 'gemm') {
        dims = [attrInt(node, 'transA', 0) !== 0 ? x[1] : x[0], rows];
      } else {
        dims = [...(x.length === 1 ? [] : x.slice(0, -1)), rows];
      }
      return [{ dims, dtype: need(inputs, 0, node).dtype }];
    },
    run(): never {
      throw new FoundryError('PF_ERR_INTERNAL', 'the cost model plans shapes only; it never runs PhotonicLinear', { stage: 'cost' });
    },
  };
}

function planningDims(shape: readonly Dim[] | null): number[] {
  return (shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
}

export function countElectronicWork(circuit: CircuitIR): ElectronicWork {
  const graph = circuit.graph;
  const ops = new Map([...defaultOps, [opKey(PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP), photonicLinearShapeOp(circuit)]]);
  const inputDims: Record<string, number[]> = {};
  for (const v of graph.inputs) inputDims[v.name] = planningDims(v.shape);
  const batch = Math.max(1, planningDims(graph.inputs[0]?.shape ?? null)[0] ?? 1);
  const plan = planGraph(graph, inputDims, ops);
  const nodes = plan.steps
    .filter((s) => s.hardware === 'electronic')
    .map((s) => ({ name: s.node.name, opType: s.node.opType, ops: sizeOf(plan.values.get(s.node.outputs[0])?.dims ?? []) / batch }));
  const graphOps = nodes.reduce((sum, n) => sum + n.ops, 0);
  const layerReadoutOps = circuit.layers.map((l) => l.matrix.rows * l.passesPerSample * (l.colBlocks + 1));
  const readout = layerReadoutOps.reduce((a, b) => a + b, 0);
  return {
    graphOps,
    layerReadoutOps,
    totalOps: graphOps + readout,
    graphStages: nodes.length,
    stages: nodes.length + circuit.layers.length,
    nodes,
  };
}
