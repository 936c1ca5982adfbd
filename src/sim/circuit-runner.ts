/**
 * Runs a compiled circuit on one chip: the circuit's graph on the reference executor, with the
 * `photonic-foundry.PhotonicLinear` nodes served by the chip's optical layers (sim/photonic-linear.ts) and
 * every other node by the same float64 ops as the digital reference.
 *
 * A runner may also read its chip through the noisy detection path (sim/noise/detection.ts) and compare every
 * optical layer with an ideal reference chip; `setChip` swaps the chip between batches (phase drift), and
 * `run`'s batch argument tells the noise path which samples the batch holds.
 */
import type { Rng } from '../core/rng.js';
import type { Tensor } from '../core/tensor.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import type { NodeIR } from '../ir/graph.js';
import { Executor } from '../exec/index.js';
import { defaultOps, opKey, type OpDefinition } from '../ops/index.js';
import type { PhotonicChip } from './chip.js';
import { createNativeDetector } from './noise/detect-native.js';
import { createDetectKernel } from './noise/detect-simd.js';
import type { LayerDetection } from './noise/detection.js';
import { finishDeferredErrors, photonicLinearOp, type LayerErrorSums, type PhotonicLinearBinding } from './photonic-linear.js';

/** The op registry of one chip: the default ops plus PhotonicLinear bound to the chip (or a binding). */
export function chipOps(circuit: CircuitIR, chip: PhotonicChip | PhotonicLinearBinding): ReadonlyMap<string, OpDefinition> {
  return new Map([...defaultOps, [opKey(PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP), photonicLinearOp(circuit, chip)]]);
}

export interface CircuitRunnerOptions {
  /** Noisy readout per optical layer (absent or undefined entries: the ideal readout R·x). */
  readonly detection?: readonly (LayerDetection | undefined)[];
  /**
   * Where the noisy readout's loops run: 'auto' (default) natively where the addon is built, else in WebAssembly
   * SIMD where available, else TypeScript; 'wasm' never natively; 'ts' always in TypeScript (tests). All give
   * the same bits.
   */
  readonly detectionKernel?: 'auto' | 'wasm' | 'ts';
  /** Measure each optical layer against this ideal chip on samples below `limitSamples`. */
  readonly reference?: { readonly chip: PhotonicChip; readonly limitSamples: number; readonly fit?: { readonly layer: number; readonly sums: Float64Array } };
  /**
   * Reuse the optical layers' output buffers from one `run` to the next (PhotonicLinearBinding.reuse): the
   * tensors a run returns are then only valid until the next run. Default false.
   */
  readonly reuseOutputs?: boolean;
}

/** Which samples a batch holds: its first sample's global index and one noise stream per batch row. */
export interface RunBatch {
  readonly sampleStart: number;
  /** Rows of the batch tensor (default: the first input's leading dimension). */
  readonly rows?: number;
  readonly streams?: readonly Rng[];
}

export class CircuitRunner {
  private readonly executor: Executor;
  private readonly binding: PhotonicLinearBinding;
  /** Σ‖Y − Y_ideal‖² and Σ‖Y_ideal‖² per optical layer (with `options.reference`). */
  readonly layerErrors: LayerErrorSums | undefined;

  constructor(readonly circuit: CircuitIR, chip: PhotonicChip, options: CircuitRunnerOptions = {}) {
    const L = circuit.layers.length;
    this.layerErrors = options.reference ? { sqErr: new Float64Array(L), sqRef: new Float64Array(L) } : undefined;
    this.binding = {
      chip,
      sampleStart: 0,
      batchRows: 0,
      ...(options.detection
        ? {
            detection: {
              layers: options.detection,
              batch: { streams: null, rows: 0 },
              kernel: options.detectionKernel === 'ts' ? null : createDetectKernel(),
              native: (options.detectionKernel ?? 'auto') === 'auto' ? createNativeDetector() : null,
            },
          }
        : {}),
      ...(options.reuseOutputs ? { reuse: new Map<NodeIR | number, Float64Array>() } : {}),
      ...(options.reference ? { reference: { chip: options.reference.chip, limitSamples: options.reference.limitSamples, sums: this.layerErrors!, ...(options.reference.fit ? { fit: options.reference.fit } : {}) } } : {}),
    };
    this.executor = new Executor(circuit.graph, chipOps(circuit, this.binding));
  }

  /** The chip the optical layers currently run on. */
  get chip(): PhotonicChip {
    return this.binding.chip;
  }

  /** Replaces the chip (same circuit) for the following batches. */
  setChip(chip: PhotonicChip): void {
    this.binding.chip = chip;
  }

  /**
   * The next runs are consecutive parts (sample ranges, in order) of one batch of `rows` samples from `start`:
   * the per-layer error tally (options.reference, without `fit`) is summed at endBatchParts exactly as if that
   * batch had been run whole.
   */
  beginBatchParts(start: number, rows: number): void {
    this.binding.deferred = { start, rows, layers: new Map() };
  }

  /** Ends beginBatchParts: adds the batch's error tally. */
  endBatchParts(): void {
    finishDeferredErrors(this.binding);
  }

  /** Runs one batch; returns the graph outputs by name. `batch` places it in the dataset (noise, reference). */
  run(inputs: Readonly<Record<string, Tensor>>, batch: RunBatch = { sampleStart: 0 }): Record<string, Tensor> {
    const first = Object.values(inputs)[0];
    const rows = batch.rows ?? (first && first.dims.length > 0 ? first.dims[0] : 1);
    this.binding.sampleStart = batch.sampleStart;
    this.binding.batchRows = rows;
    if (this.binding.detection) this.binding.detection.batch = { streams: batch.streams ?? null, rows };
    return this.executor.run(inputs);
  }
}
