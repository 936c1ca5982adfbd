/**
 * The imperfections a Monte-Carlo chip can have, which of them are on, and the PDK figures they read.
 *
 * Static, sampled once per chip (per physical mesh core, so every tile time-multiplexed onto one core sees the
 * same fabricated hardware) and applied when the chip's transfer matrices are composed:
 *   loss                insertion loss of every MZI and loss-matched dummy (mzi.insertionLossDb, plus 2 ×
 *                       coupler.insertionLossDb when the MZI figure excludes its couplers; the dummies fill the
 *                       meshes' empty grid positions, so every path crosses one per column) and the per-path
 *                       losses outside the meshes: modulator,
 *                       two screens, the attenuator cell, waveguide length × waveguide.lossDbPerCm (placement);
 *                       the receiver gain is set from the DESIGN's nominal loss (not the chip's errors)
 *   splitting           each coupler's power splitting ratio ~ N(coupler.splitRatio, coupler.splitRatioSigma²)
 *   phase-error         static fabrication phase error of every heater ~ N(0, phaseShifter.phaseErrorSigmaRad²)
 *   phase-quantization  each heater is driven through the DAC: phase → code → realised phase (pdk/phase-drive.ts)
 *   crosstalk           thermal crosstalk between heaters (physics/thermal-crosstalk.ts, placement positions);
 *                       only when pdk.thermalCrosstalk.enabled
 *   attenuator          finite extinction ratio: attenuator power ≥ 10^(−ER/10) (the attenuators' own heater
 *                       errors come with phase-error / quantization / crosstalk / drift like every heater)
 * Per batch:
 *   drift               random-walk phase drift of every heater, σ = driftSigmaRad·√(t/driftTimescaleS)
 * Per detection:
 *   detector-noise      shot + TIA noise (physics/detector-noise.ts) from the power reaching each detector
 *   input-quantization  the input amplitudes x/‖x‖∞ through the modulator DAC (dac.bits)
 *   adc                 ADC quantisation and clipping of each detected output (adc.bits)
 */
import { UsageError } from '../../core/errors.js';
import type { Pdk } from '../../pdk/types.js';

export const IMPERFECTIONS = [
  'loss',
  'splitting',
  'phase-error',
  'phase-quantization',
  'crosstalk',
  'attenuator',
  'drift',
  'detector-noise',
  'input-quantization',
  'adc',
] as const;

export type Imperfection = (typeof IMPERFECTIONS)[number];

/** Default drift time step: the state is held for this many samples (the default eval batch). */
export const DEFAULT_DRIFT_STEP_SAMPLES = 500;

export interface NoiseOptions {
  /** Imperfections to switch off (default: none). */
  readonly disable?: readonly Imperfection[];
  /** Simulate only these (ablation); applied before `disable`. Default: every imperfection the PDK has. */
  readonly only?: readonly Imperfection[];
  /** Overrides pdk.dac.bits (heater drive and input modulator DACs). */
  readonly dacBits?: number;
  /** Overrides pdk.coupler.splitRatioSigma (absolute, e.g. 0.005 = 0.5 %). */
  readonly splitRatioSigma?: number;
  /**
   * Laser power per input mode at full-scale amplitude |x̂| = 1, mW. Default: pdk.laser.maxOnChipPowerMw (the
   * most one waveguide carries before two-photon absorption), i.e. the best-case signal.
   */
  readonly laserPowerPerModeMw?: number;
  /** Samples per drift time step (default DEFAULT_DRIFT_STEP_SAMPLES). */
  readonly driftStepSamples?: number;
}

/** A resolved noise configuration: plain data (it is sent to worker threads). */
export interface NoiseModel {
  /** The PDK with the overrides applied. */
  readonly pdk: Pdk;
  /** Imperfections that are on, in IMPERFECTIONS order. */
  readonly enabled: readonly Imperfection[];
  readonly laserPowerPerModeMw: number;
  readonly driftStepSamples: number;
}

/** Whether `name` is on in `model`. */
export function isEnabled(model: NoiseModel, name: Imperfection): boolean {
  return model.enabled.includes(name);
}

/** Imperfections a PDK has at all (crosstalk only when its thermalCrosstalk.enabled). */
export function availableImperfections(pdk: Pdk): Imperfection[] {
  return IMPERFECTIONS.filter((n) => n !== 'crosstalk' || pdk.thermalCrosstalk.enabled);
}

/** Parses a comma-separated list of imperfection names ('all' = every one); unknown names are a UsageError. */
export function parseImperfections(text: string, option: string): Imperfection[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 1 && names[0] === 'all') return [...IMPERFECTIONS];
  for (const n of names) {
    if (!(IMPERFECTIONS as readonly string[]).includes(n)) {
      throw new UsageError(`${option}: unknown imperfection '${n}' (known: ${IMPERFECTIONS.join(', ')}, or all)`);
    }
  }
  return names as Imperfection[];
}

function checkImperfections(list: readonly string[] | undefined, option: string): void {
  for (const n of list ?? []) {
    if (!(IMPERFECTIONS as readonly string[]).includes(n)) throw new UsageError(`${option}: unknown imperfection '${n}' (known: ${IMPERFECTIONS.join(', ')})`);
  }
}

/** Applies the options to a (validated) PDK. Bad option values are UsageErrors naming the CLI flag. */
export function resolveNoiseModel(pdk: Pdk, options: NoiseOptions = {}): NoiseModel {
  checkImperfections(options.disable, '--disable');
  checkImperfections(options.only, 'ablation');
  const { dacBits, splitRatioSigma, laserPowerPerModeMw, driftStepSamples } = options;
  if (dacBits !== undefined && (!Number.isInteger(dacBits) || dacBits < 1 || dacBits > 32)) {
    throw new UsageError(`--dac-bits must be an integer from 1 to 32, got ${dacBits}`);
  }
  if (splitRatioSigma !== undefined && !(Number.isFinite(splitRatioSigma) && splitRatioSigma >= 0 && splitRatioSigma <= 0.5)) {
    throw new UsageError(`--split-sigma must be a number from 0 to 0.5 (absolute splitting-ratio spread), got ${splitRatioSigma}`);
  }
  if (laserPowerPerModeMw !== undefined && !(Number.isFinite(laserPowerPerModeMw) && laserPowerPerModeMw > 0)) {
    throw new UsageError(`laser power per mode must be > 0 mW, got ${laserPowerPerModeMw}`);
  }
  if (driftStepSamples !== undefined && !(Number.isInteger(driftStepSamples) && driftStepSamples >= 1)) {
    throw new UsageError(`drift step must be a positive number of samples, got ${driftStepSamples}`);
  }
  const resolved: Pdk = {
    ...pdk,
    dac: dacBits === undefined ? pdk.dac : { ...pdk.dac, bits: dacBits },
    coupler: splitRatioSigma === undefined ? pdk.coupler : { ...pdk.coupler, splitRatioSigma },
  };
  const available = availableImperfections(pdk);
  const only = options.only;
  const disabled = new Set<string>(options.disable ?? []);
  const enabled = available.filter((n) => (only === undefined || only.includes(n)) && !disabled.has(n));
  return {
    pdk: resolved,
    enabled,
    laserPowerPerModeMw: laserPowerPerModeMw ?? pdk.laser.maxOnChipPowerMw,
    driftStepSamples: driftStepSamples ?? DEFAULT_DRIFT_STEP_SAMPLES,
  };
}

/** The same model with only `name` on (for ablation); the PDK and settings are kept. */
export function onlyImperfection(model: NoiseModel, name: Imperfection): NoiseModel {
  return { ...model, enabled: [name] };
}
