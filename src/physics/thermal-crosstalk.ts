/**
 * Thermal crosstalk between thermo-optic phase shifters (heaters).
 *
 * A heater dissipates power P_j; part of its heat reaches a neighbour at centre-to-centre distance d. We use
 * the exponential kernel of the PDK (pdk.thermalCrosstalk):
 *
 *   κ(d) = κ₀ · exp(−d / L)   for 0 < d ≤ cutoff,   0 beyond (and for the heater itself)
 *
 * What is coupled is heater POWER (heat), not phase: the temperature rise at heater i is Σ_j κ_ij·(the rise
 * heater j makes at itself). A thermo-optic shifter's phase is linear in its power (φ = π·P/P_π, pdk/phase-drive.ts
 * heaterPowerMw), so in phase units the realised phase of heater i is
 *
 *   φ_i,realised = φ_i + Σ_{j≠i} κ_ij · φ_j          (φ_j: the phase heater j is DRIVEN to, i.e. its power)
 *
 * The driven phase is the programmed phase after the DAC (wrapped to [0, 2π), so a heater never holds more
 * than ≈ 2·P_π). The model is linear and first-order: the neighbours' own crosstalk is not fed back (that
 * would add O(κ²) terms). Shifters that do not heat (MEMS, electro-optic) have no such crosstalk; callers
 * apply this model only when pdk.thermalCrosstalk.enabled.
 *
 * The coupling matrix is sparse (cutoff): built with a uniform grid of cutoff-sized buckets, O(H + pairs) for
 * H heaters, stored as CSR.
 */
import { InvalidInputError } from '../core/errors.js';

/** Centre of one heater, µm (any consistent origin; only distances matter). */
export interface HeaterPosition {
  readonly xUm: number;
  readonly yUm: number;
}

/** The PDK's crosstalk kernel (pdk.thermalCrosstalk without `enabled`). */
export interface ThermalCrosstalkParams {
  /** κ₀: fraction of a heater's phase seen by a neighbour at zero distance. */
  readonly couplingAtZero: number;
  /** L, µm. */
  readonly decayLengthUm: number;
  /** Heaters farther apart than this are not coupled, µm. */
  readonly cutoffUm: number;
}

/** κ(d) = κ₀·exp(−d/L) for d ≤ cutoff, else 0 (d ≥ 0, µm). */
export function crosstalkCoupling(distanceUm: number, params: ThermalCrosstalkParams): number {
  if (!(distanceUm >= 0)) throw new InvalidInputError(`crosstalk distance must be ≥ 0 µm, got ${distanceUm}`);
  if (distanceUm > params.cutoffUm) return 0;
  return params.couplingAtZero * Math.exp(-distanceUm / params.decayLengthUm);
}

/**
 * Sparse coupling matrix K (H × H, zero diagonal) in CSR form: row i lists the heaters j that heat heater i,
 * K[i, j] = κ(|r_i − r_j|) (symmetric).
 */
export interface CrosstalkMatrix {
  readonly size: number;
  /** Row i's entries are at [rowStart[i], rowStart[i + 1]). */
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly kappa: Float64Array;
}

function checkParams(p: ThermalCrosstalkParams): void {
  if (!(p.couplingAtZero >= 0) || !Number.isFinite(p.couplingAtZero)) throw new InvalidInputError(`thermal crosstalk κ₀ must be a finite number ≥ 0, got ${p.couplingAtZero}`);
  if (!(p.decayLengthUm > 0) || !Number.isFinite(p.decayLengthUm)) throw new InvalidInputError(`thermal crosstalk decay length must be > 0 µm, got ${p.decayLengthUm}`);
  if (!(p.cutoffUm >= 0) || !Number.isFinite(p.cutoffUm)) throw new InvalidInputError(`thermal crosstalk cutoff must be ≥ 0 µm, got ${p.cutoffUm}`);
}

/** Builds K for heaters at `positions` (neighbour search in cutoff-sized grid buckets). */
export function buildCrosstalkMatrix(positions: readonly HeaterPosition[], params: ThermalCrosstalkParams): CrosstalkMatrix {
  checkParams(params);
  const H = positions.length;
  const rowStart = new Int32Array(H + 1);
  if (H === 0 || params.cutoffUm === 0 || params.couplingAtZero === 0) {
    return { size: H, rowStart, column: new Int32Array(0), kappa: new Float64Array(0) };
  }
  const cell = params.cutoffUm;
  let x0 = Infinity;
  let y0 = Infinity;
  for (const p of positions) {
    if (!Number.isFinite(p.xUm) || !Number.isFinite(p.yUm)) throw new InvalidInputError(`heater position (${p.xUm}, ${p.yUm}) µm is not finite`);
    x0 = Math.min(x0, p.xUm);
    y0 = Math.min(y0, p.yUm);
  }
  const buckets = new Map<string, number[]>();
  const keyOf = (cx: number, cy: number): string => `${cx},${cy}`;
  const cx = new Int32Array(H);
  const cy = new Int32Array(H);
  for (let i = 0; i < H; i++) {
    cx[i] = Math.floor((positions[i].xUm - x0) / cell);
    cy[i] = Math.floor((positions[i].yUm - y0) / cell);
    const k = keyOf(cx[i], cy[i]);
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  const cols: number[] = [];
  const kappas: number[] = [];
  const row: { j: number; k: number }[] = [];
  for (let i = 0; i < H; i++) {
    row.length = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = buckets.get(keyOf(cx[i] + dx, cy[i] + dy));
        if (!list) continue;
        for (const j of list) {
          if (j === i) continue;
          const d = Math.hypot(positions[i].xUm - positions[j].xUm, positions[i].yUm - positions[j].yUm);
          if (d <= params.cutoffUm) row.push({ j, k: params.couplingAtZero * Math.exp(-d / params.decayLengthUm) });
        }
      }
    }
    row.sort((a, b) => a.j - b.j); // deterministic order of the sums
    for (const e of row) {
      cols.push(e.j);
      kappas.push(e.k);
    }
    rowStart[i + 1] = cols.length;
  }
  return { size: H, rowStart, column: Int32Array.from(cols), kappa: Float64Array.from(kappas) };
}

/**
 * Phase each heater picks up from its neighbours, rad: Δφ_i = Σ_j K[i, j]·φ_j, with `drivenPhaseRad` the phases
 * the heaters are driven to (∝ their power). Returns a new array of length K.size (or writes `out`).
 */
export function crosstalkPhaseRad(matrix: CrosstalkMatrix, drivenPhaseRad: Float64Array, out = new Float64Array(matrix.size)): Float64Array {
  if (drivenPhaseRad.length !== matrix.size) throw new InvalidInputError(`crosstalk: ${drivenPhaseRad.length} phases for ${matrix.size} heaters`);
  for (let i = 0; i < matrix.size; i++) out[i] = crosstalkPhaseOfHeater(matrix, i, drivenPhaseRad);
  return out;
}

/** Phase heater i picks up from its neighbours driven to `drivenPhaseRad`: Σ_j K[i, j]·φ_j (0 without a matrix). */
export function crosstalkPhaseOfHeater(matrix: CrosstalkMatrix | null, i: number, drivenPhaseRad: Float64Array): number {
  if (!matrix) return 0;
  const { rowStart, column, kappa } = matrix;
  let s = 0;
  for (let e = rowStart[i]; e < rowStart[i + 1]; e++) s += kappa[e] * drivenPhaseRad[column[e]];
  return s;
}
