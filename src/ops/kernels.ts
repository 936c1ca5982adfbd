/** Dense float64 kernels used by Gemm, MatMul and Conv. Tight loops over Float64Arrays, no allocation inside. */
import type { WasmMatmul } from './wasm-matmul.js';

/** Products with fewer multiply-adds than this stay in TypeScript (copy overhead of the SIMD path). */
const SIMD_MIN_MACS = 4096;

/**
 * C[cOff + m*N + n] = Σ_k A[aOff + m*K + k] · Bt[bOff + n*K + k]   (A: M×K row-major, Bt: N×K row-major, i.e. B transposed).
 * Overwrites C. Register-blocked 4×2 (eight independent accumulators), with 2×2 / 1×2 / ×1 edges.
 */
export function matmulABt(
  A: Float64Array, aOff: number, Bt: Float64Array, bOff: number, C: Float64Array, cOff: number,
  M: number, N: number, K: number,
): void {
  // Force int32 representations: callers may pass integral doubles (e.g. dims decoded from int64), which
  // would otherwise make the optimised code do float index arithmetic.
  aOff |= 0; bOff |= 0; cOff |= 0; M |= 0; N |= 0; K |= 0;
  let m = 0;
  for (; m + 3 < M; m += 4) {
    const a0 = aOff + m * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    const c0 = cOff + m * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * K, b1 = b0 + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let k = 0; k < K; k++) {
        const y0 = Bt[b0 + k], y1 = Bt[b1 + k];
        let x = A[a0 + k]; s00 += x * y0; s01 += x * y1;
        x = A[a1 + k]; s10 += x * y0; s11 += x * y1;
        x = A[a2 + k]; s20 += x * y0; s21 += x * y1;
        x = A[a3 + k]; s30 += x * y0; s31 += x * y1;
      }
      C[c0 + n] = s00; C[c0 + n + 1] = s01;
      C[c1 + n] = s10; C[c1 + n + 1] = s11;
      C[c2 + n] = s20; C[c2 + n + 1] = s21;
      C[c3 + n] = s30; C[c3 + n + 1] = s31;
    }
    if (n < N) {
      const b0 = bOff + n * K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const y = Bt[b0 + k];
        s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; s2 += A[a2 + k] * y; s3 += A[a3 + k] * y;
      }
      C[c0 + n] = s0; C[c1 + n] = s1; C[c2 + n] = s2; C[c3 + n] = s3;
    }
  }
  for (; m + 1 < M; m += 2) {
    const a0 = aOff + m * K, a1 = a0 + K;
    const c0 = cOff + m * N, c1 = c0 + N;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * K, b1 = b0 + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k];
        const y0 = Bt[b0 + k], y1 = Bt[b1 + k];
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
      }
      C[c0 + n] = s00; C[c0 + n + 1] = s01; C[c1 + n] = s10; C[c1 + n + 1] = s11;
    }
    if (n < N) {
      const b0 = bOff + n * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) { const y = Bt[b0 + k]; s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; }
      C[c0 + n] = s0; C[c1 + n] = s1;
    }
  }
  if (m < M) {
    const a0 = aOff + m * K;
    const c0 = cOff + m * N;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * K, b1 = b0 + K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) { const x = A[a0 + k]; s0 += x * Bt[b0 + k]; s1 += x * Bt[b1 + k]; }
      C[c0 + n] = s0; C[c0 + n + 1] = s1;
    }
    if (n < N) {
      const b0 = bOff + n * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * Bt[b0 + k];
      C[c0 + n] = s;
    }
  }
}

/** dst[dOff + c*rows + r] = src[sOff + r*cols + c]: transpose of a rows×cols row-major matrix. */
export function transpose2d(
  src: Float64Array, sOff: number, rows: number, cols: number, dst: Float64Array = new Float64Array(rows * cols), dOff = 0,
): Float64Array {
  for (let r = 0; r < rows; r++) {
    const s = sOff + r * cols;
    for (let c = 0; c < cols; c++) dst[dOff + c * rows + r] = src[s + c];
  }
  return dst;
}

/**
 * C[cOff + m*N + n] = Σ_k A[aOff + m*K + k] · B(k, n), where B is K×N row-major at bOff, or N×K row-major
 * (B transposed) when `bTransposed`. Uses the SIMD kernel when given and worthwhile; bit-identical either way.
 */
export function matmulInto(
  simd: WasmMatmul | undefined, A: Float64Array, aOff: number, B: Float64Array, bOff: number, bTransposed: boolean,
  C: Float64Array, cOff: number, M: number, N: number, K: number,
): void {
  if (simd === undefined || M * N * K < SIMD_MIN_MACS) {
    const Bt = bTransposed ? (bOff === 0 ? B : B.subarray(bOff, bOff + N * K)) : transpose2d(B, bOff, K, N);
    matmulABt(A, aOff, Bt, 0, C, cOff, M, N, K);
    return;
  }
  let ws;
  try {
    ws = simd.prepare(M, N, K);
  } catch {
    // The SIMD kernel's memory cannot grow this far: use the TypeScript kernel.
    matmulInto(undefined, A, aOff, B, bOff, bTransposed, C, cOff, M, N, K);
    return;
  }
  const Np = ws.Np;
  ws.a.set(A.subarray(aOff, aOff + M * K));
  const b = ws.b;
  if (bTransposed) {
    for (let n = 0; n < N; n++) {
      const src = bOff + n * K;
      for (let k = 0; k < K; k++) b[k * Np + n] = B[src + k];
    }
  } else if (Np === N) b.set(B.subarray(bOff, bOff + K * N));
  else for (let k = 0; k < K; k++) b.set(B.subarray(bOff + k * N, bOff + (k + 1) * N), k * Np);
  ws.run();
  const c = ws.c;
  if (Np === N) C.set(c.subarray(0, M * N), cOff);
  else for (let m = 0; m < M; m++) C.set(c.subarray(m * Np, m * Np + N), cOff + m * N);
}
