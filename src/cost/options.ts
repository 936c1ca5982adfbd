/**
 * Cost-model options and their defaults.
 */
import type { Pdk } from '../pdk/types.js';

export interface CostOptions {
  /** Resolution the detectors must support, bits (sets the SNR: 6.02·bits + 1.76 dB). Default: pdk.adc.bits. */
  readonly adcBits?: number;
  /** Samples per batch: a tiled core is reprogrammed once per batch. Default 1. */
  readonly batchSize?: number;
  /** Total heater power above which the design is flagged, mW. Default 10 000 (10 W, a practical package/cooling limit). */
  readonly heaterPowerLimitMw?: number;
  /** Program each MZI in its lower-power equivalent setting (cost/phase-power.ts). Default true. */
  readonly optimisePhasePower?: boolean;
}

export const DEFAULT_HEATER_POWER_LIMIT_MW = 10_000;

export type ResolvedCostOptions = Required<CostOptions>;

export function resolveCostOptions(pdk: Pdk, options: CostOptions = {}): ResolvedCostOptions {
  return {
    adcBits: options.adcBits ?? pdk.adc.bits,
    batchSize: Math.max(1, Math.floor(options.batchSize ?? 1)),
    heaterPowerLimitMw: options.heaterPowerLimitMw ?? DEFAULT_HEATER_POWER_LIMIT_MW,
    optimisePhasePower: options.optimisePhasePower ?? true,
  };
}
