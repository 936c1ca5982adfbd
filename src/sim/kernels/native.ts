/**
 * The native kernels (native/mesh_kernels.c: an N-API addon in C with AVX2, built at install time by
 * scripts/build-native.mjs into build/mesh_kernels.node) and the runner the 'native' mesh propagator uses. The
 * addon also holds the noisy detection kernel (`detectChunk`, used by sim/noise/detect-native.ts).
 *
 * The addon is optional: `loadNativeAddon()` returns `{ addon: null, reason }` when the file is missing (not
 * built: no C compiler, non-x86-64 platform, `npm ci --ignore-scripts`…), fails to load, or the CPU lacks
 * AVX2/FMA; the sim then uses WebAssembly SIMD (kernels/mzi-simd.ts). FOUNDRY_NATIVE_ADDON overrides the path
 * (tests use a missing path to exercise the fallback).
 *
 * Two ways to run a batch (`NativeStrategy`):
 *  - 'mzi': MZI by MZI on cache-sized column blocks of the batch; the arithmetic of kernels/ts-kernels.ts in
 *    the same order without FMA, so bit-identical to the TypeScript (and wasm) backends.
 *  - 'compose': the mesh's transfer matrix T (N × N, without the output screen) is composed MZI by MZI from
 *    the identity, then X ← T·X by a complex GEMM (FMA). Equal to 'mzi' within rounding (O(N·eps)). The
 *    last T is cached per runner, keyed by the kernel's arrays and validated by a hash of their contents,
 *    so later batches through the same kernel only pay the GEMM.
 *  - 'auto' (default): whichever the cost model below predicts faster for (N, B, K, form).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The functions exported by build/mesh_kernels.node (argument checks are done in C). */
export interface NativeAddon {
  /** 'avx2+fma' when the CPU supports the kernels, else ''. */
  readonly simd: string;
  /** MZI by MZI, in place on the row-major N × B batch; form 0 = general (8 coefficients), 1 = phase-real (6). */
  applyMzis(form: 0 | 1, re: Float64Array, im: Float64Array, N: number, B: number, tops: Int32Array, coeffs: Float64Array): void;
  /** Y = A·X (A M × K, X K × N, split complex row-major); Y may be X itself. */
  cgemm(ar: Float64Array, ai: Float64Array, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, M: number, K: number, N: number): void;
  /** 52-bit hash of the contents of both arrays. */
  fingerprint(tops: Int32Array, coeffs: Float64Array): number;
  /**
   * One chunk of a layer's noisy detection (sim/noise/detect-native.ts has the arguments); absent from builds
   * older than it (the detection then runs in WebAssembly).
   */
  /** detectChunk's calling convention (sim/noise/detect-native.ts requires its own). */
  readonly detectChunkVersion?: number;
  detectChunk?(
    src: Float64Array, ints: Int32Array, tiles: Int32Array, mats: Float64Array, floorVar: Float64Array, fullScale: Float64Array,
    shot: number, rng: Int32Array, table: Float64Array, y: Float64Array, segments: Int32Array, bias: Float64Array,
  ): void;
}

export type NativeLoad = { readonly addon: NativeAddon; readonly reason?: undefined } | { readonly addon: null; readonly reason: string };

/** Where the addon is looked for: $FOUNDRY_NATIVE_ADDON, else build/mesh_kernels.node at the package root. */
export function nativeAddonPath(): string {
  const env = process.env.FOUNDRY_NATIVE_ADDON;
  // src/sim/kernels/native.ts and dist/sim/kernels/native.js are both three levels below the package root
  return env !== undefined && env !== '' ? env : fileURLToPath(new URL('../../../build/mesh_kernels.node', import.meta.url));
}

const loads = new Map<string, NativeLoad>();

/** Loads (once per path) and checks the addon. Never throws. */
export function loadNativeAddon(path: string = nativeAddonPath()): NativeLoad {
  let load = loads.get(path);
  if (load === undefined) {
    load = tryLoad(path);
    loads.set(path, load);
  }
  return load;
}

function tryLoad(path: string): NativeLoad {
  let mod: Partial<NativeAddon>;
  try {
    mod = createRequire(import.meta.url)(path) as Partial<NativeAddon>;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'MODULE_NOT_FOUND' ? `${path} not found (not built; run npm run build:native)` : `cannot load ${path}: ${(e as Error).message.split('\n')[0]}`;
    return { addon: null, reason: why };
  }
  if (typeof mod.applyMzis !== 'function' || typeof mod.cgemm !== 'function' || typeof mod.fingerprint !== 'function') {
    return { addon: null, reason: `${path} does not export the expected functions (stale build? run npm run build:native)` };
  }
  if (mod.simd !== 'avx2+fma') return { addon: null, reason: 'this CPU does not support AVX2 and FMA' };
  return { addon: mod as NativeAddon };
}

export type NativeStrategy = 'auto' | 'mzi' | 'compose';

export interface NativeRunner {
  /**
   * Applies the MZIs (upper modes `tops`, coefficients `coeffs`: 8 per MZI for 'general', 6 for 'phase-real')
   * in order to the N × B batch (re/im row-major), in place. Returns the strategy used.
   */
  applyMzis(form: 'general' | 'phase-real', re: Float64Array, im: Float64Array, N: number, B: number, tops: Int32Array, coeffs: Float64Array): 'mzi' | 'compose';
}

/**
 * Cost model, nanoseconds, fitted on a 2-core AMD EPYC (Zen 3, AVX2) at N = 64 … 512: one MZI on one column
 * (both forms), one complex multiply-add of the GEMM, and the fraction of the MZI × column work the
 * composition from the identity actually does (rows still zero are skipped).
 */
const NS_PER_MZI_COLUMN = { 'phase-real': 0.62, general: 0.82 } as const;
const NS_PER_GEMM_CMAC = 0.2;
const COMPOSE_FRACTION = 0.8;
/** 'auto' composes only when predicted at least this much faster (else keeps the bit-identical MZI path). */
const COMPOSE_MARGIN = 0.95;

interface ComposedCache {
  readonly tops: Int32Array;
  readonly coeffs: Float64Array;
  readonly form: 'general' | 'phase-real';
  readonly N: number;
  readonly hash: number;
  readonly tr: Float64Array;
  readonly ti: Float64Array;
}

/** A runner over a loaded addon. It keeps the last composed transfer matrix (2N² doubles). */
export function createNativeRunner(addon: NativeAddon, strategy: NativeStrategy = 'auto'): NativeRunner {
  let cache: ComposedCache | null = null;
  const cached = (form: 'general' | 'phase-real', N: number, tops: Int32Array, coeffs: Float64Array): ComposedCache | null =>
    cache !== null && cache.tops === tops && cache.coeffs === coeffs && cache.form === form && cache.N === N && addon.fingerprint(tops, coeffs) === cache.hash ? cache : null;
  return {
    applyMzis(form, re, im, N, B, tops, coeffs) {
      const K = tops.length;
      const code = form === 'phase-real' ? 1 : 0;
      let use: 'mzi' | 'compose' = strategy === 'compose' ? 'compose' : 'mzi';
      let t = strategy === 'mzi' || K === 0 || B === 0 ? null : cached(form, N, tops, coeffs);
      if (strategy === 'auto' && K > 0 && B > 0) {
        const mzi = NS_PER_MZI_COLUMN[form] * K;
        const direct = mzi * B;
        const viaGemm = (t === null ? mzi * N * COMPOSE_FRACTION : 0) + NS_PER_GEMM_CMAC * N * N * B;
        if (viaGemm < COMPOSE_MARGIN * direct) use = 'compose';
      }
      if (use === 'mzi' || K === 0 || B === 0) {
        addon.applyMzis(code, re, im, N, B, tops, coeffs);
        return 'mzi';
      }
      if (t === null) {
        const tr = new Float64Array(N * N);
        const ti = new Float64Array(N * N);
        for (let m = 0; m < N; m++) tr[m * N + m] = 1;
        addon.applyMzis(code, tr, ti, N, N, tops, coeffs);
        t = { tops, coeffs, form, N, hash: addon.fingerprint(tops, coeffs), tr, ti };
        cache = t;
      }
      addon.cgemm(t.tr, t.ti, re, im, re, im, N, N, B);
      return 'compose';
    },
  };
}
