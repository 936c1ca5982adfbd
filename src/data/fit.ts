/**
 * Fitting dataset samples to a model input, and splitting a dataset into batches.
 *
 * fitToInput only RESHAPES (never transposes): the sample's values, in row-major order, are given the per-sample
 * dims of the model input (the model input minus its leading batch axis). Symbolic / unknown dims (strings,
 * null, or numbers ≤ 0) are filled from the sample shape: a grayscale [28,28] sample fits [N,1,28,28] (NCHW),
 * [N,28,28,1] (NHWC), [N,28,28] (HW) and [N,784] (flat).
 */
import { DatasetError, UsageError } from '../core/errors.js';
import { formatDims, sizeOf } from '../core/tensor.js';

export type ModelDim = number | string | null;

function isKnown(d: ModelDim): d is number {
  return typeof d === 'number' && Number.isInteger(d) && d > 0;
}

function shownDim(d: ModelDim): string {
  return isKnown(d) ? String(d) : typeof d === 'string' && d !== '' ? d : '?';
}

function describeSample(sampleDims: readonly number[], size: number): string {
  const shape = sampleDims.length > 1 && sizeOf(sampleDims) === size ? ` (${sampleDims.join('×')})` : '';
  return `${size} value${size === 1 ? '' : 's'}${shape}`;
}

/** Suggests a --resize when the sample is a 2-D image and the model wants another image size. */
function resizeHint(sampleDims: readonly number[], per: readonly ModelDim[]): string {
  if (sampleDims.length !== 2) return '';
  let hw: [number, number] | null = null;
  if (per.length === 2 && isKnown(per[0]) && isKnown(per[1])) hw = [per[0], per[1]];
  else if (per.length === 3 && per[0] === 1 && isKnown(per[1]) && isKnown(per[2])) hw = [per[1], per[2]];
  else if (per.length === 3 && per[2] === 1 && isKnown(per[0]) && isKnown(per[1])) hw = [per[0], per[1]];
  else if (per.length === 1 && isKnown(per[0])) {
    const s = Math.round(Math.sqrt(per[0]));
    if (s * s === per[0]) hw = [s, s];
  }
  return hw && (hw[0] !== sampleDims[0] || hw[1] !== sampleDims[1]) ? ` — try --resize ${hw[0]}x${hw[1]}` : '';
}

/**
 * The concrete per-sample dims to reshape each sample to, for a model input of dims `modelInputDims`
 * (batch axis first). `perSampleSize` is the number of values of one sample (= prod(sampleDims) normally).
 * Throws DatasetError when the element counts cannot match, with a hint such as "try --resize 32x32".
 */
export function fitToInput(
  sampleDims: readonly number[],
  perSampleSize: number,
  modelInputDims: readonly ModelDim[],
  inputName = 'input',
): number[] {
  const modelText = `the model input '${inputName}' ${formatDims(modelInputDims.map(shownDim), { compact: true })}`;
  if (modelInputDims.length === 0) {
    throw new DatasetError(`${modelText} is a scalar; it has no batch axis to feed samples through`);
  }
  const per = modelInputDims.slice(1);
  const known = per.map((d) => (isKnown(d) ? d : null));
  const unknown = known.filter((d) => d === null).length;
  const size = perSampleSize;
  const have = `dataset samples have ${describeSample(sampleDims, size)}`;

  if (unknown === 0) {
    const need = sizeOf(known as number[]);
    if (need === size) return known as number[];
    throw new DatasetError(`${have} but ${modelText} needs ${need}${resizeHint(sampleDims, per)}`);
  }

  const candidates: number[][] = [];
  if (sizeOf(sampleDims) === size) {
    candidates.push([...sampleDims], [1, ...sampleDims], [...sampleDims, 1]);
  }
  candidates.push([size]);
  for (const cand of candidates) {
    if (cand.length === known.length && cand.every((d, i) => known[i] === null || known[i] === d)) return cand;
  }
  const prodKnown = sizeOf(known.filter((d): d is number => d !== null));
  if (unknown === 1 && size % prodKnown === 0) {
    return known.map((d) => (d === null ? size / prodKnown : d));
  }
  const why = size % prodKnown !== 0 ? ` (it needs a multiple of ${prodKnown})` : '';
  throw new DatasetError(`${have} which cannot be reshaped to ${modelText}${why}${resizeHint(sampleDims, per)}`);
}

/** The fixed batch size of a model input (its first dim when that is a positive number), else null. */
export function fixedBatchSize(modelInputDims: readonly ModelDim[]): number | null {
  const d = modelInputDims[0];
  return d !== undefined && isKnown(d) ? d : null;
}

/** One batch: dataset rows [start, end) fed as a batch of `size` rows, the last `size − real` being zero padding. */
export interface BatchRange {
  readonly start: number;
  readonly end: number;
  /** Rows in the batch tensor (= fixed batch size when the model has one). */
  readonly size: number;
  /** Real samples in the batch (end − start); rows after them are padding to drop from the outputs. */
  readonly real: number;
}

/**
 * Splits n samples into batches. With a fixed model batch (1, 10, …) every batch has exactly that size and the
 * last one is padded; otherwise batches hold up to maxBatch samples and are never padded.
 */
export function makeBatches(n: number, fixedBatch: number | null, maxBatch: number): BatchRange[] {
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`batching: sample count ${n} is not a non-negative integer`);
  if (fixedBatch !== null && (!Number.isInteger(fixedBatch) || fixedBatch < 1)) {
    throw new UsageError(`batching: fixed batch size ${fixedBatch} must be a positive integer`);
  }
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new UsageError(`--batch: ${maxBatch} must be a positive integer`);
  const step = fixedBatch ?? maxBatch;
  const out: BatchRange[] = [];
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    out.push({ start, end, size: fixedBatch ?? end - start, real: end - start });
  }
  return out;
}

/** The flat input values of one batch: rows [start, end) of `data`, then zero rows up to `size`. */
export function batchData(data: Float64Array, perSampleSize: number, batch: BatchRange): Float64Array {
  const out = new Float64Array(batch.size * perSampleSize);
  out.set(data.subarray(batch.start * perSampleSize, batch.end * perSampleSize));
  return out;
}
