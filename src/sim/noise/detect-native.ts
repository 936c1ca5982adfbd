/**
 * The noisy detection path (detection.ts) on the native addon (native/mesh_kernels.c `detectChunk`, AVX2): one
 * call per chunk of passes runs every tile of the layer — ‖x‖∞ per pass, the input DAC, [R; Q]·X, detector
 * noise, the ADC — in exactly the order and arithmetic of detection.ts's TypeScript loops (sums over k from 0,
 * no FMA, round-half-even), so the three paths (TypeScript, WebAssembly, native) give bit-identical outputs
 * (test/sim/noise-montecarlo.test.ts).
 *
 * The detector-noise normals are drawn inside the kernel from the samples' stream states (streams.ts: the
 * streams of a batch share one Int32Array of xoshiro128** states, 4 words each), with the table of
 * normal.ts's fillNormalsTable, two draws per 32-bit word, per (tile, sample) in (row, lit pass) order — the
 * same numbers fillNormalsTable gives (the kernel reads only the table's lower half, 256 KB, and negates it for
 * the upper: the table is exactly antisymmetric, checked here once). Streams that are not StateRngs (sharedStates() null) cannot be drawn
 * natively: detection.ts then uses the WebAssembly or TypeScript path.
 *
 * Per layer of a chip the kernel reads one packed copy of its tiles ([R; Q] or R, row-major, tile after tile),
 * built on first use and kept per ChipLayer object (a recomposed chip has new layers).
 */
import { loadNativeAddon, type NativeAddon } from '../kernels/native.js';
import type { ChipLayer } from '../chip.js';
import { normalTable } from './normal.js';

/** Header slots of detectChunk's `ints` argument (native/mesh_kernels.c DH_*). */
const H = {
  M: 0, PER: 1, GROUPS: 2, TILES: 3, COLS: 4, NOISE: 5, INPUT_LEVELS: 6, ADC_LEVELS: 7, RNG0: 8, LDROW: 9, YOFF: 10,
  MODE: 11, IMAGE: 12, IMAGE0: 13, STRIDE: 14, NSEGS: 15, LDG: 16, BIAS_ROWS: 17, SIZE: 18,
} as const;

/** The calling convention of detectChunk this file speaks (native/mesh_kernels.c DETECT_CHUNK_VERSION). */
const DETECT_CHUNK_VERSION = 1;

/** The native detection kernel of one thread. */
export interface NativeDetector {
  readonly addon: NativeAddon & { detectChunk: NonNullable<NativeAddon['detectChunk']> };
  /** detectChunk's header (reused). */
  readonly ints: Int32Array;
  readonly table: Float64Array;
  /** Packed tiles per chip layer (and per noise flag). */
  readonly packed: WeakMap<ChipLayer, PackedLayer>;
  /** A reusable X buffer for layers whose passes are not a convolution's. */
  x: Float64Array;
}

export interface PackedLayer {
  readonly noise: boolean;
  /** rowStart, colStart, rows, cols per tile. */
  readonly tiles: Int32Array;
  readonly mats: Float64Array;
}

/** The native detector, or null when the addon (or a detectChunk of this version, on a stale build) is unavailable. */
export function createNativeDetector(): NativeDetector | null {
  const load = loadNativeAddon();
  if (load.addon === null || typeof load.addon.detectChunk !== 'function' || load.addon.detectChunkVersion !== DETECT_CHUNK_VERSION) return null;
  // the kernel reads the table's lower half only and negates for the upper (antisymmetric by construction)
  const table = normalTable();
  for (let i = 0; i < table.length / 2; i++) if (!Object.is(table[i], -table[table.length - 1 - i])) return null;
  return {
    addon: load.addon as NativeDetector['addon'],
    ints: new Int32Array(H.SIZE),
    table,
    packed: new WeakMap(),
    x: new Float64Array(0),
  };
}

/** The tiles of a chip layer packed for the kernel ([R; Q] with noise, else R). */
export function packLayer(nd: NativeDetector, layer: ChipLayer, noise: boolean): PackedLayer {
  const have = nd.packed.get(layer);
  if (have && have.noise === noise) return have;
  const tiles = new Int32Array(4 * layer.tiles.length);
  let size = 0;
  layer.tiles.forEach((t, i) => {
    tiles.set([t.rowStart, t.colStart, t.rows, t.cols], 4 * i);
    size += (noise ? 2 : 1) * t.rows * t.cols;
  });
  const mats = new Float64Array(size);
  let at = 0;
  for (const t of layer.tiles) {
    const a = noise ? t.stacked! : t.readout;
    mats.set(a.subarray(0, (noise ? 2 : 1) * t.rows * t.cols), at);
    at += (noise ? 2 : 1) * t.rows * t.cols;
  }
  const packed = { noise, tiles, mats };
  nd.packed.set(layer, packed);
  return packed;
}

/** Arguments of one detectChunk call (see native/mesh_kernels.c). */
export interface NativeChunk {
  readonly m: number;
  readonly perGroup: number;
  readonly groups: number;
  readonly cols: number;
  readonly noise: boolean;
  readonly inputLevels: number;
  readonly adcLevels: number;
  /** Index (in `rng`, 4 words each) of the state of the chunk's first group. */
  readonly rng0: number;
  /** Output of row r, pass p of the chunk's group g at y[yOff + g·ldGroup + r·ldRow + p − g·perGroup]. */
  readonly ldRow: number;
  readonly ldGroup: number;
  readonly yOff: number;
  /** null: `src` is X (cols × m); else the convolution's images, from image `image0`, with its im2col segments. */
  readonly conv: { readonly image: number; readonly image0: number; readonly stride: number; readonly segments: Int32Array } | null;
  /** Per output row: the chunk's outputs of those rows are SET to Σ tiles + bias[r] (absent: added into y). */
  readonly bias?: Float64Array;
}

const NO_SEGMENTS = new Int32Array(0);
const NO_STATES = new Int32Array(0);
const NO_BIAS = new Float64Array(0);

/** Runs detectChunk: adds the chunk's detected outputs into y. */
export function nativeDetectChunk(
  nd: NativeDetector, packed: PackedLayer, floorVar: Float64Array, fullScale: Float64Array, shot: number,
  rng: Int32Array | null, src: Float64Array, y: Float64Array, c: NativeChunk,
): void {
  const h = nd.ints;
  h[H.M] = c.m;
  h[H.PER] = c.perGroup;
  h[H.GROUPS] = c.groups;
  h[H.TILES] = packed.tiles.length / 4;
  h[H.COLS] = c.cols;
  h[H.NOISE] = c.noise ? 1 : 0;
  h[H.INPUT_LEVELS] = c.inputLevels;
  h[H.ADC_LEVELS] = c.adcLevels;
  h[H.RNG0] = c.rng0;
  h[H.LDROW] = c.ldRow;
  h[H.YOFF] = c.yOff;
  h[H.LDG] = c.ldGroup;
  h[H.BIAS_ROWS] = c.bias ? c.bias.length : 0;
  h[H.MODE] = c.conv ? 1 : 0;
  h[H.IMAGE] = c.conv ? c.conv.image : 0;
  h[H.IMAGE0] = c.conv ? c.conv.image0 : 0;
  h[H.STRIDE] = c.conv ? c.conv.stride : 0;
  h[H.NSEGS] = c.conv ? c.conv.segments.length / 4 : 0;
  nd.addon.detectChunk(src, h, packed.tiles, packed.mats, floorVar, fullScale, shot, rng ?? NO_STATES, nd.table, y, c.conv ? c.conv.segments : NO_SEGMENTS, c.bias ?? NO_BIAS);
}
