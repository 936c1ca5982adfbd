/**
 * Hardware-aware phase fine-tuning (part of `--correct finetune|both`): per tile, the heater DRIVES of its core are
 * adjusted by projected gradient descent (Adam) on the simulated non-ideal chip, so that the tile's detected
 * response matches the ideal chip's on the directions the calibration data uses:
 *
 *   min_p L(p) = tr((R(p) − R*)·C·(R(p) − R*)ᵀ),   p ∈ [0, 2π] (a heater only adds phase; the DAC's range)
 *
 * R(p) the tile's response on THIS chip (splitting errors, MZI loss, crosstalk ρ = p + K·p + e, attenuators with
 * their extinction floor, screens, homodyne LO, receiver gain: tile-objective.ts, which also gives the analytic
 * gradient), R* the ideal chip's tile readout and C = E[x̂ x̂ᵀ] the second moment of the tile's normalised inputs
 * over the calibration set (tile-moments.ts). Drift and detector noise are not part of the objective.
 *
 * Start: the drives of the given plan (for `both` the calibrated ones of calibrate.ts; for `finetune` the design's
 * drives through the DAC), recovered from its TilePlan (realised = programmed + baseOffsetRad = (I + K)·p).
 * Iterations: Adam (β = 0.9, 0.999), step LEARNING_RATE_RAD with a 1/√ decay, only on the heaters the tile uses,
 * each step projected onto [0, 2π]; at most MAX_ITERATIONS, stopped early when the best loss improved by less than
 * REL_TOLERANCE (relative) over the last CHECK_EVERY iterations. DAC: with phase-quantization on, the best drives
 * are quantised (each heater to the code nearest to the drive that, given its neighbours' quantised drives,
 * realises the optimised phase: the DAC-in-the-loop sweeps of calibrate.ts), and plain nearest-code rounding is
 * tried too. Guard: the tile keeps the new drives only if their (quantised) loss is below the starting drives'
 * loss, so no tile's objective ever rises.
 *
 * The result is a ChipPlan whose TilePlan.baseOffsetRad = (I + K)·p − programmed (realised − programmed phase of
 * the new drives, without e, which the chip adds), exactly the form calibratePlan produces.
 */
import type { CircuitIR } from '../ir/circuit.js';
import { crosstalkPhaseOfHeater, type CrosstalkMatrix } from '../physics/thermal-crosstalk.js';
import type { ChipPlan, TilePlan } from '../sim/noise/chip-plan.js';
import type { ChipSample } from '../sim/noise/chip-sample.js';
import { isEnabled } from '../sim/noise/noise-model.js';
import { quantizeHeaterPhaseRad } from '../sim/noise/quantize.js';
import { realisedPhase, tileHeaterMasks } from './calibrate.js';
import { tileObjective, type TileObjective } from './tile-objective.js';
import type { TileMoments } from './tile-moments.js';

const TWO_PI = 2 * Math.PI;
export const MAX_ITERATIONS = 40;
export const LEARNING_RATE_RAD = 0.02;
export const CHECK_EVERY = 10;
export const REL_TOLERANCE = 0.01;
/** DAC-in-the-loop sweeps when quantising the result. */
const QUANT_SWEEPS = 4;

export interface PhaseFinetuneOptions {
  readonly maxIterations?: number;
  readonly learningRateRad?: number;
  readonly relTolerance?: number;
}

export interface TilePhaseResult {
  /** Objective at the starting drives and at the kept drives. */
  readonly lossStart: number;
  readonly lossEnd: number;
  readonly iterations: number;
  /** Whether the new drives were kept (else the tile keeps its starting drives). */
  readonly kept: boolean;
}

export interface PhaseFinetuneResult {
  readonly plan: ChipPlan;
  /** [layer][tile]. */
  readonly tiles: readonly (readonly TilePhaseResult[])[];
}

/** The drives p of a tile plan: (I + K)·p = programmed + baseOffsetRad, solved by Gauss–Seidel. */
export function tileDrives(plan: ChipPlan, tp: TilePlan): Float64Array {
  const K = plan.cores[tp.core].crosstalk;
  const H = tp.programmedRad.length;
  const realised = Float64Array.from(tp.programmedRad, (v, h) => v + (tp.baseOffsetRad ? tp.baseOffsetRad[h] : 0));
  const p = Float64Array.from(realised);
  if (!K || !tp.baseOffsetRad) return p;
  for (let sweep = 0; sweep < 200; sweep++) {
    let change = 0;
    for (let h = 0; h < H; h++) {
      const v = realised[h] - crosstalkPhaseOfHeater(K, h, p);
      change = Math.max(change, Math.abs(v - p[h]));
      p[h] = v;
    }
    if (change < 1e-13) break;
  }
  for (let h = 0; h < H; h++) if (Math.abs(p[h]) < 1e-12) p[h] = 0;
  return p;
}

/** The DAC applied to a drive in [0, 2π] (a drive of 2π is the top code, as in calibrate.ts). */
function dac(p: number, quantize: (p: number) => number): number {
  return p >= TWO_PI - 1e-12 ? quantize(TWO_PI - 1e-12) : quantize(Math.max(0, p));
}

/** Quantised drives realising ρ* = (I + K)·p as well as the DAC allows (calibrate.ts's in-the-loop sweeps). */
function quantizeInLoop(p: Float64Array, used: Uint8Array, K: CrosstalkMatrix | null, quantize: (p: number) => number): Float64Array {
  const H = p.length;
  const want = realisedPhase(p, K);
  const q = Float64Array.from(p, (v, h) => (used[h] ? dac(v, quantize) : v));
  for (let sweep = 0; sweep < QUANT_SWEEPS; sweep++) {
    for (let h = 0; h < H; h++) {
      if (!used[h]) continue;
      q[h] = dac(Math.min(TWO_PI, Math.max(0, want[h] - crosstalkPhaseOfHeater(K, h, q))), quantize);
    }
  }
  return q;
}

/**
 * Projected Adam on one tile's objective from `start` (see the module comment). Returns the kept drives and the
 * tile's figures.
 */
export function optimiseTileDrives(
  objective: TileObjective,
  start: Float64Array,
  used: Uint8Array,
  quantize: ((p: number) => number) | null,
  options: PhaseFinetuneOptions = {},
): { drives: Float64Array; result: TilePhaseResult } {
  const maxIt = options.maxIterations ?? MAX_ITERATIONS;
  const lr = options.learningRateRad ?? LEARNING_RATE_RAD;
  const tol = options.relTolerance ?? REL_TOLERANCE;
  const H = start.length;
  const idx: number[] = [];
  for (let h = 0; h < H; h++) if (used[h]) idx.push(h);
  const p = Float64Array.from(start);
  const grad = new Float64Array(H);
  const m1 = new Float64Array(H);
  const m2 = new Float64Array(H);
  const b1 = 0.9, b2 = 0.999, eps = 1e-12;
  const lossStart = objective.evaluate(start);
  if (!(lossStart > 0) || !Number.isFinite(lossStart) || idx.length === 0) {
    return { drives: start, result: { lossStart, lossEnd: lossStart, iterations: 0, kept: false } };
  }
  let best = lossStart;
  let bestP = Float64Array.from(start);
  let checkpoint = lossStart;
  let it = 0;
  for (; it < maxIt; it++) {
    const loss = objective.evaluate(p, grad);
    if (loss < best) {
      best = loss;
      bestP = Float64Array.from(p);
    }
    if (it > 0 && it % CHECK_EVERY === 0) {
      if (checkpoint - best < tol * checkpoint) break;
      checkpoint = best;
    }
    const t = it + 1;
    const step = lr / Math.sqrt(1 + it / 50);
    const c1 = 1 / (1 - b1 ** t);
    const c2 = 1 / (1 - b2 ** t);
    for (const h of idx) {
      const g = grad[h];
      m1[h] = b1 * m1[h] + (1 - b1) * g;
      m2[h] = b2 * m2[h] + (1 - b2) * g * g;
      const v = p[h] - (step * m1[h] * c1) / (Math.sqrt(m2[h] * c2) + eps);
      p[h] = v < 0 ? 0 : v > TWO_PI ? TWO_PI : v;
    }
  }
  const final = objective.evaluate(p);
  if (final < best) {
    best = final;
    bestP = Float64Array.from(p);
  }
  let drives: Float64Array = bestP;
  let lossEnd = best;
  if (quantize) {
    const candidates = [quantizeInLoop(bestP, used, objective.crosstalk, quantize), Float64Array.from(bestP, (v, h) => (used[h] ? dac(v, quantize) : v))];
    lossEnd = Infinity;
    for (const c of candidates) {
      const l = objective.evaluate(c);
      if (l < lossEnd) {
        lossEnd = l;
        drives = c;
      }
    }
  }
  if (!(lossEnd < lossStart)) return { drives: start, result: { lossStart, lossEnd: lossStart, iterations: it, kept: false } };
  return { drives, result: { lossStart, lossEnd, iterations: it, kept: true } };
}

/**
 * Chip `sample` of `plan` with every tile's drives fine-tuned (module comment). `moments` from tileMoments on the
 * calibration set. A plan without static imperfections is returned as it is.
 */
export function finetunePhases(circuit: CircuitIR, plan: ChipPlan, sample: ChipSample, moments: TileMoments, options: PhaseFinetuneOptions = {}): PhaseFinetuneResult {
  if (!plan.hasStatic) return { plan, tiles: plan.tiles.map((row) => row.map(() => ({ lossStart: 0, lossEnd: 0, iterations: 0, kept: false }))) };
  const pdk = plan.model.pdk;
  const quantize = isEnabled(plan.model, 'phase-quantization') ? (p: number): number => quantizeHeaterPhaseRad(p, pdk) : null;
  const results: TilePhaseResult[][] = [];
  const tiles = plan.tiles.map((row, l) => {
    const rowResults: TilePhaseResult[] = [];
    results.push(rowResults);
    return row.map((tp): TilePlan => {
      const tile = circuit.layers[l].tiles[tp.tile];
      const cs = sample.cores[tp.core];
      const objective = tileObjective(plan, tp, tile, cs, plan.idealChip.layers[l].tiles[tp.tile].readout, moments[l][tp.tile]);
      const { used } = tileHeaterMasks(plan, tp);
      const start = tileDrives(plan, tp);
      const { drives, result } = optimiseTileDrives(objective, start, used, quantize, options);
      rowResults.push(result);
      if (!result.kept) return tp;
      const realised = realisedPhase(drives, plan.cores[tp.core].crosstalk);
      return { ...tp, baseOffsetRad: Float64Array.from(realised, (v, h) => v - tp.programmedRad[h]) };
    });
  });
  // heater offsets are now part of every tile (composeChip reads them only when the plan says so)
  return { plan: { ...plan, tiles, hasHeaterOffsets: true }, tiles: results };
}
