/**
 * Test fixture for the recovery tests: a small conv + gemm model (x[N,1,6,6] → Conv 3×3 pad 1 → Relu → Flatten →
 * Gemm → y[N,5]) with weights drawn from the caller's Rng (in a fixed order, so the caller's stream continues the
 * same way), mapped onto 8 × 8 cores.
 */
import { importOnnx } from '../../src/import/index.js';
import type { GraphIR } from '../../src/ir/graph.js';
import type { CircuitIR } from '../../src/ir/circuit.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import type { Rng } from '../helpers/random.js';

export function convGemmCircuit(rng: Rng, coreSize = 8): { graph: GraphIR; circuit: CircuitIR } {
  const randoms = (n: number): number[] => Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', 1, 6, 6] }],
      outputs: [{ name: 'y' }],
      initializers: [
        { name: 'K', dims: [3, 1, 3, 3], data: randoms(27) },
        { name: 'kb', dims: [3], data: randoms(3) },
        { name: 'W', dims: [5, 108], data: randoms(540) },
        { name: 'b', dims: [5], data: randoms(5) },
      ],
      nodes: [
        { op: 'Conv', inputs: ['x', 'K', 'kb'], outputs: ['c'], attrs: { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]) } },
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Flatten', inputs: ['r'], outputs: ['f'] },
        { op: 'Gemm', inputs: ['f', 'W', 'b'], outputs: ['y'], attrs: { transB: A.i(1) } },
      ],
    }),
  );
  return { graph, circuit: mapGraph(graph, { coreSize }) };
}
