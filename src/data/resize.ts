/**
 * Bilinear resize of 8-bit images that reproduces Pillow's `Image.resize((W, H), Image.BILINEAR)` on an 'L'
 * (or, channel-interleaved, 'RGB'/'RGBA'-like) uint8 image bit for bit, including the uint8 rounding.
 *
 * Pillow's algorithm (libImaging/Resample.c, re-implemented here from its description):
 *  - Separable convolution, horizontal pass first, then vertical; the intermediate image is uint8.
 *    A pass whose size does not change is skipped (it would be the identity anyway).
 *  - For an axis of `inSize` → `outSize`: scale = inSize / outSize; filterscale = max(scale, 1);
 *    support = 1 × filterscale (triangle filter of radius 1, widened when downscaling).
 *    Output pixel i has center = (i + 0.5) × scale, and takes input pixels
 *    xmin = trunc(center − support + 0.5) clamped to ≥ 0, up to xmax = trunc(center + support + 0.5) clamped to ≤ inSize
 *    (exclusive), with weights w(x) = max(0, 1 − |(x − center + 0.5) / filterscale|), divided by their sum.
 *  - 8-bit fixed point: PRECISION_BITS = 32 − 8 − 2 = 22; each normalised weight becomes
 *    trunc(0.5 + w × 2^22) (trunc(−0.5 + w × 2^22) when negative); an output pixel is
 *    (2^21 + Σ pixel × weight) >> 22, clipped to 0..255 (i.e. rounded half up).
 */
import { DatasetError, UsageError } from '../core/errors.js';

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 1 << PRECISION_BITS; // 2^22
const HALF = 1 << (PRECISION_BITS - 1); // 2^21

/** Fixed-point resampling coefficients of one axis. */
export interface AxisCoefficients {
  /** Max taps per output pixel (row length of `weights`). */
  readonly ksize: number;
  /** First input index of each output pixel. */
  readonly start: Int32Array;
  /** Number of taps of each output pixel. */
  readonly count: Int32Array;
  /** outSize × ksize fixed-point weights (scaled by 2^22). */
  readonly weights: Int32Array;
  /** The same weights before fixed-point conversion (normalised doubles), for inspection/tests. */
  readonly realWeights: Float64Array;
}

function triangle(x: number): number {
  if (x < 0) x = -x;
  return x < 1 ? 1 - x : 0;
}

const cache = new Map<string, AxisCoefficients>();

/** Pillow's BILINEAR coefficients for resampling an axis from inSize to outSize pixels. */
export function bilinearCoefficients(inSize: number, outSize: number): AxisCoefficients {
  const key = `${inSize}:${outSize}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const scale = inSize / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = 1 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const realWeights = new Float64Array(outSize * ksize);
  const weights = new Int32Array(outSize * ksize);
  const ss = 1 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    const base = xx * ksize;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const w = triangle((x + xmin - center + 0.5) * ss);
      realWeights[base + x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      if (ww !== 0) realWeights[base + x] /= ww;
      const k = realWeights[base + x];
      weights[base + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  const out: AxisCoefficients = { ksize, start, count, weights, realWeights };
  if (cache.size > 64) cache.clear();
  cache.set(key, out);
  return out;
}

function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function checkSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`resize: ${name} must be a positive integer, got ${v}`);
}

/**
 * Resizes an h×w image with `channels` interleaved channels (row-major, H×W×C) to outH×outW with Pillow's
 * BILINEAR filter, exactly as Pillow does on uint8 images. Values must be integers 0..255.
 * Returns a new Uint8Array of outH × outW × channels.
 */
export function resizeBilinearU8(
  src: Uint8Array | Float64Array,
  h: number,
  w: number,
  outH: number,
  outW: number,
  channels = 1,
): Uint8Array {
  checkSize('input height', h);
  checkSize('input width', w);
  checkSize('output height', outH);
  checkSize('output width', outW);
  checkSize('channel count', channels);
  if (src.length !== h * w * channels) {
    throw new DatasetError(`resize: image has ${src.length} values, ${h}×${w}×${channels} needs ${h * w * channels}`);
  }
  let img: Uint8Array;
  if (src instanceof Uint8Array) {
    img = src;
  } else {
    img = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (!(Number.isInteger(v) && v >= 0 && v <= 255)) {
        throw new DatasetError(`resize: pixel value ${v} at index ${i} is not an 8-bit integer (0..255); bilinear resize works on uint8 images`);
      }
      img[i] = v;
    }
  }
  const C = channels;

  // Horizontal pass: h × w → h × outW (uint8 intermediate).
  let cur = img;
  let curW = w;
  if (outW !== w) {
    const k = bilinearCoefficients(w, outW);
    const tmp = new Uint8Array(h * outW * C);
    for (let y = 0; y < h; y++) {
      const rowIn = y * w * C;
      const rowOut = y * outW * C;
      for (let xx = 0; xx < outW; xx++) {
        const xmin = k.start[xx];
        const taps = k.count[xx];
        const base = xx * k.ksize;
        for (let c = 0; c < C; c++) {
          let acc = HALF;
          for (let x = 0; x < taps; x++) acc += cur[rowIn + (xmin + x) * C + c] * k.weights[base + x];
          tmp[rowOut + xx * C + c] = clip8(acc);
        }
      }
    }
    cur = tmp;
    curW = outW;
  }

  // Vertical pass: h × outW → outH × outW.
  if (outH !== h) {
    const k = bilinearCoefficients(h, outH);
    const out = new Uint8Array(outH * curW * C);
    const stride = curW * C;
    for (let yy = 0; yy < outH; yy++) {
      const ymin = k.start[yy];
      const taps = k.count[yy];
      const base = yy * k.ksize;
      const rowOut = yy * stride;
      for (let i = 0; i < stride; i++) {
        let acc = HALF;
        for (let y = 0; y < taps; y++) acc += cur[(ymin + y) * stride + i] * k.weights[base + y];
        out[rowOut + i] = clip8(acc);
      }
    }
    cur = out;
  }
  return cur === img ? img.slice() : cur;
}
