/**
 * Optical power a photodetector must receive so that its output resolves the ADC's bits.
 *
 * Target SNR of an ideal b-bit quantiser driven full scale by a sine: SNR_dB = 6.02·b + 1.76 (Walden, IEEE
 * JSAC 17(4), 539 (1999)). Detector noise at the PDK bandwidth B (photodetector.bandwidthGhz), current
 * variance σ² = 2q(I + I_dark)·B (shot) + i_n²·B (TIA input-referred noise density i_n); signal current
 * I = R·P. SNR = I²/σ² is solved for I (positive root of I² − 2qB·S·I − S·B·(2q·I_dark + i_n²) = 0):
 *     I = qBS + √((qBS)² + S·B·(2q·I_dark + i_n²)),   P = I / R.
 * Direct-detection noise model: the homodyne local oscillator's gain and its own shot noise are not modelled.
 */
import { ELEMENTARY_CHARGE_C, ghzToHz, naToA, paToA, wToMw } from '../core/units.js';
import type { Pdk } from '../pdk/types.js';

/** 6.02·bits + 1.76 dB. */
export function quantisationSnrDb(bits: number): number {
  return 6.02 * bits + 1.76;
}

export interface DetectorPower {
  readonly snrDb: number;
  /** Signal photocurrent needed, A. */
  readonly currentA: number;
  /** Optical power needed at the detector, mW. */
  readonly powerMw: number;
}

/** Optical power (mW) that gives `snrDb` at one PDK photodetector + TIA. */
export function detectorPowerForSnr(pdk: Pdk, snrDb: number): DetectorPower {
  const d = pdk.photodetector;
  const s = 10 ** (snrDb / 10);
  const bandwidthHz = ghzToHz(d.bandwidthGhz);
  const q = ELEMENTARY_CHARGE_C;
  const noiseA = paToA(d.tiaNoisePaPerSqrtHz);
  const half = q * bandwidthHz * s;
  const currentA = half + Math.sqrt(half * half + s * bandwidthHz * (2 * q * naToA(d.darkCurrentNa) + noiseA * noiseA));
  return { snrDb, currentA, powerMw: wToMw(currentA / d.responsivityAPerW) };
}
