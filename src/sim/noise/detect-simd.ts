/**
 * WebAssembly SIMD (f64x2) kernels of the noisy detection path (detection.ts): per-pass ‖x‖∞, the input DAC
 * gather, the tile product [R; Q]·X and the detector noise + ADC, two passes per vector. Every operation is
 * done in exactly the order of detection.ts's TypeScript loops (products summed over k from 0, no FMA;
 * round-half-even as there), so both paths give bit-identical outputs (test/sim/noise-montecarlo.test.ts).
 *
 * Functions (pointers are byte addresses in the kernel's own memory; arrays f64 unless marked i32):
 *   norms(pX, m, cols, pNorm)                 norm[p] = max_k |X[k·m + p]| (a NaN element is skipped, as in JS)
 *   compact(pNorm, m, per, pLit, pN, pInv, pTo, pFrom, pGs, L, 1/L, quant) → nLit
 *                                             the lit passes (norm > 0) in order: lit[j] = p (i32), n, 1/n, and with
 *                                             quant to = (1/n)·L, from = n·(1/L); gs[g] (i32) = first lit index of
 *                                             group g (groups of `per` passes), gs[m/per] = nLit
 *   gather(pX, m, cols, pLit, nLit, pTo, pFrom, pB, ldB, quant)
 *                                             B[k·ldB + j] = X[k·m + lit[j]] (quant: nearest(x·to[j])·from[j]);
 *                                             B[k·ldB + j] = 0 for nLit ≤ j < ldB
 *   matmul(pA, pB, pC, M, ldB, K)             C[i·ldB + j] = Σ_k A[i·K + k]·B[k·ldB + j] (ldB a multiple of 4;
 *                                             blocks of 4 rows × 4 columns)
 *   detect(pC, ldB, rows, pGs, nGroups, pNorm, pInv, pLit, pZ, pY, yRow0, ldY, floorVar, shot, adcLevels,
 *          pTo, pFrom, noise, adc, contiguous) for group g (lit passes gs[g] … gs[g+1]), row i, lit pass j:
 *                                             v = C[i·ldB + j] (+ √(floorVar·n·n + shot·(v·v + q·q))·z, q = C[(rows+i)·ldB + j],
 *                                             z = Z[rows·gs[g] + i·count + j − gs[g]]); ADC: code = clamp(nearest(v·inv·to[i]),
 *                                             ±L), v = code·from[i]·n; Y[(yRow0 + i)·ldY + lit[j]] += v (contiguous:
 *                                             lit[j] = j, added two at a time)
 *   im2col(pT, nSeg, pSrc, pDst, ld, step)    for each segment (r, off, src, n) of four i32 at pT: copy n doubles
 *                                             from pSrc + 8·src, step bytes apart, to pDst + 8·(r·ld + off) onwards
 */
import { assembleModule, F64, I32, loopUntil, op, uleb, V128, type ValType, type WasmFunction } from '../../core/wasm/assembler.js';
import { webAssembly, type WasmMemory } from '../../core/wasm/types.js';

const simd = (opcode: number, ...imm: number[]): number[] => [0xfd, ...uleb(opcode), ...imm];
const ex = {
  f64Abs: [0x99],
  f64Nearest: [0x9e],
  f64Sqrt: [0x9f],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64Min: [0xa4],
  f64Max: [0xa5],
  f64Neg: [0x9a],
  f64Lt: [0x63],
  f64Const0: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64Const1: [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f],
  f64Gt: [0x64],
  f64Div: [0xa3],
  i32Store: (offset = 0): number[] => [0x36, 2, ...uleb(offset)],
  select: [0x1b],
  i32LtU: [0x49],
  i32GtU: [0x4b],
  if: [0x04, 0x40],
  end: [0x0b],
  f64x2Abs: simd(0xec),
  f64x2Neg: simd(0xed),
  f64x2Sqrt: simd(0xef),
  f64x2Min: simd(0xf4),
  f64x2Max: simd(0xf5),
  f64x2Pmax: simd(0xf7),
  f64x2Nearest: simd(0x94),
  f64x2ExtractLane: (lane: number): number[] => simd(0x21, lane),
};
const g = op.localGet;
const s = op.localSet;
const add = (a: number[], b: number[]): number[] => [...a, ...b, ...op.i32Add];
const mul = (a: number[], b: number[]): number[] => [...a, ...b, ...op.i32Mul];
const c = op.i32Const;
/** Byte address base + 8·index (index an i32 expression). */
const at8 = (base: number[], index: number[]): number[] => add(base, [...index, ...c(3), ...op.i32Shl]);
const at4 = (base: number[], index: number[]): number[] => add(base, [...index, ...c(2), ...op.i32Shl]);
const inc = (local: number, by: number): number[] => [...g(local), ...c(by), ...op.i32Add, ...s(local)];
const i32s = (n: number): ValType[] => new Array<ValType>(n).fill(I32);

function normsFn(): WasmFunction {
  const PX = 0, M = 1, COLS = 2, PN = 3, K = 4, P = 5, SRC = 6;
  const A = 7, CUR = 8; // f64
  const VA = 9; // v128
  const body = [
    // norm[0 … m) = 0
    ...c(0), ...s(P),
    ...loopUntil([...g(P), ...g(M), ...op.i32GeU], [...at8(g(PN), g(P)), ...ex.f64Const0, ...op.f64Store(0), ...inc(P, 1)]),
    ...c(0), ...s(K),
    ...loopUntil([...g(K), ...g(COLS), ...op.i32GeU], [
      ...at8(g(PX), mul(g(K), g(M))), ...s(SRC),
      ...c(0), ...s(P),
      // pairs: norm = pmax(norm, |x|) = norm < |x| ? |x| : norm
      ...loopUntil([...g(P), ...c(2), ...op.i32Add, ...g(M), ...ex.i32GtU], [
        ...at8(g(SRC), g(P)), ...op.v128Load(0), ...ex.f64x2Abs, ...s(VA),
        ...at8(g(PN), g(P)),
        ...at8(g(PN), g(P)), ...op.v128Load(0), ...g(VA), ...ex.f64x2Pmax,
        ...op.v128Store(0),
        ...inc(P, 2),
      ]),
      // odd tail
      ...g(P), ...g(M), ...ex.i32LtU, ...ex.if,
      ...at8(g(SRC), g(P)), ...op.f64Load(0), ...ex.f64Abs, ...s(A),
      ...at8(g(PN), g(P)), ...op.f64Load(0), ...s(CUR),
      ...at8(g(PN), g(P)),
      ...g(A), ...g(CUR), ...g(CUR), ...g(A), ...ex.f64Lt, ...ex.select,
      ...op.f64Store(0),
      ...ex.end,
      ...inc(K, 1),
    ]),
  ];
  return { name: 'norms', params: i32s(4), results: [], locals: [...i32s(3), F64, F64, V128], body };
}

function gatherFn(): WasmFunction {
  const PX = 0, M = 1, COLS = 2, PLIT = 3, NLIT = 4, PTO = 5, PFROM = 6, PB = 7, LDB = 8, QUANT = 9;
  const K = 10, J = 11, SRC = 12, DST = 13;
  const load = [...at8(g(SRC), [...at4(g(PLIT), g(J)), ...op.i32Load(0)]), ...op.f64Load(0)];
  const plain = loopUntil([...g(J), ...g(NLIT), ...op.i32GeU], [...at8(g(DST), g(J)), ...load, ...op.f64Store(0), ...inc(J, 1)]);
  const quant = loopUntil([...g(J), ...g(NLIT), ...op.i32GeU], [
    ...at8(g(DST), g(J)),
    ...load, ...at8(g(PTO), g(J)), ...op.f64Load(0), ...ex.f64Mul, ...ex.f64Nearest,
    ...at8(g(PFROM), g(J)), ...op.f64Load(0), ...ex.f64Mul,
    ...op.f64Store(0), ...inc(J, 1),
  ]);
  const body = [
    ...c(0), ...s(K),
    ...loopUntil([...g(K), ...g(COLS), ...op.i32GeU], [
      ...at8(g(PX), mul(g(K), g(M))), ...s(SRC),
      ...at8(g(PB), mul(g(K), g(LDB))), ...s(DST),
      ...c(0), ...s(J),
      ...g(QUANT), ...op.i32Eqz, ...ex.if, ...plain, ...[0x05], ...quant, ...ex.end,
      // zero the padding columns
      ...loopUntil([...g(J), ...g(LDB), ...op.i32GeU], [...at8(g(DST), g(J)), ...ex.f64Const0, ...op.f64Store(0), ...inc(J, 1)]),
      ...inc(K, 1),
    ]),
  ];
  return { name: 'gather', params: i32s(10), results: [], locals: i32s(4), body };
}

function im2colFn(): WasmFunction {
  const PT = 0, NSEG = 1, PSRC = 2, PDST = 3, LD = 4, STEP = 5;
  const D = 6, S = 7, END = 8;
  const body = [
    ...loopUntil([...g(NSEG), ...op.i32Eqz], [
      // d = pDst + 8·(r·ld + off); s = pSrc + 8·src; end = d + 8·n
      ...at8(g(PDST), [...mul([...g(PT), ...op.i32Load(0)], g(LD)), ...g(PT), ...op.i32Load(4), ...op.i32Add]), ...s(D),
      ...at8(g(PSRC), [...g(PT), ...op.i32Load(8)]), ...s(S),
      ...at8(g(D), [...g(PT), ...op.i32Load(12)]), ...s(END),
      ...loopUntil([...g(D), ...g(END), ...op.i32GeU], [
        ...g(D), ...g(S), ...op.f64Load(0), ...op.f64Store(0),
        ...inc(D, 8),
        ...g(S), ...g(STEP), ...op.i32Add, ...s(S),
      ]),
      ...inc(PT, 16),
      ...g(NSEG), ...c(1), ...op.i32Sub, ...s(NSEG),
    ]),
  ];
  return { name: 'im2col', params: i32s(6), results: [], locals: i32s(3), body };
}

function compactFn(): WasmFunction {
  const PN = 0, M = 1, PER = 2, PLIT = 3, PLN = 4, PLI = 5, PLT = 6, PLF = 7, PGS = 8;
  const L = 9, INVL = 10; // f64
  const QUANT = 11;
  const P = 12, NLIT = 13, GI = 14, LEFT = 15; // i32
  const N = 16, INV = 17; // f64
  const body = [
    ...c(0), ...s(P), ...c(0), ...s(NLIT), ...c(0), ...s(GI), ...c(0), ...s(LEFT),
    ...loopUntil([...g(P), ...g(M), ...op.i32GeU], [
      // a new group starts: gs[gi++] = nLit
      ...g(LEFT), ...op.i32Eqz, ...ex.if,
      ...at4(g(PGS), g(GI)), ...g(NLIT), ...ex.i32Store(0),
      ...inc(GI, 1), ...g(PER), ...s(LEFT),
      ...ex.end,
      ...g(LEFT), ...c(1), ...op.i32Sub, ...s(LEFT),
      ...at8(g(PN), g(P)), ...op.f64Load(0), ...s(N),
      ...g(N), ...ex.f64Const0, ...ex.f64Gt, ...ex.if,
      ...at8(g(PLN), g(NLIT)), ...g(N), ...op.f64Store(0),
      ...ex.f64Const1, ...g(N), ...ex.f64Div, ...s(INV),
      ...at8(g(PLI), g(NLIT)), ...g(INV), ...op.f64Store(0),
      ...g(QUANT), ...ex.if,
      ...at8(g(PLT), g(NLIT)), ...g(INV), ...g(L), ...ex.f64Mul, ...op.f64Store(0),
      ...at8(g(PLF), g(NLIT)), ...g(N), ...g(INVL), ...ex.f64Mul, ...op.f64Store(0),
      ...ex.end,
      ...at4(g(PLIT), g(NLIT)), ...g(P), ...ex.i32Store(0),
      ...inc(NLIT, 1),
      ...ex.end,
      ...inc(P, 1),
    ]),
    ...at4(g(PGS), g(GI)), ...g(NLIT), ...ex.i32Store(0),
    ...g(NLIT),
  ];
  return { name: 'compact', params: [...i32s(9), F64, F64, I32], results: [I32], locals: [...i32s(4), F64, F64], body };
}

function matmulFn(): WasmFunction {
  const PA = 0, PB = 1, PC = 2, M = 3, LDB = 4, K = 5;
  const ROWB = 6, NBY = 7, MI = 8, NJ = 9, KI = 10, XA = 11, XB = 12, XC = 13;
  const ACC = 14; // 8 v128 accumulators: row r, pair h → ACC + 2r + h
  const B0 = 22, B1 = 23, AV = 24;
  // rows × 4 columns (two pairs) per block: each splat of A serves two B vectors
  const block = (rows: number): number[] => {
    const perK: number[] = [...g(XB), ...op.v128Load(0), ...s(B0), ...g(XB), ...op.v128Load(16), ...s(B1)];
    for (let r = 0; r < rows; r++) {
      perK.push(
        ...g(XA), ...(r === 0 ? [] : [...g(ROWB), ...c(r), ...op.i32Mul, ...op.i32Add]), ...op.f64Load(0), ...op.f64x2Splat, ...s(AV),
        ...g(ACC + 2 * r), ...g(AV), ...g(B0), ...op.f64x2Mul, ...op.f64x2Add, ...s(ACC + 2 * r),
        ...g(ACC + 2 * r + 1), ...g(AV), ...g(B1), ...op.f64x2Mul, ...op.f64x2Add, ...s(ACC + 2 * r + 1),
      );
    }
    perK.push(...inc(XA, 8), ...g(XB), ...g(NBY), ...op.i32Add, ...s(XB), ...inc(KI, 1));
    const store: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let h = 0; h < 2; h++) {
        store.push(...g(XC), ...(r === 0 ? [] : [...g(NBY), ...c(r), ...op.i32Mul, ...op.i32Add]), ...g(ACC + 2 * r + h), ...op.v128Store(16 * h));
      }
    }
    return [
      ...c(0), ...s(NJ),
      ...loopUntil([...g(NJ), ...g(LDB), ...op.i32GeU], [
        ...Array.from({ length: 2 * rows }, (_, i) => [...op.v128Zero, ...s(ACC + i)]).flat(),
        ...add(g(PA), mul(g(MI), g(ROWB))), ...s(XA),
        ...at8(g(PB), g(NJ)), ...s(XB),
        ...c(0), ...s(KI),
        ...loopUntil([...g(KI), ...g(K), ...op.i32GeU], perK),
        ...add(add(g(PC), mul(g(MI), g(NBY))), [...g(NJ), ...c(3), ...op.i32Shl]), ...s(XC),
        ...store,
        ...inc(NJ, 4),
      ]),
    ];
  };
  const body = [
    ...g(K), ...c(3), ...op.i32Shl, ...s(ROWB),
    ...g(LDB), ...c(3), ...op.i32Shl, ...s(NBY),
    ...c(0), ...s(MI),
    ...loopUntil([...g(MI), ...c(4), ...op.i32Add, ...g(M), ...ex.i32GtU], [...block(4), ...inc(MI, 4)]),
    ...loopUntil([...g(MI), ...g(M), ...op.i32GeU], [...block(1), ...inc(MI, 1)]),
  ];
  return { name: 'matmul', params: i32s(6), results: [], locals: [...i32s(8), ...new Array<ValType>(11).fill(V128)], body };
}

function detectFn(): WasmFunction {
  // params
  const PC = 0, LDB = 1, ROWS = 2, PGS = 3, NG = 4, PN = 5, PINV = 6, PLIT = 7, PZ = 8, PY = 9, YROW0 = 10, LDY = 11;
  const FV = 12, SHOT = 13, L = 14; // f64
  const PTO = 15, PFROM = 16, NOISE = 17, ADC = 18, CONTIG = 19; // i32
  // locals
  const GI = 20, J0 = 21, J1 = 22, CNT = 23, I = 24, J = 25, RE = 26, IM = 27, ZR = 28, YR = 29; // i32
  const TO = 30, FROM = 31, V = 32, Q = 33, N = 34, CODE = 35; // f64
  const VV = 36, VQ = 37, VN = 38, VCODE = 39, VFV = 40, VSHOT = 41, VL = 42, VNL = 43, VTO = 44, VFROM = 45; // v128

  // scalar and vector forms of the same arithmetic, in detection.ts's order
  const scalar = [
    ...at8(g(RE), g(J)), ...op.f64Load(0), ...s(V),
    ...at8(g(PN), g(J)), ...op.f64Load(0), ...s(N),
    ...g(NOISE), ...ex.if,
    ...at8(g(IM), g(J)), ...op.f64Load(0), ...s(Q),
    ...g(V),
    ...g(FV), ...g(N), ...ex.f64Mul, ...g(N), ...ex.f64Mul,
    ...g(SHOT), ...g(V), ...g(V), ...ex.f64Mul, ...g(Q), ...g(Q), ...ex.f64Mul, ...ex.f64Add, ...ex.f64Mul,
    ...ex.f64Add, ...ex.f64Sqrt,
    ...at8(g(ZR), g(J)), ...op.f64Load(0), ...ex.f64Mul,
    ...ex.f64Add, ...s(V),
    ...ex.end,
    ...g(ADC), ...ex.if,
    ...g(V), ...at8(g(PINV), g(J)), ...op.f64Load(0), ...ex.f64Mul, ...g(TO), ...ex.f64Mul, ...ex.f64Nearest,
    ...g(L), ...ex.f64Min, ...g(L), ...ex.f64Neg, ...ex.f64Max, ...s(CODE),
    ...g(CODE), ...g(FROM), ...ex.f64Mul, ...g(N), ...ex.f64Mul, ...s(V),
    ...ex.end,
    // Y[yr + lit[j]] += v
    ...at8(g(YR), [...at4(g(PLIT), g(J)), ...op.i32Load(0)]),
    ...at8(g(YR), [...at4(g(PLIT), g(J)), ...op.i32Load(0)]), ...op.f64Load(0), ...g(V), ...ex.f64Add,
    ...op.f64Store(0),
    ...inc(J, 1),
  ];
  const scatterLane = (lane: number): number[] => [
    ...at8(g(YR), [...at4(g(PLIT), [...g(J), ...c(lane), ...op.i32Add]), ...op.i32Load(0)]),
    ...at8(g(YR), [...at4(g(PLIT), [...g(J), ...c(lane), ...op.i32Add]), ...op.i32Load(0)]), ...op.f64Load(0),
    ...g(VV), ...ex.f64x2ExtractLane(lane), ...ex.f64Add,
    ...op.f64Store(0),
  ];
  const vector = [
    ...at8(g(RE), g(J)), ...op.v128Load(0), ...s(VV),
    ...at8(g(PN), g(J)), ...op.v128Load(0), ...s(VN),
    ...g(NOISE), ...ex.if,
    ...at8(g(IM), g(J)), ...op.v128Load(0), ...s(VQ),
    ...g(VV),
    ...g(VFV), ...g(VN), ...op.f64x2Mul, ...g(VN), ...op.f64x2Mul,
    ...g(VSHOT), ...g(VV), ...g(VV), ...op.f64x2Mul, ...g(VQ), ...g(VQ), ...op.f64x2Mul, ...op.f64x2Add, ...op.f64x2Mul,
    ...op.f64x2Add, ...ex.f64x2Sqrt,
    ...at8(g(ZR), g(J)), ...op.v128Load(0), ...op.f64x2Mul,
    ...op.f64x2Add, ...s(VV),
    ...ex.end,
    ...g(ADC), ...ex.if,
    ...g(VV), ...at8(g(PINV), g(J)), ...op.v128Load(0), ...op.f64x2Mul, ...g(VTO), ...op.f64x2Mul, ...ex.f64x2Nearest,
    ...g(VL), ...ex.f64x2Min, ...g(VNL), ...ex.f64x2Max, ...s(VCODE),
    ...g(VCODE), ...g(VFROM), ...op.f64x2Mul, ...g(VN), ...op.f64x2Mul, ...s(VV),
    ...ex.end,
    // contiguous lit passes (lit[j] = j): one vector add; else two scalar ones
    ...g(CONTIG), ...ex.if,
    ...at8(g(YR), g(J)),
    ...at8(g(YR), g(J)), ...op.v128Load(0), ...g(VV), ...op.f64x2Add,
    ...op.v128Store(0),
    ...[0x05],
    ...scatterLane(0),
    ...scatterLane(1),
    ...ex.end,
    ...inc(J, 2),
  ];
  const body = [
    ...g(FV), ...op.f64x2Splat, ...s(VFV),
    ...g(SHOT), ...op.f64x2Splat, ...s(VSHOT),
    ...g(L), ...op.f64x2Splat, ...s(VL),
    ...g(L), ...ex.f64Neg, ...op.f64x2Splat, ...s(VNL),
    ...c(0), ...s(GI),
    ...loopUntil([...g(GI), ...g(NG), ...op.i32GeU], [
      ...at4(g(PGS), g(GI)), ...op.i32Load(0), ...s(J0),
      ...at4(g(PGS), g(GI)), ...op.i32Load(4), ...s(J1),
      ...g(J1), ...g(J0), ...op.i32Sub, ...s(CNT),
      ...c(0), ...s(I),
      ...loopUntil([...g(I), ...g(ROWS), ...op.i32GeU], [
        ...at8(g(PC), mul(g(I), g(LDB))), ...s(RE),
        ...at8(g(PC), mul(add(g(ROWS), g(I)), g(LDB))), ...s(IM),
        // z row i of this group, indexed by j: Z + 8·(rows·j0 + i·count − j0)
        ...at8(g(PZ), [...mul(g(ROWS), g(J0)), ...mul(g(I), g(CNT)), ...op.i32Add, ...g(J0), ...op.i32Sub]), ...s(ZR),
        ...at8(g(PY), mul(add(g(YROW0), g(I)), g(LDY))), ...s(YR),
        ...at8(g(PTO), g(I)), ...op.f64Load(0), ...s(TO),
        ...at8(g(PFROM), g(I)), ...op.f64Load(0), ...s(FROM),
        ...g(TO), ...op.f64x2Splat, ...s(VTO),
        ...g(FROM), ...op.f64x2Splat, ...s(VFROM),
        ...g(J0), ...s(J),
        ...loopUntil([...g(J), ...c(2), ...op.i32Add, ...g(J1), ...ex.i32GtU], vector),
        ...loopUntil([...g(J), ...g(J1), ...op.i32GeU], scalar),
        ...inc(I, 1),
      ]),
      ...inc(GI, 1),
    ]),
  ];
  return {
    name: 'detect',
    params: [...i32s(12), F64, F64, F64, ...i32s(5)],
    results: [],
    locals: [...i32s(10), ...new Array<ValType>(6).fill(F64), ...new Array<ValType>(10).fill(V128)],
    body,
  };
}

/** The kernels, bound to one instance and its memory (grown on demand). */
export interface DetectKernel {
  readonly memory: WasmMemory;
  /** Makes the memory at least `bytes` long. */
  ensure(bytes: number): void;
  norms(pX: number, m: number, cols: number, pNorm: number): void;
  compact(
    pNorm: number, m: number, perGroup: number, pLit: number, pNormLit: number, pInvLit: number, pToLit: number, pFromLit: number, pGs: number,
    levels: number, invLevels: number, quant: number,
  ): number;
  gather(pX: number, m: number, cols: number, pLit: number, nLit: number, pTo: number, pFrom: number, pB: number, ldB: number, quant: number): void;
  matmul(pA: number, pB: number, pC: number, M: number, ldB: number, K: number): void;
  detect(
    pC: number, ldB: number, rows: number, pGs: number, nGroups: number, pNorm: number, pInv: number, pLit: number, pZ: number,
    pY: number, yRow0: number, ldY: number, floorVar: number, shot: number, adcLevels: number, pTo: number, pFrom: number,
    noise: number, adc: number, contiguous: number,
  ): void;
  im2col(pSegments: number, nSegments: number, pSrc: number, pDst: number, ld: number, stepBytes: number): void;
}

/** A kernel instance, or null where WebAssembly SIMD is not available. */
export function createDetectKernel(): DetectKernel | null {
  const wa = webAssembly();
  if (!wa) return null;
  try {
    const bytes = assembleModule([normsFn(), compactFn(), gatherFn(), matmulFn(), detectFn(), im2colFn()], { exportAs: 'mem' });
    if (!wa.validate(bytes)) return null;
    const ex = new wa.Instance(new wa.Module(bytes), {}).exports;
    const memory = ex.mem as WasmMemory;
    return {
      memory,
      ensure(bytes) {
        const have = memory.buffer.byteLength;
        if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
      },
      norms: ex.norms as DetectKernel['norms'],
      compact: ex.compact as DetectKernel['compact'],
      gather: ex.gather as DetectKernel['gather'],
      matmul: ex.matmul as DetectKernel['matmul'],
      detect: ex.detect as DetectKernel['detect'],
      im2col: ex.im2col as DetectKernel['im2col'],
    };
  } catch {
    return null;
  }
}
