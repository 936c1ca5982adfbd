/**
 * A WebAssembly SIMD (f64x2) matrix-product kernel, C[M×Np] = A[M×K] · B[K×Np], register-blocked 4 rows × 4
 * columns. Each output element is accumulated over k in order, one multiply and one add at a time, starting
 * from 0 — exactly the arithmetic of the TypeScript kernel (kernels.ts), so both give bit-identical results.
 *
 * The module (a few hundred bytes) is assembled at run time (core/wasm/assembler.ts); `WasmMatmul.create()`
 * returns undefined where WebAssembly SIMD is unavailable and callers use the TypeScript kernels. Instances
 * belong to their creator (an Executor): there is no module-level state.
 *
 * Memory layout (bytes, 16-aligned): [A: M·K f64][B: K·Np f64][C: M·Np f64], Np = N rounded up to a multiple of 4.
 */
import { assembleModule, I32, loopUntil, op, V128, type ValType } from '../core/wasm/assembler.js';
import { webAssembly, type WasmMemory } from '../core/wasm/types.js';

// ------------------------------------------------------------------ the kernel

// params
const PA = 0, PB = 1, PC = 2, M = 3, NP = 4, K = 5;
// i32 locals: ROW = K·8 (bytes per A row), R2/R3 = 2·ROW/3·ROW, NBY = Np·8 (bytes per B/C row)
const ROW = 6, NBY = 7, MI = 8, NI = 9, KI = 10, XA = 11, XB = 12, XC = 13, R2 = 14, R3 = 15;
// v128 locals
const ACC = 16; // 8 accumulators ACC..ACC+7: row r, column pair h → ACC + 2r + h
const B0 = 24, B1 = 25;
const ROW_OFFSET = [-1, ROW, R2, R3];

function kernelBody(): number[] {
  const g = op.localGet, s = op.localSet;
  const rowsBlock = (rows: number): number[] => {
    // For rows m..m+rows-1 and columns n..n+3: accumulate over k, then store.
    const zero = Array.from({ length: 2 * rows }, (_, i) => [...op.v128Zero, ...s(ACC + i)]).flat();
    const perK: number[] = [
      ...g(XB), ...op.v128Load(0), ...s(B0),
      ...g(XB), ...op.v128Load(16), ...s(B1),
    ];
    for (let r = 0; r < rows; r++) {
      // x = splat(A[(m + r)·K + k]); acc(r,0) += x·b0; acc(r,1) += x·b1
      const loadX = [...g(XA), ...(r === 0 ? [] : [...g(ROW_OFFSET[r]), ...op.i32Add]), ...op.f64Load(0), ...op.f64x2Splat];
      perK.push(
        ...g(ACC + 2 * r), ...loadX, ...g(B0), ...op.f64x2Mul, ...op.f64x2Add, ...s(ACC + 2 * r),
        ...g(ACC + 2 * r + 1), ...loadX, ...g(B1), ...op.f64x2Mul, ...op.f64x2Add, ...s(ACC + 2 * r + 1),
      );
    }
    perK.push(
      ...g(XA), ...op.i32Const(8), ...op.i32Add, ...s(XA),
      ...g(XB), ...g(NBY), ...op.i32Add, ...s(XB),
      ...g(KI), ...op.i32Const(1), ...op.i32Add, ...s(KI),
    );
    const store: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let h = 0; h < 2; h++) {
        // C[(m + r)·Np + n + 2h] ← acc(r, h)
        store.push(...g(XC), ...(r === 0 ? [] : [...g(NBY), ...op.i32Const(r), ...op.i32Mul, ...op.i32Add]), ...g(ACC + 2 * r + h), ...op.v128Store(16 * h));
      }
    }
    return [
      ...op.i32Const(0), ...s(NI),
      ...loopUntil([...g(NI), ...g(NP), ...op.i32GeU], [
        ...zero,
        // XA = PA + m·ROW ; XB = PB + n·8 ; XC = PC + m·NBY + n·8
        ...g(PA), ...g(MI), ...g(ROW), ...op.i32Mul, ...op.i32Add, ...s(XA),
        ...g(PB), ...g(NI), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...s(XB),
        ...op.i32Const(0), ...s(KI),
        ...loopUntil([...g(KI), ...g(K), ...op.i32GeU], perK),
        ...g(PC), ...g(MI), ...g(NBY), ...op.i32Mul, ...op.i32Add, ...g(NI), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...s(XC),
        ...store,
        ...g(NI), ...op.i32Const(4), ...op.i32Add, ...s(NI),
      ]),
    ];
  };
  return [
    ...g(K), ...op.i32Const(3), ...op.i32Shl, ...s(ROW),
    ...g(ROW), ...op.i32Const(1), ...op.i32Shl, ...s(R2),
    ...g(R2), ...g(ROW), ...op.i32Add, ...s(R3),
    ...g(NP), ...op.i32Const(3), ...op.i32Shl, ...s(NBY),
    ...op.i32Const(0), ...s(MI),
    // blocks of 4 rows while m + 4 <= M
    ...loopUntil([...g(MI), ...op.i32Const(4), ...op.i32Add, ...g(M), ...op.i32Const(1), ...op.i32Add, ...op.i32GeU], [
      ...rowsBlock(4),
      ...g(MI), ...op.i32Const(4), ...op.i32Add, ...s(MI),
    ]),
    // remaining rows one at a time
    ...loopUntil([...g(MI), ...g(M), ...op.i32GeU], [
      ...rowsBlock(1),
      ...g(MI), ...op.i32Const(1), ...op.i32Add, ...s(MI),
    ]),
  ];
}

/**
 * gather(pT, nSeg, step): for each segment (dst, src, n) of three i32 at pT: copy n f64 from src, src + step,
 * src + 2·step … (bytes) to dst, dst + 8 … — the copies of an im2col, precomputed per geometry.
 */
function gatherBody(): number[] {
  const g = op.localGet, s = op.localSet;
  const T = 0, NSEG = 1, STEP = 2, D = 3, S = 4, END = 5;
  return [
    ...loopUntil([...g(NSEG), ...op.i32Eqz], [
      ...g(T), ...op.i32Load(0), ...s(D),
      ...g(T), ...op.i32Load(4), ...s(S),
      ...g(D), ...g(T), ...op.i32Load(8), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...s(END),
      ...loopUntil([...g(D), ...g(END), ...op.i32GeU], [
        ...g(D), ...g(S), ...op.f64Load(0), ...op.f64Store(0),
        ...g(D), ...op.i32Const(8), ...op.i32Add, ...s(D),
        ...g(S), ...g(STEP), ...op.i32Add, ...s(S),
      ]),
      ...g(T), ...op.i32Const(12), ...op.i32Add, ...s(T),
      ...g(NSEG), ...op.i32Const(1), ...op.i32Sub, ...s(NSEG),
    ]),
  ];
}

const i32s = (n: number): ValType[] => new Array<ValType>(n).fill(I32);

/** The module bytes: memory "mem", functions "mm"(pa, pb, pc, M, Np, K) and "gather"(pT, nSeg, step). */
export function matmulModuleBytes(): Uint8Array {
  return assembleModule([
    { name: 'mm', params: i32s(6), results: [], locals: [...i32s(10), ...new Array<ValType>(10).fill(V128)], body: kernelBody() },
    { name: 'gather', params: i32s(3), results: [], locals: i32s(3), body: gatherBody() },
  ], { exportAs: 'mem' });
}

// ------------------------------------------------------------------ runtime wrapper

/** Views into the kernel's memory for one problem size (valid until the next `prepare`). */
export interface MatmulWorkspace {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  /** Padded column count of B and C (multiple of 4). */
  readonly Np: number;
  /** A, M×K row-major. */
  readonly a: Float64Array;
  /** B, K×Np row-major; padding columns must be 0 (prepare zeroes them). */
  readonly b: Float64Array;
  /** C, M×Np row-major (after run). */
  readonly c: Float64Array;
  run(): void;
  /** Optional extra f64 region (e.g. one input image) and its byte address. */
  readonly x: Float64Array;
  readonly xPtr: number;
  /** Byte address of B. */
  readonly bPtr: number;
  /** Optional segment table (dst, src, n) triples of byte addresses / counts for `gather`. */
  readonly segs: Int32Array;
  /** Runs the first nSeg segments of `segs`, source elements `step` bytes apart. */
  gather(nSeg: number, step: number): void;
}

export interface WorkspaceExtras {
  /** Doubles of the extra region `x`. */
  readonly xDoubles?: number;
  /** Segments of the table `segs`. */
  readonly segments?: number;
}

export class WasmMatmul {
  private readonly mm: (pa: number, pb: number, pc: number, m: number, np: number, k: number) => void;
  private readonly gatherFn: (pt: number, nSeg: number, step: number) => void;
  private readonly memory: WasmMemory;

  private constructor(mm: WasmMatmul['mm'], gather: WasmMatmul['gatherFn'], memory: WasmMemory) {
    this.mm = mm;
    this.gatherFn = gather;
    this.memory = memory;
  }

  /** A kernel instance, or undefined where WebAssembly SIMD is not available. */
  static create(): WasmMatmul | undefined {
    const wa = webAssembly();
    if (!wa) return undefined;
    try {
      const bytes = matmulModuleBytes();
      if (!wa.validate(bytes)) return undefined;
      const inst = new wa.Instance(new wa.Module(bytes), {});
      return new WasmMatmul(inst.exports.mm as WasmMatmul['mm'], inst.exports.gather as WasmMatmul['gatherFn'], inst.exports.mem as WasmMemory);
    } catch {
      return undefined;
    }
  }

  /** Lays out A, B, C (and the optional extras) for an M×K · K×N product; B's padding columns are zeroed. */
  prepare(M: number, N: number, K: number, extras: WorkspaceExtras = {}): MatmulWorkspace {
    const Np = (N + 3) & ~3;
    const even = (n: number): number => n + (n % 2); // keep every region 16-byte aligned
    const xLen = extras.xDoubles ?? 0, tLen = 3 * (extras.segments ?? 0);
    const pb = even(M * K) * 8;
    const pc = pb + K * Np * 8;
    const px = pc + M * Np * 8;
    const pt = px + even(xLen) * 8;
    const bytes = pt + tLen * 4;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    const buf = this.memory.buffer;
    const b = new Float64Array(buf, pb, K * Np);
    if (Np !== N) for (let k = 0; k < K; k++) b.fill(0, k * Np + N, (k + 1) * Np);
    const mm = this.mm, gather = this.gatherFn;
    return {
      M, N, K, Np, b,
      a: new Float64Array(buf, 0, M * K),
      c: new Float64Array(buf, pc, M * Np),
      x: new Float64Array(buf, px, xLen),
      segs: new Int32Array(buf, pt, tLen),
      xPtr: px,
      bPtr: pb,
      run: () => mm(0, pb, pc, M, Np, K),
      gather: (nSeg: number, step: number) => gather(pt, nSeg, step),
    };
  }
}
