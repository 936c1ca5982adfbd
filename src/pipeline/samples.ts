/**
 * Samples for a model: load a dataset, cut it to --limit, preprocess it, fit each sample to the model's input
 * shape and split it into batches (fixed-batch models get padded batches of exactly their size).
 * Shared by `infer` (digital reference) and `eval` (digital vs photonic).
 */
import { DatasetError, UsageError } from '../core/errors.js';
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import type { GraphIR, ValueInfo } from '../ir/graph.js';
import {
  batchData, fitToInput, fixedBatchSize, loadDataset, makeBatches, preprocess,
  type BatchRange, type Dataset, type PreprocessOptions,
} from '../data/index.js';

export interface SampleOptions {
  /** Dataset file (IDX, CSV, JSON, .npy; format from content). */
  readonly data: string;
  /** Separate labels file. */
  readonly labels?: string;
  readonly preprocess?: PreprocessOptions;
  /** Use only the first N samples. */
  readonly limit?: number;
  /** Largest batch for models with a dynamic batch dimension (default 500). */
  readonly maxBatch?: number;
}

export interface ModelSamples {
  readonly input: ValueInfo;
  readonly dataset: Dataset;
  /** Dims of one sample as fed to the model (without the batch axis). */
  readonly sampleDims: readonly number[];
  readonly batches: readonly BatchRange[];
}

const DEFAULT_MAX_BATCH = 500;

function limitDataset(ds: Dataset, limit: number | undefined): Dataset {
  if (limit === undefined || limit >= ds.n) return ds;
  const size = sizeOf(ds.sampleDims);
  return { ...ds, n: limit, data: ds.data.subarray(0, limit * size), labels: ds.labels ? ds.labels.subarray(0, limit) : null };
}

/** The model's one data input (models with several inputs are not fed from a dataset). */
export function dataInputOf(graph: GraphIR): ValueInfo {
  if (graph.inputs.length !== 1) {
    throw new DatasetError(`the model has ${graph.inputs.length} inputs (${graph.inputs.map((v) => `'${v.name}'`).join(', ')}); feeding a dataset needs exactly one`);
  }
  return graph.inputs[0];
}

export function prepareSamples(graph: GraphIR, options: SampleOptions): ModelSamples {
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new UsageError(`--limit must be a positive integer, got ${options.limit}`);
  }
  const input = dataInputOf(graph);
  const raw = loadDataset({ data: options.data, labels: options.labels });
  if (raw.n === 0) throw new DatasetError(`${options.data}: the dataset has no samples`);
  const dataset = preprocess(limitDataset(raw, options.limit), options.preprocess ?? {});
  const shape = input.shape ?? [null, ...dataset.sampleDims];
  const sampleDims = fitToInput(dataset.sampleDims, sizeOf(dataset.sampleDims), shape, input.name);
  const batches = makeBatches(dataset.n, fixedBatchSize(shape), options.maxBatch ?? DEFAULT_MAX_BATCH);
  return { input, dataset, sampleDims, batches };
}

/** The input tensor of one batch (padding rows are zeros). */
export function batchTensor(samples: ModelSamples, batch: BatchRange): Tensor {
  const data = batchData(samples.dataset.data, sizeOf(samples.sampleDims), batch);
  return { dtype: samples.input.dtype, dims: [batch.size, ...samples.sampleDims], data };
}

/**
 * Splits a batch output [size, …] into per-sample rows, keeping only the `real` samples.
 * Each row is the flattened per-sample output (e.g. C logits).
 */
export function outputRows(output: Tensor, batch: BatchRange): number[][] {
  if (output.dims.length === 0 || output.dims[0] !== batch.size) {
    throw new DatasetError(`the model output has shape ${formatDims(output.dims)}, expected a batch axis of ${batch.size} first`);
  }
  const per = output.data.length / batch.size;
  const rows: number[][] = [];
  for (let r = 0; r < batch.real; r++) rows.push(Array.from(output.data.subarray(r * per, (r + 1) * per)));
  return rows;
}

/** Index of the largest value (first one on ties), or -1 for an empty row. */
export function argmax(row: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < row.length; i++) {
    if (row[i] > bestValue || best === -1) {
      best = i;
      bestValue = row[i];
    }
  }
  return best;
}
