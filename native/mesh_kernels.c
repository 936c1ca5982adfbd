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
  return exports;
}

NAPI_MODULE(mesh_kernels, init)
