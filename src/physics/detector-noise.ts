/**
 * Photodetector + transimpedance-amplifier (TIA) noise.
 *
 * Current noise of one detector over its bandwidth B (white noise, one-sided):
 *
 *   σ_I² = 2q·(I_sig + I_dark)·B + i_n²·B          [A²]
 *
 * shot noise of the photocurrent I_sig = R·P (R responsivity, P the optical power that reaches the detector)
 * and of the dark current, plus the TIA's input-referred noise density i_n (A/√Hz) — thermal (Johnson) noise
 * of the feedback/load resistance. q is the elementary charge. (Standard receiver noise, e.g. Agrawal,
 * Fiber-Optic Communication Systems, 4th ed., §4.4.1.)
 *
 * Normalised form used by the simulator (`normalizedDetectorNoise`): each input mode carries at most
 * laser power P_in (at |x̂| = 1); the readout is linear in the field and calibrated so that a unit field
 * amplitude at the detector gives the current R·P_in. A detected amplitude d (so optical power P_in·|E|², E the
 * complex field in the same units) then carries noise of variance, in amplitude units,
 *
 *   σ_d² = σ_I² / (R·P_in)² = floorVariance + shotPerPower·|E|²
 *   floorVariance = (2q·I_dark + i_n²)·B / (R·P_in)²,    shotPerPower = 2q·B / (R·P_in).
 */
import { InvalidInputError } from '../core/errors.js';
import { ELEMENTARY_CHARGE_C, ghzToHz, mwToW, naToA, paToA } from '../core/units.js';

/** The PDK's photodetector figures used here (pdk.photodetector). */
export interface DetectorParams {
  readonly responsivityAPerW: number;
  readonly darkCurrentNa: number;
  readonly bandwidthGhz: number;
  readonly tiaNoisePaPerSqrtHz: number;
}

function checkNonNegative(name: string, v: number): void {
  if (!(v >= 0) || !Number.isFinite(v)) throw new InvalidInputError(`${name} must be a finite number ≥ 0, got ${v}`);
}

/** Photocurrent I = R·P, A, for optical power P in W. */
export function photocurrentA(opticalPowerW: number, params: DetectorParams): number {
  return params.responsivityAPerW * opticalPowerW;
}

/** σ_I² = 2q(I_sig + I_dark)B + i_n²B, A², for a signal photocurrent I_sig (A ≥ 0). */
export function detectorNoiseVarianceA2(signalCurrentA: number, params: DetectorParams): number {
  checkNonNegative('signal photocurrent', signalCurrentA);
  const bHz = ghzToHz(params.bandwidthGhz);
  const iDarkA = naToA(params.darkCurrentNa);
  const inAPerSqrtHz = paToA(params.tiaNoisePaPerSqrtHz);
  return 2 * ELEMENTARY_CHARGE_C * (signalCurrentA + iDarkA) * bHz + inAPerSqrtHz * inAPerSqrtHz * bHz;
}

/** Detector noise in field-amplitude units (see the module comment): σ_d² = floorVariance + shotPerPower·|E|². */
export interface NormalizedDetectorNoise {
  readonly floorVariance: number;
  readonly shotPerPower: number;
  /** Current of a unit field amplitude, R·P_in, A. */
  readonly fullScaleCurrentA: number;
}

/** Normalised noise of a detector whose unit field amplitude corresponds to laser power `laserPowerPerModeMw`. */
export function normalizedDetectorNoise(params: DetectorParams, laserPowerPerModeMw: number): NormalizedDetectorNoise {
  checkNonNegative('responsivity', params.responsivityAPerW);
  checkNonNegative('dark current', params.darkCurrentNa);
  checkNonNegative('bandwidth', params.bandwidthGhz);
  checkNonNegative('TIA noise density', params.tiaNoisePaPerSqrtHz);
  checkNonNegative('laser power per mode', laserPowerPerModeMw);
  const fullScaleCurrentA = photocurrentA(mwToW(laserPowerPerModeMw), params);
  if (!(fullScaleCurrentA > 0)) {
    throw new InvalidInputError(`detector: no signal current (responsivity ${params.responsivityAPerW} A/W, laser ${laserPowerPerModeMw} mW per mode)`);
  }
  const bHz = ghzToHz(params.bandwidthGhz);
  return {
    floorVariance: detectorNoiseVarianceA2(0, params) / (fullScaleCurrentA * fullScaleCurrentA),
    shotPerPower: (2 * ELEMENTARY_CHARGE_C * bHz) / fullScaleCurrentA,
    fullScaleCurrentA,
  };
}
