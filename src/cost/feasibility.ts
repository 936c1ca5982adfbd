/**
 * Feasibility checks: every physical limit the design must meet, each reported with its value, its limit and
 * a one-line message — never silently passed. A failing check of a full-size mapping says so and suggests
 * `--core-size` (with the largest core size that fits the laser budget, when one does).
 *
 *   laser_power          required on-chip laser power of the worst layer ≤ laser.maxOnChipPowerMw
 *   optical_loss_budget  worst-path loss ≤ loss budget = P_max(dBm) − (N_in · P_det)(dBm), the loss the laser
 *                        can afford while every detector still gets the power its SNR needs
 *   chip_width           placed chip extent along the light ≤ reticle.widthMm
 *   chip_height          placed chip extent across the light ≤ reticle.heightMm
 *   heater_power         peak total phase-shifter holding power ≤ the limit (default 10 W)
 */
import { mwToDbm } from '../core/units.js';
import type { Pdk } from '../pdk/types.js';

export interface FeasibilityCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly message: string;
}

export interface Feasibility {
  readonly feasible: boolean;
  readonly checks: readonly FeasibilityCheck[];
}

export interface LayerOpticalBudget {
  readonly name: string;
  readonly worstPathLossDb: number;
  readonly inputModes: number;
  readonly laserOnChipMw: number;
}

export interface FeasibilityInputs {
  readonly pdk: Pdk;
  /** Core size of the mapping (null: full size). */
  readonly coreSize: number | null;
  readonly layers: readonly LayerOpticalBudget[];
  readonly detectorPowerMw: number;
  readonly snrDb: number;
  readonly adcBits: number;
  readonly chipWidthMm: number;
  readonly chipHeightMm: number;
  readonly heaterPowerMw: number;
  readonly heaterPowerLimitMw: number;
  /** Largest core size within the laser budget (core-size-suggestion.ts), or null. */
  readonly suggestedCoreSize: number | null;
}

/** Compact number for messages: 3 significant digits, exponent form when very large or small. */
export function formatQuantity(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

function coreSizeHint(inputs: FeasibilityInputs, what: string): string {
  const k = inputs.suggestedCoreSize;
  if (inputs.coreSize === null) {
    return k === null
      ? ` — the full-size mapping is infeasible (${what}); tiling with --core-size K helps, but with this PDK even --core-size 2 exceeds the laser budget: use a lower-loss PDK (--pdk) or fewer ADC bits`
      : ` — the full-size mapping is infeasible (${what}); tile the layers onto a small core with --core-size K (K ≤ ${k} fits the laser budget)`;
  }
  return k === null
    ? ` — even --core-size 2 exceeds the laser budget with this PDK: use a lower-loss PDK (--pdk) or fewer ADC bits`
    : k < inputs.coreSize
      ? ` — use a smaller --core-size (K ≤ ${k} fits the laser budget)`
      : '';
}

function check(name: string, value: number, limit: number, unit: string, okText: string, failText: string): FeasibilityCheck {
  const ok = value <= limit;
  return { name, ok, value, limit, unit, message: ok ? okText : failText };
}

export function checkFeasibility(inputs: FeasibilityInputs): Feasibility {
  const { pdk } = inputs;
  const maxMw = pdk.laser.maxOnChipPowerMw;
  const checks: FeasibilityCheck[] = [];
  const det = `${formatQuantity(inputs.detectorPowerMw)} mW per detector (${inputs.adcBits}-bit SNR ${formatQuantity(inputs.snrDb)} dB)`;

  if (inputs.layers.length > 0) {
    const worst = inputs.layers.reduce((a, b) => (b.laserOnChipMw > a.laserOnChipMw ? b : a));
    checks.push(
      check(
        'laser_power', worst.laserOnChipMw, maxMw, 'mW',
        `worst layer ${worst.name} needs ${formatQuantity(worst.laserOnChipMw)} mW of on-chip laser power (limit ${formatQuantity(maxMw)} mW) for ${det}`,
        `layer ${worst.name} needs ${formatQuantity(worst.laserOnChipMw)} mW of on-chip laser power to give ${det} through ${formatQuantity(worst.worstPathLossDb)} dB of worst-path loss; the laser delivers at most ${formatQuantity(maxMw)} mW` +
          coreSizeHint(inputs, 'laser power'),
      ),
    );
    const budgets = inputs.layers.map((l) => ({ layer: l, budgetDb: mwToDbm(maxMw) - mwToDbm(l.inputModes * inputs.detectorPowerMw) }));
    const tight = budgets.reduce((a, b) => (b.budgetDb - b.layer.worstPathLossDb < a.budgetDb - a.layer.worstPathLossDb ? b : a));
    checks.push(
      check(
        'optical_loss_budget', tight.layer.worstPathLossDb, tight.budgetDb, 'dB',
        `worst-path loss within budget everywhere: tightest layer ${tight.layer.name} loses ${formatQuantity(tight.layer.worstPathLossDb)} dB of its ${formatQuantity(tight.budgetDb)} dB budget`,
        `layer ${tight.layer.name} loses ${formatQuantity(tight.layer.worstPathLossDb)} dB on its worst path; the laser (${formatQuantity(maxMw)} mW) and detector sensitivity (${det}) allow ${formatQuantity(tight.budgetDb)} dB` +
          coreSizeHint(inputs, 'optical loss'),
      ),
    );
  }

  const dims = (axis: string, valueMm: number, limitMm: number, name: string): FeasibilityCheck =>
    check(
      name, valueMm, limitMm, 'mm',
      `chip is ${formatQuantity(valueMm)} mm ${axis} (reticle ${formatQuantity(limitMm)} mm)`,
      `chip is ${formatQuantity(valueMm)} mm ${axis}, larger than the ${formatQuantity(limitMm)} mm reticle field` +
        (inputs.coreSize === null
          ? ' — the full-size mapping does not fit one reticle; use --core-size K to run every layer on one small core'
          : ' — use a smaller --core-size'),
    );
  checks.push(dims('along the light', inputs.chipWidthMm, pdk.reticle.widthMm, 'chip_width'));
  checks.push(dims('across the light', inputs.chipHeightMm, pdk.reticle.heightMm, 'chip_height'));

  checks.push(
    check(
      'heater_power', inputs.heaterPowerMw, inputs.heaterPowerLimitMw, 'mW',
      `phase shifters hold ${formatQuantity(inputs.heaterPowerMw)} mW in all (limit ${formatQuantity(inputs.heaterPowerLimitMw)} mW)`,
      `phase shifters hold ${formatQuantity(inputs.heaterPowerMw)} mW in all, above the ${formatQuantity(inputs.heaterPowerLimitMw)} mW limit` +
        (inputs.coreSize === null
          ? ' — the full-size mapping keeps every layer programmed at once; use --core-size K (one core holds far fewer phase shifters) or a PDK with low-power phase shifters (--pdk)'
          : ' — use a smaller --core-size or a PDK with low-power phase shifters (--pdk)'),
    ),
  );
  return { feasible: checks.every((c) => c.ok), checks };
}
