/**
 * Error-corrected programming of one MZI mesh on couplers with known splitting errors, in the manner of
 * Bandyopadhyay, Hamerly & Englund, "Hardware error correction for programmable photonics", Optica 8, 1247
 * (2021): every MZI is re-set so that its ACTUAL power splitting equals the design's, and the extra phases the
 * imperfect MZI then puts on its outputs are carried forward and absorbed by the external phases of the MZIs that
 * follow and, at the end, by the output phase screen. When every MZI's splitting is reachable the corrected mesh
 * realises exactly the designed unitary on that chip.
 *
 * Conventions (ir/circuit.ts, sim/mzi-imperfect.ts): the design's MZI is T(θ,φ) = B·diag(e^{iθ},1)·B·diag(e^{iφ},1)
 * with B the 50:50 coupler; the chip's is M(θ,φ) = B(δ_out)·diag(e^{iθ},1)·B(δ_in)·diag(e^{iφ},1), B(δ) a
 * coupler with power split cos²(π/4+δ) : sin²(π/4+δ). The mesh is U = diag(e^{iψ})·T_K⋯T_1.
 *
 * Per MZI, in order of application, with P = diag(e^{ia}, e^{ib}) the phases still pending on its two input modes:
 *  1. θ' with |M(θ',0)₀₀| = |T(θ,0)₀₀| = |sin(θ/2)|: |M₀₀|² = u² + v² − 2uv·cos θ', u = cos(π/4+δ_in)·cos(π/4+δ_out),
 *     v = sin·sin. Reachable iff sin²(θ/2) ∈ [(u−v)², (u+v)²]; of the two solutions ±θ', the one nearer θ.
 *  2. M(θ',0) = diag(e^{ix}, e^{iy})·T(θ,0)·diag(e^{iγ}, 1): three phases fit any 2×2 unitary of the same moduli
 *     (the fourth entry's phase follows from unitarity). Fitted as weighted phase averages, so an entry near zero
 *     does not spoil them.
 *  3. φ' = φ − a + b − γ makes M(θ',φ')·P = e^{ib}·diag(e^{ix}, e^{iy})·T(θ,φ); the new pending phases are b + x,
 *     b + y.
 * Finally ψ' = ψ − pending. Phases are returned wrapped to [0, 2π).
 *
 * Unreachable MZIs (a full bar or full cross, θ ≈ π or 0, asked of couplers that cannot give it — common in the
 * block-structured meshes of zero-padded edge tiles) keep the design's θ, and only the pending a − b is absorbed
 * (x = y = γ = 0). Why not clamp θ' to the nearest reachable split: the uncorrected MZI's first-order error
 * (amplitude sin(δ_in+δ_out) into the wrong port) is in quadrature with the designed field, which homodyne
 * detection does not read, while a clamped θ' with fitted phases puts the same amplitude error IN phase — measured
 * on LeNet-5 --core-size 16 with 0.5 % spread, clamping made the fc1 tiles' readout error 2× worse than no
 * correction, keeping θ made it 1.4× better overall and 50–100× better on tiles with every MZI reachable.
 */
import { mziMatrix, wrapPhase } from '../core/linalg/mzi.js';
import type { MziMesh } from '../ir/circuit.js';
import { mziMatrixImperfect } from '../sim/mzi-imperfect.js';

export interface CorrectedMesh {
  /** θ', φ' per MZI (mesh order) and the output screen ψ', rad in [0, 2π). */
  readonly theta: Float64Array;
  readonly phi: Float64Array;
  readonly phasesOut: Float64Array;
  /** MZIs whose designed splitting lies outside what their couplers can reach (left as designed). */
  readonly unreachable: number;
}

/** θ' of an MZI with couplers δ_in, δ_out whose bar power |M₀₀|² equals sin²(θ/2) (step 1). */
export function correctedThetaRad(thetaRad: number, deltaInRad: number, deltaOutRad: number): { theta: number; reachable: boolean } {
  const q = Math.PI / 4;
  const u = Math.cos(q + deltaInRad) * Math.cos(q + deltaOutRad);
  const v = Math.sin(q + deltaInRad) * Math.sin(q + deltaOutRad);
  const s = Math.sin(thetaRad / 2);
  const c = (u * u + v * v - s * s) / (2 * u * v);
  const reachable = c >= -1 - 1e-12 && c <= 1 + 1e-12;
  const t = Math.acos(Math.min(1, Math.max(-1, c)));
  // θ' = ±t (mod 2π): take the one nearer the design's θ
  return { theta: wrapPhase(thetaRad) <= Math.PI ? t : 2 * Math.PI - t, reachable };
}

/** acc += a·conj(b)·w for complex a = (ar, ai), b = (br, bi), w = (weightRe, weightIm); acc = [re, im]. */
function addProductConj(acc: number[], ar: number, ai: number, br: number, bi: number, weightRe = 1, weightIm = 0): void {
  const re = ar * br + ai * bi;
  const im = ai * br - ar * bi;
  acc[0] += re * weightRe - im * weightIm;
  acc[1] += re * weightIm + im * weightRe;
}

/** The phases x, y, γ of M = diag(e^{ix}, e^{iy})·T·diag(e^{iγ}, 1) (step 2), M and T in mziMatrix layout. */
export function fitMziPhases(M: Float64Array, T: Float64Array): { x: number; y: number; gamma: number } {
  // γ from the row ratios: M₀₀·conj(M₀₁) = T₀₀·conj(T₀₁)·e^{iγ} (and the same for row 1)
  const g = [0, 0];
  const r0 = [0, 0];
  addProductConj(r0, M[0], M[1], M[2], M[3]); // M00·conj(M01)
  addProductConj(g, r0[0], r0[1], ...conjProduct(T, 0)); // · conj(T00·conj(T01))
  const r1 = [0, 0];
  addProductConj(r1, M[4], M[5], M[6], M[7]);
  addProductConj(g, r1[0], r1[1], ...conjProduct(T, 4));
  const gamma = g[0] === 0 && g[1] === 0 ? 0 : Math.atan2(g[1], g[0]);
  const cg = Math.cos(gamma);
  const sg = Math.sin(gamma);
  // x: M₀₁·conj(T₀₁) + M₀₀·conj(T₀₀·e^{iγ});  y: the same on row 1
  const xs = [0, 0];
  addProductConj(xs, M[2], M[3], T[2], T[3]);
  addProductConj(xs, M[0], M[1], T[0], T[1], cg, -sg);
  const ys = [0, 0];
  addProductConj(ys, M[6], M[7], T[6], T[7]);
  addProductConj(ys, M[4], M[5], T[4], T[5], cg, -sg);
  return { x: Math.atan2(xs[1], xs[0]), y: Math.atan2(ys[1], ys[0]), gamma };
}

/** T[o]·conj(T[o+1]) of one row (o = 0 or 4), as a (re, im) pair. */
function conjProduct(T: Float64Array, o: number): [number, number] {
  const p = [0, 0];
  addProductConj(p, T[o], T[o + 1], T[o + 2], T[o + 3]);
  return [p[0], p[1]];
}

/**
 * The phases that realise `mesh` on MZIs whose couplers have coupling-angle errors deltaIn[k], deltaOut[k]
 * (per MZI of the mesh, in mesh order). See the module comment.
 */
export function correctMeshForCouplers(mesh: MziMesh, deltaInRad: Float64Array, deltaOutRad: Float64Array): CorrectedMesh {
  const K = mesh.mzis.length;
  const theta = new Float64Array(K);
  const phi = new Float64Array(K);
  const pending = new Float64Array(mesh.N);
  const M = new Float64Array(8);
  const T = new Float64Array(8);
  let unreachable = 0;
  for (let k = 0; k < K; k++) {
    const z = mesh.mzis[k];
    const a = pending[z.top];
    const b = pending[z.top + 1];
    const t = correctedThetaRad(z.theta, deltaInRad[k], deltaOutRad[k]);
    let x = 0;
    let y = 0;
    let gamma = 0;
    if (t.reachable) {
      mziMatrixImperfect(t.theta, 0, deltaInRad[k], deltaOutRad[k], M, 0);
      mziMatrix(z.theta, 0, T, 0);
      ({ x, y, gamma } = fitMziPhases(M, T));
    } else unreachable++;
    theta[k] = wrapPhase(t.reachable ? t.theta : z.theta);
    phi[k] = wrapPhase(z.phi - a + b - gamma);
    pending[z.top] = b + x;
    pending[z.top + 1] = b + y;
  }
  const phasesOut = Float64Array.from(mesh.phasesOut, (psi, m) => wrapPhase(psi - pending[m]));
  return { theta, phi, phasesOut, unreachable };
}
