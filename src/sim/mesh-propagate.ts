/**
 * Propagation of light through an MZI mesh, and the mesh's transfer matrix.
 *
 * Conventions: see map/mesh.ts (U = diag(e^{i phasesOut})·T_K⋯T_1, column vectors, U[out, in]). A batch X is
 * an N × B CMat whose columns are samples, so each mode is one contiguous row and an MZI on (m, m+1) is a 2×2
 * update of two rows: O(B) per MZI, O(N² B) per batch, never an N × N product.
 *
 * Imperfections: topology (the mesh) is kept apart from values. `MziParams` carries optional per-MZI arrays
 * (indexed like `mesh.mzis`) so one mesh serves every chip of a Monte-Carlo run without mutation. A non-ideal
 * MZI is
 *
 *   T = a · B(δ_out) · diag(e^{i(θ+Δθ)}, 1) · B(δ_in) · diag(e^{i(φ+Δφ)}, 1),
 *   B(δ) = [[cos(π/4+δ), i sin(π/4+δ)], [i sin(π/4+δ), cos(π/4+δ)]],   a = 10^(−lossDb/20)
 *
 * (δ = 0 is the ideal 50:50 coupler B of core/linalg/mzi.ts; power splitting ratio cos²(π/4+δ)). The ideal
 * case is the same code with every array absent.
 */
import { InvalidInputError, ShapeError } from '../core/errors.js';
import type { CMat } from '../core/linalg/cmat.js';
import { identityCMat } from '../core/linalg/cmat.js';
import { mziMatrix } from '../core/linalg/mzi.js';
import type { MziMesh } from '../map/mesh.js';

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
}

function checkLength(name: string, a: Float64Array | undefined, n: number): void {
  if (a !== undefined && a.length !== n) throw new InvalidInputError(`MziParams.${name} has length ${a.length}, expected ${n}`);
}

/** 2×2 matrix of one MZI with coupling errors δ_in, δ_out (radians) into out[o … o+7] (mziMatrix layout). */
export function mziMatrixImperfect(thetaRad: number, phiRad: number, deltaInRad: number, deltaOutRad: number, out: Float64Array, o: number): void {
  const ci = Math.cos(Math.PI / 4 + deltaInRad);
  const si = Math.sin(Math.PI / 4 + deltaInRad);
  const co = Math.cos(Math.PI / 4 + deltaOutRad);
  const so = Math.sin(Math.PI / 4 + deltaOutRad);
  const er = Math.cos(thetaRad);
  const ei = Math.sin(thetaRad);
  // P = diag(e^{iθ}, 1)·B_in = [[e^{iθ} ci, i e^{iθ} si], [i si, ci]];  M = B_out·P, row j: co·P_0j + i so·P_1j
  // and i so·P_0j + co·P_1j (i·(x + iy) = −y + ix).
  const r00r = co * er * ci - so * si, r00i = co * ei * ci;
  const r01r = -co * ei * si, r01i = co * er * si + so * ci;
  const r10r = -so * ei * ci, r10i = so * er * ci + co * si;
  const r11r = co * ci - so * er * si, r11i = -so * ei * si;
  // right factor diag(e^{iφ}, 1): column 0 times e^{iφ}
  const pr = Math.cos(phiRad);
  const pi = Math.sin(phiRad);
  out[o] = r00r * pr - r00i * pi;
  out[o + 1] = r00r * pi + r00i * pr;
  out[o + 2] = r01r;
  out[o + 3] = r01i;
  out[o + 4] = r10r * pr - r10i * pi;
  out[o + 5] = r10r * pi + r10i * pr;
  out[o + 6] = r11r;
  out[o + 7] = r11i;
}

/**
 * A mesh with its values resolved: per-MZI 2×2 matrices (8 numbers each, mziMatrix layout, mesh order) with
 * `params` applied, and the output screen (programmed + offset) as cos/sin. Built once per (mesh, params).
 */
export interface MeshKernel {
  readonly N: number;
  /** Upper mode of each MZI. */
  readonly tops: Int32Array;
  /** 8 · K entries. */
  readonly t: Float64Array;
  readonly screenRe: Float64Array;
  readonly screenIm: Float64Array;
}

/** Resolves mesh + imperfections into a MeshKernel; validates the lengths of the `params` arrays. */
export function buildMeshKernel(mesh: MziMesh, params: MziParams = {}): MeshKernel {
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
  return { N: mesh.N, tops, t, screenRe, screenIm };
}

/**
 * Applies MZI k of the kernel to rows (m, m+1) of a row-major matrix with `cols` columns, on columns
 * [c0, c1): (x0, x1) ← (t00 x0 + t01 x1, t10 x0 + t11 x1).
 */
function applyMzi(re: Float64Array, im: Float64Array, cols: number, m: number, t: Float64Array, o: number, c0: number, c1: number): void {
  const t00r = t[o], t00i = t[o + 1], t01r = t[o + 2], t01i = t[o + 3];
  const t10r = t[o + 4], t10i = t[o + 5], t11r = t[o + 6], t11i = t[o + 7];
  const r0 = m * cols;
  const r1 = r0 + cols;
  for (let c = c0; c < c1; c++) {
    const x0r = re[r0 + c], x0i = im[r0 + c];
    const x1r = re[r1 + c], x1i = im[r1 + c];
    re[r0 + c] = t00r * x0r - t00i * x0i + t01r * x1r - t01i * x1i;
    im[r0 + c] = t00r * x0i + t00i * x0r + t01r * x1i + t01i * x1r;
    re[r1 + c] = t10r * x0r - t10i * x0i + t11r * x1r - t11i * x1i;
    im[r1 + c] = t10r * x0i + t10i * x0r + t11r * x1i + t11i * x1r;
  }
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
export function propagateKernel(kernel: MeshKernel, x: CMat): CMat {
  if (x.rows !== kernel.N) throw new ShapeError(`batch has ${x.rows} rows, the mesh has ${kernel.N} modes`);
  const B = x.cols;
  const y: CMat = { rows: x.rows, cols: B, re: Float64Array.from(x.re), im: Float64Array.from(x.im) };
  const { tops, t } = kernel;
  for (let k = 0; k < tops.length; k++) applyMzi(y.re, y.im, B, tops[k], t, 8 * k, 0, B);
  applyScreen(y, kernel);
  return y;
}

/** Y = U_mesh · X (see propagateKernel); `params` are optional per-MZI imperfections. */
export function propagateMesh(mesh: MziMesh, x: CMat, params?: MziParams): CMat {
  return propagateKernel(buildMeshKernel(mesh, params), x);
}

/**
 * The N × N transfer matrix of the mesh (with `params` applied): the identity propagated MZI by MZI. Each
 * row of the running product is nonzero only on an interval of columns (it starts as e_m and an MZI merges
 * the intervals of its two rows), so only that interval is updated. O(N³) worst case.
 */
export function composeTransferMatrix(mesh: MziMesh, params?: MziParams): CMat {
  const kernel = buildMeshKernel(mesh, params);
  const N = mesh.N;
  const u = identityCMat(N);
  const lo = Int32Array.from({ length: N }, (_, m) => m);
  const hi = Int32Array.from({ length: N }, (_, m) => m + 1);
  const { tops, t } = kernel;
  for (let k = 0; k < tops.length; k++) {
    const m = tops[k];
    const c0 = Math.min(lo[m], lo[m + 1]);
    const c1 = Math.max(hi[m], hi[m + 1]);
    lo[m] = lo[m + 1] = c0;
    hi[m] = hi[m + 1] = c1;
    applyMzi(u.re, u.im, N, m, t, 8 * k, c0, c1);
  }
  applyScreen(u, kernel);
  return u;
}

