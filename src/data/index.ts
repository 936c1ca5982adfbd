/**
 * Datasets for `foundry infer` and `foundry eval`. `loadDataset` reads samples (IDX images such as MNIST, NumPy
 * .npy, JSON {"X","y"} including the Iris file's shape, or CSV with the label in the last column; gzip allowed)
 * and an optional separate labels file, choosing the reader from the file content, into one `Dataset`
 * (n samples of `sampleDims`, float64 values, Int32 labels). `preprocess` then resizes uint8 images exactly as
 * Pillow's BILINEAR resize does, scales/offsets and normalises per channel; `fitToInput` finds the per-sample
 * shape a model input wants (NCHW, NHWC, HW or flat) and `makeBatches`/`batchData` split the samples into
 * batches, padding the last one for models with a fixed batch size. Every failure is a DatasetError,
 * FileNotFoundError or UsageError with a one-line message naming the problem.
 */
export type { Dataset, DatasetDType } from './dataset.js';
export { loadDataset, parseDataset, parseLabels, type LoadDatasetOptions } from './load.js';
export { parseIdx, readIdxImages, readIdxLabels, type IdxArray } from './idx.js';
export { readCsv, readCsvLabels, type CsvOptions } from './csv.js';
export { readJson, readJsonLabels } from './json.js';
export { parseNpy, readNpy, readNpyLabels, type NpyArray } from './npy.js';
export type { EncodedLabels } from './labels.js';
export { resizeBilinearU8, bilinearCoefficients, type AxisCoefficients } from './resize.js';
export { preprocess, parseResize, parseNumberList, parseNumber, type PreprocessOptions } from './preprocess.js';
export { fitToInput, fixedBatchSize, makeBatches, batchData, type BatchRange, type ModelDim } from './fit.js';
