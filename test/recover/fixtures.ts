/**
 * Test fixture for the recovery tests: a small conv + gemm model (x[N,1,6,6] → Conv 3×3 pad 1 → Relu → Flatten →
 * Gemm → y[N,outputs]) with weights drawn from the caller's Rng (in a fixed order: K, kb, W, b, so the caller's
 * stream continues the same way), mapped onto 8 × 8 cores by default.
 */
import { importOnnx } from '../../src/import/index.js';
import type { GraphIR } from '../../src/ir/graph.js';
import type { CircuitIR } from '../../src/ir/circuit.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import type { Rng } from '../helpers/random.js';

export interface ConvGemmOptions {
  /** Conv output channels (default 3). */
  readonly channels?: number;
  /** Gemm outputs (default 5). */
  readonly outputs?: number;
  /** Biases on the Conv and the Gemm (default true). */
  readonly bias?: boolean;
  readonly coreSize?: number;
}

export function convGemmCircuit(rng: Rng, options: ConvGemmOptions = {}): { graph: GraphIR; circuit: CircuitIR } {
  const { channels = 3, outputs = 5, bias = true, coreSize = 8 } = options;
  const randoms = (n: number): number[] => Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
  const flat = channels * 36;
  const initializers = [{ name: 'K', dims: [channels, 1, 3, 3], data: randoms(9 * channels) }];
  if (bias) initializers.push({ name: 'kb', dims: [channels], data: randoms(channels) });
  initializers.push({ name: 'W', dims: [outputs, flat], data: randoms(outputs * flat) });
  if (bias) initializers.push({ name: 'b', dims: [outputs], data: randoms(outputs) });
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', 1, 6, 6] }],
      outputs: [{ name: 'y' }],
      initializers,
      nodes: [
        { op: 'Conv', inputs: bias ? ['x', 'K', 'kb'] : ['x', 'K'], outputs: ['c'], attrs: { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]) } },
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Flatten', inputs: ['r'], outputs: ['f'] },
        { op: 'Gemm', inputs: bias ? ['f', 'W', 'b'] : ['f', 'W'], outputs: ['y'], attrs: { transB: A.i(1) } },
      ],
    }),
  );
  return { graph, circuit: mapGraph(graph, { coreSize }) };
}
