/**
 * Physical constants and unit conversions: the only place in src/ where they are defined. Every name carries
 * its unit (SI constants: CODATA 2018 exact values, as fixed by the 2019 SI redefinition).
 *
 * Decibel convention (as in the PDK, src/pdk/types.ts): a figure in dB is a LOSS, a power ratio
 * 10^(−dB/10) < 1 for dB > 0; the matching field amplitude factor is 10^(−dB/20). So a 3 dB loss transmits
 * ≈ 50 % of the power and ≈ 70.8 % of the field amplitude. dBm is absolute power referred to 1 mW.
 */

/** Speed of light in vacuum, m/s (exact). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;
/** Elementary charge, C (exact). */
export const ELEMENTARY_CHARGE_C = 1.602_176_634e-19;
/** Boltzmann constant, J/K (exact). */
export const BOLTZMANN_J_PER_K = 1.380_649e-23;
/** Planck constant, J·s (exact). */
export const PLANCK_J_S = 6.626_070_15e-34;
/** Reference room temperature for noise figures, K. */
export const ROOM_TEMPERATURE_K = 300;
/** 2π, rad. */
export const TWO_PI_RAD = 2 * Math.PI;

/** Loss in dB → transmitted power fraction 10^(−dB/10) (0 dB → 1, 3 dB → 0.501, 10 dB → 0.1). */
export function dbToPowerRatio(db: number): number {
  return 10 ** (-db / 10);
}

/** Loss in dB → field amplitude factor 10^(−dB/20) (the square root of dbToPowerRatio). */
export function dbToAmplitude(db: number): number {
  return 10 ** (-db / 20);
}

/** Transmitted power fraction → loss in dB, −10·log10(ratio) (inverse of dbToPowerRatio). */
export function powerRatioToDb(ratio: number): number {
  return -10 * Math.log10(ratio);
}

/** Field amplitude factor → loss in dB, −20·log10(amplitude) (inverse of dbToAmplitude). */
export function amplitudeToDb(amplitude: number): number {
  return -20 * Math.log10(amplitude);
}

/** Absolute power: dBm → mW, 10^(dBm/10). */
export function dbmToMw(dbm: number): number {
  return 10 ** (dbm / 10);
}

/** Absolute power: mW → dBm, 10·log10(mW). */
export function mwToDbm(mw: number): number {
  return 10 * Math.log10(mw);
}

/** mW → W. */
export function mwToW(mw: number): number {
  return mw * 1e-3;
}

/** W → mW. */
export function wToMw(w: number): number {
  return w * 1e3;
}

/** pJ → J. */
export function pjToJ(pj: number): number {
  return pj * 1e-12;
}

/** nm → m. */
export function nmToM(nm: number): number {
  return nm * 1e-9;
}

/** µm → m. */
export function umToM(um: number): number {
  return um * 1e-6;
}

/** µm → cm (for losses in dB/cm over lengths in µm). */
export function umToCm(um: number): number {
  return um * 1e-4;
}

/** mm → µm. */
export function mmToUm(mm: number): number {
  return mm * 1e3;
}

/** µs → s. */
export function usToS(us: number): number {
  return us * 1e-6;
}

/** ns → s. */
export function nsToS(ns: number): number {
  return ns * 1e-9;
}

/** GHz → Hz (also GS/s → samples/s). */
export function ghzToHz(ghz: number): number {
  return ghz * 1e9;
}

/** nA → A. */
export function naToA(na: number): number {
  return na * 1e-9;
}

/** pA → A (e.g. pA/√Hz → A/√Hz). */
export function paToA(pa: number): number {
  return pa * 1e-12;
}
