/**
 * CircuitIR: a compiled photonic circuit — the output of the mapping stage (src/map) and the input of the
 * simulator (src/sim) and the emitters (src/emit). Plain data; `circuit-json.ts` (de)serialises it as
 * `circuit.json`, which holds everything needed to re-simulate the model without the ONNX file.
 *
 * The circuit is the model's graph in which every linear layer (Gemm / MatMul with a constant weight, Conv as
 * its im2col matrix) is replaced by a `photonic-foundry.PhotonicLinear` node pointing at an OpticalLayer; all
 * other nodes run electronically between optical stages, exactly as in the digital reference.
 *
 * Conventions (also written into every exported file, see CIRCUIT_CONVENTIONS):
 * - column vectors y = W x, W[out, in]; modes 0-indexed;
 * - one MZI T(θ,φ) = B·diag(e^{iθ},1)·B·diag(e^{iφ},1), B = [[1,i],[i,1]]/√2 ("mzi_bs_in"); phases in [0, 2π);
 * - a mesh implements U = diag(e^{i·phasesOut})·T_K⋯T_1 (first MZI acts first);
 * - a layer tile realises W_tile = σ_max · U · diag(a) · Vᵀ with attenuator amplitude transmissions a = σ/σ_max;
 * - encoding: each optical pass carries the input vector as signed real field amplitudes x/‖x‖∞; outputs are
 *   read by homodyne detection Re(E·e^{−iφ_LO}) with a fixed local-oscillator phase per output channel, then
 *   rescaled electronically by σ_max·‖x‖∞; partial products of tiles are summed electronically, then the bias.
 */
import type { GraphIR } from './graph.js';

export type MeshTopology = 'clements' | 'reck';

export interface Mzi {
  /** Upper mode m; the MZI acts on modes (m, m + 1). */
  readonly top: number;
  /** Internal phase θ (upper internal arm), radians in [0, 2π). */
  readonly theta: number;
  /** External phase φ (upper input), radians in [0, 2π). */
  readonly phi: number;
  /** Layout column, 0-based. */
  readonly col: number;
}

/**
 * Which part of the target a reduced mesh reproduces: `rows` — the first `count` rows (outputs); `cols` — the
 * first `count` columns (inputs; the others carry no light). The mesh is always a full unitary on N modes.
 */
export interface ReducedScope {
  readonly kind: 'rows' | 'cols';
  readonly count: number;
}

export interface MziMesh {
  /** Number of modes. */
  readonly N: number;
  readonly topology: MeshTopology;
  /** In order of application (first acts first), sorted by (col, top). */
  readonly mzis: readonly Mzi[];
  /** Output phase screen, length N, radians in [0, 2π). */
  readonly phasesOut: Float64Array;
  /** Present for reduced meshes; absent means the whole unitary is reproduced. */
  readonly reduced?: ReducedScope;
}

/** Number of MZI columns of a mesh (0 for a mesh without MZIs). */
export function meshDepth(mesh: MziMesh): number {
  let depth = 0;
  for (const z of mesh.mzis) depth = Math.max(depth, z.col + 1);
  return depth;
}

/** One block of a layer's matrix realised by one mesh pair: W[rowStart…, colStart…] ≈ σ_max·U·diag(a)·Vᵀ. */
export interface MeshTile {
  readonly rowBlock: number;
  readonly colBlock: number;
  /** Offset of the block in the layer matrix. */
  readonly rowStart: number;
  readonly colStart: number;
  /** Extent of the block inside the layer matrix (the meshes may be larger: zero padding to the core size). */
  readonly rows: number;
  readonly cols: number;
  /** Largest singular value of the block: the electronic gain that undoes the passive normalisation. */
  readonly sigmaMax: number;
  /** Attenuator amplitude transmissions σ_i/σ_max ∈ [0, 1], one per signal-carrying mode (r = min(m, n)). */
  readonly attenuation: Float64Array;
  /** Mesh of Vᵀ (inputs side, N = padded cols). */
  readonly inputMesh: MziMesh;
  /** Mesh of U (outputs side, N = padded rows). */
  readonly outputMesh: MziMesh;
  /** Local-oscillator phase of each output channel's homodyne detector, radians (length rows). */
  readonly loPhaseRad: Float64Array;
}

export type LinearKind = 'gemm' | 'matmul' | 'conv';

export interface OpticalLayer {
  /** Name of the model node this layer realises. */
  readonly name: string;
  readonly opType: 'Gemm' | 'MatMul' | 'Conv';
  /** The matrix the optics apply: rows = outputs, cols = inputs (Conv: C_in·kH·kW). */
  readonly matrix: { readonly rows: number; readonly cols: number };
  /** Optical passes per sample (Conv: output positions, time-multiplexed; Gemm: 1). */
  readonly passesPerSample: number;
  /** Core size the layer was tiled for (null: one mesh pair at the full matrix size). */
  readonly coreSize: number | null;
  readonly rowBlocks: number;
  readonly colBlocks: number;
  /** Tiles in row-major block order. */
  readonly tiles: readonly MeshTile[];
}

/** One step of the optical schedule: which tile runs on which core in which time step. */
export interface ScheduleStep {
  readonly step: number;
  readonly layer: number;
  readonly tile: number;
  /** Physical core the tile runs on (0 when tiled onto one core; the layer index for full-size meshes). */
  readonly core: number;
  /** The core is reprogrammed with this tile's phases before the step. */
  readonly reprogram: boolean;
  /** Optical passes of this step per sample (Conv output positions). */
  readonly passesPerSample: number;
}

export interface CircuitSchedule {
  readonly steps: readonly ScheduleStep[];
  /** Physical mesh cores (pairs of meshes) on the chip. */
  readonly cores: number;
  /** Core reprogrammings per inference batch (0 when every layer has its own meshes). */
  readonly reprogrammingsPerBatch: number;
  /** Optical passes per sample, all layers and tiles. */
  readonly passesPerSample: number;
}

export const CIRCUIT_FORMAT = 'photonic-foundry-circuit';
export const CIRCUIT_VERSION = 1;
/** Domain and op type of the graph nodes that stand for optical layers. */
export const PHOTONIC_DOMAIN = 'photonic-foundry';
export const PHOTONIC_LINEAR_OP = 'PhotonicLinear';

export const CIRCUIT_CONVENTIONS = {
  vector: 'column vectors: y = W @ x, W[out, in]; modes 0-indexed',
  mzi: 'mzi_bs_in',
  mzi_formula: 'T(theta,phi) = B . diag(e^{i theta}, 1) . B . diag(e^{i phi}, 1), B = [[1, i], [i, 1]] / sqrt(2)',
  mesh: 'U = diag(e^{i phasesOut}) . T_K ... T_1; mzis listed in order of application (first acts first)',
  phases: 'radians, wrapped to [0, 2pi)',
  tile: 'W_tile = sigmaMax . U . diag(attenuation) . V^T (attenuation = sigma_i / sigmaMax, amplitude transmission)',
  encoding: 'each optical pass: signed real field amplitudes x / max|x| on the input modes',
  detection: 'homodyne: Re(E . e^{-i loPhaseRad}) per output channel, then times sigmaMax . max|x|',
  electronics: 'tile partial products summed electronically, then alpha/bias; every non-linear node runs electronically',
  units: 'angles in rad, dB as power ratios (10 log10)',
} as const;

export interface CircuitIR {
  readonly format: typeof CIRCUIT_FORMAT;
  readonly version: typeof CIRCUIT_VERSION;
  readonly conventions: typeof CIRCUIT_CONVENTIONS;
  readonly source: {
    readonly model: string;
    readonly sha256: string;
    readonly producer: { readonly name: string; readonly version: string };
  };
  readonly options: { readonly mesh: MeshTopology; readonly coreSize: number | null };
  /** The model graph with PhotonicLinear nodes in place of its linear layers (electronic ops unchanged). */
  readonly graph: GraphIR;
  readonly layers: readonly OpticalLayer[];
  readonly schedule: CircuitSchedule;
}
