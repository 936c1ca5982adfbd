/**
 * IDX reader (the MNIST file format, http://yann.lecun.com/exdb/mnist/): a big-endian header
 *   0x00 0x00 <type> <ndims>, then ndims uint32 dimensions, then the elements (big-endian), row-major.
 * Images are 0x00000803 (uint8, [n, rows, cols]); labels are 0x00000801 (uint8, [n]).
 * Other IDX element types (int8, int16, int32, float32, float64) and ranks are read too.
 * Gzip-compressed files are inflated first; compression is detected by the gzip magic, not by the name.
 */
import { DatasetError } from '../core/errors.js';
import { maybeGunzip } from './bytes.js';
import type { Dataset } from './dataset.js';

interface IdxType {
  readonly name: string;
  readonly size: number;
  readonly read: (view: DataView, offset: number) => number;
}

const IDX_TYPES: Record<number, IdxType> = {
  0x08: { name: 'uint8', size: 1, read: (v, o) => v.getUint8(o) },
  0x09: { name: 'int8', size: 1, read: (v, o) => v.getInt8(o) },
  0x0b: { name: 'int16', size: 2, read: (v, o) => v.getInt16(o, false) },
  0x0c: { name: 'int32', size: 4, read: (v, o) => v.getInt32(o, false) },
  0x0d: { name: 'float32', size: 4, read: (v, o) => v.getFloat32(o, false) },
  0x0e: { name: 'float64', size: 8, read: (v, o) => v.getFloat64(o, false) },
};

/** A decoded IDX file. */
export interface IdxArray {
  /** IDX element type name: 'uint8', 'int8', 'int16', 'int32', 'float32', 'float64'. */
  readonly type: string;
  /** All dimensions, the first one being the number of items. */
  readonly dims: number[];
  readonly data: Float64Array;
}

function hex32(bytes: Uint8Array): string {
  let s = '0x';
  for (let i = 0; i < 4; i++) s += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return s;
}

/** Decodes an IDX file (raw or gzip) with full validation of magic, type, dimensions and byte length. */
export function parseIdx(raw: Uint8Array, source: string): IdxArray {
  const bytes = maybeGunzip(raw, source);
  if (bytes.length < 4) {
    throw new DatasetError(`${source}: truncated IDX file (${bytes.length} bytes, the header alone needs at least 4)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(
      `${source}: not an IDX file (magic ${hex32(bytes)}, expected 0x00000803 for images or 0x00000801 for labels)`,
    );
  }
  const type = IDX_TYPES[bytes[2]];
  if (type === undefined) {
    throw new DatasetError(
      `${source}: unknown IDX element type 0x${bytes[2].toString(16).padStart(2, '0')} (magic ${hex32(bytes)}; expected 0x08 uint8, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)`,
    );
  }
  const ndims = bytes[3];
  if (ndims === 0) throw new DatasetError(`${source}: IDX file declares 0 dimensions (magic ${hex32(bytes)})`);
  const headerLen = 4 + 4 * ndims;
  if (bytes.length < headerLen) {
    throw new DatasetError(`${source}: truncated IDX file (${bytes.length} bytes, the header with ${ndims} dimensions needs ${headerLen})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const expected = count * type.size;
  const actual = bytes.length - headerLen;
  if (actual < expected) {
    throw new DatasetError(
      `${source}: truncated IDX file: dims [${dims.join(',')}] of ${type.name} need ${expected} data bytes, found ${actual}`,
    );
  }
  if (actual > expected) {
    throw new DatasetError(
      `${source}: IDX file has ${actual - expected} unexpected trailing bytes after the data of dims [${dims.join(',')}] (${type.name})`,
    );
  }
  const data = new Float64Array(count);
  if (type.size === 1 && type.name === 'uint8') {
    for (let i = 0; i < count; i++) data[i] = bytes[headerLen + i];
  } else {
    for (let i = 0; i < count; i++) data[i] = type.read(view, headerLen + i * type.size);
  }
  return { type: type.name, dims, data };
}

/** Reads an IDX images file (0x00000803 for MNIST: [n, rows, cols]) as a Dataset without labels. */
export function readIdxImages(raw: Uint8Array, source: string): Dataset {
  const idx = parseIdx(raw, source);
  if (idx.dims.length < 2) {
    throw new DatasetError(
      `${source}: this is an IDX labels file (1 dimension, [${idx.dims.join(',')}]), expected images (e.g. magic 0x00000803)`,
    );
  }
  return {
    n: idx.dims[0],
    sampleDims: idx.dims.slice(1),
    dtype: idx.type === 'uint8' ? 'uint8' : 'float64',
    data: idx.data,
    labels: null,
    source,
  };
}

/** Reads an IDX labels file (0x00000801: [n] uint8, or another integer type) as class indices. */
export function readIdxLabels(raw: Uint8Array, source: string): Int32Array {
  const idx = parseIdx(raw, source);
  if (idx.dims.length !== 1) {
    throw new DatasetError(
      `${source}: this is an IDX images file (dims [${idx.dims.join(',')}]), expected labels (magic 0x00000801, one dimension)`,
    );
  }
  const out = new Int32Array(idx.data.length);
  for (let i = 0; i < idx.data.length; i++) {
    const v = idx.data[i];
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new DatasetError(`${source}: label ${v} at index ${i} is not a class index (a non-negative integer)`);
    }
    out[i] = v;
  }
  return out;
}
