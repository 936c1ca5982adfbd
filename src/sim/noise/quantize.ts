/**
 * Quantisers: heater phases through the DAC and the phase-vs-voltage law, and the signed uniform quantiser of
 * the input modulator DAC and the ADC.
 *
 * Signed converters are mid-tread with L = 2^(bits−1) − 1 levels each side of 0 (2L + 1 = 2^bits − 1 codes):
 * 0 and ±full scale are exact, the step is FS/L, values beyond ±FS clip. So an 8-bit converter has step
 * FS/127 and RMS error ≈ step/√12 for signals that are not clipped.
 */
import { codeToPhase, phaseToCode } from '../../pdk/index.js';
import type { Pdk } from '../../pdk/types.js';

/** The phase a heater actually produces when programmed to `phaseRad`: code = phaseToCode(φ), φ' = codeToPhase(code). */
export function quantizeHeaterPhaseRad(phaseRad: number, pdk: Pdk): number {
  return codeToPhase(phaseToCode(phaseRad, pdk), pdk);
}

/** Levels each side of zero of a signed mid-tread converter: 2^(bits−1) − 1 (1 bit: 1, i.e. {−1, 0, 1}·FS). */
export function signedLevels(bits: number): number {
  return Math.max(1, 2 ** (bits - 1) - 1);
}

/** Quantises v ∈ [−FS, FS] to round(v/FS·L)/L·FS, clipping to ±FS; FS ≤ 0 gives 0. */
export function quantizeSigned(v: number, fullScale: number, levels: number): number {
  if (!(fullScale > 0)) return 0;
  let q = Math.round((v / fullScale) * levels);
  if (q > levels) q = levels;
  else if (q < -levels) q = -levels;
  return (q * fullScale) / levels;
}
