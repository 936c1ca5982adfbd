/**
 * Propagation of light through an MZI mesh, and the mesh's transfer matrix.
 *
 * Conventions: see map/mesh.ts (U = diag(e^{i phasesOut})·T_K⋯T_1, column vectors, U[out, in]). A batch X is
 * an N × B CMat whose columns are samples, so each mode is one contiguous row and an MZI on (m, m+1) is a 2×2
 * update of two rows: O(B) per MZI, O(N² B) per batch, never an N × N product.
 *
 * Imperfections: topology (the mesh) is kept apart from values. `MziParams` carries optional per-MZI arrays
 * (indexed like `mesh.mzis`) so one mesh serves every chip of a Monte-Carlo run without mutation. A non-ideal
 * MZI is a · B(δ_out)·diag(e^{i(θ+Δθ)},1)·B(δ_in)·diag(e^{i(φ+Δφ)},1) with a = 10^(−lossDb/20) (field
 * amplitude of a power loss) and the couplers of sim/mzi-imperfect.ts; the layout's loss-matched dummies (every
 * empty grid position) lose `dummyLossDb` each (sim/dummy-loss.ts). The ideal case is the same code with every
 * array absent.
 *
 * Execution: `buildMeshKernel` resolves (mesh, params) once into per-MZI coefficients — the 18-flop
 * "phase-real" form (kernels/phase-real.ts) when every MZI is unitary up to scale, else general complex 2×2.
 * A `MeshPropagator` runs them with TypeScript loops, the WebAssembly SIMD kernel (kernels/mzi-simd.ts) or
 * the optional native AVX2 addon (kernels/native.ts, native/mesh_kernels.c); the functions without a
 * propagator use TypeScript.
 */
import { InvalidInputError, ShapeError } from '../core/errors.js';
import type { CMat } from '../core/linalg/cmat.js';
import { identityCMat } from '../core/linalg/cmat.js';
import { apply2x2Rows, mziMatrix } from '../core/linalg/mzi.js';
import type { MziMesh } from '../map/mesh.js';
import { createSimdRunner } from './kernels/mzi-simd.js';
import type { NativeStrategy } from './kernels/native.js';
import { createNativeRunner, loadNativeAddon } from './kernels/native.js';
import { toPhaseReal } from './kernels/phase-real.js';
import { applyGeneralTs, applyPhaseRealRange, applyPhaseRealTs } from './kernels/ts-kernels.js';
import { mziMatrixImperfect } from './mzi-imperfect.js';
import { foldDummyLoss } from './dummy-loss.js';
import { meshDummies } from '../physics/placement/loss-dummies.js';

/** Optional per-MZI deviations from the programmed mesh; every array has length mesh.mzis.length. */
export interface MziParams {
  /** Added to each θ, radians. */
  readonly thetaOffsetRad?: Float64Array;
  /** Added to each φ, radians. */
  readonly phiOffsetRad?: Float64Array;
  /** Coupling-angle error δ of each MZI's input coupler (acts first), radians; 0 = 50:50. */
  readonly couplerInErrorRad?: Float64Array;
  /** Coupling-angle error δ of each MZI's output coupler, radians. */
  readonly couplerOutErrorRad?: Float64Array;
  /** Insertion loss of each MZI (power, both arms), dB ≥ 0. */
  readonly lossDb?: Float64Array;
  /** Added to the output screen, radians; length N. */
  readonly phasesOutOffsetRad?: Float64Array;
  /**
   * Insertion loss of each loss-matched dummy at the mesh's empty grid positions (physics/placement/loss-dummies.ts),
   * dB ≥ 0; absent: the dummies are lossless (ideal).
   */
  readonly dummyLossDb?: number;
}

export type KernelForm = 'general' | 'phase-real';

/**
 * A mesh with its values resolved. `coeffs` holds 8 numbers per MZI for 'general' (complex 2×2 entries in
 * mziMatrix layout) or 6 for 'phase-real' ([cos γ, sin γ, m00, m01, m10, m11]: T = M·diag(e^{iγ},1) with the
 * remaining phases folded into the screen). `screenRe/Im` is the output screen as unit complex numbers.
 */
export interface MeshKernel {
  readonly N: number;
  readonly form: KernelForm;
  /** Upper mode of each MZI, in order of application. */
  readonly tops: Int32Array;
  readonly coeffs: Float64Array;
  readonly screenRe: Float64Array;
  readonly screenIm: Float64Array;
}

export interface MeshKernelOptions {
  /** 'auto' (default): phase-real when possible; 'general': always the complex 2×2 form. */
  readonly form?: 'auto' | 'general';
}

function checkLength(name: string, a: Float64Array | undefined, n: number): void {
  if (a !== undefined && a.length !== n) throw new InvalidInputError(`MziParams.${name} has length ${a.length}, expected ${n}`);
}

/** Resolves mesh + imperfections into a MeshKernel; validates the lengths of the `params` arrays. */
export function buildMeshKernel(mesh: MziMesh, params: MziParams = {}, options: MeshKernelOptions = {}): MeshKernel {
  const K = mesh.mzis.length;
  checkLength('thetaOffsetRad', params.thetaOffsetRad, K);
  checkLength('phiOffsetRad', params.phiOffsetRad, K);
  checkLength('couplerInErrorRad', params.couplerInErrorRad, K);
  checkLength('couplerOutErrorRad', params.couplerOutErrorRad, K);
  checkLength('lossDb', params.lossDb, K);
  checkLength('phasesOutOffsetRad', params.phasesOutOffsetRad, mesh.N);
  const { thetaOffsetRad: dTheta, phiOffsetRad: dPhi, couplerInErrorRad: dIn, couplerOutErrorRad: dOut, lossDb } = params;
  const hasCouplerErrors = dIn !== undefined || dOut !== undefined;
  const tops = new Int32Array(K);
  const t = new Float64Array(8 * K);
  for (let k = 0; k < K; k++) {
    const z = mesh.mzis[k];
    tops[k] = z.top;
    const theta = z.theta + (dTheta === undefined ? 0 : dTheta[k]);
    const phi = z.phi + (dPhi === undefined ? 0 : dPhi[k]);
    if (hasCouplerErrors) mziMatrixImperfect(theta, phi, dIn === undefined ? 0 : dIn[k], dOut === undefined ? 0 : dOut[k], t, 8 * k);
    else mziMatrix(theta, phi, t, 8 * k);
    if (lossDb !== undefined) {
      const amplitude = 10 ** (-lossDb[k] / 20); // power dB → field amplitude
      for (let e = 8 * k; e < 8 * k + 8; e++) t[e] *= amplitude;
    }
  }
  const screenRe = new Float64Array(mesh.N);
  const screenIm = new Float64Array(mesh.N);
  for (let m = 0; m < mesh.N; m++) {
    const p = mesh.phasesOut[m] + (params.phasesOutOffsetRad === undefined ? 0 : params.phasesOutOffsetRad[m]);
    screenRe[m] = Math.cos(p);
    screenIm[m] = Math.sin(p);
  }
  if (params.dummyLossDb !== undefined && params.dummyLossDb !== 0) {
    foldDummyLoss(t, screenRe, screenIm, meshDummies(mesh), 10 ** (-params.dummyLossDb / 20));
  }
  if (options.form !== 'general') {
    const pr = toPhaseReal(mesh.N, tops, t, screenRe, screenIm);
    if (pr !== null) return { N: mesh.N, form: 'phase-real', tops, coeffs: pr.g, screenRe: pr.screenRe, screenIm: pr.screenIm };
  }
  return { N: mesh.N, form: 'general', tops, coeffs: t, screenRe, screenIm };
}

/** Runs the MZIs of a kernel on a row-major N × cols matrix, in place. */
export interface MeshPropagator {
  readonly backend: 'ts' | 'wasm' | 'native';
  applyMzis(kernel: MeshKernel, re: Float64Array, im: Float64Array, cols: number): void;
}

export interface PropagatorOptions {
  /**
   * 'auto' (default): the backend named by the FOUNDRY_KERNELS environment variable (ts | wasm | native |
   * auto) if set, else native when the addon is built and this CPU supports it, else WebAssembly SIMD, else
   * TypeScript. A backend asked for explicitly (here or by FOUNDRY_KERNELS) that is unavailable throws.
   */
  readonly backend?: 'auto' | 'ts' | 'wasm' | 'native';
  /**
   * Native backend only (kernels/native.ts): 'mzi' = MZI by MZI, bit-identical to the TypeScript loops;
   * 'compose' = transfer matrix (cached per kernel) then complex GEMM, equal within rounding; 'auto'
   * (default) = whichever is predicted faster (compose when the batch is wide compared with N).
   */
  readonly nativeStrategy?: NativeStrategy;
}

const BACKENDS = ['auto', 'ts', 'wasm', 'native'] as const;

const tsPropagator: MeshPropagator = {
  backend: 'ts',
  applyMzis(kernel, re, im, cols) {
    if (kernel.form === 'phase-real') applyPhaseRealTs(re, im, cols, kernel.tops, kernel.coeffs);
    else applyGeneralTs(re, im, cols, kernel.tops, kernel.coeffs);
  },
};

/**
 * A propagator. The native one keeps the last composed transfer matrix (see PropagatorOptions.nativeStrategy);
 * the wasm one owns a WebAssembly instance and its memory (kept and grown across calls). Create one per
 * worker and reuse it (V8 optimises the wasm module after its first calls). Asking for 'native' or 'wasm'
 * where it is unavailable throws.
 */
export function createMeshPropagator(options: PropagatorOptions = {}): MeshPropagator {
  let backend = options.backend ?? 'auto';
  const forced = process.env.FOUNDRY_KERNELS;
  if (backend === 'auto' && forced !== undefined && forced !== '') {
    if (!(BACKENDS as readonly string[]).includes(forced)) throw new InvalidInputError(`FOUNDRY_KERNELS=${forced}: expected one of ${BACKENDS.join(', ')}`);
    backend = forced as (typeof BACKENDS)[number];
  }
  if (backend === 'ts') return tsPropagator;
  if (backend === 'native' || backend === 'auto') {
    const load = loadNativeAddon();
    if (load.addon !== null) {
      const native = createNativeRunner(load.addon, options.nativeStrategy);
      return {
        backend: 'native',
        applyMzis(kernel, re, im, cols) {
          native.applyMzis(kernel.form, re, im, kernel.N, cols, kernel.tops, kernel.coeffs);
        },
      };
    }
    if (backend === 'native') throw new InvalidInputError(`native kernels are not available: ${load.reason}`);
  }
  const runner = createSimdRunner();
  if (runner === null) {
    if (backend === 'wasm') throw new InvalidInputError('WebAssembly SIMD is not available in this runtime');
    return tsPropagator;
  }
  return {
    backend: 'wasm',
    applyMzis(kernel, re, im, cols) {
      runner.applyMzis(kernel.form, re, im, kernel.N, cols, kernel.tops, kernel.coeffs);
    },
  };
}

function applyScreen(y: CMat, kernel: MeshKernel): void {
  const B = y.cols;
  for (let m = 0; m < kernel.N; m++) {
    const pr = kernel.screenRe[m];
    const pi = kernel.screenIm[m];
    for (let c = m * B; c < (m + 1) * B; c++) {
      const xr = y.re[c];
      const xi = y.im[c];
      y.re[c] = pr * xr - pi * xi;
      y.im[c] = pr * xi + pi * xr;
    }
  }
}

/** Y = U_mesh · X for a batch X (N × B, columns are samples), MZI by MZI. X is left unchanged. */
export function propagateKernel(kernel: MeshKernel, x: CMat, propagator: MeshPropagator = tsPropagator): CMat {
  if (x.rows !== kernel.N) throw new ShapeError(`batch has ${x.rows} rows, the mesh has ${kernel.N} modes`);
  const y: CMat = { rows: x.rows, cols: x.cols, re: Float64Array.from(x.re), im: Float64Array.from(x.im) };
  propagator.applyMzis(kernel, y.re, y.im, x.cols);
  applyScreen(y, kernel);
  return y;
}

/** Y = U_mesh · X (see propagateKernel); `params` are optional per-MZI imperfections. */
export function propagateMesh(mesh: MziMesh, x: CMat, params?: MziParams, propagator?: MeshPropagator): CMat {
  return propagateKernel(buildMeshKernel(mesh, params), x, propagator);
}

/** Column intervals of composeKernel's rows (scratch, reused: JavaScript runs one call at a time per thread). */
let composeLo = new Int32Array(0);
let composeHi = new Int32Array(0);

/**
 * The N × N transfer matrix of a kernel: the identity propagated MZI by MZI. With the TypeScript backend each
 * row of the running product is nonzero only on an interval of columns (it starts as e_m and an MZI merges
 * the intervals of its two rows), so only that interval is updated; the wasm backend updates whole rows.
 * O(N³) worst case. With `out` (N × N) the result is written there instead of a new matrix.
 */
export function composeKernel(kernel: MeshKernel, propagator: MeshPropagator = tsPropagator, out?: CMat): CMat {
  const N = kernel.N;
  let u: CMat;
  if (out && out.rows === N && out.cols === N && out.re.length === N * N && out.im.length === N * N) {
    // overwrite `out` (e.g. a scratch matrix reused composition after composition) with the identity
    u = out;
    u.re.fill(0);
    u.im.fill(0);
    for (let i = 0; i < N; i++) u.re[i * N + i] = 1;
  } else {
    u = identityCMat(N);
  }
  if (propagator.backend === 'ts') {
    if (composeLo.length < N) {
      composeLo = new Int32Array(N);
      composeHi = new Int32Array(N);
    }
    const lo = composeLo;
    const hi = composeHi;
    for (let m = 0; m < N; m++) {
      lo[m] = m;
      hi[m] = m + 1;
    }
    const { tops, coeffs } = kernel;
    const isPhaseReal = kernel.form === 'phase-real';
    for (let k = 0; k < tops.length; k++) {
      const m = tops[k];
      const c0 = Math.min(lo[m], lo[m + 1]);
      const c1 = Math.max(hi[m], hi[m + 1]);
      lo[m] = lo[m + 1] = c0;
      hi[m] = hi[m + 1] = c1;
      if (isPhaseReal) applyPhaseRealRange(u.re, u.im, N, m, coeffs, 6 * k, c0, c1);
      else apply2x2Rows(u.re, u.im, N, m, coeffs, 8 * k, c0, c1);
    }
  } else {
    propagator.applyMzis(kernel, u.re, u.im, N);
  }
  applyScreen(u, kernel);
  return u;
}

/** The N × N transfer matrix of a mesh with optional imperfections `params`. */
export function composeTransferMatrix(mesh: MziMesh, params?: MziParams, propagator?: MeshPropagator): CMat {
  return composeKernel(buildMeshKernel(mesh, params), propagator);
}
