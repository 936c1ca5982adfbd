/**
 * "Phase-real" form of a mesh kernel: every MZI as T_k = M_k · diag(e^{iγ_k}, 1) with M_k a REAL 2×2 matrix,
 * all other phases moved to the output screen. Applying it costs 18 flops per mode pair and sample instead
 * of 28 for a general complex 2×2.
 *
 * Any T that is unitary up to a real scale (the ideal MZI, phase offsets, coupler splitting errors, uniform
 * loss) factors as T = diag(p, q) · M · diag(e^{iγ}, 1) with |p| = |q| = 1 and M real:
 *   e^{iγ} = phase of a·b̄ − c·d̄ (1 if zero; the sign is absorbed by M), then with a' = a e^{−iγ}, c' = c e^{−iγ}:
 *   p = phase of the larger of a', b;  q = phase of the larger of c', d;
 *   M = Re [[a' p̄, b p̄], [c' q̄, d q̄]].
 * Choosing the larger entry keeps the rounding error O(eps) even when an entry is tiny or zero. The output
 * phases diag(p, q) are pushed into the next MZIs with T·diag(u_m, u_{m+1}) = u_{m+1}·diag(p, q)·M·
 * diag(e^{iγ} u_m ū_{m+1}, 1) (real M commutes with the scalar u_{m+1}); what remains at the end multiplies
 * the output screen. A kernel whose MZIs do not factor (checked per MZI to `FACTOR_TOL`) is left general.
 */
import { modulus } from '../../core/linalg/cmat.js';

/** Per-MZI factorisation must reproduce T to this relative tolerance (a few eps), else the mesh stays general. */
const FACTOR_TOL = 64 * Number.EPSILON;

export interface PhaseRealKernel {
  /** 6 numbers per MZI: [cos γ', sin γ', m00, m01, m10, m11] with γ' including the pushed input phases. */
  readonly g: Float64Array;
  /** Output screen including the pushed phases (unit complex numbers). */
  readonly screenRe: Float64Array;
  readonly screenIm: Float64Array;
}

/**
 * Converts general kernel data (tops, 8 entries per MZI, screen) into the phase-real form, or returns null if
 * some MZI is not unitary up to scale.
 */
export function toPhaseReal(N: number, tops: Int32Array, t: Float64Array, screenRe: Float64Array, screenIm: Float64Array): PhaseRealKernel | null {
  const K = tops.length;
  const g = new Float64Array(6 * K);
  const ur = new Float64Array(N).fill(1); // pending phase on each mode
  const ui = new Float64Array(N);
  for (let k = 0; k < K; k++) {
    const o = 8 * k;
    const ar = t[o], ai = t[o + 1], br = t[o + 2], bi = t[o + 3];
    const cr = t[o + 4], ci = t[o + 5], dr = t[o + 6], di = t[o + 7];
    // z = a b̄ − c d̄
    const zr = ar * br + ai * bi - (cr * dr + ci * di);
    const zi = ai * br - ar * bi - (ci * dr - cr * di);
    const zn = modulus(zr, zi);
    const er = zn > 0 ? zr / zn : 1;
    const ei = zn > 0 ? zi / zn : 0;
    // a' = a ē, c' = c ē
    const a2r = ar * er + ai * ei, a2i = ai * er - ar * ei;
    const c2r = cr * er + ci * ei, c2i = ci * er - cr * ei;
    const [pr, pi] = unitOfLarger(a2r, a2i, br, bi);
    const [qr, qi] = unitOfLarger(c2r, c2i, dr, di);
    const m00 = a2r * pr + a2i * pi, m01 = br * pr + bi * pi;
    const m10 = c2r * qr + c2i * qi, m11 = dr * qr + di * qi;
    const scale = Math.max(modulus(ar, ai), modulus(br, bi), modulus(cr, ci), modulus(dr, di), Number.MIN_VALUE);
    // residual of the factorisation: imaginary parts dropped by the projections
    const resid = Math.max(
      Math.abs(a2i * pr - a2r * pi), Math.abs(bi * pr - br * pi), Math.abs(c2i * qr - c2r * qi), Math.abs(di * qr - dr * qi),
    );
    if (!(resid <= FACTOR_TOL * scale)) return null;
    const m = tops[k];
    // γ' = γ + arg u_m − arg u_{m+1}
    const vr = ur[m] * ur[m + 1] + ui[m] * ui[m + 1]; // u_m ū_{m+1}
    const vi = ui[m] * ur[m + 1] - ur[m] * ui[m + 1];
    g[6 * k] = er * vr - ei * vi;
    g[6 * k + 1] = er * vi + ei * vr;
    g[6 * k + 2] = m00;
    g[6 * k + 3] = m01;
    g[6 * k + 4] = m10;
    g[6 * k + 5] = m11;
    // new pending phases: u_{m+1}·p, u_{m+1}·q
    // (renormalised: the pending phases pass through O(N) products and would otherwise drift by O(N·eps))
    const wr = ur[m + 1], wi = ui[m + 1];
    const n0r = wr * pr - wi * pi, n0i = wr * pi + wi * pr;
    const n1r = wr * qr - wi * qi, n1i = wr * qi + wi * qr;
    const s0 = 1 / modulus(n0r, n0i);
    const s1 = 1 / modulus(n1r, n1i);
    ur[m] = n0r * s0;
    ui[m] = n0i * s0;
    ur[m + 1] = n1r * s1;
    ui[m + 1] = n1i * s1;
  }
  const sr = new Float64Array(N);
  const si = new Float64Array(N);
  for (let m = 0; m < N; m++) {
    sr[m] = screenRe[m] * ur[m] - screenIm[m] * ui[m];
    si[m] = screenRe[m] * ui[m] + screenIm[m] * ur[m];
  }
  return { g, screenRe: sr, screenIm: si };
}

/** Unit phase of the larger of two complex numbers (1 if both are zero). */
function unitOfLarger(xr: number, xi: number, yr: number, yi: number): [number, number] {
  const nx = modulus(xr, xi);
  const ny = modulus(yr, yi);
  if (nx >= ny) return nx > 0 ? [xr / nx, xi / nx] : [1, 0];
  return [yr / ny, yi / ny];
}
