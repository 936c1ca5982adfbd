/**
 * Runs one Monte-Carlo chip over a dataset: compose the chip's static imperfections once, then run the batches
 * (recomposing only when its drift state moves to a new step), reading every optical layer through the noisy
 * detection path and measuring each layer against the ideal chip on the first samples.
 */
import { createRng } from '../../core/rng.js';
import type { DType, Tensor } from '../../core/tensor.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { CircuitRunner } from '../circuit-runner.js';
import type { ChipPlan } from './chip-plan.js';
import { advanceDrift, composeChip, sampleChip, type ChipSample } from './chip-sample.js';
import type { PhotonicChip } from '../chip.js';

/** One batch of the dataset: rows [start, end), padded with zero rows up to `size`. */
export interface SampleBatch {
  readonly start: number;
  readonly end: number;
  readonly size: number;
  readonly real: number;
}

/** A dataset prepared for the model: plain data, shared with worker threads. */
export interface SampleSet {
  readonly inputName: string;
  readonly dtype: DType;
  /** Dims of one sample (without the batch axis). */
  readonly sampleDims: readonly number[];
  /** n samples, row-major. */
  readonly data: Float64Array;
  readonly n: number;
  readonly batches: readonly SampleBatch[];
  /** The graph output the results are taken from. */
  readonly outputName: string;
}

export interface ChipRunOptions {
  /** Measure each optical layer against the ideal chip on the first this many samples (0: not at all). */
  readonly perLayerSamples: number;
  /** Called after each batch with the number of real samples it held. */
  readonly onBatch?: (samples: number) => void;
  /** 'ts': detection loops in TypeScript even where WebAssembly SIMD is available (default 'auto'). */
  readonly detectionKernel?: 'auto' | 'ts';
  /**
   * Correction of the chip once it is sampled (src/recover): the plan it is composed from (e.g. calibrated
   * drives) and a map applied to every composition (e.g. fine-tuned electronics). Default: none.
   */
  readonly correct?: (sample: ChipSample) => { readonly plan: ChipPlan; readonly wrap: (chip: PhotonicChip) => PhotonicChip };
}

export interface ChipResult {
  readonly chip: number;
  /** Graph output per sample, n × outputSize, dataset order. */
  readonly outputs: Float64Array;
  readonly outputSize: number;
  /** Σ‖Y − Y_ideal‖² and Σ‖Y_ideal‖² per optical layer over the measured samples. */
  readonly layerSqErr: Float64Array;
  readonly layerSqRef: Float64Array;
}

export function batchInput(samples: SampleSet, batch: SampleBatch): Tensor {
  const per = samples.sampleDims.reduce((a, b) => a * b, 1);
  const data = new Float64Array(batch.size * per);
  data.set(samples.data.subarray(batch.start * per, batch.end * per));
  return { dtype: samples.dtype, dims: [batch.size, ...samples.sampleDims], data };
}

/** Chip k of `seed` on every sample. */
export function runChip(circuit: CircuitIR, plan: ChipPlan, samples: SampleSet, seed: number, k: number, options: ChipRunOptions): ChipResult {
  const sample = sampleChip(plan, seed, k);
  const limitSamples = Math.min(options.perLayerSamples, samples.n);
  const corrected = options.correct?.(sample);
  const chipPlan = corrected?.plan ?? plan;
  const compose = (): PhotonicChip => {
    const chip = composeChip(chipPlan, sample, circuit);
    return corrected ? corrected.wrap(chip) : chip;
  };
  const runner = new CircuitRunner(circuit, compose(), {
    detection: plan.detection,
    detectionKernel: options.detectionKernel,
    ...(limitSamples > 0 ? { reference: { chip: plan.idealChip, limitSamples } } : {}),
  });
  const noise = plan.quadrature;
  let outputs = new Float64Array(0);
  let outputSize = -1;
  for (const batch of samples.batches) {
    if (advanceDrift(plan, sample, Math.floor(batch.start / plan.model.driftStepSamples))) runner.setChip(compose());
    const streams = noise ? Array.from({ length: batch.size }, (_, i) => createRng(sample.detectorSeed, batch.start + i)) : undefined;
    const out = runner.run({ [samples.inputName]: batchInput(samples, batch) }, { sampleStart: batch.start, rows: batch.size, streams })[samples.outputName];
    if (outputSize < 0) {
      outputSize = out.data.length / batch.size;
      outputs = new Float64Array(samples.n * outputSize);
    }
    outputs.set(out.data.subarray(0, batch.real * outputSize), batch.start * outputSize);
    options.onBatch?.(batch.real);
  }
  const L = circuit.layers.length;
  return {
    chip: k,
    outputs,
    outputSize: Math.max(0, outputSize),
    layerSqErr: runner.layerErrors?.sqErr ?? new Float64Array(L),
    layerSqRef: runner.layerErrors?.sqRef ?? new Float64Array(L),
  };
}
