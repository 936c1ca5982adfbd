/*
 * Native (N-API, C) kernels for MZI-mesh propagation: the hot loops of src/sim/mesh-propagate.ts with AVX2
 * (4 float64 per vector). Built by scripts/build-native.mjs into build/mesh_kernels.node; loaded by
 * src/sim/kernels/native.ts. Everything here is float64.
 *
 * Exports:
 *   simd                       'avx2+fma' when this CPU (and OS) supports the kernels, else '' (the loader then
 *                              treats the addon as unavailable and the sim falls back to WebAssembly).
 *   applyMzis(form, re, im, N, B, tops, coeffs)
 *       Applies MZI k (rows tops[k], tops[k]+1) for k = 0 … K−1, in order, to the row-major N × B batch
 *       (re/im Float64Array), in place. form 0 = general complex 2×2 (8 coefficients per MZI, mziMatrix
 *       layout), 1 = phase-real (6: [cos γ, sin γ, m00, m01, m10, m11]). The arithmetic is that of
 *       src/sim/kernels/ts-kernels.ts in the same order, without FMA contraction (the file is compiled with
 *       -ffp-contract=off), so the result is bit-identical to the TypeScript loops.
 *   cgemm(ar, ai, xr, xi, yr, yi, M, K, N)
 *       Y = A·X for split complex row-major matrices A (M × K), X (K × N), Y (M × N), with FMA (so not
 *       bit-identical to core/linalg multiplyCMat; the same within rounding). Y may be X itself (the same
 *       arrays: computed in place); no other overlap is allowed.
 *   fingerprint(tops, coeffs)  a 52-bit hash of both arrays' contents (to validate cached transfer matrices).
 *   detectChunk(src, ints, tiles, mats, floorVar, fullScale, shot, rng, table, y, segs, bias), detectChunkVersion
 *       One chunk of a layer's noisy detection (src/sim/noise/detection.ts): per-pass ‖x‖∞, input DAC, [R; Q]·X,
 *       detector noise drawn from the samples' xoshiro128** states, ADC — the arithmetic of the TypeScript loops in
 *       the same order without FMA, so bit-identical to them (see the section "Noisy detection" below and
 *       src/sim/noise/detect-native.ts).
 *
 * MZI by MZI, cache-blocked: the batch is processed in blocks of up to 32 columns (BLOCK_BYTES of packed
 * state). Each block is copied (packed) into a contiguous scratch area — row m as [re: W][im: W], W = block
 * width rounded up to 4, zero padded — that stays in L2 (L1 for small N) while ALL the MZIs run over it, then
 * copied back. Per MZI and 4 columns: 4 loads, 4 stores, 12 mul + 6 add (phase-real) or 16 mul + 12 add
 * (general); the multiplies bound it (2 per cycle on Zen 3, where FMAs share those two pipes, so the FMA-free
 * bit-exact form costs nothing). Rows that are zero in the whole block (e.g. when composing from the identity)
 * are tracked as an interval [lo, hi]; MZIs entirely outside it are skipped (they would only produce zeros,
 * up to the sign of zero).
 *
 * Complex GEMM: A packed in panels of 3 rows (per k: ar0 ar1 ar2 ai0 ai1 ai2), X packed per block of
 * GEMM_NC columns in 4-column strips (per k: xr[4] xi[4]); a 3 × 4 micro-kernel keeps 12 accumulators
 * (Σ ar·xr, Σ ai·xi, Σ ar·xi, Σ ai·xr for each row) so each FMA chain has one FMA per k step.
 *
 * The AVX2 code is compiled with a target attribute (the file itself is built for the baseline ISA), so
 * loading on a CPU without AVX2/FMA is safe: `simd` is then '' and no AVX instruction is executed.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define MK_X86 1
#include <immintrin.h>
#define MK_AVX2 __attribute__((target("avx2,fma")))
#else
#define MK_X86 0
#endif

#ifndef BLOCK_BYTES
#define BLOCK_BYTES (128 * 1024) /* target size of one packed column block of the MZI-by-MZI kernel (in L2) */
#endif
#define MAX_BLOCK_COLS 32 /* 8 vectors; measured: 24–40 columns are equally fast at N = 256, 4–8 much slower */
#ifndef GEMM_NC
#define GEMM_NC 64 /* columns of X packed at a time by the GEMM (multiple of 4) */
#endif

/* ---------------------------------------------------------------------------------------------------------- */
/* MZI-by-MZI kernels                                                                                         */
/* ---------------------------------------------------------------------------------------------------------- */

#if MK_X86

/* Phase-real MZI on one packed block of NV vectors (W = 4·NV columns): rows at p0, p0 + 2W. */
#define PHASE_REAL_BODY(NV)                                                                            \
  do {                                                                                                 \
    const __m256d gr = _mm256_broadcast_sd(c), gi = _mm256_broadcast_sd(c + 1);                        \
    const __m256d m00 = _mm256_broadcast_sd(c + 2), m01 = _mm256_broadcast_sd(c + 3);                  \
    const __m256d m10 = _mm256_broadcast_sd(c + 4), m11 = _mm256_broadcast_sd(c + 5);                  \
    double *p0r = p0, *p0i = p0 + 4 * (NV), *p1r = p0 + 8 * (NV), *p1i = p0 + 12 * (NV);               \
    for (int v = 0; v < (NV); v++) {                                                                   \
      const __m256d x0r = _mm256_load_pd(p0r + 4 * v), x0i = _mm256_load_pd(p0i + 4 * v);              \
      const __m256d x1r = _mm256_load_pd(p1r + 4 * v), x1i = _mm256_load_pd(p1i + 4 * v);              \
      const __m256d ur = _mm256_sub_pd(_mm256_mul_pd(gr, x0r), _mm256_mul_pd(gi, x0i));                \
      const __m256d ui = _mm256_add_pd(_mm256_mul_pd(gr, x0i), _mm256_mul_pd(gi, x0r));                \
      _mm256_store_pd(p0r + 4 * v, _mm256_add_pd(_mm256_mul_pd(m00, ur), _mm256_mul_pd(m01, x1r)));    \
      _mm256_store_pd(p0i + 4 * v, _mm256_add_pd(_mm256_mul_pd(m00, ui), _mm256_mul_pd(m01, x1i)));    \
      _mm256_store_pd(p1r + 4 * v, _mm256_add_pd(_mm256_mul_pd(m10, ur), _mm256_mul_pd(m11, x1r)));    \
      _mm256_store_pd(p1i + 4 * v, _mm256_add_pd(_mm256_mul_pd(m10, ui), _mm256_mul_pd(m11, x1i)));    \
    }                                                                                                  \
  } while (0)

/* General MZI: y0r = ((t00r x0r − t00i x0i) + t01r x1r) − t01i x1i, y0i = ((t00r x0i + t00i x0r) + …) … */
#define GENERAL_BODY(NV)                                                                               \
  do {                                                                                                 \
    const __m256d a = _mm256_broadcast_sd(c), b = _mm256_broadcast_sd(c + 1);                         \
    const __m256d d = _mm256_broadcast_sd(c + 2), e = _mm256_broadcast_sd(c + 3);                      \
    const __m256d f = _mm256_broadcast_sd(c + 4), g = _mm256_broadcast_sd(c + 5);                      \
    const __m256d h = _mm256_broadcast_sd(c + 6), q = _mm256_broadcast_sd(c + 7);                      \
    double *p0r = p0, *p0i = p0 + 4 * (NV), *p1r = p0 + 8 * (NV), *p1i = p0 + 12 * (NV);               \
    for (int v = 0; v < (NV); v++) {                                                                   \
      const __m256d x0r = _mm256_load_pd(p0r + 4 * v), x0i = _mm256_load_pd(p0i + 4 * v);              \
      const __m256d x1r = _mm256_load_pd(p1r + 4 * v), x1i = _mm256_load_pd(p1i + 4 * v);              \
      _mm256_store_pd(p0r + 4 * v,                                                                     \
                      _mm256_sub_pd(_mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(a, x0r), _mm256_mul_pd(b, x0i)), \
                                                  _mm256_mul_pd(d, x1r)),                              \
                                    _mm256_mul_pd(e, x1i)));                                           \
      _mm256_store_pd(p0i + 4 * v,                                                                     \
                      _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(a, x0i), _mm256_mul_pd(b, x0r)), \
                                                  _mm256_mul_pd(d, x1i)),                              \
                                    _mm256_mul_pd(e, x1r)));                                           \
      _mm256_store_pd(p1r + 4 * v,                                                                     \
                      _mm256_sub_pd(_mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(f, x0r), _mm256_mul_pd(g, x0i)), \
                                                  _mm256_mul_pd(h, x1r)),                              \
                                    _mm256_mul_pd(q, x1i)));                                           \
      _mm256_store_pd(p1i + 4 * v,                                                                     \
                      _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(f, x0i), _mm256_mul_pd(g, x0r)), \
                                                  _mm256_mul_pd(h, x1i)),                              \
                                    _mm256_mul_pd(q, x1r)));                                           \
    }                                                                                                  \
  } while (0)

/*
 * All MZIs over one packed block of NV vectors. `lo`/`hi`: rows that may be nonzero; MZIs on two rows
 * outside [lo, hi] are skipped and the interval grows as MZIs touch it.
 */
#define DEFINE_RUN_BLOCK(NAME, BODY, NCOEF, NV)                                                        \
  static MK_AVX2 void NAME(double *buf, int K, const int32_t *tops, const double *coeffs, int lo, int hi) { \
    const double *c = coeffs;                                                                          \
    for (int k = 0; k < K; k++, c += (NCOEF)) {                                                        \
      const int m = tops[k];                                                                           \
      if (m + 1 < lo || m > hi) continue;                                                              \
      if (m < lo) lo = m;                                                                              \
      if (m + 1 > hi) hi = m + 1;                                                                      \
      double *p0 = buf + (size_t)m * 8 * (NV);                                                         \
      BODY(NV);                                                                                        \
    }                                                                                                  \
  }

DEFINE_RUN_BLOCK(pr1, PHASE_REAL_BODY, 6, 1)
DEFINE_RUN_BLOCK(pr2, PHASE_REAL_BODY, 6, 2)
DEFINE_RUN_BLOCK(pr3, PHASE_REAL_BODY, 6, 3)
DEFINE_RUN_BLOCK(pr4, PHASE_REAL_BODY, 6, 4)
DEFINE_RUN_BLOCK(pr5, PHASE_REAL_BODY, 6, 5)
DEFINE_RUN_BLOCK(pr6, PHASE_REAL_BODY, 6, 6)
DEFINE_RUN_BLOCK(pr7, PHASE_REAL_BODY, 6, 7)
DEFINE_RUN_BLOCK(pr8, PHASE_REAL_BODY, 6, 8)
DEFINE_RUN_BLOCK(ge1, GENERAL_BODY, 8, 1)
DEFINE_RUN_BLOCK(ge2, GENERAL_BODY, 8, 2)
DEFINE_RUN_BLOCK(ge3, GENERAL_BODY, 8, 3)
DEFINE_RUN_BLOCK(ge4, GENERAL_BODY, 8, 4)
DEFINE_RUN_BLOCK(ge5, GENERAL_BODY, 8, 5)
DEFINE_RUN_BLOCK(ge6, GENERAL_BODY, 8, 6)
DEFINE_RUN_BLOCK(ge7, GENERAL_BODY, 8, 7)
DEFINE_RUN_BLOCK(ge8, GENERAL_BODY, 8, 8)

typedef void (*run_block_fn)(double *, int, const int32_t *, const double *, int, int);
static const run_block_fn RUN_PHASE_REAL[MAX_BLOCK_COLS / 4 + 1] = {0, pr1, pr2, pr3, pr4, pr5, pr6, pr7, pr8};
static const run_block_fn RUN_GENERAL[MAX_BLOCK_COLS / 4 + 1] = {0, ge1, ge2, ge3, ge4, ge5, ge6, ge7, ge8};

/* Columns per block for N modes: BLOCK_BYTES of packed state, a multiple of 4 in [8, MAX_BLOCK_COLS]. */
static int block_cols(int N) {
  int w = (int)(BLOCK_BYTES / (16 * (size_t)(N > 0 ? N : 1))) / 4 * 4;
  return w < 8 ? 8 : w > MAX_BLOCK_COLS ? MAX_BLOCK_COLS : w;
}

/* MZI by MZI over the whole batch, in place. Returns 0, or −1 if out of memory. */
static int mzi_by_mzi(int form, double *re, double *im, int N, int B, const int32_t *tops, int K, const double *coeffs) {
  const run_block_fn *table = form == 1 ? RUN_PHASE_REAL : RUN_GENERAL;
  const int bc = block_cols(N);
  /* zero rows are skipped only if every coefficient is finite (0·NaN must stay NaN, as in TypeScript) */
  int finite = 1;
  for (size_t i = 0, n = (size_t)K * (form == 1 ? 6 : 8); i < n; i++) finite &= coeffs[i] - coeffs[i] == 0;
  double *scratch = aligned_alloc(32, (size_t)N * 2 * bc * sizeof(double));
  if (scratch == NULL) return -1;
  for (int c0 = 0; c0 < B; c0 += bc) {
    const int w = B - c0 < bc ? B - c0 : bc;
    const int nv = (w + 3) / 4;
    const int W = 4 * nv;
    int lo = finite ? N : 0, hi = finite ? -1 : N - 1; /* rows with a nonzero entry in this block */
    for (int m = 0; m < N; m++) {
      double *dr = scratch + (size_t)m * 2 * W, *di = dr + W;
      const double *sr = re + (size_t)m * B + c0, *si = im + (size_t)m * B + c0;
      int nz = 0;
      for (int j = 0; j < w; j++) {
        dr[j] = sr[j];
        di[j] = si[j];
        nz |= sr[j] != 0 || si[j] != 0; /* NaN counts as nonzero */
      }
      for (int j = w; j < W; j++) dr[j] = di[j] = 0;
      if (nz) {
        if (m < lo) lo = m;
        hi = m;
      }
    }
    if (hi >= 0) table[nv](scratch, K, tops, coeffs, lo, hi);
    for (int m = 0; m < N; m++) {
      const double *sr = scratch + (size_t)m * 2 * W, *si = sr + W;
      memcpy(re + (size_t)m * B + c0, sr, (size_t)w * sizeof(double));
      memcpy(im + (size_t)m * B + c0, si, (size_t)w * sizeof(double));
    }
  }
  free(scratch);
  return 0;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Complex GEMM                                                                                               */
/* ---------------------------------------------------------------------------------------------------------- */

/* 3 × 4 micro-kernel: ap = packed A panel (6 per k), xp = packed X strip (8 per k). Writes rows < mr, cols < nr. */
static MK_AVX2 void gemm_3x4(int K, const double *ap, const double *xp, double *yr, double *yi, size_t ldy, int mr,
                             int nr) {
  __m256d rr0 = _mm256_setzero_pd(), ii0 = rr0, ri0 = rr0, ir0 = rr0;
  __m256d rr1 = rr0, ii1 = rr0, ri1 = rr0, ir1 = rr0;
  __m256d rr2 = rr0, ii2 = rr0, ri2 = rr0, ir2 = rr0;
  for (int k = 0; k < K; k++, ap += 6, xp += 8) {
    const __m256d xr = _mm256_load_pd(xp), xi = _mm256_load_pd(xp + 4);
    __m256d a = _mm256_broadcast_sd(ap), b = _mm256_broadcast_sd(ap + 3);
    rr0 = _mm256_fmadd_pd(a, xr, rr0);
    ri0 = _mm256_fmadd_pd(a, xi, ri0);
    ii0 = _mm256_fmadd_pd(b, xi, ii0);
    ir0 = _mm256_fmadd_pd(b, xr, ir0);
    a = _mm256_broadcast_sd(ap + 1);
    b = _mm256_broadcast_sd(ap + 4);
    rr1 = _mm256_fmadd_pd(a, xr, rr1);
    ri1 = _mm256_fmadd_pd(a, xi, ri1);
    ii1 = _mm256_fmadd_pd(b, xi, ii1);
    ir1 = _mm256_fmadd_pd(b, xr, ir1);
    a = _mm256_broadcast_sd(ap + 2);
    b = _mm256_broadcast_sd(ap + 5);
    rr2 = _mm256_fmadd_pd(a, xr, rr2);
    ri2 = _mm256_fmadd_pd(a, xi, ri2);
    ii2 = _mm256_fmadd_pd(b, xi, ii2);
    ir2 = _mm256_fmadd_pd(b, xr, ir2);
  }
  __m256d outr[3] = {_mm256_sub_pd(rr0, ii0), _mm256_sub_pd(rr1, ii1), _mm256_sub_pd(rr2, ii2)};
  __m256d outi[3] = {_mm256_add_pd(ri0, ir0), _mm256_add_pd(ri1, ir1), _mm256_add_pd(ri2, ir2)};
  for (int r = 0; r < mr; r++) {
    if (nr == 4) {
      _mm256_storeu_pd(yr + r * ldy, outr[r]);
      _mm256_storeu_pd(yi + r * ldy, outi[r]);
    } else {
      double tr[4], ti[4];
      _mm256_storeu_pd(tr, outr[r]);
      _mm256_storeu_pd(ti, outi[r]);
      for (int j = 0; j < nr; j++) {
        yr[r * ldy + j] = tr[j];
        yi[r * ldy + j] = ti[j];
      }
    }
  }
}

/* Y = A·X; returns 0, or −1 if out of memory. */
static int cgemm(const double *ar, const double *ai, const double *xr, const double *xi, double *yr, double *yi, int M,
                 int K, int N) {
  if (M == 0 || N == 0) return 0;
  if (K == 0) {
    memset(yr, 0, (size_t)M * N * sizeof(double));
    memset(yi, 0, (size_t)M * N * sizeof(double));
    return 0;
  }
  const int panels = (M + 2) / 3;
  const int nc = N < GEMM_NC ? (N + 3) / 4 * 4 : GEMM_NC;
  double *ap = aligned_alloc(32, ((size_t)panels * 6 * K * sizeof(double) + 31) / 32 * 32);
  double *xp = aligned_alloc(32, (size_t)nc * 2 * K * sizeof(double));
  if (ap == NULL || xp == NULL) {
    free(ap);
    free(xp);
    return -1;
  }
  for (int p = 0; p < panels; p++) {
    double *d = ap + (size_t)p * 6 * K;
    for (int k = 0; k < K; k++, d += 6)
      for (int r = 0; r < 3; r++) {
        const int i = 3 * p + r;
        d[r] = i < M ? ar[(size_t)i * K + k] : 0;
        d[3 + r] = i < M ? ai[(size_t)i * K + k] : 0;
      }
  }
  for (int j0 = 0; j0 < N; j0 += nc) {
    const int w = N - j0 < nc ? N - j0 : nc;
    const int strips = (w + 3) / 4;
    for (int s = 0; s < strips; s++) {
      double *d = xp + (size_t)s * 8 * K;
      const int cols = w - 4 * s < 4 ? w - 4 * s : 4;
      for (int k = 0; k < K; k++, d += 8) {
        const double *sr = xr + (size_t)k * N + j0 + 4 * s, *si = xi + (size_t)k * N + j0 + 4 * s;
        for (int j = 0; j < 4; j++) {
          d[j] = j < cols ? sr[j] : 0;
          d[4 + j] = j < cols ? si[j] : 0;
        }
      }
    }
    for (int p = 0; p < panels; p++) {
      const int mr = M - 3 * p < 3 ? M - 3 * p : 3;
      for (int s = 0; s < strips; s++) {
        const int nr = w - 4 * s < 4 ? w - 4 * s : 4;
        const size_t o = (size_t)3 * p * N + j0 + 4 * s;
        gemm_3x4(K, ap + (size_t)p * 6 * K, xp + (size_t)s * 8 * K, yr + o, yi + o, (size_t)N, mr, nr);
      }
    }
  }
  free(ap);
  free(xp);
  return 0;
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Noisy detection (src/sim/noise/detection.ts)                                                               */
/* ---------------------------------------------------------------------------------------------------------- */

/* detectChunk's calling convention; src/sim/noise/detect-native.ts uses the addon only when it matches. */
#define DETECT_CHUNK_VERSION 1

/* Header of detectChunk's `ints` argument (see js_detect_chunk). */
enum {
  DH_M, DH_PER, DH_GROUPS, DH_TILES, DH_COLS, DH_NOISE, DH_INPUT_LEVELS, DH_ADC_LEVELS, DH_RNG0, DH_LDROW, DH_YOFF,
  DH_MODE, DH_IMAGE, DH_IMAGE0, DH_STRIDE, DH_NSEGS, DH_LDG, DH_BIAS_ROWS, DH_SIZE
};

/* Scratch of one thread (instance data of its N-API environment), grown as needed, 32-byte aligned. */
typedef struct {
  double *buf;
  size_t cap; /* doubles */
} DetectScratch;

static double *scratch_get(DetectScratch *s, size_t doubles) {
  if (s->cap < doubles) {
    free(s->buf);
    s->cap = doubles + doubles / 4 + 64;
    s->buf = aligned_alloc(32, (s->cap * sizeof(double) + 31) / 32 * 32);
    if (s->buf == NULL) s->cap = 0;
  }
  return s->buf;
}

/* xoshiro128** 1.1 on a 4-word state (src/core/rng.ts nextUint32). */
static inline uint32_t xoshiro_next(uint32_t *s) {
  const uint32_t t = s[1] << 9;
  uint32_t r = s[1] * 5u;
  r = ((r << 7) | (r >> 25)) * 9u;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >> 21);
  return r;
}

/*
 * Entry u (16 bits) of normal.ts's quantile table, read from its lower half only: the table is antisymmetric by
 * construction (entry 65535 − u is exactly −entry u), so half the memory (256 KB, L2-resident) gives the same bits.
 */
static inline double quantile(const double *table, uint32_t u) {
  const uint64_t upper = u >> 15;
  double v = table[(u ^ (0xffffu * (uint32_t)upper)) & 0x7fff];
  uint64_t bits;
  memcpy(&bits, &v, 8);
  bits ^= upper << 63;
  memcpy(&v, &bits, 8);
  return v;
}

/* fillNormalsTable (src/sim/noise/normal.ts): n table normals, two per word (low 16 bits first). */
static inline void fill_normals(uint32_t *s, const double *table, double *out, int n) {
  int i = 0;
  for (; i + 1 < n; i += 2) {
    const uint32_t u = xoshiro_next(s);
    out[i] = quantile(table, u & 0xffff);
    out[i + 1] = quantile(table, u >> 16);
  }
  if (i < n) out[i] = quantile(table, xoshiro_next(s) & 0xffff);
}

/* C (M × ldB) = A (M × K) · B (K × ldB), ldB a multiple of 4; each sum from 0 over k in order, no FMA. */
static MK_AVX2 void detect_matmul(const double *A, const double *B, double *C, int M, int ldB, int K) {
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    const double *a0 = A + (size_t)i * K, *a1 = a0 + K, *a2 = a1 + K, *a3 = a2 + K;
    int j = 0;
    for (; j + 8 <= ldB; j += 8) {
      __m256d c00 = _mm256_setzero_pd(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      for (int k = 0; k < K; k++) {
        const __m256d b0 = _mm256_loadu_pd(B + (size_t)k * ldB + j), b1 = _mm256_loadu_pd(B + (size_t)k * ldB + j + 4);
        __m256d a = _mm256_broadcast_sd(a0 + k);
        c00 = _mm256_add_pd(c00, _mm256_mul_pd(a, b0));
        c01 = _mm256_add_pd(c01, _mm256_mul_pd(a, b1));
        a = _mm256_broadcast_sd(a1 + k);
        c10 = _mm256_add_pd(c10, _mm256_mul_pd(a, b0));
        c11 = _mm256_add_pd(c11, _mm256_mul_pd(a, b1));
        a = _mm256_broadcast_sd(a2 + k);
        c20 = _mm256_add_pd(c20, _mm256_mul_pd(a, b0));
        c21 = _mm256_add_pd(c21, _mm256_mul_pd(a, b1));
        a = _mm256_broadcast_sd(a3 + k);
        c30 = _mm256_add_pd(c30, _mm256_mul_pd(a, b0));
        c31 = _mm256_add_pd(c31, _mm256_mul_pd(a, b1));
      }
      double *c = C + (size_t)i * ldB + j;
      _mm256_storeu_pd(c, c00);
      _mm256_storeu_pd(c + 4, c01);
      _mm256_storeu_pd(c + ldB, c10);
      _mm256_storeu_pd(c + ldB + 4, c11);
      _mm256_storeu_pd(c + 2 * (size_t)ldB, c20);
      _mm256_storeu_pd(c + 2 * (size_t)ldB + 4, c21);
      _mm256_storeu_pd(c + 3 * (size_t)ldB, c30);
      _mm256_storeu_pd(c + 3 * (size_t)ldB + 4, c31);
    }
    for (; j < ldB; j += 4) {
      __m256d c0 = _mm256_setzero_pd(), c1 = c0, c2 = c0, c3 = c0;
      for (int k = 0; k < K; k++) {
        const __m256d b = _mm256_loadu_pd(B + (size_t)k * ldB + j);
        c0 = _mm256_add_pd(c0, _mm256_mul_pd(_mm256_broadcast_sd(a0 + k), b));
        c1 = _mm256_add_pd(c1, _mm256_mul_pd(_mm256_broadcast_sd(a1 + k), b));
        c2 = _mm256_add_pd(c2, _mm256_mul_pd(_mm256_broadcast_sd(a2 + k), b));
        c3 = _mm256_add_pd(c3, _mm256_mul_pd(_mm256_broadcast_sd(a3 + k), b));
      }
      double *c = C + (size_t)i * ldB + j;
      _mm256_storeu_pd(c, c0);
      _mm256_storeu_pd(c + ldB, c1);
      _mm256_storeu_pd(c + 2 * (size_t)ldB, c2);
      _mm256_storeu_pd(c + 3 * (size_t)ldB, c3);
    }
  }
  for (; i < M; i++) {
    const double *a0 = A + (size_t)i * K;
    for (int j = 0; j < ldB; j += 4) {
      __m256d c0 = _mm256_setzero_pd();
      for (int k = 0; k < K; k++) c0 = _mm256_add_pd(c0, _mm256_mul_pd(_mm256_broadcast_sd(a0 + k), _mm256_loadu_pd(B + (size_t)k * ldB + j)));
      _mm256_storeu_pd(C + (size_t)i * ldB + j, c0);
    }
  }
}

#define ROUND_NEAREST (_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)

static inline MK_AVX2 double nearest_even(double x) {
  return _mm_cvtsd_f64(_mm_round_sd(_mm_setzero_pd(), _mm_set_sd(x), ROUND_NEAREST));
}

static inline MK_AVX2 double sqrt_sd(double x) {
  return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(x)));
}

/*
 * Detector noise and ADC of output row i for lit passes ja … jb (detection.ts's detectTile inner loop, same order):
 * v = re[j] (+ √(fv·n·n + shot·(v·v + q·q))·z[j], q = qe[j]); ADC: code = clamp(nearest(v·inv·to), ±L),
 * v = code·from·n; then yr[lit[j]·ldLit] += v (contiguous: yr[j], lit[j] = j and ldLit = 1).
 */
static inline MK_AVX2 void detect_row(const double *re, const double *qe, const double *z, const double *lnorm, const double *linv,
                                      const int32_t *lit, int ja, int jb, double *yr, size_t ldLit, int contiguous, double fv,
                                      double shot, double fsRow, int adcLevels, int noise) {
  const double adcL = (double)adcLevels;
  const double to = fsRow > 0 ? adcL / fsRow : 0;
  const double from = adcLevels > 0 ? fsRow / adcL : 0;
  const __m256d vfv = _mm256_set1_pd(fv), vshot = _mm256_set1_pd(shot), vL = _mm256_set1_pd(adcL), vnL = _mm256_set1_pd(-adcL);
  const __m256d vto = _mm256_set1_pd(to), vfrom = _mm256_set1_pd(from);
  int j = ja;
  for (; j + 4 <= jb; j += 4) {
    __m256d v = _mm256_loadu_pd(re + j);
    const __m256d n = _mm256_loadu_pd(lnorm + j);
    if (noise) {
      const __m256d q = _mm256_loadu_pd(qe + j);
      const __m256d var = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(vfv, n), n),
                                        _mm256_mul_pd(vshot, _mm256_add_pd(_mm256_mul_pd(v, v), _mm256_mul_pd(q, q))));
      v = _mm256_add_pd(v, _mm256_mul_pd(_mm256_sqrt_pd(var), _mm256_loadu_pd(z + j)));
    }
    if (adcLevels > 0) {
      __m256d code = _mm256_round_pd(_mm256_mul_pd(_mm256_mul_pd(v, _mm256_loadu_pd(linv + j)), vto), ROUND_NEAREST);
      /* code > L ? L : code < −L ? −L : code (NaN stays NaN) */
      code = _mm256_blendv_pd(code, vL, _mm256_cmp_pd(code, vL, _CMP_GT_OQ));
      code = _mm256_blendv_pd(code, vnL, _mm256_cmp_pd(code, vnL, _CMP_LT_OQ));
      v = _mm256_mul_pd(_mm256_mul_pd(code, vfrom), n);
    }
    if (contiguous) {
      _mm256_storeu_pd(yr + j, _mm256_add_pd(_mm256_loadu_pd(yr + j), v));
    } else {
      double w[4];
      _mm256_storeu_pd(w, v);
      for (int l = 0; l < 4; l++) yr[(size_t)lit[j + l] * ldLit] += w[l];
    }
  }
  for (; j < jb; j++) {
    double v = re[j];
    const double n = lnorm[j];
    if (noise) {
      const double q = qe[j];
      v += sqrt_sd(fv * n * n + shot * (v * v + q * q)) * z[j];
    }
    if (adcLevels > 0) {
      double code = nearest_even(v * linv[j] * to);
      code = code > adcL ? adcL : code < -adcL ? -adcL : code;
      v = code * from * n;
    }
    yr[(size_t)lit[j] * ldLit] += v;
  }
}

/* fill_normals with out[k·stride] for k < n. */
static inline void fill_normals_strided(uint32_t *s, const double *table, double *out, int n, int stride) {
  int i = 0;
  for (; i + 1 < n; i += 2) {
    const uint32_t u = xoshiro_next(s);
    out[(size_t)i * stride] = quantile(table, u & 0xffff);
    out[(size_t)(i + 1) * stride] = quantile(table, u >> 16);
  }
  if (i < n) out[(size_t)i * stride] = quantile(table, xoshiro_next(s) & 0xffff);
}

/*
 * One chunk of a layer's passes through every tile: the arithmetic of detection.ts's detectTile in the same order
 * (see that file), returning 0, or −1 if out of memory.
 */
static MK_AVX2 int detect_chunk(DetectScratch *scr, const double *src, const int32_t *h, const int32_t *tiles, const double *mats,
                                const double *floorVar, const double *fullScale, double shot, uint32_t *rng, const double *table,
                                double *y, const int32_t *segs, const double *bias) {
  const int m = h[DH_M], per = h[DH_PER], nG = h[DH_GROUPS], T = h[DH_TILES], colsAll = h[DH_COLS];
  const int biasRows = h[DH_BIAS_ROWS];
  const int noise = h[DH_NOISE], inputLevels = h[DH_INPUT_LEVELS], adcLevels = h[DH_ADC_LEVELS];
  /* output (row r, pass p of group g of the chunk) at y[yOff + g·ldG + r·ldY + p − g·per] */
  const size_t ldY = (size_t)h[DH_LDROW], yOff = (size_t)h[DH_YOFF], ldG = (size_t)h[DH_LDG];
  int maxRows = 0, maxCols = 0;
  for (int t = 0; t < T; t++) {
    if (tiles[4 * t + 2] > maxRows) maxRows = tiles[4 * t + 2];
    if (tiles[4 * t + 3] > maxCols) maxCols = tiles[4 * t + 3];
  }
  const size_t mp = (size_t)m + 8;
  const size_t M2 = (size_t)(noise ? 2 : 1) * maxRows;
  const size_t xDoubles = h[DH_MODE] == 1 ? (size_t)colsAll * m : 0;
  /* X (im2col mode), norm, litNorm, litInv, litTo, litFrom, lit (i32), gs (i32), B, C, Z */
  const size_t total = xDoubles + 6 * mp + (size_t)nG + 8 + (size_t)maxCols * mp + M2 * mp + (size_t)maxRows * mp;
  double *base = scratch_get(scr, total);
  if (base == NULL) return -1;
  double *at = base;
  double *X = h[DH_MODE] == 1 ? at : (double *)src;
  at += xDoubles;
  double *norm = at, *lnorm = at + mp, *linv = at + 2 * mp, *lto = at + 3 * mp, *lfrom = at + 4 * mp;
  at += 5 * mp;
  int32_t *lit = (int32_t *)at;
  at += mp;
  int32_t *gs = (int32_t *)at;
  at += (size_t)nG + 8;
  double *B = at, *C = B + (size_t)maxCols * mp, *Z = C + M2 * mp;
  if (h[DH_MODE] == 1) {
    /* im2col of the chunk's images: segments (r, off, src, count) of one image, as in photonic-linear.ts */
    const int image = h[DH_IMAGE], image0 = h[DH_IMAGE0], stride = h[DH_STRIDE], nSegs = h[DH_NSEGS];
    memset(X, 0, (size_t)colsAll * m * sizeof(double));
    for (int q = 0; q < nG; q++) {
      const double *img = src + (size_t)(image0 + q) * image;
      double *dst = X + (size_t)q * per;
      for (int sg = 0; sg < nSegs; sg++) {
        const int32_t *s = segs + 4 * sg;
        double *d = dst + (size_t)s[0] * m + s[1];
        const double *from = img + s[2];
        for (int e = 0; e < s[3]; e++) d[e] = from[(size_t)e * stride];
      }
    }
  }
  /* with a bias: the chunk's outputs of rows 0 … biasRows − 1 start at 0 (and get + bias[r] at the end) */
  for (int g = 0; g < nG; g++)
    for (int r = 0; r < biasRows; r++) memset(y + (yOff + (size_t)g * ldG + (size_t)r * ldY), 0, (size_t)per * sizeof(double));
  const double L = (double)inputLevels, invL = inputLevels > 0 ? 1.0 / inputLevels : 0;
  const __m256d signMask = _mm256_set1_pd(-0.0);
  size_t matOff = 0, fsOff = 0;
  for (int t = 0; t < T; t++) {
    const int rowStart = tiles[4 * t], colStart = tiles[4 * t + 1], rows = tiles[4 * t + 2], cols = tiles[4 * t + 3];
    const int M = noise ? 2 * rows : rows;
    const double *A = mats + matOff;
    const double *fs = fullScale + fsOff;
    matOff += (size_t)M * cols;
    fsOff += (size_t)rows;
    const double *Xt = X + (size_t)colStart * m;
    /* per-pass ‖x‖∞ (NaN skipped: max(|x|, cur) keeps cur when |x| is NaN) */
    int p = 0;
    for (; p + 4 <= m; p += 4) {
      __m256d cur = _mm256_setzero_pd();
      for (int k = 0; k < cols; k++) cur = _mm256_max_pd(_mm256_andnot_pd(signMask, _mm256_loadu_pd(Xt + (size_t)k * m + p)), cur);
      _mm256_storeu_pd(norm + p, cur);
    }
    for (; p < m; p++) {
      double cur = 0;
      for (int k = 0; k < cols; k++) {
        const double a = __builtin_fabs(Xt[(size_t)k * m + p]);
        cur = a > cur ? a : cur;
      }
      norm[p] = cur;
    }
    /* lit passes, and the first lit index of each group */
    int nLit = 0;
    for (int g = 0; g < nG; g++) {
      gs[g] = nLit;
      for (int q = g * per; q < (g + 1) * per; q++) {
        const double n = norm[q];
        if (n > 0) {
          const double inv = 1 / n;
          lnorm[nLit] = n;
          linv[nLit] = inv;
          if (inputLevels > 0) {
            lto[nLit] = inv * L;
            lfrom[nLit] = n * invL;
          }
          lit[nLit++] = q;
        }
      }
    }
    gs[nG] = nLit;
    if (nLit == 0) continue;
    const int allLit = nLit == m;
    const int ldB = (nLit + 3) & ~3;
    /* B = the lit passes' inputs as sent (input DAC: nearest(x·to)·from), zero padded to ldB */
    for (int k = 0; k < cols; k++) {
      const double *xs = Xt + (size_t)k * m;
      double *b = B + (size_t)k * ldB;
      if (inputLevels > 0) {
        int j = 0;
        if (!allLit)
          for (int jj = 0; jj < nLit; jj++) b[jj] = xs[lit[jj]]; /* gathered, then quantised in place below */
        const double *xv = allLit ? xs : b;
        for (; j + 4 <= nLit; j += 4) {
          const __m256d v = _mm256_round_pd(_mm256_mul_pd(_mm256_loadu_pd(xv + j), _mm256_loadu_pd(lto + j)), ROUND_NEAREST);
          _mm256_storeu_pd(b + j, _mm256_mul_pd(v, _mm256_loadu_pd(lfrom + j)));
        }
        for (; j < nLit; j++) b[j] = nearest_even(xv[j] * lto[j]) * lfrom[j];
      } else if (allLit) {
        memcpy(b, xs, (size_t)nLit * sizeof(double));
      } else {
        for (int j = 0; j < nLit; j++) b[j] = xs[lit[j]];
      }
      for (int j = nLit; j < ldB; j++) b[j] = 0;
    }
    detect_matmul(A, B, C, M, ldB, cols);
    const double fv = floorVar[t];
    if (per == 1 && nG > 1) {
      /* one pass per sample (e.g. a Gemm): each lit pass is its own group, with its row-th normal as the noise of
         output row `row`; the normals go to Z transposed (row-major rows × nLit) so rows vectorise over samples */
      if (noise)
        for (int j = 0; j < nLit; j++) fill_normals_strided(rng + 4 * (size_t)(h[DH_RNG0] + lit[j]), table, Z + j, rows, nLit);
      for (int i = 0; i < rows; i++)
        detect_row(C + (size_t)i * ldB, C + (size_t)(rows + i) * ldB, Z + (size_t)i * nLit, lnorm, linv, lit, 0, nLit,
                   y + (yOff + (size_t)(rowStart + i) * ldY), ldG, allLit && ldG == 1, fv, shot, fs[i], adcLevels, noise);
      continue;
    }
    for (int g = 0; g < nG; g++) {
      const int j0 = gs[g], j1 = gs[g + 1], count = j1 - j0;
      if (count == 0) continue;
      if (noise) fill_normals(rng + 4 * (size_t)(h[DH_RNG0] + g), table, Z, rows * count);
      for (int i = 0; i < rows; i++)
        detect_row(C + (size_t)i * ldB, C + (size_t)(rows + i) * ldB, Z + (size_t)i * count - j0, lnorm, linv, lit, j0, j1,
                   y + (yOff + (size_t)g * (ldG - (size_t)per) + (size_t)(rowStart + i) * ldY), 1, allLit, fv, shot, fs[i], adcLevels, noise);
    }
  }
  /* + bias[r] after every tile (as photonic-linear.ts adds it to the summed tiles; + 0 turns −0 into +0 there too) */
  for (int g = 0; g < nG; g++) {
    for (int r = 0; r < biasRows; r++) {
      double *yr = y + (yOff + (size_t)g * ldG + (size_t)r * ldY);
      const double b = bias[r];
      const __m256d vb = _mm256_set1_pd(b);
      int p = 0;
      for (; p + 4 <= per; p += 4) _mm256_storeu_pd(yr + p, _mm256_add_pd(_mm256_loadu_pd(yr + p), vb));
      for (; p < per; p++) yr[p] += b;
    }
  }
  return 0;
}

#endif /* MK_X86 */

static int simd_ok(void) {
#if MK_X86
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}

/* ---------------------------------------------------------------------------------------------------------- */
/* N-API glue                                                                                                 */
/* ---------------------------------------------------------------------------------------------------------- */

#define CHECK(call)                                                                                    \
  do {                                                                                                 \
    if ((call) != napi_ok) {                                                                           \
      napi_throw_error(env, NULL, "mesh_kernels: N-API call failed: " #call);                         \
      return NULL;                                                                                     \
    }                                                                                                  \
  } while (0)

/* Typed array argument of the given type; NULL (with an exception pending) if it is something else. */
static void *typed_arg(napi_env env, napi_value v, napi_typedarray_type want, size_t *length, const char *name) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) {
    char msg[96];
    snprintf(msg, sizeof msg, "mesh_kernels: %s must be a typed array", name);
    napi_throw_type_error(env, NULL, msg);
    return NULL;
  }
  napi_typedarray_type type;
  void *data;
  if (napi_get_typedarray_info(env, v, &type, length, &data, NULL, NULL) != napi_ok || type != want) {
    char msg[96];
    snprintf(msg, sizeof msg, "mesh_kernels: %s has the wrong element type", name);
    napi_throw_type_error(env, NULL, msg);
    return NULL;
  }
  static double empty[1];
  return data != NULL ? data : (void *)empty; /* zero-length arrays may have no storage */
}

static int int_arg(napi_env env, napi_value v, int32_t *out, const char *name) {
  if (napi_get_value_int32(env, v, out) != napi_ok || *out < 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "mesh_kernels: %s must be a non-negative integer", name);
    napi_throw_type_error(env, NULL, msg);
    return 0;
  }
  return 1;
}

static napi_value range_error(napi_env env, const char *msg) {
  napi_throw_range_error(env, NULL, msg);
  return NULL;
}

/* applyMzis(form, re, im, N, B, tops, coeffs): MZI by MZI, in place. */
static napi_value js_apply_mzis(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 7) return range_error(env, "mesh_kernels.applyMzis: expected 7 arguments");
  int32_t form, N, B;
  size_t nre, nim, ntops, ncoef;
  if (!int_arg(env, argv[0], &form, "form") || !int_arg(env, argv[3], &N, "N") || !int_arg(env, argv[4], &B, "B")) return NULL;
  double *re = typed_arg(env, argv[1], napi_float64_array, &nre, "re");
  if (re == NULL) return NULL;
  double *im = typed_arg(env, argv[2], napi_float64_array, &nim, "im");
  if (im == NULL) return NULL;
  const int32_t *tops = typed_arg(env, argv[5], napi_int32_array, &ntops, "tops");
  if (tops == NULL) return NULL;
  const double *coeffs = typed_arg(env, argv[6], napi_float64_array, &ncoef, "coeffs");
  if (coeffs == NULL) return NULL;
  if (form > 1) return range_error(env, "mesh_kernels.applyMzis: form must be 0 (general) or 1 (phase-real)");
  const size_t K = ntops;
  if (K > INT32_MAX) return range_error(env, "mesh_kernels.applyMzis: too many MZIs");
  if (nre < (size_t)N * B || nim < (size_t)N * B) return range_error(env, "mesh_kernels.applyMzis: re/im shorter than N·B");
  if (ncoef < K * (form == 1 ? 6 : 8)) return range_error(env, "mesh_kernels.applyMzis: coeffs too short");
  for (size_t k = 0; k < K; k++)
    if (tops[k] < 0 || tops[k] + 1 >= N) return range_error(env, "mesh_kernels.applyMzis: MZI mode out of range");
  if (!simd_ok()) return range_error(env, "mesh_kernels: this CPU lacks AVX2/FMA");
#if MK_X86
  if (K == 0 || B == 0) return NULL;
  if (mzi_by_mzi(form, re, im, N, B, tops, (int)K, coeffs) != 0) return range_error(env, "mesh_kernels: out of memory");
#endif
  return NULL;
}

/* fingerprint(tops, coeffs) → a 52-bit hash of the bytes of both arrays (cache key for composed matrices). */
static napi_value js_fingerprint(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) return range_error(env, "mesh_kernels.fingerprint: expected 2 arguments");
  size_t ntops, ncoef;
  const int32_t *tops = typed_arg(env, argv[0], napi_int32_array, &ntops, "tops");
  if (tops == NULL) return NULL;
  const uint64_t *coeffs = typed_arg(env, argv[1], napi_float64_array, &ncoef, "coeffs");
  if (coeffs == NULL) return NULL;
  /* four independent multiply-xorshift lanes (fast), folded at the end */
  uint64_t h[4] = {0x9e3779b97f4a7c15u ^ ntops, 0xc2b2ae3d27d4eb4fu ^ ncoef, 0x165667b19e3779f9u, 0x27d4eb2f165667c5u};
  const uint64_t P = 0xff51afd7ed558ccdu;
  size_t i = 0;
  for (; i + 4 <= ncoef; i += 4)
    for (int l = 0; l < 4; l++) h[l] = (h[l] ^ coeffs[i + l]) * P, h[l] ^= h[l] >> 29;
  for (; i < ncoef; i++) h[0] = (h[0] ^ coeffs[i]) * P, h[0] ^= h[0] >> 29;
  for (size_t k = 0; k < ntops; k++) h[1] = (h[1] ^ (uint32_t)tops[k]) * P, h[1] ^= h[1] >> 29;
  uint64_t r = h[0] ^ (h[1] * 3) ^ (h[2] * 5) ^ (h[3] * 7);
  r = (r ^ (r >> 33)) * P;
  r ^= r >> 33;
  napi_value result;
  CHECK(napi_create_double(env, (double)(r >> 12), &result));
  return result;
}

/* cgemm(ar, ai, xr, xi, yr, yi, M, K, N) */
static napi_value js_cgemm(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 9) return range_error(env, "mesh_kernels.cgemm: expected 9 arguments");
  int32_t M, K, N;
  if (!int_arg(env, argv[6], &M, "M") || !int_arg(env, argv[7], &K, "K") || !int_arg(env, argv[8], &N, "N")) return NULL;
  size_t len[6];
  double *p[6];
  static const char *names[6] = {"ar", "ai", "xr", "xi", "yr", "yi"};
  for (int i = 0; i < 6; i++) {
    p[i] = typed_arg(env, argv[i], napi_float64_array, &len[i], names[i]);
    if (p[i] == NULL) return NULL;
  }
  if (len[0] < (size_t)M * K || len[1] < (size_t)M * K || len[2] < (size_t)K * N || len[3] < (size_t)K * N ||
      len[4] < (size_t)M * N || len[5] < (size_t)M * N)
    return range_error(env, "mesh_kernels.cgemm: an array is too short");
  if (!simd_ok()) return range_error(env, "mesh_kernels: this CPU lacks AVX2/FMA");
#if MK_X86
  if (cgemm(p[0], p[1], p[2], p[3], p[4], p[5], M, K, N) != 0) return range_error(env, "mesh_kernels: out of memory");
#endif
  return NULL;
}


static void scratch_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  DetectScratch *s = data;
  if (s != NULL) free(s->buf);
  free(s);
}

/*
 * detectChunk(src, ints, tiles, mats, floorVar, fullScale, shot, rng, table, y, segs, bias): one chunk of a layer's
 * passes through every tile of the layer, with detector noise (rng: 4 words per noise stream), input DAC and ADC;
 * adds into y (with a bias: sets y to the sum of the tiles + bias). See src/sim/noise/detect-native.ts for the
 * arguments. Every index is checked here.
 */
static napi_value js_detect_chunk(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 12) return range_error(env, "mesh_kernels.detectChunk: expected 12 arguments");
  size_t nsrc, nh, ntiles, nmats, nfv, nfs, nrng, ntable, ny, nsegs, nbias;
  const double *src = typed_arg(env, argv[0], napi_float64_array, &nsrc, "src");
  if (src == NULL) return NULL;
  const int32_t *h = typed_arg(env, argv[1], napi_int32_array, &nh, "ints");
  if (h == NULL) return NULL;
  const int32_t *tiles = typed_arg(env, argv[2], napi_int32_array, &ntiles, "tiles");
  if (tiles == NULL) return NULL;
  const double *mats = typed_arg(env, argv[3], napi_float64_array, &nmats, "mats");
  if (mats == NULL) return NULL;
  const double *floorVar = typed_arg(env, argv[4], napi_float64_array, &nfv, "floorVar");
  if (floorVar == NULL) return NULL;
  const double *fullScale = typed_arg(env, argv[5], napi_float64_array, &nfs, "fullScale");
  if (fullScale == NULL) return NULL;
  double shot;
  if (napi_get_value_double(env, argv[6], &shot) != napi_ok) return range_error(env, "mesh_kernels.detectChunk: shot must be a number");
  uint32_t *rng = typed_arg(env, argv[7], napi_int32_array, &nrng, "rng");
  if (rng == NULL) return NULL;
  const double *table = typed_arg(env, argv[8], napi_float64_array, &ntable, "table");
  if (table == NULL) return NULL;
  double *y = typed_arg(env, argv[9], napi_float64_array, &ny, "y");
  if (y == NULL) return NULL;
  const int32_t *segs = typed_arg(env, argv[10], napi_int32_array, &nsegs, "segs");
  if (segs == NULL) return NULL;
  const double *bias = typed_arg(env, argv[11], napi_float64_array, &nbias, "bias");
  if (bias == NULL) return NULL;
#define BAD(what) return range_error(env, "mesh_kernels.detectChunk: " what)
  if (nh < DH_SIZE) BAD("ints too short");
  for (int i = 0; i < DH_SIZE; i++)
    if (h[i] < 0) BAD("negative header value");
  const size_t m = (size_t)h[DH_M], per = (size_t)h[DH_PER], nG = (size_t)h[DH_GROUPS], T = (size_t)h[DH_TILES];
  const size_t colsAll = (size_t)h[DH_COLS], ldY = (size_t)h[DH_LDROW], yOff = (size_t)h[DH_YOFF], ldG = (size_t)h[DH_LDG];
  if (per == 0 || m != per * nG) BAD("m must be perGroup · groups");
  if (ldG < per) BAD("group stride below the passes per group");
  if (h[DH_MODE] > 1 || h[DH_NOISE] > 1) BAD("bad mode or noise flag");
  if (ntiles < 4 * T || nfv < T) BAD("tiles or floorVar too short");
  size_t matNeed = 0, fsNeed = 0;
  for (size_t t = 0; t < T; t++) {
    const size_t r0 = (size_t)tiles[4 * t], c0 = (size_t)tiles[4 * t + 1], rows = (size_t)tiles[4 * t + 2], cols = (size_t)tiles[4 * t + 3];
    if (tiles[4 * t] < 0 || tiles[4 * t + 1] < 0 || tiles[4 * t + 2] < 0 || tiles[4 * t + 3] < 0) BAD("negative tile value");
    if (c0 + cols > colsAll) BAD("tile columns out of range");
    if (rows > 0 && yOff + (nG - 1) * ldG + (r0 + rows - 1) * ldY + per > ny) BAD("y too short");
    matNeed += (h[DH_NOISE] ? 2 : 1) * rows * cols;
    fsNeed += rows;
  }
  if (nmats < matNeed || nfs < fsNeed) BAD("mats or fullScale too short");
  if ((size_t)h[DH_BIAS_ROWS] > nbias) BAD("bias too short");
  if (h[DH_BIAS_ROWS] > 0 && yOff + (nG - 1) * ldG + ((size_t)h[DH_BIAS_ROWS] - 1) * ldY + per > ny) BAD("y too short for the bias rows");
  if (h[DH_NOISE] && (nrng < 4 * ((size_t)h[DH_RNG0] + nG) || ntable < 65536)) BAD("rng states or normal table too short");
  if (h[DH_MODE] == 0) {
    if (nsrc < colsAll * m) BAD("src too short");
  } else {
    const size_t image = (size_t)h[DH_IMAGE], stride = (size_t)h[DH_STRIDE], nSegs = (size_t)h[DH_NSEGS];
    if (nsrc < ((size_t)h[DH_IMAGE0] + nG) * image) BAD("src too short for the images");
    if (nsegs < 4 * nSegs) BAD("segs too short");
    for (size_t s = 0; s < nSegs; s++) {
      const int32_t *g = segs + 4 * s;
      if (g[0] < 0 || g[1] < 0 || g[2] < 0 || g[3] < 0) BAD("negative segment value");
      if ((size_t)g[0] >= colsAll || (size_t)g[1] + (size_t)g[3] > per) BAD("segment out of range");
      if (g[3] > 0 && (size_t)g[2] + ((size_t)g[3] - 1) * stride >= image) BAD("segment source out of range");
    }
  }
#undef BAD
  if (!simd_ok()) return range_error(env, "mesh_kernels: this CPU lacks AVX2/FMA");
#if MK_X86
  DetectScratch *scr = NULL;
  if (napi_get_instance_data(env, (void **)&scr) != napi_ok || scr == NULL) {
    scr = calloc(1, sizeof *scr);
    if (scr == NULL || napi_set_instance_data(env, scr, scratch_finalize, NULL) != napi_ok) {
      free(scr);
      return range_error(env, "mesh_kernels: out of memory");
    }
  }
  if (m > 0 && T > 0 && detect_chunk(scr, src, h, tiles, mats, floorVar, fullScale, shot, rng, table, y, segs, bias) != 0)
    return range_error(env, "mesh_kernels: out of memory");
#endif
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value v;
  CHECK(napi_create_string_utf8(env, simd_ok() ? "avx2+fma" : "", NAPI_AUTO_LENGTH, &v));
  CHECK(napi_set_named_property(env, exports, "simd", v));
  CHECK(napi_create_function(env, "applyMzis", NAPI_AUTO_LENGTH, js_apply_mzis, NULL, &v));
  CHECK(napi_set_named_property(env, exports, "applyMzis", v));
  CHECK(napi_create_function(env, "cgemm", NAPI_AUTO_LENGTH, js_cgemm, NULL, &v));
  CHECK(napi_set_named_property(env, exports, "cgemm", v));
  CHECK(napi_create_function(env, "fingerprint", NAPI_AUTO_LENGTH, js_fingerprint, NULL, &v));
  CHECK(napi_set_named_property(env, exports, "fingerprint", v));
  CHECK(napi_create_function(env, "detectChunk", NAPI_AUTO_LENGTH, js_detect_chunk, NULL, &v));
  CHECK(napi_set_named_property(env, exports, "detectChunk", v));
  CHECK(napi_create_int32(env, DETECT_CHUNK_VERSION, &v));
  CHECK(napi_set_named_property(env, exports, "detectChunkVersion", v));
  return exports;
}

NAPI_MODULE(mesh_kernels, init)
