/**
 * Noisy detection of one optical layer: the input DAC, the optics, the homodyne detector with shot and TIA
 * noise, and the ADC, for every optical pass of a batch. Every tile's partial product is detected (and
 * digitised) on its own, then the tiles are summed electronically — as on a core that runs tile after tile.
 *
 * For one tile and one pass with input column x (the tile's slice), n = ‖x‖∞:
 *
 *   x̂   = Q_DAC(x / n)                         (input-quantization, signed, dac.bits; else x / n)
 *   E   = g·σ_max·e^{−iφ_LO}·T·(n·x̂)           (output units; T with all of the chip's static imperfections, g the
 *                                               receiver gain: R + iQ of sim/chip.ts applied to what is sent)
 *   out = Q_ADC(Re E + ε),  ε ~ N(0, A·(g·σ_max·n)² + C·|E|²)     (detector-noise, physics/detector-noise.ts:
 *                                               A = floor variance, C = shot-noise variance per unit power, both
 *                                               in field-amplitude units; the ADC spans ±n·FS_i)
 *
 * i.e. σ_max·‖x‖∞·(Re(e^{−iφ_LO}·T·x/‖x‖∞) + noise) in the calibrated units of the electronics. The tile's
 * [R; Q] (2·rows × cols) multiplies the batch slice as one real matrix product — Re and Im of a complex matrix
 * on real inputs — and noise is added per output afterwards. The ADC's full scale for output row i is the
 * largest value the IDEAL design can produce for inputs in the unit cube, FS_i = Σ_j |R_ideal[i, j]| (times n),
 * so a noise-free in-range signal never clips; noise beyond it clips. A dark pass (x = 0) sends no light and
 * reads 0; only lit passes go through the optics.
 *
 * Work is done in chunks of whole samples (about CHUNK_PASSES passes), so a conv layer's im2col matrix never
 * exists whole; the loops run natively (detect-native.ts, AVX2; it also draws the normals itself when the
 * streams are StateRngs (core/rng.ts)) or in WebAssembly SIMD (detect-simd.ts) where available, else in
 * TypeScript here, with bit-identical results.
 *
 * Randomness: batch row (sample) s draws from its own stream, in the order layer → tile → output row → lit pass,
 * so a sample's noise does not depend on how the samples are batched or which thread runs them.
 */
import type { Rng } from '../../core/rng.js';
import { matmulInto } from '../../ops/kernels.js';
import type { OpContext } from '../../ops/types.js';
import type { ChipLayer } from '../chip.js';
import type { DetectKernel } from './detect-simd.js';
import { nativeDetectChunk, packLayer, type NativeDetector } from './detect-native.js';
import { fillNormalsTable } from './normal.js';
import { sharedStates } from './streams.js';

/** Per-tile constants of the noisy readout. */
export interface TileDetection {
  /** Noise-floor variance in output units per ‖x‖∞²: A·(g·σ_max)². */
  readonly floorVarPerNorm2: number;
  /** ADC full scale of each output row per unit ‖x‖∞: Σ_j |R_ideal[i, j]| (length rows). */
  readonly fullScalePerNorm: Float64Array;
}

/** Per-layer settings of the noisy readout (one entry per tile of the layer). */
export interface LayerDetection {
  readonly tiles: readonly TileDetection[];
  /** Input DAC levels each side of 0 (quantize.ts signedLevels); 0 = no input quantisation. */
  readonly inputLevels: number;
  /** ADC levels each side of 0; 0 = no ADC. */
  readonly adcLevels: number;
  /** Detector noise on (the chip's tiles then carry `stacked` = [R; Q]). */
  readonly noise: boolean;
  /** C: shot-noise variance per unit detected power (amplitude units). */
  readonly shotPerPower: number;
}

/** The samples of the batch being run. */
export interface DetectionBatch {
  /** One noise stream per batch row, or null without detector noise. */
  readonly streams: readonly Rng[] | null;
  /** Rows of the batch tensor (samples, including padding rows). */
  readonly rows: number;
}

/** Passes per chunk of work (whole samples): keeps the slice, [R; Q]·slice and the outputs in cache. */
const CHUNK_PASSES = 1024;

/**
 * The inputs of a layer's passes, produced chunk by chunk (so a conv layer's im2col matrix never exists whole):
 * `fill(c0, m, out)` writes X[:, c0 … c0+m) as cols × m row-major. Calls cover whole samples (c0 and m are
 * multiples of the passes per sample).
 */
export interface PassSource {
  readonly cols: number;
  readonly passes: number;
  fill(c0: number, m: number, out: Float64Array): void;
  /** A convolution's passes as an im2col plan (optional; `fill` gives the same values). */
  readonly im2col?: Im2colPlan;
}

/**
 * A convolution's im2col, for the SIMD path to build X chunks itself: X[r, n·P + off + e] = data[n·image + src +
 * e·stride] for every segment (r, off, src, count) of one image (zero elsewhere).
 */
export interface Im2colPlan {
  /** The layer input, images of `image` values each. */
  readonly data: Float64Array;
  readonly image: number;
  /** Passes (output positions) per image. */
  readonly passesPerImage: number;
  /** Segments of one image as (r, off, src, count) quadruples. */
  readonly segments: Int32Array;
  /** Input stride between consecutive passes of a segment, elements. */
  readonly stride: number;
}

/** A PassSource over a materialised X (cols × passes, row-major). */
export function matrixSource(x: Float64Array, cols: number, passes: number): PassSource {
  return {
    cols,
    passes,
    fill(c0, m, out) {
      for (let k = 0; k < cols; k++) out.set(x.subarray(k * passes + c0, k * passes + c0 + m), k * m);
    },
  };
}

/** Whether a layer needs the per-pass detection path at all (else the ideal R·x is exact). */
export function isDetectionActive(det: LayerDetection | undefined): det is LayerDetection {
  return det !== undefined && (det.noise || det.inputLevels > 0 || det.adcLevels > 0);
}

/** Passes per noise stream: the passes of one batch row, or all of them when they do not divide evenly. */
export function passesPerStream(passes: number, batchRows: number): number {
  return batchRows > 0 && passes % batchRows === 0 ? passes / batchRows : passes;
}

/** Scratch buffers of one chunk. */
interface Scratch {
  /** X of the chunk, all of the layer's columns (cols × m). */
  readonly xAll: Float64Array;
  /** Per pass of the chunk: ‖x‖∞ of the tile's slice. */
  readonly norm: Float64Array;
  /** The lit passes (‖x‖∞ > 0) of the chunk, ascending — only they are sent through the optics — and per lit
   * pass: ‖x‖∞, 1/‖x‖∞, and the input DAC's scale to codes and back. */
  readonly lit: Int32Array;
  readonly litNorm: Float64Array;
  readonly litInv: Float64Array;
  readonly litToCode: Float64Array;
  readonly litFromCode: Float64Array;
  /** Without WebAssembly: the compacted inputs (cols × lit) and products (2·rows × lit). */
  readonly xb: Float64Array;
  readonly out: Float64Array;
  /** Standard normals of one sample (rows × its lit passes). */
  readonly z: Float64Array;
}

/** 1.5·2^52: adding and subtracting it rounds a double with |x| < 2^51 to an integer (ties to even), no call. */
const ROUND_MAGIC = 6755399441055744;

/** Detects one tile on chunk [c0, c0 + m) of the passes; adds into y (rows × NP). */
function detectTile(
  ti: number, layer: ChipLayer, det: LayerDetection, s: Scratch, m: number, c0: number, NP: number,
  g0: number, g1: number, perGroup: number, streams: readonly Rng[] | null, y: Float64Array, ctx: OpContext,
): void {
  const t = layer.tiles[ti];
  const td = det.tiles[ti];
  const rows = t.rows;
  const cols = t.cols;
  const { xAll, norm, lit, litNorm, litInv, litToCode, litFromCode, z } = s;
  const inputLevels = det.inputLevels;
  const adcLevels = det.adcLevels;
  const noise = det.noise;
  const shotPerPower = det.shotPerPower;
  const base = t.colStart * m; // the tile's rows of xAll: a contiguous cols × m block
  // per-pass ‖x‖∞ of the tile's slice; dark passes (all zero) send nothing and read 0
  norm.fill(0, 0, m);
  let k = 0;
  for (; k + 1 < cols; k += 2) {
    const s0 = base + k * m;
    const s1 = s0 + m;
    for (let p = 0; p < m; p++) {
      const a0 = Math.abs(xAll[s0 + p]);
      const a1 = Math.abs(xAll[s1 + p]);
      const a = a0 > a1 ? a0 : a1;
      const cur = norm[p];
      norm[p] = a > cur ? a : cur;
    }
  }
  if (k < cols) {
    const s0 = base + k * m;
    for (let p = 0; p < m; p++) {
      const a = Math.abs(xAll[s0 + p]);
      const cur = norm[p];
      norm[p] = a > cur ? a : cur;
    }
  }
  // compact the lit passes: their index, ‖x‖∞ and 1/‖x‖∞
  let nLit = 0;
  for (let p = 0; p < m; p++) {
    const n = norm[p];
    if (n > 0) {
      litNorm[nLit] = n;
      litInv[nLit] = 1 / n;
      lit[nLit++] = p;
    }
  }
  if (nLit === 0) return;
  const allLit = nLit === m; // then lit[j] = j
  // the lit passes' inputs, as the modulators send them (n·x̂, x̂ = round(x/n·L)/L with the input DAC),
  // written straight into the product's B (cols × ld)
  const M = noise ? 2 * rows : rows;
  const ws = ctx.simd?.prepare(M, nLit, cols);
  const b = ws ? ws.b : s.xb;
  const ld = ws ? ws.Np : nLit;
  if (inputLevels > 0) {
    const invLevels = 1 / inputLevels;
    for (let j = 0; j < nLit; j++) {
      litToCode[j] = litInv[j] * inputLevels;
      litFromCode[j] = litNorm[j] * invLevels;
    }
    for (let kk = 0; kk < cols; kk++) {
      const src = base + kk * m;
      const dst = kk * ld;
      if (allLit) {
        for (let j = 0; j < nLit; j++) b[dst + j] = (xAll[src + j] * litToCode[j] + ROUND_MAGIC - ROUND_MAGIC) * litFromCode[j];
      } else {
        for (let j = 0; j < nLit; j++) b[dst + j] = (xAll[src + lit[j]] * litToCode[j] + ROUND_MAGIC - ROUND_MAGIC) * litFromCode[j];
      }
    }
  } else {
    for (let kk = 0; kk < cols; kk++) {
      const src = base + kk * m;
      const dst = kk * ld;
      if (allLit) b.set(xAll.subarray(src, src + m), dst);
      else for (let j = 0; j < nLit; j++) b[dst + j] = xAll[src + lit[j]];
    }
  }
  const A = noise ? t.stacked! : t.readout;
  let c: Float64Array;
  if (ws) {
    ws.a.set(A);
    ws.run();
    c = ws.c;
  } else {
    matmulInto(undefined, A, 0, b, 0, false, s.out, 0, M, nLit, cols);
    c = s.out;
  }
  const floorVar = td.floorVarPerNorm2;
  const fs = td.fullScalePerNorm;
  let j0 = 0;
  for (let g = g0; g < g1; g++) {
    // this sample's lit passes are lit[j0 … j1)
    const pEnd = (g - g0 + 1) * perGroup;
    let j1 = j0;
    while (j1 < nLit && lit[j1] < pEnd) j1++;
    const count = j1 - j0;
    if (count === 0) continue;
    if (noise) fillNormalsTable(streams![perGroup === NP ? 0 : g], z, rows * count); // (row, lit pass) order
    for (let i = 0; i < rows; i++) {
      const ro = i * ld;
      const qo = (rows + i) * ld;
      const yo = (t.rowStart + i) * NP + c0;
      const zo = i * count - j0;
      const fsRow = fs[i];
      const toCode = fsRow > 0 ? adcLevels / fsRow : 0; // code = v / (n·FS_i) · L
      const fromCode = adcLevels > 0 ? fsRow / adcLevels : 0;
      for (let j = j0; j < j1; j++) {
        const n = litNorm[j];
        let v = c[ro + j];
        if (noise) {
          const q = c[qo + j];
          v += Math.sqrt(floorVar * n * n + shotPerPower * (v * v + q * q)) * z[zo + j];
        }
        if (adcLevels > 0) {
          let code = v * litInv[j] * toCode + ROUND_MAGIC - ROUND_MAGIC; // clipped below, so |code| ≥ 2^51 is harmless
          code = code > adcLevels ? adcLevels : code < -adcLevels ? -adcLevels : code;
          v = code * fromCode * n;
        }
        y[yo + lit[j]] += v;
      }
    }
    j0 = j1;
  }
}

/** 16-byte aligned regions of the SIMD kernel's memory, in doubles (i32 arrays take as many bytes). */
function simdLayout(sizes: Record<string, number>): { offsets: Record<string, number>; bytes: number } {
  const offsets: Record<string, number> = {};
  let at = 0;
  for (const [name, doubles] of Object.entries(sizes)) {
    offsets[name] = at;
    at += Math.ceil((doubles * 8) / 16) * 16;
  }
  return { offsets, bytes: at };
}

/** detectLayer on the WebAssembly SIMD kernels (detect-simd.ts): the same arithmetic in the same order. */
function detectLayerSimd(
  kernel: DetectKernel, layer: ChipLayer, det: LayerDetection, source: PassSource, batch: DetectionBatch,
  y: Float64Array, NP: number, perGroup: number, groups: number, chunkGroups: number, chunkPasses: number, maxRows: number, maxCols: number,
): void {
  const pad = chunkPasses + 4;
  const M2 = (det.noise ? 2 : 1) * maxRows;
  const conv = source.im2col && source.im2col.passesPerImage === perGroup ? source.im2col : undefined;
  const { offsets: o, bytes } = simdLayout({
    src: conv ? chunkGroups * conv.image : 0,
    segs: conv ? conv.segments.length / 2 + 1 : 0,
    x: source.cols * chunkPasses, norm: pad, lit: pad / 2 + 1, lnorm: pad, linv: pad, lto: pad, lfrom: pad, gs: (chunkGroups + 2) / 2 + 1,
    a: M2 * maxCols, b: maxCols * pad, c: M2 * pad, z: maxRows * pad, rto: maxRows + 2, rfrom: maxRows + 2, yc: layer.rows * chunkPasses,
  });
  kernel.ensure(bytes);
  const buf = kernel.memory.buffer;
  const f64 = (name: string, n: number): Float64Array => new Float64Array(buf, o[name], n);
  const xV = f64('x', source.cols * chunkPasses);
  const srcV = conv ? f64('src', chunkGroups * conv.image) : xV;
  if (conv) new Int32Array(buf, o.segs, conv.segments.length).set(conv.segments);
  const gsV = new Int32Array(buf, o.gs, chunkGroups + 2);
  const aV = f64('a', M2 * maxCols);
  const zV = f64('z', maxRows * pad);
  const rtoV = f64('rto', maxRows);
  const rfromV = f64('rfrom', maxRows);
  const ycV = f64('yc', layer.rows * chunkPasses);
  const { inputLevels, adcLevels, noise } = det;
  const invLevels = inputLevels > 0 ? 1 / inputLevels : 0;
  const streams = batch.streams;
  for (let g0 = 0; g0 < groups; g0 += chunkGroups) {
    const g1 = Math.min(groups, g0 + chunkGroups);
    const c0 = g0 * perGroup;
    const m = (g1 - g0) * perGroup;
    const nG = g1 - g0;
    if (conv) {
      // the chunk's images into the kernel's memory, then its im2col there
      xV.fill(0, 0, source.cols * m);
      srcV.set(conv.data.subarray(g0 * conv.image, g1 * conv.image));
      for (let q = 0; q < nG; q++) kernel.im2col(o.segs, conv.segments.length / 4, o.src + q * conv.image * 8, o.x + q * perGroup * 8, m, conv.stride * 8);
    } else {
      source.fill(c0, m, xV);
    }
    ycV.fill(0, 0, layer.rows * m);
    for (let ti = 0; ti < layer.tiles.length; ti++) {
      const t = layer.tiles[ti];
      const td = det.tiles[ti];
      const { rows, cols } = t;
      const pX = o.x + t.colStart * m * 8;
      kernel.norms(pX, m, cols, o.norm);
      const nLit = kernel.compact(o.norm, m, perGroup, o.lit, o.lnorm, o.linv, o.lto, o.lfrom, o.gs, inputLevels, invLevels, inputLevels > 0 ? 1 : 0);
      if (nLit === 0) continue;
      const ldB = (nLit + 3) & ~3; // the product works on 4 columns at a time
      kernel.gather(pX, m, cols, o.lit, nLit, o.lto, o.lfrom, o.b, ldB, inputLevels > 0 ? 1 : 0);
      const M = noise ? 2 * rows : rows;
      aV.set(noise ? t.stacked! : t.readout);
      kernel.matmul(o.a, o.b, o.c, M, ldB, cols);
      if (noise) {
        for (let gi = 0; gi < nG; gi++) {
          const count = gsV[gi + 1] - gsV[gi];
          if (count > 0) fillNormalsTable(streams![perGroup === NP ? 0 : g0 + gi], zV, rows * count, rows * gsV[gi]);
        }
      }
      for (let i = 0; i < rows; i++) {
        const fsRow = td.fullScalePerNorm[i];
        rtoV[i] = fsRow > 0 ? adcLevels / fsRow : 0;
        rfromV[i] = adcLevels > 0 ? fsRow / adcLevels : 0;
      }
      kernel.detect(
        o.c, ldB, rows, o.gs, nG, o.lnorm, o.linv, o.lit, o.z, o.yc, t.rowStart, m,
        td.floorVarPerNorm2, det.shotPerPower, adcLevels, o.rto, o.rfrom, noise ? 1 : 0, adcLevels > 0 ? 1 : 0, nLit === m ? 1 : 0,
      );
    }
    for (let r = 0; r < layer.rows; r++) y.set(ycV.subarray(r * m, (r + 1) * m), r * NP + c0);
  }
}

/** Per-layer constants of the native kernel: floorVarPerNorm2 per tile and every tile's full scales, packed. */
const nativeConstants = new WeakMap<LayerDetection, { readonly floorVar: Float64Array; readonly fullScale: Float64Array }>();

/**
 * Where detectLayerInto writes: output row r of pass p of sample (group) g at out[g·ldGroup + r·ldRow + p − g·P_g]
 * (P_g = passes per sample). detectLayer's rows × passes matrix is { ldRow: passes, ldGroup: P_g }; a
 * convolution's N × rows × positions tensor is { ldRow: P_g, ldGroup: rows·P_g }.
 */
export interface OutputLayout {
  readonly ldRow: number;
  readonly ldGroup: number;
}

/** detectLayer on the native kernel (detect-native.ts): the same arithmetic in the same order. */
function detectLayerNative(
  nd: NativeDetector, layer: ChipLayer, det: LayerDetection, source: PassSource, states: { readonly words: Int32Array; readonly first: number } | null,
  y: Float64Array, layout: OutputLayout, perGroup: number, groups: number, chunkGroups: number, chunkPasses: number, bias?: Float64Array,
): void {
  const packed = packLayer(nd, layer, det.noise);
  let consts = nativeConstants.get(det);
  if (!consts) {
    const fullScale = new Float64Array(det.tiles.reduce((a, t) => a + t.fullScalePerNorm.length, 0));
    let at = 0;
    for (const t of det.tiles) {
      fullScale.set(t.fullScalePerNorm, at);
      at += t.fullScalePerNorm.length;
    }
    consts = { floorVar: Float64Array.from(det.tiles, (t) => t.floorVarPerNorm2), fullScale };
    nativeConstants.set(det, consts);
  }
  const im = source.im2col && source.im2col.passesPerImage === perGroup ? source.im2col : undefined;
  if (!im && nd.x.length < source.cols * chunkPasses) nd.x = new Float64Array(source.cols * chunkPasses);
  for (let g0 = 0; g0 < groups; g0 += chunkGroups) {
    const g1 = Math.min(groups, g0 + chunkGroups);
    const m = (g1 - g0) * perGroup;
    if (!im) source.fill(g0 * perGroup, m, nd.x);
    nativeDetectChunk(nd, packed, consts.floorVar, consts.fullScale, det.shotPerPower, states ? states.words : null, im ? im.data : nd.x, y, {
      m, perGroup, groups: g1 - g0, cols: source.cols, noise: det.noise, inputLevels: det.inputLevels, adcLevels: det.adcLevels,
      rng0: (states ? states.first : 0) + g0, ldRow: layout.ldRow, ldGroup: layout.ldGroup, yOff: g0 * layout.ldGroup,
      conv: im ? { image: im.image, image0: g0, stride: im.stride, segments: im.segments } : null,
      ...(bias ? { bias } : {}),
    });
  }
}

/** Chunking of a layer's passes: passes per stream (group), groups, groups per chunk, passes per chunk. */
function chunking(NP: number, batchRows: number): { perGroup: number; groups: number; chunkGroups: number; chunkPasses: number } {
  const perGroup = passesPerStream(NP, batchRows);
  const groups = NP / perGroup;
  const chunkGroups = Math.max(1, Math.floor(CHUNK_PASSES / perGroup));
  return { perGroup, groups, chunkGroups, chunkPasses: Math.min(groups, chunkGroups) * perGroup };
}

/** The streams' shared states for the native kernel: null without noise; undefined when it cannot draw them. */
function nativeStates(det: LayerDetection, batch: DetectionBatch): { readonly words: Int32Array; readonly first: number } | null | undefined {
  if (!det.noise) return null;
  return (batch.streams ? sharedStates(batch.streams) : null) ?? undefined;
}

/**
 * detectLayer writing its outputs straight into `out` with `layout` (adding to what is there; with `bias`, one
 * value per output row, setting them to the tiles' sum + bias), on the native kernel only: returns false,
 * leaving `out` untouched, when it cannot run (no kernel, streams that are not StateRngs (core/rng.ts), or a layer
 * whose passes are not whole samples).
 */
export function detectLayerInto(
  layer: ChipLayer, det: LayerDetection, source: PassSource, batch: DetectionBatch, native: NativeDetector | null, out: Float64Array, layout: OutputLayout,
  bias?: Float64Array,
): boolean {
  const NP = source.passes;
  if (!native || NP === 0 || batch.rows <= 0 || NP % batch.rows !== 0) return false;
  const states = nativeStates(det, batch);
  if (states === undefined) return false;
  const c = chunking(NP, batch.rows);
  if (bias && bias.length !== layer.rows) return false;
  detectLayerNative(native, layer, det, source, states, out, layout, c.perGroup, c.groups, c.chunkGroups, c.chunkPasses, bias);
  return true;
}

/**
 * Y (rows × P, row-major) for the P passes of `source` (sample-major: batch row s owns the passes
 * [s·P/rows, (s+1)·P/rows)). When P is not a multiple of the batch rows, the whole batch uses stream 0.
 * With `native` the native kernel runs the chunks (when the streams are StateRngs of one array, or there is
 * no detector noise), else with `kernel` the WebAssembly SIMD kernels run the loops (bit-identical results).
 */
export function detectLayer(
  layer: ChipLayer, det: LayerDetection, source: PassSource, batch: DetectionBatch, ctx: OpContext, kernel: DetectKernel | null = null,
  native: NativeDetector | null = null,
): Float64Array {
  const NP = source.passes;
  const y = new Float64Array(layer.rows * NP);
  if (NP === 0) return y;
  const { perGroup, groups, chunkGroups, chunkPasses } = chunking(NP, batch.rows);
  let maxRows = 0;
  let maxCols = 0;
  for (const t of layer.tiles) {
    maxRows = Math.max(maxRows, t.rows);
    maxCols = Math.max(maxCols, t.cols);
  }
  if (native) {
    const states = nativeStates(det, batch);
    if (states !== undefined) {
      detectLayerNative(native, layer, det, source, states, y, { ldRow: NP, ldGroup: perGroup }, perGroup, groups, chunkGroups, chunkPasses);
      return y;
    }
  }
  if (kernel) {
    detectLayerSimd(kernel, layer, det, source, batch, y, NP, perGroup, groups, chunkGroups, chunkPasses, maxRows, maxCols);
    return y;
  }
  const scratch: Scratch = {
    xAll: new Float64Array(source.cols * chunkPasses),
    norm: new Float64Array(chunkPasses),
    lit: new Int32Array(chunkPasses),
    litNorm: new Float64Array(chunkPasses),
    litInv: new Float64Array(chunkPasses),
    litToCode: new Float64Array(chunkPasses),
    litFromCode: new Float64Array(chunkPasses),
    xb: new Float64Array(ctx.simd ? 0 : maxCols * chunkPasses),
    out: new Float64Array(ctx.simd ? 0 : (det.noise ? 2 : 1) * maxRows * chunkPasses),
    z: new Float64Array(det.noise ? maxRows * perGroup : 0),
  };
  for (let g0 = 0; g0 < groups; g0 += chunkGroups) {
    const g1 = Math.min(groups, g0 + chunkGroups);
    const c0 = g0 * perGroup;
    const m = (g1 - g0) * perGroup;
    source.fill(c0, m, scratch.xAll);
    for (let ti = 0; ti < layer.tiles.length; ti++) detectTile(ti, layer, det, scratch, m, c0, NP, g0, g1, perGroup, batch.streams, y, ctx);
  }
  return y;
}
