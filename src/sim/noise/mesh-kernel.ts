/**
 * The MZI kernel of one mesh of a Monte-Carlo chip, built directly from the realised phase offsets and the
 * chip's coupler factors — the same matrices as buildMeshKernel(mesh, MziParams) (sim/mesh-propagate.ts,
 * sim/mzi-imperfect.ts) with the couplers' cos/sin(π/4 + δ) computed once per chip instead of per composition,
 * since a chip is recomposed at every drift step:
 *
 *   T = a · B(δ_out) · diag(e^{i(θ+Δθ)}, 1) · B(δ_in) · diag(e^{i(φ+Δφ)}, 1),   a = 10^(−lossDb/20)
 *   B(δ) = [[cos(π/4+δ), i sin(π/4+δ)], [i sin(π/4+δ), cos(π/4+δ)]]
 *
 * in the 'general' kernel form (8 numbers per MZI, mziMatrix layout).
 */
import type { MziMesh } from '../../ir/circuit.js';
import type { MeshKernel } from '../mesh-propagate.js';
import type { MeshDummies } from '../../physics/placement/loss-dummies.js';
import { foldDummyLoss } from '../dummy-loss.js';

/** cos/sin(π/4 + δ) of each MZI slot's input and output coupler. */
export interface CouplerTrig {
  readonly cosIn: Float64Array;
  readonly sinIn: Float64Array;
  readonly cosOut: Float64Array;
  readonly sinOut: Float64Array;
}

/** Coupler factors for coupling-angle errors δ (radians) per slot. */
export function couplerTrig(deltaInRad: Float64Array, deltaOutRad: Float64Array): CouplerTrig {
  const q = Math.PI / 4;
  return {
    cosIn: deltaInRad.map((d) => Math.cos(q + d)),
    sinIn: deltaInRad.map((d) => Math.sin(q + d)),
    cosOut: deltaOutRad.map((d) => Math.cos(q + d)),
    sinOut: deltaOutRad.map((d) => Math.sin(q + d)),
  };
}

/**
 * Kernel of `mesh` with per-MZI phase offsets taken from `offsetRad` at the heater indices thetaHeater/phiHeater
 * of each MZI's slot (slot[k]; heater −1 = no offset), screen offsets at screenHeater[m], couplers from
 * `couplers` (per slot; null = ideal 50:50) and every MZI's field amplitude `amplitude`, which the mesh's loss
 * dummies (`dummies`, null: none simulated) have too. With `reuse` (a kernel
 * this function returned for a mesh of the same sizes, no longer needed) its arrays are overwritten and
 * returned instead of new ones.
 */
export function noisyMeshKernel(
  mesh: MziMesh,
  slot: Int32Array,
  thetaHeater: Int32Array,
  phiHeater: Int32Array,
  screenHeater: Int32Array,
  offsetRad: Float64Array | null,
  couplers: CouplerTrig | null,
  amplitude: number,
  dummies: MeshDummies | null,
  reuse?: MeshKernel,
): MeshKernel {
  const K = mesh.mzis.length;
  const fits = reuse !== undefined && reuse.form === 'general' && reuse.N === mesh.N && reuse.tops.length === K && reuse.coeffs.length === 8 * K;
  const tops = fits ? (reuse.tops as Int32Array) : new Int32Array(K);
  const t = fits ? (reuse.coeffs as Float64Array) : new Float64Array(8 * K);
  const h = Math.SQRT1_2;
  for (let k = 0; k < K; k++) {
    const z = mesh.mzis[k];
    const s = slot[k];
    tops[k] = z.top;
    let theta = z.theta;
    let phi = z.phi;
    if (offsetRad) {
      const ht = thetaHeater[s];
      const hp = phiHeater[s];
      if (ht >= 0) theta += offsetRad[ht];
      if (hp >= 0) phi += offsetRad[hp];
    }
    const ci = couplers ? couplers.cosIn[s] : h;
    const si = couplers ? couplers.sinIn[s] : h;
    const co = couplers ? couplers.cosOut[s] : h;
    const so = couplers ? couplers.sinOut[s] : h;
    const er = Math.cos(theta);
    const ei = Math.sin(theta);
    // the algebra of mziMatrixImperfect
    const r00r = co * er * ci - so * si, r00i = co * ei * ci;
    const r01r = -co * ei * si, r01i = co * er * si + so * ci;
    const r10r = -so * ei * ci, r10i = so * er * ci + co * si;
    const r11r = co * ci - so * er * si, r11i = -so * ei * si;
    const pr = Math.cos(phi) * amplitude;
    const pi = Math.sin(phi) * amplitude;
    const o = 8 * k;
    t[o] = r00r * pr - r00i * pi;
    t[o + 1] = r00r * pi + r00i * pr;
    t[o + 2] = r01r * amplitude;
    t[o + 3] = r01i * amplitude;
    t[o + 4] = r10r * pr - r10i * pi;
    t[o + 5] = r10r * pi + r10i * pr;
    t[o + 6] = r11r * amplitude;
    t[o + 7] = r11i * amplitude;
  }
  const screenRe = fits ? (reuse.screenRe as Float64Array) : new Float64Array(mesh.N);
  const screenIm = fits ? (reuse.screenIm as Float64Array) : new Float64Array(mesh.N);
  for (let m = 0; m < mesh.N; m++) {
    const hs = offsetRad ? screenHeater[m] : -1;
    const p = mesh.phasesOut[m] + (hs >= 0 ? offsetRad![hs] : 0);
    screenRe[m] = Math.cos(p);
    screenIm[m] = Math.sin(p);
  }
  if (dummies && amplitude !== 1) foldDummyLoss(t, screenRe, screenIm, dummies, amplitude);
  return fits ? reuse : { N: mesh.N, form: 'general', tops, coeffs: t, screenRe, screenIm };
}
