/**
 * One tile's data-weighted response error on a non-ideal chip as a function of its core's heater DRIVES, with its
 * analytic gradient (for phase-finetune.ts):
 *
 *   L(p) = tr((R(p) − R*) · C · (R(p) − R*)ᵀ)
 *
 * R* the ideal chip's tile readout, C = E[x̂ x̂ᵀ] of the tile's inputs (tile-moments.ts) and R(p) the detected real
 * response of the tile on THIS chip, the model composeChip uses (sim/noise/chip-sample.ts, sim/chip.ts
 * tileResponse, sim/noise/mesh-kernel.ts):
 *
 *   ρ = p + K·p + e                        realised heater phases (K crosstalk, e static phase error; no drift)
 *   M_k = a·B(δ_out)·diag(e^{iθ_k},1)·B(δ_in)·diag(e^{iφ_k},1)·diag(a^{n_k,up}, a^{n_k,low})   per MZI, θ_k, φ_k = ρ at
 *         its slot's heaters (sim/mzi-imperfect.ts; a the MZI loss, n the loss dummies crossed since the last MZI)
 *   T_V = diag(a^{n_after}·e^{iρ_screen})·M_K⋯M_1 (likewise T_U)
 *   w_k = √(P_min + (1 − P_min)·sin²(ρ_k/2)) · e^{i(ρ_k − θ_k)/2}   attenuator k (θ_k its programmed phase)
 *   T   = T_U[:rows, :r]·diag(w)·T_V[:r, :cols],   R = g·η·σ_max·Re(diag(e^{−iφ_LO})·T)
 *
 * Gradient: reverse mode. With G = 2·E·C (E = R − R*) and M̄_ij = G_ij·g·η·σ_max·e^{−iφ_LO,i}, dL = Re Σ M̄ ⊙ dT;
 * the adjoints of T_U, w and T_V follow from T's product, then each mesh is swept backwards MZI by MZI (adjoint
 * rows m, m+1 ← M_kᵀ·adjoint; dL/dθ_k = Re Σ Y ⊙ ∂M_k/∂θ_k with Y_ab = Σ_j adj[m+a, j]·X_k[m+b, j], X_k the two
 * rows the MZI acted on, stored in the forward sweep). Finally dL/dp = (I + K)ᵀ·dL/dρ.
 * Only the columns that matter are propagated (T_V[:, :cols], T_U[:, :r]): O(K_mzi·cols) per mesh.
 */
import { dbToAmplitude } from '../core/units.js';
import type { MeshTile, MziMesh } from '../ir/circuit.js';
import type { MeshDummies } from '../physics/placement/index.js';
import type { CrosstalkMatrix } from '../physics/thermal-crosstalk.js';
import type { ChipPlan, SideHeaters, TilePlan } from '../sim/noise/chip-plan.js';
import type { CoreSample } from '../sim/noise/chip-sample.js';
import type { CouplerTrig } from '../sim/noise/mesh-kernel.js';
import { isEnabled } from '../sim/noise/noise-model.js';

/** One mesh of the tile: topology, couplers and which heater sets each phase (−1: fixed at the designed value). */
interface MeshModel {
  readonly N: number;
  /** Columns propagated (identity columns 0 … width−1). */
  readonly width: number;
  readonly tops: Int32Array;
  readonly ci: Float64Array;
  readonly si: Float64Array;
  readonly co: Float64Array;
  readonly so: Float64Array;
  readonly amplitude: number;
  /** Field factors of the loss dummies before each MZI's upper / lower input, and after the mesh per mode. */
  readonly dummyUpper: Float64Array;
  readonly dummyLower: Float64Array;
  readonly dummyAfter: Float64Array;
  readonly thetaHeater: Int32Array;
  readonly phiHeater: Int32Array;
  readonly theta0: Float64Array;
  readonly phi0: Float64Array;
  readonly screenHeater: Int32Array;
  readonly screen0: Float64Array;
  // workspace
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Rows m, m+1 before MZI k: [re m, im m, re m+1, im m+1] × width each. */
  readonly saved: Float64Array;
  /** Each MZI's matrix (mziMatrix layout). */
  readonly mat: Float64Array;
  /** Each MZI's [cos θ, sin θ, a·cos φ, a·sin φ]. */
  readonly trig: Float64Array;
  readonly adjRe: Float64Array;
  readonly adjIm: Float64Array;
}

/** The objective of one tile on one chip (see the module comment). */
export interface TileObjective {
  /** Heaters of the core. */
  readonly heaterCount: number;
  readonly crosstalk: CrosstalkMatrix | null;
  /** L(p); with `grad` (length heaterCount) also writes dL/dp. */
  evaluate(drives: Float64Array, grad?: Float64Array): number;
  /** The detected response R(p) (rows × cols) of the last evaluate. */
  readonly response: Float64Array;
}

function meshModel(mesh: MziMesh, slots: Int32Array, heaters: SideHeaters, couplers: CouplerTrig | null, amplitude: number, dummies: MeshDummies | null, width: number): MeshModel {
  const K = mesh.mzis.length;
  const N = mesh.N;
  const factor = (n: number): number => (dummies ? amplitude ** n : 1);
  const h = Math.SQRT1_2;
  const pick = (trig: Float64Array | undefined): Float64Array => Float64Array.from(slots, (s) => (trig ? trig[s] : h));
  return {
    N, width,
    tops: Int32Array.from(mesh.mzis, (z) => z.top),
    ci: pick(couplers?.cosIn), si: pick(couplers?.sinIn), co: pick(couplers?.cosOut), so: pick(couplers?.sinOut),
    amplitude,
    dummyUpper: Float64Array.from({ length: K }, (_, k) => factor(dummies ? dummies.beforeMzi[2 * k] : 0)),
    dummyLower: Float64Array.from({ length: K }, (_, k) => factor(dummies ? dummies.beforeMzi[2 * k + 1] : 0)),
    dummyAfter: Float64Array.from({ length: N }, (_, m) => factor(dummies ? dummies.afterMesh[m] : 0)),
    thetaHeater: Int32Array.from(slots, (s) => heaters.theta[s]),
    phiHeater: Int32Array.from(slots, (s) => heaters.phi[s]),
    theta0: Float64Array.from(mesh.mzis, (z) => z.theta),
    phi0: Float64Array.from(mesh.mzis, (z) => z.phi),
    screenHeater: Int32Array.from({ length: N }, (_, m) => heaters.screen[m]),
    screen0: Float64Array.from(mesh.phasesOut),
    re: new Float64Array(N * width),
    im: new Float64Array(N * width),
    saved: new Float64Array(4 * width * K),
    mat: new Float64Array(8 * K),
    trig: new Float64Array(4 * K),
    adjRe: new Float64Array(N * width),
    adjIm: new Float64Array(N * width),
  };
}

/** X = diag(e^{iρ_screen})·M_K⋯M_1·I[:, :width], saving what the backward sweep needs. */
function forwardMesh(m: MeshModel, rho: Float64Array): void {
  const { N, width: w, tops, re, im, saved, mat } = m;
  re.fill(0);
  im.fill(0);
  for (let j = 0; j < w && j < N; j++) re[j * w + j] = 1;
  const K = tops.length;
  for (let k = 0; k < K; k++) {
    const top = tops[k];
    const ht = m.thetaHeater[k];
    const hp = m.phiHeater[k];
    const theta = ht >= 0 ? rho[ht] : m.theta0[k];
    const phi = hp >= 0 ? rho[hp] : m.phi0[k];
    const ci = m.ci[k], si = m.si[k], co = m.co[k], so = m.so[k];
    const er = Math.cos(theta), ei = Math.sin(theta);
    // the algebra of mziMatrixImperfect / noisyMeshKernel
    const r00r = co * er * ci - so * si, r00i = co * ei * ci;
    const r01r = -co * ei * si, r01i = co * er * si + so * ci;
    const r10r = -so * ei * ci, r10i = so * er * ci + co * si;
    const r11r = co * ci - so * er * si, r11i = -so * ei * si;
    const a = m.amplitude;
    const pr = Math.cos(phi) * a, pi = Math.sin(phi) * a;
    const o = 8 * k;
    m.trig[4 * k] = er;
    m.trig[4 * k + 1] = ei;
    m.trig[4 * k + 2] = pr;
    m.trig[4 * k + 3] = pi;
    // column 0 (upper input) and column 1 carry the loss dummies the light crossed since the previous MZI
    const fu = m.dummyUpper[k], fl = m.dummyLower[k];
    const t00r = (r00r * pr - r00i * pi) * fu, t00i = (r00r * pi + r00i * pr) * fu;
    const t01r = r01r * a * fl, t01i = r01i * a * fl;
    const t10r = (r10r * pr - r10i * pi) * fu, t10i = (r10r * pi + r10i * pr) * fu;
    const t11r = r11r * a * fl, t11i = r11i * a * fl;
    mat[o] = t00r; mat[o + 1] = t00i; mat[o + 2] = t01r; mat[o + 3] = t01i;
    mat[o + 4] = t10r; mat[o + 5] = t10i; mat[o + 6] = t11r; mat[o + 7] = t11i;
    const r0 = top * w;
    const r1 = r0 + w;
    const sv = 4 * w * k;
    for (let c = 0; c < w; c++) {
      const x0r = re[r0 + c], x0i = im[r0 + c], x1r = re[r1 + c], x1i = im[r1 + c];
      saved[sv + c] = x0r;
      saved[sv + w + c] = x0i;
      saved[sv + 2 * w + c] = x1r;
      saved[sv + 3 * w + c] = x1i;
      re[r0 + c] = t00r * x0r - t00i * x0i + t01r * x1r - t01i * x1i;
      im[r0 + c] = t00r * x0i + t00i * x0r + t01r * x1i + t01i * x1r;
      re[r1 + c] = t10r * x0r - t10i * x0i + t11r * x1r - t11i * x1i;
      im[r1 + c] = t10r * x0i + t10i * x0r + t11r * x1i + t11i * x1r;
    }
  }
  for (let r = 0; r < N; r++) {
    const hs = m.screenHeater[r];
    const p = hs >= 0 ? rho[hs] : m.screen0[r];
    const f = m.dummyAfter[r];
    const cr = f * Math.cos(p), ci = f * Math.sin(p);
    for (let c = r * w; c < (r + 1) * w; c++) {
      const xr = re[c], xi = im[c];
      re[c] = cr * xr - ci * xi;
      im[c] = cr * xi + ci * xr;
    }
  }
}

/**
 * Backward sweep: given the adjoint of the mesh output in adjRe/adjIm (dL = Re Σ adj ⊙ dX), adds dL/dρ of the
 * mesh's heaters into gRho. Destroys adjRe/adjIm.
 */
function backwardMesh(m: MeshModel, rho: Float64Array, gRho: Float64Array): void {
  const { N, width: w, tops, re, im, saved, mat, adjRe: ar, adjIm: ai } = m;
  // screen: X_out[r] = e^{iρ}·X[r]; dL/dρ = Re Σ adj·i·X_out = −Im Σ adj·X_out; adj ← e^{iρ}·adj
  for (let r = 0; r < N; r++) {
    const hs = m.screenHeater[r];
    const p = hs >= 0 ? rho[hs] : m.screen0[r];
    let s = 0;
    if (hs >= 0) for (let c = r * w; c < (r + 1) * w; c++) s += ar[c] * im[c] + ai[c] * re[c];
    if (hs >= 0) gRho[hs] -= s;
    const f = m.dummyAfter[r];
    const cr = f * Math.cos(p), ci = f * Math.sin(p);
    for (let c = r * w; c < (r + 1) * w; c++) {
      const xr = ar[c], xi = ai[c];
      ar[c] = cr * xr - ci * xi;
      ai[c] = cr * xi + ci * xr;
    }
  }
  for (let k = tops.length - 1; k >= 0; k--) {
    const top = tops[k];
    const r0 = top * w;
    const r1 = r0 + w;
    const sv = 4 * w * k;
    const ht = m.thetaHeater[k];
    const hp = m.phiHeater[k];
    if (ht >= 0 || hp >= 0) {
      // Y_ab = Σ_c adj[m+a, c]·X[m+b, c]
      let y00r = 0, y00i = 0, y01r = 0, y01i = 0, y10r = 0, y10i = 0, y11r = 0, y11i = 0;
      for (let c = 0; c < w; c++) {
        const a0r = ar[r0 + c], a0i = ai[r0 + c], a1r = ar[r1 + c], a1i = ai[r1 + c];
        const x0r = saved[sv + c], x0i = saved[sv + w + c], x1r = saved[sv + 2 * w + c], x1i = saved[sv + 3 * w + c];
        y00r += a0r * x0r - a0i * x0i; y00i += a0r * x0i + a0i * x0r;
        y01r += a0r * x1r - a0i * x1i; y01i += a0r * x1i + a0i * x1r;
        y10r += a1r * x0r - a1i * x0i; y10i += a1r * x0i + a1i * x0r;
        y11r += a1r * x1r - a1i * x1i; y11i += a1r * x1i + a1i * x1r;
      }
      const o = 8 * k;
      if (hp >= 0) {
        // ∂M/∂φ = i·(column 0 of M): Re(Y00·i·M00 + Y10·i·M10) = −Im(Y00·M00 + Y10·M10)
        gRho[hp] -= y00r * mat[o + 1] + y00i * mat[o] + y10r * mat[o + 5] + y10i * mat[o + 4];
      }
      if (ht >= 0) {
        const ci = m.ci[k], si = m.si[k], co = m.co[k], so = m.so[k];
        const er = m.trig[4 * k], ei = m.trig[4 * k + 1];
        // ∂r/∂θ of the entries (e^{iθ} terms only)
        const d00r = -co * ei * ci, d00i = co * er * ci;
        const d01r = -co * er * si, d01i = -co * ei * si;
        const d10r = -so * er * ci, d10i = -so * ei * ci;
        const d11r = so * ei * si, d11i = -so * er * si;
        const fu = m.dummyUpper[k];
        const a = m.amplitude * m.dummyLower[k];
        const pr = m.trig[4 * k + 2] * fu, pi = m.trig[4 * k + 3] * fu;
        const m00r = d00r * pr - d00i * pi, m00i = d00r * pi + d00i * pr;
        const m10r = d10r * pr - d10i * pi, m10i = d10r * pi + d10i * pr;
        gRho[ht] +=
          y00r * m00r - y00i * m00i + y01r * d01r * a - y01i * d01i * a + y10r * m10r - y10i * m10i + y11r * d11r * a - y11i * d11i * a;
      }
    }
    // adj ← Mᵀ·adj on rows m, m+1
    const o = 8 * k;
    const t00r = mat[o], t00i = mat[o + 1], t01r = mat[o + 2], t01i = mat[o + 3];
    const t10r = mat[o + 4], t10i = mat[o + 5], t11r = mat[o + 6], t11i = mat[o + 7];
    for (let c = 0; c < w; c++) {
      const a0r = ar[r0 + c], a0i = ai[r0 + c], a1r = ar[r1 + c], a1i = ai[r1 + c];
      ar[r0 + c] = t00r * a0r - t00i * a0i + t10r * a1r - t10i * a1i;
      ai[r0 + c] = t00r * a0i + t00i * a0r + t10r * a1i + t10i * a1r;
      ar[r1 + c] = t01r * a0r - t01i * a0i + t11r * a1r - t11i * a1i;
      ai[r1 + c] = t01r * a0i + t01i * a0r + t11r * a1i + t11i * a1r;
    }
  }
}

/**
 * The objective of tile `tp` (circuit tile `tile`) on chip core sample `cs`, weighted by `moment` (cols × cols) and
 * compared with `target` (rows × cols, the ideal readout).
 */
export function tileObjective(plan: ChipPlan, tp: TilePlan, tile: MeshTile, cs: CoreSample, target: Float64Array, moment: Float64Array): TileObjective {
  const cp = plan.cores[tp.core];
  const on = (n: Parameters<typeof isEnabled>[1]): boolean => isEnabled(plan.model, n);
  const H = cp.heaterCount;
  const { rows, cols } = tile;
  const r = tile.attenuation.length;
  const mziAmp = on('loss') ? dbToAmplitude(plan.mziLossDb) : 1;
  const [dv, du] = tp.dummies ?? [null, null];
  const v = meshModel(tile.inputMesh, tp.inputSlot, cp.input, cs.couplers[0], mziAmp, dv, cols);
  const u = meshModel(tile.outputMesh, tp.outputSlot, cp.output, cs.couplers[1], mziAmp, du, r);
  const phaseError = on('phase-error') ? cs.phaseErrorRad : null;
  const K = cp.crosstalk;
  const floor = plan.attenuatorFloorPower;
  const attHeater = Int32Array.from({ length: r }, (_, k) => (k < cp.attenuator.length ? cp.attenuator[k] : -1));
  const attTheta = tp.attenuatorThetaRad;
  // D_i = g·η·σ_max·e^{−iφ_LO,i} (g·η only when loss is on, as tileResponse)
  const scale = (on('loss') ? (tp.receiverGain ?? 1) * dbToAmplitude(cp.fixedLossDb) : 1) * tile.sigmaMax;
  const dRe = Float64Array.from(tile.loPhaseRad, (p) => scale * Math.cos(p));
  const dIm = Float64Array.from(tile.loPhaseRad, (p) => -scale * Math.sin(p));

  const rho = new Float64Array(H);
  const gRho = new Float64Array(H);
  const wRe = new Float64Array(r), wIm = new Float64Array(r);
  const aAmp = new Float64Array(r), aPsi = new Float64Array(r);
  const sRe = new Float64Array(r * cols), sIm = new Float64Array(r * cols);
  const utRe = new Float64Array(rows * r), utIm = new Float64Array(rows * r);
  const response = new Float64Array(rows * cols);
  const err = new Float64Array(rows * cols);
  const gE = new Float64Array(rows * cols);
  const bRe = new Float64Array(r * cols), bIm = new Float64Array(r * cols);

  const evaluate = (p: Float64Array, grad?: Float64Array): number => {
    // ρ = p + K·p + e
    for (let h = 0; h < H; h++) {
      let s = p[h];
      if (K) for (let e = K.rowStart[h]; e < K.rowStart[h + 1]; e++) s += K.kappa[e] * p[K.column[e]];
      rho[h] = phaseError ? s + phaseError[h] : s;
    }
    forwardMesh(v, rho);
    forwardMesh(u, rho);
    // attenuators
    for (let k = 0; k < r; k++) {
      const h = attHeater[k];
      const realised = h >= 0 ? rho[h] : attTheta[k];
      const s = Math.sin(realised / 2);
      const a = Math.sqrt(floor + (1 - floor) * s * s);
      const psi = (realised - attTheta[k]) / 2;
      aAmp[k] = a;
      aPsi[k] = psi;
      wRe[k] = a * Math.cos(psi);
      wIm[k] = a * Math.sin(psi);
    }
    // S = diag(w)·T_V[:r, :cols]; T = T_U[:rows, :r]·S
    for (let k = 0; k < r; k++) {
      for (let j = 0; j < cols; j++) {
        const xr = v.re[k * cols + j], xi = v.im[k * cols + j];
        sRe[k * cols + j] = wRe[k] * xr - wIm[k] * xi;
        sIm[k * cols + j] = wRe[k] * xi + wIm[k] * xr;
      }
    }
    // Ũ = diag(D)·T_U[:rows, :r]; R = Re(Ũ·S) (two real products)
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < r; k++) {
        const ur = u.re[i * r + k], ui = u.im[i * r + k];
        utRe[i * r + k] = dRe[i] * ur - dIm[i] * ui;
        utIm[i * r + k] = dRe[i] * ui + dIm[i] * ur;
      }
    }
    response.fill(0);
    for (let i = 0; i < rows; i++) {
      const ro = i * cols;
      for (let k = 0; k < r; k++) {
        const ar = utRe[i * r + k], ai = utIm[i * r + k];
        if (ar === 0 && ai === 0) continue;
        const so = k * cols;
        for (let j = 0; j < cols; j++) response[ro + j] += ar * sRe[so + j] - ai * sIm[so + j];
      }
    }
    // E = R − R*, L = Σ_i e_iᵀ C e_i, G = 2·E·C
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) err[i * cols + j] = response[i * cols + j] - target[i * cols + j];
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let q = 0; q < cols; q++) s += moment[j * cols + q] * err[i * cols + q];
        gE[i * cols + j] = 2 * s;
        loss += err[i * cols + j] * s;
      }
    }
    if (!grad) return loss;
    // dL = Σ G ⊙ dR = Re Σ_ij G_ij·D_i·dT_ij: adjoint of T_U[i, k] = D_i·Σ_j G_ij·S_kj; B = Ũᵀ·G (r × cols)
    u.adjRe.fill(0);
    u.adjIm.fill(0);
    for (let i = 0; i < rows; i++) {
      const go = i * cols;
      for (let k = 0; k < r; k++) {
        const so = k * cols;
        let sr = 0, si = 0;
        for (let j = 0; j < cols; j++) {
          const g = gE[go + j];
          sr += g * sRe[so + j];
          si += g * sIm[so + j];
        }
        u.adjRe[i * r + k] = dRe[i] * sr - dIm[i] * si;
        u.adjIm[i * r + k] = dRe[i] * si + dIm[i] * sr;
      }
    }
    bRe.fill(0);
    bIm.fill(0);
    for (let i = 0; i < rows; i++) {
      const go = i * cols;
      for (let k = 0; k < r; k++) {
        const ar = utRe[i * r + k], ai = utIm[i * r + k];
        if (ar === 0 && ai === 0) continue;
        const bo = k * cols;
        for (let j = 0; j < cols; j++) {
          const g = gE[go + j];
          bRe[bo + j] += ar * g;
          bIm[bo + j] += ai * g;
        }
      }
    }
    gRho.fill(0);
    // attenuators: g_w[k] = Σ_j B_kj·T_V[k, j]; dw/dρ = e^{iψ}·(da/dρ + i·a/2)
    v.adjRe.fill(0);
    v.adjIm.fill(0);
    for (let k = 0; k < r; k++) {
      let gr = 0, gi = 0;
      for (let j = 0; j < cols; j++) {
        const b = k * cols + j;
        const xr = v.re[b], xi = v.im[b];
        gr += bRe[b] * xr - bIm[b] * xi;
        gi += bRe[b] * xi + bIm[b] * xr;
        v.adjRe[b] = wRe[k] * bRe[b] - wIm[k] * bIm[b];
        v.adjIm[b] = wRe[k] * bIm[b] + wIm[k] * bRe[b];
      }
      const h = attHeater[k];
      if (h < 0) continue;
      const a = aAmp[k];
      const half = rho[h] / 2;
      const da = a > 1e-300 ? ((1 - floor) * Math.sin(half) * Math.cos(half)) / (2 * a) : 0;
      const cpsi = Math.cos(aPsi[k]), spsi = Math.sin(aPsi[k]);
      // e^{iψ}·(da + i·a/2)
      const dwr = cpsi * da - spsi * (a / 2);
      const dwi = spsi * da + cpsi * (a / 2);
      gRho[h] += gr * dwr - gi * dwi;
    }
    backwardMesh(u, rho, gRho);
    backwardMesh(v, rho, gRho);
    // dL/dp = (I + K)ᵀ·dL/dρ
    grad.set(gRho);
    if (K) {
      for (let i = 0; i < H; i++) {
        const g = gRho[i];
        if (g === 0) continue;
        for (let e = K.rowStart[i]; e < K.rowStart[i + 1]; e++) grad[K.column[e]] += K.kappa[e] * g;
      }
    }
    return loss;
  };
  return { heaterCount: H, crosstalk: K, evaluate, response };
}
