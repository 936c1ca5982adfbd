/**
 * Test fixtures for the placement and cost tests: a PDK with round numbers (so every figure can be worked out
 * by hand) and tiny compiled circuits built from ONNX models with mapGraph.
 */
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import type { CircuitIR, MeshTopology } from '../../src/ir/circuit.js';
import type { Pdk } from '../../src/pdk/types.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

/** Round-number PDK (not validated: its `sources` are empty; only the figures matter here). */
export const ROUND_PDK: Pdk = {
  name: 'round-test',
  description: 'round numbers for hand calculations',
  sources: {},
  optics: { wavelengthNm: 1550, groupIndex: 4 },
  mzi: { insertionLossDb: 1, lossIncludesCouplers: true, extinctionRatioDb: 30, lengthUm: 100, widthUm: 40 },
  coupler: { insertionLossDb: 0.3, splitRatio: 0.5, splitRatioSigma: 0 },
  phaseShifter: {
    type: 'thermo-optic', pPiMw: 10, vPiV: 4, law: 'quadratic', responseTimeUs: 1, lengthUm: 50, insertionLossDb: 0.5,
    phaseErrorSigmaRad: 0, driftSigmaRad: 0, driftTimescaleS: 3600,
  },
  thermalCrosstalk: { enabled: false, couplingAtZero: 0, decayLengthUm: 25, cutoffUm: 0 },
  waveguide: { lossDbPerCm: 2, crossingLossDb: 0.2, pitchUm: 25 },
  photodetector: { responsivityAPerW: 1, darkCurrentNa: 0, bandwidthGhz: 10, tiaNoisePaPerSqrtHz: 10, tiaPowerMw: 2 },
  adc: { bits: 8, sampleRateGsps: 10, powerMw: 20 },
  dac: { bits: 8, sampleRateGsps: 5, powerMw: 10 },
  modulator: { energyPjPerSymbol: 0.5, insertionLossDb: 2 },
  laser: { wallPlugEfficiency: 0.25, maxOnChipPowerMw: 100 },
  electronics: { energyPjPerOp: 1, stageLatencyNs: 3 },
  reticle: { widthMm: 26, heightMm: 33 },
  layers: { waveguide: [1, 0], heater: [47, 0], metal: [49, 0], pad: [46, 0], text: [66, 0] },
};

function randoms(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
}

/** x[N, n] → Gemm (W: m × n, transB) → Relu: one optical layer of m × n and n·… electronic Relu ops. */
export function gemmReluCircuit(m: number, n: number, coreSize: number | null = null, mesh: MeshTopology = 'clements', seed = 3): CircuitIR {
  const rng = new Rng(seed);
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', n] }],
      outputs: [{ name: 'y' }],
      initializers: [
        { name: 'W', dims: [m, n], data: randoms(rng, m * n) },
        { name: 'b', dims: [m], data: randoms(rng, m) },
      ],
      nodes: [
        { op: 'Gemm', inputs: ['x', 'W', 'b'], outputs: ['h'], attrs: { transB: A.i(1) } },
        { op: 'Relu', inputs: ['h'], outputs: ['y'] },
      ],
    }),
  );
  return mapGraph(graph, { mesh, coreSize });
}

/** x[1, 1, 3, 3] → Conv (1 output channel, 2 × 2 kernel): one 1 × 4 layer with 4 passes (output positions). */
export function tinyConvCircuit(): CircuitIR {
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: [1, 1, 3, 3] }],
      outputs: [{ name: 'y' }],
      initializers: [{ name: 'W', dims: [1, 1, 2, 2], data: [0.5, -0.25, 0.75, 1] }],
      nodes: [{ op: 'Conv', inputs: ['x', 'W'], outputs: ['y'], attrs: { kernel_shape: A.ints([2, 2]) } }],
    }),
  );
  return mapGraph(graph, {});
}
