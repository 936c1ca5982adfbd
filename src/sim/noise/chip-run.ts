/**
 * Runs one Monte-Carlo chip over a dataset: compose the chip's static imperfections once, then run the batches
 * (recomposing only when its drift state moves to a new step), reading every optical layer through the noisy
 * detection path and measuring each layer against the ideal chip on the first samples.
 *
 * Sub-batches: the executor cannot split a circuit's graph itself (PhotonicLinear is not one of its sample-wise
 * ops), so a large batch's intermediates (e.g. LeNet's first conv: 500 × 6 × 28 × 28 doubles, 19 MB) would go
 * through memory op after op. When every other runtime step is sample-wise along axis 0 and the plan of a
 * smaller batch has the same dims (src/exec/batching.ts's checks), each batch is run in sub-batches of about
 * SUB_BATCH_ELEMENTS elements of its largest intermediate. Results are bit-identical: every sample has its own
 * detector-noise stream, the electronic ops are sample-wise, and the drift step is still taken from the
 * batch's first sample. In a batch holding samples measured against the ideal chip (perLayerSamples) the
 * per-layer error tally is kept over its sub-batches and summed at its end in the whole batch's order
 * (CircuitRunner.beginBatchParts), so the per-layer errors are bit-identical too. A dense batch is read in place.
 *
 * Noise streams: sample i's detector noise is createRng(detectorSeed, i) (chip-sample.ts), created as
 * StateRngs (core/rng.ts) — the same numbers, with their states in one array per (sub-)batch, so the native
 * detection kernel draws them itself. The runner reuses its optical layers' output buffers from one sub-batch
 * to the next (CircuitRunnerOptions.reuseOutputs): each sub-batch's outputs are copied out at once.
 */
import { sizeOf, type DType, type Tensor } from '../../core/tensor.js';
import { chunkPlanMatches, sampleWise } from '../../exec/batching.js';
import { planGraph, type ExecutionPlan } from '../../exec/plan.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../../ir/circuit.js';
import { chipOps, CircuitRunner } from '../circuit-runner.js';
import type { ChipPlan } from './chip-plan.js';
import { advanceDrift, composeChip, sampleChip, type ChipSample } from './chip-sample.js';
import { createStreams } from './streams.js';
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
  /** Where the detection loops run (CircuitRunnerOptions.detectionKernel; default 'auto'). */
  readonly detectionKernel?: 'auto' | 'wasm' | 'ts';
  /** Largest sub-batch, samples (default: from SUB_BATCH_ELEMENTS; see the module comment). Results do not depend on it. */
  readonly subBatch?: number;
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

/** Target elements of the largest intermediate of one sub-batch. */
const SUB_BATCH_ELEMENTS = 1 << 17;

/** Whether every runtime step of `plan` works sample by sample along axis 0 (PhotonicLinear does). */
function planIsSampleWise(plan: ExecutionPlan, n: number): boolean {
  const input = plan.graph.inputs;
  if (input.length !== 1 || plan.inputDims[input[0].name][0] !== n) return false;
  for (const step of plan.steps) {
    const photonic = step.node.domain === PHOTONIC_DOMAIN && step.node.opType === PHOTONIC_LINEAR_OP;
    if (!photonic && !sampleWise(step, plan)) return false;
    for (const name of [...step.node.inputs, ...step.node.outputs]) {
      if (name === '' || plan.constants.has(name)) continue;
      const d = plan.values.get(name)?.dims;
      if (!d || d.length === 0 || d[0] !== n) return false;
    }
  }
  return plan.graph.outputs.every((vo) => plan.constants.has(vo.name) || plan.values.get(vo.name)?.dims[0] === n);
}

/**
 * Samples per sub-batch for batches of `size` rows (see the module comment), or `size` when they cannot be
 * split. Never throws: a graph that cannot be planned for other sizes is simply not split.
 */
export function subBatchSize(circuit: CircuitIR, plan: ChipPlan, samples: SampleSet, size: number, maxSamples?: number): number {
  if (size < 2) return size;
  try {
    const ops = chipOps(circuit, plan.idealChip);
    const dimsOf = (n: number): Record<string, readonly number[]> => ({ [samples.inputName]: [n, ...samples.sampleDims] });
    const full = planGraph(circuit.graph, dimsOf(size), ops);
    if (!planIsSampleWise(full, size)) return size;
    let perSample = 1;
    for (const step of full.steps) {
      for (const name of step.node.outputs) {
        const d = full.values.get(name)?.dims;
        if (d && d.length > 0) perSample = Math.max(perSample, sizeOf(d) / size);
      }
    }
    const n = Math.max(1, Math.min(size, maxSamples ?? Math.floor(SUB_BATCH_ELEMENTS / perSample)));
    if (n >= size) return size;
    for (const m of size % n === 0 ? [n] : [n, size % n]) {
      if (!chunkPlanMatches(full, planGraph(circuit.graph, dimsOf(m), ops), m)) return size;
    }
    return n;
  } catch {
    return size;
  }
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
    reuseOutputs: true, // each batch's outputs are copied out below before the next batch runs
    ...(limitSamples > 0 ? { reference: { chip: plan.idealChip, limitSamples } } : {}),
  });
  const noise = plan.quadrature;
  let outputs = new Float64Array(0);
  let outputSize = -1;
  const subSizes = new Map<number, number>();
  const per = samples.sampleDims.reduce((a, b) => a * b, 1);
  for (const batch of samples.batches) {
    if (advanceDrift(plan, sample, Math.floor(batch.start / plan.model.driftStepSamples))) runner.setChip(compose());
    // split only dense batches (no padding rows); one holding measured samples sums its error tally at its end
    let sub = batch.size;
    if (batch.real === batch.size) {
      if (!subSizes.has(batch.size)) subSizes.set(batch.size, subBatchSize(circuit, plan, samples, batch.size, options.subBatch));
      sub = subSizes.get(batch.size)!;
    }
    const parts = sub < batch.size && batch.start < limitSamples;
    if (parts) runner.beginBatchParts(batch.start, batch.size);
    for (let s0 = 0; s0 < batch.size; s0 += sub) {
      const rows = Math.min(sub, batch.size - s0);
      const start = batch.start + s0;
      const part: SampleBatch = rows === batch.size ? batch : { start, end: Math.min(batch.end, start + rows), size: rows, real: Math.max(0, Math.min(rows, batch.real - s0)) };
      const streams = noise ? createStreams(sample.detectorSeed, start, rows) : undefined; // = createRng(detectorSeed, start + i)
      // a dense batch is read in place (the ops never write their inputs); a padded one is copied and padded
      const input = part.real === part.size ? { dtype: samples.dtype, dims: [rows, ...samples.sampleDims], data: samples.data.subarray(start * per, (start + rows) * per) } : batchInput(samples, part);
      const out = runner.run({ [samples.inputName]: input }, { sampleStart: start, rows, streams })[samples.outputName];
      if (outputSize < 0) {
        outputSize = out.data.length / rows;
        outputs = new Float64Array(samples.n * outputSize);
      }
      outputs.set(out.data.subarray(0, part.real * outputSize), start * outputSize);
    }
    if (parts) runner.endBatchParts();
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
