/**
 * The 2×2 transfer matrix of a non-ideal MZI with directional-coupler splitting errors:
 *
 *   T = B(δ_out) · diag(e^{iθ}, 1) · B(δ_in) · diag(e^{iφ}, 1),
 *   B(δ) = [[cos(π/4+δ), i sin(π/4+δ)], [i sin(π/4+δ), cos(π/4+δ)]]
 *
 * δ = 0 is the ideal 50:50 coupler of core/linalg/mzi.ts (`mzi_bs_in`); the power splitting ratio of a
 * coupler is cos²(π/4+δ) : sin²(π/4+δ). T stays unitary for any δ. Layout of the result as in mziMatrix.
 */

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
