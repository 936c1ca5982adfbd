/**
 * The in-memory dataset shared by every reader, the preprocessing and the batching.
 */

export type DatasetDType = 'uint8' | 'float64';

export interface Dataset {
  /** Number of samples. */
  readonly n: number;
  /** Dimensions of one sample, e.g. [28, 28] for MNIST, [4] for Iris. */
  readonly sampleDims: number[];
  /** Element type as stored in the file: 'uint8' for 8-bit images (values 0..255), 'float64' otherwise. */
  readonly dtype: DatasetDType;
  /** n × prod(sampleDims) values, row-major (sample-major). */
  readonly data: Float64Array;
  /** One integer class index per sample, or null when the data has no labels. */
  readonly labels: Int32Array | null;
  /** Where the data came from (file path, or "path + labels path"). */
  readonly source: string;
  /** Class names, index = label, when the labels were given as names (CSV/JSON strings, Iris "classes"). */
  readonly classes?: string[];
}
