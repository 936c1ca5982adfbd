/**
 * Noisy detection of one optical layer: the input DAC, the optics, the homodyne detector with shot and TIA
 * noise, and the ADC, for every optical pass of a batch. Every tile's partial product is detected (and
 * digitised) on its own, then the tiles are summed electronically — as on a core that runs tile after tile.
 *
 * For one tile and one pass with input column x (the tile's slice), ‖x‖∞ = n:
 *
 *   x̂   = Q_DAC(x / n)                                       (input-quantization; else x / n)
 *   E   = g·σ_max · e^{−iφ_LO} · T · x̂                         (T with all the chip's static imperfections, g the
 *                                                               receiver gain; R + iQ of sim/chip.ts)
 *   out = n · Q_ADC(Re E + ε),  ε ~ N(0, A·(g·σ_max)² + C·|E|²/n²)   (detector-noise; physics/detector-noise.ts:
 *                                                               A = floor variance, C = shot noise per unit power)
 *
 * i.e. σ_max·‖x‖∞·(Re(e^{−iφ_LO}·T·x/‖x‖∞) + noise) in the calibrated units of the electronics. Computed in
 * output units (times n): the tile's [R; Q] (2·rows × cols) multiplies the batch slice as one real matrix
 * product — Re and Im of a complex matrix on real inputs — and noise is added per output afterwards. The
 * ADC's full scale for output row i is the largest value the IDEAL design can produce for inputs in the unit
 * cube, FS_i = n·Σ_j |R_ideal[i, j]|, so a noise-free in-range signal never clips; noise beyond it clips.
 *
 * Randomness: batch row (sample) s draws from its own stream, in the order layer → tile → output row → pass, so
 * a sample's noise does not depend on how the samples are batched or which thread runs them.
 */
import type { Rng } from '../../core/rng.js';
import { matmulInto } from '../../ops/kernels.js';
import type { OpContext } from '../../ops/types.js';
import type { ChipLayer } from '../chip.js';
import { normalZiggurat } from './normal.js';

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
const CHUNK_PASSES = 2048;

/**
 * The inputs of a layer's passes, produced chunk by chunk (so a conv layer's im2col matrix never exists whole):
 * `fill(c0, m, out)` writes X[:, c0 … c0+m) as cols × m row-major. Calls cover whole samples (c0 and m are
 * multiples of the passes per sample).
 */
export interface PassSource {
  readonly cols: number;
  readonly passes: number;
  fill(c0: number, m: number, out: Float64Array): void;
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
  readonly xAll: Float64Array;
  readonly xb: Float64Array;
  readonly out: Float64Array;
  readonly norm: Float64Array;
  readonly invNorm: Float64Array;
}

/** Detects one tile on chunk [c0, c0 + m) of the passes; adds into y (rows × NP). */
function detectTile(
  ti: number, layer: ChipLayer, det: LayerDetection, s: Scratch, m: number, c0: number, NP: number,
  g0: number, g1: number, perGroup: number, streams: readonly Rng[] | null, y: Float64Array, ctx: OpContext,
): void {
  const t = layer.tiles[ti];
  const td = det.tiles[ti];
  const { rows, cols } = t;
  const { xAll, xb, out, norm, invNorm } = s;
  const { inputLevels, adcLevels, noise, shotPerPower } = det;
  // the tile's slice of the chunk, per-pass ‖x‖∞
  norm.fill(0, 0, m);
  for (let k = 0; k < cols; k++) {
    const src = (t.colStart + k) * m;
    const dst = k * m;
    for (let p = 0; p < m; p++) {
      const v = xAll[src + p];
      xb[dst + p] = v;
      const a = v < 0 ? -v : v;
      if (a > norm[p]) norm[p] = a;
    }
  }
  for (let p = 0; p < m; p++) invNorm[p] = norm[p] > 0 ? 1 / norm[p] : 0;
  if (inputLevels > 0) {
    // x̂ = round(x/n·L)/L, sent as n·x̂
    const invLevels = 1 / inputLevels;
    for (let k = 0; k < cols; k++) {
      const dst = k * m;
      for (let p = 0; p < m; p++) xb[dst + p] = Math.round(xb[dst + p] * invNorm[p] * inputLevels) * invLevels * norm[p];
    }
  }
  matmulInto(ctx.simd, noise ? t.stacked! : t.readout, 0, xb, 0, false, out, 0, noise ? 2 * rows : rows, m, cols);
  const floorVar = td.floorVarPerNorm2;
  const fs = td.fullScalePerNorm;
  for (let g = g0; g < g1; g++) {
    const stream = streams === null ? null : streams[perGroup === NP ? 0 : g];
    const p0 = (g - g0) * perGroup;
    const p1 = p0 + perGroup;
    for (let i = 0; i < rows; i++) {
      const ro = i * m;
      const qo = (rows + i) * m;
      const yo = (t.rowStart + i) * NP + c0;
      const fsRow = fs[i];
      const toCode = fsRow > 0 ? adcLevels / fsRow : 0; // code = v / (n·FS_i) · L
      const fromCode = fsRow / adcLevels;
      for (let p = p0; p < p1; p++) {
        const n = norm[p];
        if (n === 0) continue; // a dark pass: nothing is sent, the output is 0
        let v = out[ro + p];
        if (noise) {
          const q = out[qo + p];
          v += Math.sqrt(floorVar * n * n + shotPerPower * (v * v + q * q)) * normalZiggurat(stream!);
        }
        if (adcLevels > 0) {
          let code = Math.round(v * invNorm[p] * toCode);
          if (code > adcLevels) code = adcLevels;
          else if (code < -adcLevels) code = -adcLevels;
          v = code * fromCode * n;
        }
        y[yo + p] += v;
      }
    }
  }
}

/**
 * Y (rows × P, row-major) for the P passes of `source` (sample-major: batch row s owns the passes
 * [s·P/rows, (s+1)·P/rows)). When P is not a multiple of the batch rows, the whole batch uses stream 0.
 */
export function detectLayer(layer: ChipLayer, det: LayerDetection, source: PassSource, batch: DetectionBatch, ctx: OpContext): Float64Array {
  const NP = source.passes;
  const y = new Float64Array(layer.rows * NP);
  if (NP === 0) return y;
  const perGroup = passesPerStream(NP, batch.rows);
  const groups = NP / perGroup;
  const chunkGroups = Math.max(1, Math.floor(CHUNK_PASSES / perGroup));
  const chunkPasses = Math.min(groups, chunkGroups) * perGroup;
  let maxRows = 0;
  let maxCols = 0;
  for (const t of layer.tiles) {
    maxRows = Math.max(maxRows, t.rows);
    maxCols = Math.max(maxCols, t.cols);
  }
  const scratch: Scratch = {
    xAll: new Float64Array(source.cols * chunkPasses),
    xb: new Float64Array(maxCols * chunkPasses),
    out: new Float64Array((det.noise ? 2 : 1) * maxRows * chunkPasses),
    norm: new Float64Array(chunkPasses),
    invNorm: new Float64Array(chunkPasses),
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
