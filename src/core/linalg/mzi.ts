/**
 * The Mach–Zehnder interferometer (MZI) 2×2 transfer matrix and the phase identities the mesh code needs.
 *
 * Convention (`mzi_bs_in` in shared/spec/mesh-phases.md), acting on modes (m, m+1), column vectors:
 *
 *   T(θ, φ) = B · diag(e^{iθ}, 1) · B · diag(e^{iφ}, 1),   B = [[1, i], [i, 1]] / √2
 *           = i e^{iθ/2} · [[e^{iφ} sin(θ/2),  cos(θ/2)],
 *                           [e^{iφ} cos(θ/2), −sin(θ/2)]]
 *
 * φ sits on the upper input, θ on the upper internal arm. Identities (checked in test/linalg/mzi.test.ts):
 *  - input screen pushed forward:   T(θ, φ) · diag(e^{iα}, e^{iβ}) = e^{iβ} · T(θ, φ + α − β)
 *  - inverse moved through a screen: T(θ, φ)⁻¹ · diag(e^{iα}, e^{iβ})
 *                                    = diag(e^{i(β − θ − φ + π)}, e^{i(β − θ + π)}) · T(θ, α − β)
 *  - transpose:                      T(θ, φ)ᵀ = diag(e^{iφ}, 1) · T(θ, 0)
 * Angles are radians; stored phases are wrapped to [0, 2π).
 */

const TWO_PI = 2 * Math.PI;

/** Wraps an angle (radians) to [0, 2π). */
export function wrapPhase(x: number): number {
  const y = x - TWO_PI * Math.floor(x / TWO_PI);
  return y >= TWO_PI ? 0 : y; // x slightly below a multiple of 2π can round up to 2π
}

/**
 * Entries of T(θ, φ) into `out` (length ≥ offset + 8) as
 * [t00re, t00im, t01re, t01im, t10re, t10im, t11re, t11im]; returns `out`.
 */
export function mziMatrix(thetaRad: number, phiRad: number, out: Float64Array = new Float64Array(8), offset = 0): Float64Array {
  const s = Math.sin(thetaRad / 2);
  const c = Math.cos(thetaRad / 2);
  // g = i e^{iθ/2}; gp = g e^{iφ}
  const gr = -Math.sin(thetaRad / 2);
  const gi = Math.cos(thetaRad / 2);
  const cp = Math.cos(phiRad);
  const sp = Math.sin(phiRad);
  const gpr = gr * cp - gi * sp;
  const gpi = gr * sp + gi * cp;
  out[offset] = gpr * s;
  out[offset + 1] = gpi * s;
  out[offset + 2] = gr * c;
  out[offset + 3] = gi * c;
  out[offset + 4] = gpr * c;
  out[offset + 5] = gpi * c;
  out[offset + 6] = -gr * s;
  out[offset + 7] = -gi * s;
  return out;
}

/**
 * Applies a 2×2 complex matrix T (entries t[o … o+7], the layout of `mziMatrix`) to rows (m, m+1) of a row-major
 * complex matrix with `cols` columns (re/im split), in place, on columns [c0, c1):
 * (x0, x1) ← (t00 x0 + t01 x1, t10 x0 + t11 x1). Used by the decompositions (left ops) and the mesh propagation;
 * the WebAssembly and native kernels repeat this arithmetic in this order, bit for bit.
 */
export function apply2x2Rows(re: Float64Array, im: Float64Array, cols: number, m: number, t: Float64Array, o: number, c0: number, c1: number): void {
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

/**
 * Result of moving T(θ, φ)⁻¹ through the output screen diag(e^{iα}, e^{iβ}) on its modes:
 * T(θ, φ)⁻¹ · diag(e^{iα}, e^{iβ}) = diag(e^{i alphaOut}, e^{i betaOut}) · T(theta, phi).
 */
export interface CommutedMzi {
  readonly theta: number;
  readonly phi: number;
  readonly alphaOut: number;
  readonly betaOut: number;
}

/** See `CommutedMzi`; used by the Clements decomposition to move left-side MZIs to the right of the screen. */
export function commuteInverseThroughScreen(thetaRad: number, phiRad: number, alphaRad: number, betaRad: number): CommutedMzi {
  return {
    theta: thetaRad,
    phi: alphaRad - betaRad,
    alphaOut: betaRad - thetaRad - phiRad + Math.PI,
    betaOut: betaRad - thetaRad + Math.PI,
  };
}
