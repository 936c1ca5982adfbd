/** Dense float64 kernels used by Gemm, MatMul and Conv. Tight loops over Float64Arrays, no allocation inside. */

/**
 * C[cOff + m*N + n] = Σ_k A[aOff + m*K + k] · Bt[bOff + n*K + k]   (A: M×K row-major, Bt: N×K row-major, i.e. B transposed).
 * Overwrites C. Register-blocked 2×2 (four independent accumulators) for speed.
 */
export function matmulABt(
  A: Float64Array, aOff: number, Bt: Float64Array, bOff: number, C: Float64Array, cOff: number,
  M: number, N: number, K: number,
): void {
  let m = 0;
  for (; m + 1 < M; m += 2) {
    const a0 = aOff + m * K;
    const a1 = a0 + K;
    const c0 = cOff + m * N;
    const c1 = c0 + N;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * K;
      const b1 = b0 + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k];
        const y0 = Bt[b0 + k], y1 = Bt[b1 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      C[c0 + n] = s00;
      C[c0 + n + 1] = s01;
      C[c1 + n] = s10;
      C[c1 + n + 1] = s11;
    }
    if (n < N) {
      const b0 = bOff + n * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) {
        const y = Bt[b0 + k];
        s0 += A[a0 + k] * y;
        s1 += A[a1 + k] * y;
      }
      C[c0 + n] = s0;
      C[c1 + n] = s1;
    }
  }
  if (m < M) {
    const a0 = aOff + m * K;
    const c0 = cOff + m * N;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * K;
      const b1 = b0 + K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[a0 + k];
        s0 += x * Bt[b0 + k];
        s1 += x * Bt[b1 + k];
      }
      C[c0 + n] = s0;
      C[c0 + n + 1] = s1;
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
