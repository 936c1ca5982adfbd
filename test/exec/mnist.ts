/** Test helper: reads the MNIST t10k IDX files (gzip) from ../shared/models/data with node:zlib. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { MODELS_DIR } from '../helpers/paths.js';
export { MODELS_DIR };

export interface Mnist { count: number; rows: number; cols: number; images: Uint8Array; labels: Uint8Array }

export function loadMnistTest(): Mnist {
  const img = gunzipSync(readFileSync(`${MODELS_DIR}/data/t10k-images-idx3-ubyte.gz`));
  const lab = gunzipSync(readFileSync(`${MODELS_DIR}/data/t10k-labels-idx1-ubyte.gz`));
  const dv = new DataView(img.buffer, img.byteOffset, img.byteLength);
  if (dv.getUint32(0) !== 0x00000803) throw new Error('bad IDX image magic');
  const count = dv.getUint32(4), rows = dv.getUint32(8), cols = dv.getUint32(12);
  const lv = new DataView(lab.buffer, lab.byteOffset, lab.byteLength);
  if (lv.getUint32(0) !== 0x00000801 || lv.getUint32(4) !== count) throw new Error('bad IDX label header');
  return { count, rows, cols, images: img.subarray(16, 16 + count * rows * cols), labels: lab.subarray(8, 8 + count) };
}

/** Images [first, first+n) as a float64 [n, 1, rows, cols] batch scaled by 1/255. */
export function mnistBatch(m: Mnist, first: number, n: number, total = n): Float64Array {
  const px = m.rows * m.cols;
  const out = new Float64Array(total * px);
  for (let i = 0; i < n * px; i++) out[i] = m.images[first * px + i] / 255;
  return out;
}
