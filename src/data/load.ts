/**
 * loadDataset: reads a dataset file (and optionally a separate labels file), choosing the reader from the
 * CONTENT, never from the file name: gzip magic (inflated, then sniffed again), IDX (starts with two zero
 * bytes), npy ("\x93NUMPY"), JSON (starts with '{' or '['), otherwise CSV.
 */
import { DatasetError } from '../core/errors.js';
import { readInputFile, type InputFileKind } from '../core/files.js';
import { decodeText, maybeGunzip, sniffFormat } from './bytes.js';
import { readCsv, readCsvLabels } from './csv.js';
import type { Dataset } from './dataset.js';
import { readIdxImages, readIdxLabels } from './idx.js';
import { readJson, readJsonLabels } from './json.js';
import type { EncodedLabels } from './labels.js';
import { readNpy, readNpyLabels } from './npy.js';

export interface LoadDatasetOptions {
  /** Path of the samples file (IDX images, .npy, JSON or CSV; any of them may be gzip-compressed). */
  readonly data: string;
  /** Optional path of a labels file (IDX labels, .npy, JSON array, single-column CSV); overrides labels in `data`. */
  readonly labels?: string;
  /**
   * For CSV data: 'last' = the last column is the label, 'none' = every column is a feature.
   * Default: 'last' without a labels file, 'none' with one.
   */
  readonly labelColumn?: 'last' | 'none';
}

const DATASET_FILE: InputFileKind = { what: 'a dataset file', stage: 'data', unreadable: (message, options) => new DatasetError(message, options) };

/** Decodes the samples of a dataset file already in memory (format sniffed from the bytes). */
export function parseDataset(raw: Uint8Array, source: string, labelColumn: 'last' | 'none' = 'last'): Dataset {
  if (raw.length === 0) throw new DatasetError(`${source}: file is empty`);
  const bytes = maybeGunzip(raw, source);
  switch (sniffFormat(bytes)) {
    case 'idx':
      return readIdxImages(bytes, source);
    case 'npy':
      return readNpy(bytes, source);
    case 'json':
      return readJson(decodeText(bytes, source, 'JSON'), source);
    case 'gzip':
      throw new DatasetError(`${source}: gzip data inside gzip data is not supported`);
    default:
      return readCsv(decodeText(bytes, source, 'CSV'), source, { labelColumn });
  }
}

/** Decodes a labels file already in memory (IDX labels, npy, JSON array/object, single-column CSV). */
export function parseLabels(raw: Uint8Array, source: string): EncodedLabels {
  if (raw.length === 0) throw new DatasetError(`${source}: labels file is empty`);
  const bytes = maybeGunzip(raw, source);
  switch (sniffFormat(bytes)) {
    case 'idx':
      return { labels: readIdxLabels(bytes, source) };
    case 'npy':
      return { labels: readNpyLabels(bytes, source) };
    case 'json':
      return readJsonLabels(decodeText(bytes, source, 'JSON'), source);
    case 'gzip':
      throw new DatasetError(`${source}: gzip data inside gzip data is not supported`);
    default:
      return readCsvLabels(decodeText(bytes, source, 'CSV'), source);
  }
}

/** Loads a dataset (and its labels file, if any); the label count must equal the sample count. */
export function loadDataset(options: LoadDatasetOptions): Dataset {
  const labelColumn = options.labelColumn ?? (options.labels === undefined ? 'last' : 'none');
  const ds = parseDataset(readInputFile(options.data, DATASET_FILE), options.data, labelColumn);
  if (options.labels === undefined) return ds;
  const enc = parseLabels(readInputFile(options.labels, DATASET_FILE), options.labels);
  if (enc.labels.length !== ds.n) {
    throw new DatasetError(
      `labels file '${options.labels}' has ${enc.labels.length} labels but the data '${options.data}' has ${ds.n} samples`,
    );
  }
  const { classes: _dropped, ...rest } = ds;
  return {
    ...rest,
    labels: enc.labels,
    source: `${options.data} (labels: ${options.labels})`,
    ...(enc.classes ? { classes: enc.classes } : {}),
  };
}
