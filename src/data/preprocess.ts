/**
 * Preprocessing of a Dataset into float64 model inputs, in this fixed order:
 *   1. resize (only on uint8 images, with Pillow-exact bilinear resampling, see resize.ts),
 *   2. x · scale + offset,
 *   3. (x − mean[c]) / std[c] per channel.
 * Channel axis of a sample: [H,W] → 1 channel; [C,H,W] (default) or [H,W,C] (channelsLast) → C channels;
 * a flat [D] sample (tabular data) → D channels, i.e. mean/std may be given per feature.
 * A single mean/std value applies to every channel.
 * Also the parsers for the CLI option strings (--resize 32x32, --mean 0.1307,0.2).
 */
import { DatasetError, UsageError } from '../core/errors.js';
import { formatDims, sizeOf } from '../core/tensor.js';
import type { Dataset } from './dataset.js';
import { resizeBilinearU8 } from './resize.js';

export interface PreprocessOptions {
  /** Target [height, width]; the sample must be a uint8 image [H,W], [C,H,W] or [H,W,C] (channelsLast). */
  readonly resize?: readonly [number, number];
  /** Multiplier applied after resizing (default 1), e.g. 1/255. */
  readonly scale?: number;
  /** Added after scaling (default 0). */
  readonly offset?: number;
  /** Per-channel mean subtracted after scale/offset: one value, or one per channel. */
  readonly mean?: readonly number[];
  /** Per-channel standard deviation divided by: one value, or one per channel. */
  readonly std?: readonly number[];
  /** 3-D samples are [H,W,C] instead of [C,H,W]. */
  readonly channelsLast?: boolean;
}

/** Geometry of one sample as seen by the preprocessing. */
interface Layout {
  readonly channels: number;
  /** Index of the channel of flat element i. */
  readonly channelOf: (i: number) => number;
}

function layoutOf(dims: readonly number[], channelsLast: boolean): Layout {
  if (dims.length === 0) return { channels: 1, channelOf: () => 0 };
  if (dims.length === 1) return { channels: dims[0], channelOf: (i) => i };
  if (dims.length === 2) return { channels: 1, channelOf: () => 0 };
  if (channelsLast) {
    const c = dims[dims.length - 1];
    return { channels: c, channelOf: (i) => i % c };
  }
  const c = dims[0];
  const plane = sizeOf(dims) / c;
  return { channels: c, channelOf: (i) => Math.floor(i / plane) };
}

function perChannel(name: string, values: readonly number[] | undefined, channels: number, dims: readonly number[]): number[] | null {
  if (values === undefined) return null;
  if (values.length === 0) throw new UsageError(`--${name} needs at least one value`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new UsageError(`--${name}: ${v} is not a finite number`);
  }
  if (values.length === 1) return new Array<number>(channels).fill(values[0]);
  if (values.length !== channels) {
    throw new UsageError(
      `--${name} has ${values.length} values but the samples ${formatDims(dims, { compact: true })} have ${channels} channel${channels === 1 ? '' : 's'}; give 1 or ${channels} values`,
    );
  }
  return [...values];
}

function resizeAll(ds: Dataset, outH: number, outW: number, channelsLast: boolean): { dims: number[]; data: Float64Array } {
  const dims = ds.sampleDims;
  if (ds.dtype !== 'uint8') {
    throw new DatasetError(
      `${ds.source}: cannot resize ${ds.dtype} data; resize works on 8-bit images (IDX/npy uint8, or integer pixels 0..255)`,
    );
  }
  if (dims.length !== 2 && dims.length !== 3) {
    throw new DatasetError(
      `${ds.source}: cannot resize samples of shape ${formatDims(dims, { compact: true })}; resize needs images [H,W], [C,H,W] or [H,W,C] (with channels-last)`,
    );
  }
  let h: number, w: number, c: number;
  if (dims.length === 2) [h, w, c] = [dims[0], dims[1], 1];
  else if (channelsLast) [h, w, c] = [dims[0], dims[1], dims[2]];
  else [c, h, w] = [dims[0], dims[1], dims[2]];
  const inSize = h * w * c;
  const outSize = outH * outW * c;
  const out = new Float64Array(ds.n * outSize);
  const u8 = new Uint8Array(inSize);
  const plane = new Uint8Array(h * w);
  for (let s = 0; s < ds.n; s++) {
    const off = s * inSize;
    for (let i = 0; i < inSize; i++) u8[i] = ds.data[off + i];
    if (dims.length === 3 && !channelsLast) {
      for (let ch = 0; ch < c; ch++) {
        plane.set(u8.subarray(ch * h * w, (ch + 1) * h * w));
        const r = resizeBilinearU8(plane, h, w, outH, outW, 1);
        out.set(r, s * outSize + ch * outH * outW);
      }
    } else {
      out.set(resizeBilinearU8(u8, h, w, outH, outW, c), s * outSize);
    }
  }
  const newDims = dims.length === 2 ? [outH, outW] : channelsLast ? [outH, outW, c] : [c, outH, outW];
  return { dims: newDims, data: out };
}

/** Applies resize → scale/offset → mean/std; returns a new float64 Dataset (labels and source kept). */
export function preprocess(ds: Dataset, options: PreprocessOptions = {}): Dataset {
  const channelsLast = options.channelsLast ?? false;
  const scale = options.scale ?? 1;
  const offset = options.offset ?? 0;
  if (!Number.isFinite(scale)) throw new UsageError(`--scale: ${scale} is not a finite number`);
  if (!Number.isFinite(offset)) throw new UsageError(`--offset: ${offset} is not a finite number`);

  let dims = [...ds.sampleDims];
  let data: Float64Array;
  if (options.resize) {
    const [oh, ow] = options.resize;
    if (!Number.isInteger(oh) || !Number.isInteger(ow) || oh < 1 || ow < 1) {
      throw new UsageError(`--resize: size ${oh}x${ow} must be two positive integers`);
    }
    const r = resizeAll(ds, oh, ow, channelsLast);
    dims = r.dims;
    data = r.data;
  } else {
    data = Float64Array.from(ds.data);
  }

  const layout = layoutOf(dims, channelsLast);
  const mean = perChannel('mean', options.mean, layout.channels, dims);
  const std = perChannel('std', options.std, layout.channels, dims);
  if (std) {
    for (const s of std) if (s === 0) throw new UsageError('--std: a standard deviation of 0 would divide by zero');
  }
  const per = sizeOf(dims);
  const affine = scale !== 1 || offset !== 0;
  if (affine || mean || std) {
    for (let i = 0; i < data.length; i++) {
      let x = data[i] * scale + offset;
      if (mean || std) {
        const c = layout.channelOf(i % per);
        if (mean) x -= mean[c];
        if (std) x /= std[c];
      }
      data[i] = x;
    }
  }
  return { ...ds, sampleDims: dims, dtype: 'float64', data };
}

/** Parses a --resize value "HxW" (also "H×W", "H,W", or a single "N" for N×N) into [H, W]. */
export function parseResize(text: string): [number, number] {
  const t = text.trim();
  const m = /^(\d+)\s*(?:[xX×,]\s*(\d+))?$/.exec(t);
  if (!m) throw new UsageError(`--resize: '${text}' is not a size; expected HxW, e.g. 32x32`);
  const h = Number(m[1]);
  const w = m[2] === undefined ? h : Number(m[2]);
  if (h < 1 || w < 1 || h > 65535 || w > 65535) {
    throw new UsageError(`--resize: '${text}' is out of range; height and width must be 1..65535`);
  }
  return [h, w];
}

/** Parses a comma-separated list of finite numbers, e.g. "0.1307,0.2" (for --mean, --std ...). */
export function parseNumberList(text: string, option = 'value'): number[] {
  const t = text.trim();
  if (t === '') throw new UsageError(`--${option}: empty value; expected numbers separated by commas, e.g. 0.5,0.5,0.5`);
  return t.split(',').map((part, i) => {
    const p = part.trim();
    const x = p === '' ? NaN : Number(p);
    if (!Number.isFinite(x)) {
      throw new UsageError(
        `--${option}: ${p === '' ? `item ${i + 1} is empty` : `'${p}' is not a number`} in '${text}'; expected numbers separated by commas`,
      );
    }
    return x;
  });
}

/** Parses one finite number (for --scale, --offset); "1/255" is accepted as a fraction. */
export function parseNumber(text: string, option = 'value'): number {
  const t = text.trim();
  const frac = /^([-+]?[\d.eE+-]+)\s*\/\s*([-+]?[\d.eE+-]+)$/.exec(t);
  const x = frac ? Number(frac[1]) / Number(frac[2]) : t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new UsageError(`--${option}: '${text}' is not a number`);
  return x;
}
