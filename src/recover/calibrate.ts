/**
 * Per-chip calibration (`foundry eval --noise pdk --correct calibrate`): program each chip with the phases that
 * best realise the design's phases on THAT chip, given its measured static imperfections. "Measured" = read from
 * the chip's sample (sim/noise/chip-sample.ts), as a characterisation step would; the corrected chip is then
 * composed from the corrected drives with the SAME sampled imperfections (same seed and chip index).
 *
 * Realised heater phase (chip-plan.ts / chip-sample.ts): ρ_h = q(p_h) + Σ_j K_hj·q(p_j) + e_h (+ drift), with p the
 * programmed drive, q the DAC (phase → code → phase through the phase-vs-voltage law), K the core's thermal
 * crosstalk matrix and e the static phase error. The design wants ρ_h ≡ φ_h (mod 2π) for every heater the tile
 * uses. Steps:
 *
 *  (b) static offsets: the target is t = φ − e (the known static phase error is subtracted);
 *  (a) crosstalk pre-compensation: solve (I + K)·p = t with p ≥ 0 (a heater only adds phase) and p < 2π (the
 *      DAC's range) by projected Gauss–Seidel. Where the solution hits p = 0 (the neighbours' heat alone exceeds
 *      the target) the target is raised by 2π and the system re-solved; where p ≥ 2π it is lowered by 2π
 *      (at most WRAP_ROUNDS rounds). Attenuator heaters are never wrapped: their amplitude is |sin(θ_a/2)| but
 *      their phase θ_a/2 would flip sign with a 2π wrap, so they stay best effort (clamped at 0).
 *      The DAC is then included in the same sweeps: p_h = q⁻¹-nearest code of (t_h − Σ_j K_hj·q(p_j)), i.e.
 *      each heater is quantised knowing its neighbours' quantised drives (QUANT_SWEEPS sweeps), so the residual
 *      is the heater's own DAC step.
 *  (c) splitting-ratio errors (first, when splitting is on): each mesh of the tile is re-programmed for its core's
 *      measured coupler errors by the error-corrected programming of Bandyopadhyay et al., Optica 8, 1247 (2021)
 *      (coupler-correction.ts): every MZI's θ is re-chosen for the designed power splitting and the phases this
 *      puts on its outputs are absorbed by the following φ's and the output screen. Its θ', φ', ψ' replace the
 *      design's phases as the targets of (b) and (a). Attenuators have no splitting errors in the chip model.
 *
 * Drift is not calibrated (it is a random walk after calibration). The result is a ChipPlan whose per-tile
 * `baseOffsetRad` is the realised − programmed phase of the corrected drives (without e, which the chip adds).
 */
import type { CircuitIR, MeshTile } from '../ir/circuit.js';
import type { ChipPlan, TilePlan } from '../sim/noise/chip-plan.js';
import type { ChipSample, CoreSample } from '../sim/noise/chip-sample.js';
import { correctMeshForCouplers } from './coupler-correction.js';
import { isEnabled } from '../sim/noise/noise-model.js';
import { quantizeHeaterPhaseRad } from '../sim/noise/quantize.js';
import { crosstalkPhaseOfHeater, type CrosstalkMatrix } from '../physics/thermal-crosstalk.js';

const TWO_PI = 2 * Math.PI;
/** Rounds of 2π target wraps. */
export const WRAP_ROUNDS = 6;
/** Gauss–Seidel sweeps per solve. */
const SOLVE_SWEEPS = 60;
/** Sweeps with the DAC in the loop. */
const QUANT_SWEEPS = 4;

export interface PrecompensateOptions {
  /** Crosstalk matrix of the core (null: none). */
  readonly crosstalk: CrosstalkMatrix | null;
  /** The DAC (null: drives are exact). */
  readonly quantize: ((p: number) => number) | null;
  /** Heaters the tile uses (others are driven 0 and their realised phase is ignored). */
  readonly used: Uint8Array;
  /** Heaters whose target must not be wrapped by 2π (attenuators). */
  readonly noWrap: Uint8Array;
}

/**
 * Driven phases p (already through the DAC when `quantize` is given) with q(p) + K·q(p) ≈ target (mod 2π) on the
 * used heaters; p ∈ [0, 2π]. See the module comment for the method.
 */
export function precompensate(target: Float64Array, options: PrecompensateOptions): Float64Array {
  const H = target.length;
  const { crosstalk: K, quantize, used, noWrap } = options;
  const t = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    if (!used[h]) continue;
    t[h] = noWrap[h] ? target[h] : target[h] - TWO_PI * Math.floor(target[h] / TWO_PI); // [0, 2π)
  }
  const p = new Float64Array(H);
  const solve = (): void => {
    for (let h = 0; h < H; h++) p[h] = used[h] ? t[h] : 0;
    if (!K) return;
    for (let sweep = 0; sweep < SOLVE_SWEEPS; sweep++) {
      let change = 0;
      for (let h = 0; h < H; h++) {
        if (!used[h]) continue;
        const v = Math.max(0, t[h] - crosstalkPhaseOfHeater(K, h, p));
        change = Math.max(change, Math.abs(v - p[h]));
        p[h] = v;
      }
      if (change < 1e-12) break;
    }
  };
  solve();
  for (let round = 0; round < WRAP_ROUNDS && K; round++) {
    let wrapped = false;
    for (let h = 0; h < H; h++) {
      if (!used[h] || noWrap[h]) continue;
      const need = t[h] - crosstalkPhaseOfHeater(K, h, p); // the unconstrained drive
      if (need < 0 && t[h] < TWO_PI) {
        t[h] += TWO_PI;
        wrapped = true;
      } else if (need >= TWO_PI && t[h] >= TWO_PI) {
        t[h] -= TWO_PI;
        wrapped = true;
      }
    }
    if (!wrapped) break;
    solve();
  }
  for (let h = 0; h < H; h++) if (p[h] > TWO_PI) p[h] = TWO_PI;
  if (!quantize) return p;
  // the DAC in the loop: each heater takes the code nearest to what it must add given its neighbours' codes
  const q = Float64Array.from(p, (v, h) => (used[h] ? quantize(v) : 0));
  for (let sweep = 0; sweep < QUANT_SWEEPS; sweep++) {
    for (let h = 0; h < H; h++) {
      if (!used[h]) continue;
      const want = Math.min(TWO_PI, Math.max(0, t[h] - crosstalkPhaseOfHeater(K, h, q)));
      // quantizeHeaterPhaseRad wraps to [0, 2π): a drive of 2π is its own top code
      q[h] = want >= TWO_PI - 1e-12 ? quantize(TWO_PI - 1e-12) : quantize(want);
    }
  }
  return q;
}

/** Heaters a tile uses, and which of them are attenuators. */
export function tileHeaterMasks(plan: ChipPlan, tp: TilePlan): { used: Uint8Array; noWrap: Uint8Array } {
  const cp = plan.cores[tp.core];
  const used = new Uint8Array(cp.heaterCount);
  const noWrap = new Uint8Array(cp.heaterCount);
  const mark = (h: number): void => {
    if (h >= 0) used[h] = 1;
  };
  for (const s of tp.inputSlot) {
    mark(cp.input.theta[s]);
    mark(cp.input.phi[s]);
  }
  for (const s of tp.outputSlot) {
    mark(cp.output.theta[s]);
    mark(cp.output.phi[s]);
  }
  cp.input.screen.forEach(mark);
  cp.output.screen.forEach(mark);
  for (let m = 0; m < tp.attenuatorThetaRad.length && m < cp.attenuator.length; m++) {
    const h = cp.attenuator[m];
    if (h >= 0) {
      used[h] = 1;
      noWrap[h] = 1;
    }
  }
  return { used, noWrap };
}

/** Realised phase (without phase errors and drift) of the drives p: p + K·p. */
export function realisedPhase(p: Float64Array, crosstalk: CrosstalkMatrix | null): Float64Array {
  return Float64Array.from(p, (v, h) => v + crosstalkPhaseOfHeater(crosstalk, h, p));
}

/**
 * Writes into `target` (per heater of the tile's core) the phases that realise the tile's two meshes on the
 * core's measured couplers (step (c)); returns the number of MZIs whose splitting is out of reach.
 */
function correctCouplers(tile: MeshTile, tp: TilePlan, plan: ChipPlan, cs: CoreSample, target: Float64Array): number {
  const cp = plan.cores[tp.core];
  let unreachable = 0;
  const sides = [
    [tile.inputMesh, tp.inputSlot, cp.input, 0],
    [tile.outputMesh, tp.outputSlot, cp.output, 1],
  ] as const;
  for (const [mesh, slots, heaters, side] of sides) {
    const deltaIn = Float64Array.from(slots, (s) => cs.couplerInRad[side][s]);
    const deltaOut = Float64Array.from(slots, (s) => cs.couplerOutRad[side][s]);
    const corrected = correctMeshForCouplers(mesh, deltaIn, deltaOut);
    unreachable += corrected.unreachable;
    const put = (h: number, v: number): void => {
      if (h >= 0) target[h] = v;
    };
    slots.forEach((s, k) => {
      put(heaters.theta[s], corrected.theta[k]);
      put(heaters.phi[s], corrected.phi[k]);
    });
    corrected.phasesOut.forEach((psi, m) => put(heaters.screen[m], psi));
  }
  return unreachable;
}

/**
 * The plan of chip `sample` programmed with calibrated drives (steps (c), (b) and (a) of the module comment). A plan
 * without heater offsets or splitting errors is returned as it is.
 */
export function calibratePlan(circuit: CircuitIR, plan: ChipPlan, sample: ChipSample): ChipPlan {
  const splitting = isEnabled(plan.model, 'splitting');
  if (!plan.hasHeaterOffsets && !splitting) return plan;
  const pdk = plan.model.pdk;
  const quantize = isEnabled(plan.model, 'phase-quantization') ? (p: number): number => quantizeHeaterPhaseRad(p, pdk) : null;
  const phaseError = isEnabled(plan.model, 'phase-error');
  const tiles = plan.tiles.map((row, l) =>
    row.map((tp, i): TilePlan => {
      const cp = plan.cores[tp.core];
      const cs = sample.cores[tp.core];
      const { used, noWrap } = tileHeaterMasks(plan, tp);
      const target = Float64Array.from(tp.programmedRad);
      if (splitting) correctCouplers(circuit.layers[l].tiles[i], tp, plan, cs, target);
      if (phaseError) for (let h = 0; h < target.length; h++) target[h] -= cs.phaseErrorRad[h];
      const p = precompensate(target, { crosstalk: cp.crosstalk, quantize, used, noWrap });
      const realised = realisedPhase(p, cp.crosstalk);
      const baseOffsetRad = Float64Array.from(realised, (r, h) => r - tp.programmedRad[h]);
      return { ...tp, baseOffsetRad };
    }),
  );
  // the corrected drives are heater offsets from the design even when no other heater imperfection is on
  return { ...plan, tiles, hasHeaterOffsets: true };
}
