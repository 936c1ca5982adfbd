/**
 * WebAssembly SIMD kernels for MZI-by-MZI propagation: the same row updates as the TypeScript loops of
 * kernels/ts-kernels.ts (general complex 2×2, and the 18-flop phase-real form of kernels/phase-real.ts), two
 * batch columns per f64x2 vector.
 *
 * Layout in linear memory: row m of the batch is [re: Bp f64][im: Bp f64] at byte m·2S, S = 8·Bp, with Bp = B
 * rounded up to a multiple of 4 (rows 16-byte aligned, loop unrolled over 4 columns). A module is assembled
 * (core/wasm/assembler.ts) for each row size S, so the four streams of an MZI on (m, m+1) — x0 re/im, x1 re/im
 * at offsets 0, S, 2S, 3S from one pointer — are constant memarg offsets and the inner loop does one address
 * increment per 4 columns. Per 2 columns: 4 loads, 4 stores and 16 mul + 12 add (general) or 12 mul + 6 add
 * (phase-real). The arithmetic is done in exactly the order of the TypeScript loops (there is no FMA in
 * WebAssembly SIMD), so both backends give bit-identical results (test/sim/kernels.test.ts).
 *
 * `createSimdRunner()` returns null where WebAssembly SIMD is not available; callers then use TypeScript.
 * A runner owns one memory (grown as needed) and its per-S modules.
 */
import { assembleModule, I32, loopUntil, op, V128, type WasmFunction } from '../../core/wasm/assembler.js';
import { webAssembly } from '../../core/wasm/types.js';

/** Columns per inner-loop iteration (two f64x2 vectors). */
const UNROLL = 4;

// Function params: base pointer of the batch (+ byte offset of the first column of the chunk), chunk length in
// bytes, coefficient pointer, tops pointer, MZI count.
const BASE = 0, LEN = 1, COEF = 2, TOPS = 3, K = 4;
// Locals.
const Q = 5, P = 6, END = 7, CB = 8;
const S0 = 9; // coefficient splats (8 general / 6 phase-real)
const X0 = 17; // per half: x0r x0i x1r x1i, then 2 temporaries; 2 halves → 12 locals

/**
 * Body of one kernel. `coefCount` coefficients per MZI; `arith(h, rowOffsets)` emits, for half h (columns
 * 2h, 2h+1 of the iteration), the stores of the 4 outputs given the loaded locals.
 */
function kernelBody(S: number, coefCount: number, arith: (x: (i: number) => number, tmp: (i: number) => number, s: (i: number) => number) => number[][]): number[] {
  const get = op.localGet;
  const rowOff = [0, S, 2 * S, 3 * S]; // x0r, x0i, x1r, x1i
  const inner: number[] = [];
  for (let h = 0; h < UNROLL / 2; h++) {
    const x = (i: number): number => X0 + 6 * h + i;
    const tmp = (i: number): number => X0 + 6 * h + 4 + i;
    for (let i = 0; i < 4; i++) inner.push(...get(P), ...op.v128Load(rowOff[i] + 16 * h), ...op.localSet(x(i)));
    const outputs = arith(x, tmp, (e) => S0 + e);
    outputs.forEach((value, i) => inner.push(...get(P), ...value, ...op.v128Store(rowOff[i] + 16 * h)));
  }
  inner.push(...get(P), ...op.i32Const(8 * UNROLL), ...op.i32Add, ...op.localSet(P));
  return [
    ...op.i32Const(0), ...op.localSet(Q),
    ...loopUntil([...get(Q), ...get(K), ...op.i32GeU], [
      ...get(COEF), ...get(Q), ...op.i32Const(8 * coefCount), ...op.i32Mul, ...op.i32Add, ...op.localSet(CB),
      ...Array.from({ length: coefCount }, (_, e) => [...get(CB), ...op.f64Load(8 * e), ...op.f64x2Splat, ...op.localSet(S0 + e)]).flat(),
      // P = BASE + tops[q]·2S, END = P + LEN
      ...get(BASE), ...get(TOPS), ...get(Q), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load(), ...op.i32Const(2 * S), ...op.i32Mul, ...op.i32Add,
      ...op.localTee(P), ...get(LEN), ...op.i32Add, ...op.localSet(END),
      ...loopUntil([...get(P), ...get(END), ...op.i32GeU], inner),
      ...get(Q), ...op.i32Const(1), ...op.i32Add, ...op.localSet(Q),
    ]),
  ];
}

const mul = (a: number, b: number): number[] => [...op.localGet(a), ...op.localGet(b), ...op.f64x2Mul];

/** General: y0r = ((t00r x0r − t00i x0i) + t01r x1r) − t01i x1i, … (the order of ts-kernels.ts). */
function generalKernel(S: number): WasmFunction {
  const body = kernelBody(S, 8, (x, _tmp, s) => {
    const [x0r, x0i, x1r, x1i] = [x(0), x(1), x(2), x(3)];
    const comb = (a: number[], b: number[], c: number[], d: number[], re: boolean): number[] =>
      re ? [...a, ...b, ...op.f64x2Sub, ...c, ...op.f64x2Add, ...d, ...op.f64x2Sub] : [...a, ...b, ...op.f64x2Add, ...c, ...op.f64x2Add, ...d, ...op.f64x2Add];
    return [
      comb(mul(s(0), x0r), mul(s(1), x0i), mul(s(2), x1r), mul(s(3), x1i), true),
      comb(mul(s(0), x0i), mul(s(1), x0r), mul(s(2), x1i), mul(s(3), x1r), false),
      comb(mul(s(4), x0r), mul(s(5), x0i), mul(s(6), x1r), mul(s(7), x1i), true),
      comb(mul(s(4), x0i), mul(s(5), x0r), mul(s(6), x1i), mul(s(7), x1r), false),
    ];
  });
  return { name: 'applyGeneral', params: [I32, I32, I32, I32, I32], results: [], locals: [I32, I32, I32, I32, ...new Array<typeof V128>(8 + 12).fill(V128)], body };
}

/** Phase-real: ur = gr x0r − gi x0i, ui = gr x0i + gi x0r; y0 = m00 u + m01 x1; y1 = m10 u + m11 x1. */
function phaseRealKernel(S: number): WasmFunction {
  const body = kernelBody(S, 6, (x, tmp, s) => {
    const [x0r, x0i, x1r, x1i] = [x(0), x(1), x(2), x(3)];
    const [ur, ui] = [tmp(0), tmp(1)];
    // the u's are computed inside the first output's expression via local.tee
    const first = [...mul(s(0), x0r), ...mul(s(1), x0i), ...op.f64x2Sub, ...op.localTee(ur), ...op.localGet(s(2)), ...op.f64x2Mul, ...mul(s(3), x1r), ...op.f64x2Add];
    const second = [...mul(s(0), x0i), ...mul(s(1), x0r), ...op.f64x2Add, ...op.localTee(ui), ...op.localGet(s(2)), ...op.f64x2Mul, ...mul(s(3), x1i), ...op.f64x2Add];
    return [first, second, [...mul(s(4), ur), ...mul(s(5), x1r), ...op.f64x2Add], [...mul(s(4), ui), ...mul(s(5), x1i), ...op.f64x2Add]];
  });
  return { name: 'applyPhaseReal', params: [I32, I32, I32, I32, I32], results: [], locals: [I32, I32, I32, I32, ...new Array<typeof V128>(6 + 2 + 12).fill(V128)], body };
}

/** Module bytes for row size S bytes (exported for tests: WebAssembly.validate). */
export function mziSimdModuleBytes(S = 64): Uint8Array {
  return assembleModule([generalKernel(S), phaseRealKernel(S)]);
}

export interface SimdRunner {
  /**
   * Applies the MZIs (upper modes `tops`, coefficients `coeffs`: 8 per MZI for 'general', 6 for 'phase-real')
   * in order to the N × B batch (re/im row-major), in place.
   */
  applyMzis(form: 'general' | 'phase-real', re: Float64Array, im: Float64Array, N: number, B: number, tops: Int32Array, coeffs: Float64Array): void;
}

type KernelFn = (base: number, len: number, coef: number, tops: number, k: number) => void;
interface Kernels {
  readonly general: KernelFn;
  readonly 'phase-real': KernelFn;
}

const PAGE_BYTES = 65536;
/** wasm32 addresses are 32-bit and i32 offsets signed in our arithmetic; stay below 2 GiB. */
const MAX_BYTES = 2 ** 31;

/** A runner with its own memory and modules, or null if WebAssembly SIMD is unavailable. */
export function createSimdRunner(): SimdRunner | null {
  const wasm = webAssembly();
  if (wasm === undefined || !wasm.validate(mziSimdModuleBytes())) return null;
  const memory = new wasm.Memory({ initial: 1 });
  const modules = new Map<number, Kernels>(); // by row size S
  const kernelsFor = (S: number): Kernels => {
    let k = modules.get(S);
    if (k === undefined) {
      const instance = new wasm.Instance(new wasm.Module(mziSimdModuleBytes(S)), { env: { memory } });
      k = { general: instance.exports.applyGeneral as KernelFn, 'phase-real': instance.exports.applyPhaseReal as KernelFn };
      modules.set(S, k);
    }
    return k;
  };
  return {
    applyMzis(form, re, im, N, B, tops, coeffs) {
      const K = tops.length;
      if (K === 0 || B === 0) return;
      const Bp = Math.ceil(B / UNROLL) * UNROLL;
      const S = 8 * Bp;
      const coefPtr = 2 * S * N;
      const topsPtr = coefPtr + 8 * coeffs.length;
      const need = topsPtr + 4 * K;
      if (need > MAX_BYTES) throw new RangeError(`batch too large for the wasm kernel (${need} bytes)`);
      if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE_BYTES));
      const kernels = kernelsFor(S);
      const buf = memory.buffer;
      const x = new Float64Array(buf, 0, 2 * Bp * N);
      new Float64Array(buf, coefPtr, coeffs.length).set(coeffs);
      new Int32Array(buf, topsPtr, K).set(tops);
      for (let m = 0; m < N; m++) {
        x.set(re.subarray(m * B, (m + 1) * B), 2 * m * Bp);
        x.set(im.subarray(m * B, (m + 1) * B), (2 * m + 1) * Bp);
        if (Bp !== B) {
          x.fill(0, 2 * m * Bp + B, (2 * m + 1) * Bp);
          x.fill(0, (2 * m + 1) * Bp + B, (2 * m + 2) * Bp);
        }
      }
      // One pass over all columns; splitting the batch into L2-sized column chunks was measured slower.
      kernels[form](0, S, coefPtr, topsPtr, K);
      for (let m = 0; m < N; m++) {
        re.set(x.subarray(2 * m * Bp, 2 * m * Bp + B), m * B);
        im.set(x.subarray((2 * m + 1) * Bp, (2 * m + 1) * Bp + B), m * B);
      }
    },
  };
}
