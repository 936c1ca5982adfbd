/**
 * Phase-shifter drive: phase ⇄ drive voltage ⇄ DAC code, and the electrical power held by a phase shifter.
 *
 * Phase vs voltage (pdk.phaseShifter.law, types.ts PhaseLaw):
 *   quadratic (thermo-optic heater, φ ∝ P ∝ V²):  φ = π·(V/V_π)²,  full scale V_2π = √2·V_π
 *   linear    (e.g. a linearised or electro-optic drive): φ = π·V/V_π,  full scale V_2π = 2·V_π
 * Phases are wrapped to [0, 2π) (the MZI convention, docs/architecture.md) before they are driven.
 *
 * DAC codes: pdk.dac.bits bits, codes 0 … 2^bits − 1 spanning 0 … V_2π UNIFORMLY IN VOLTAGE:
 *   code = round(V / V_2π · (2^bits − 1)).
 * So the phase steps are uniform only for a linear law (LSB 2π/(2^bits − 1), quantisation error ≈ uniform with
 * σ = LSB/√12). For a quadratic law the phase LSB grows with φ: dφ/dV = 2·√(2π·φ)/V_2π, fine near 0 and
 * coarsest near 2π.
 */
import { InvalidInputError } from '../core/errors.js';
import { wrapPhase } from '../core/linalg/index.js';
import { TWO_PI_RAD } from '../core/units.js';
import type { Pdk } from './types.js';

function checkFinite(name: string, x: number): void {
  if (!Number.isFinite(x)) throw new InvalidInputError(`${name} must be a finite number, got ${x}`);
}

/** Full-scale drive for a 2π shift, V: quadratic law √2·V_π; linear law 2·V_π. */
export function vTwoPiV(pdk: Pdk): number {
  const { vPiV, law } = pdk.phaseShifter;
  return law === 'quadratic' ? Math.SQRT2 * vPiV : 2 * vPiV;
}

/** Largest DAC code, 2^bits − 1 (pdk.dac.bits). */
export function dacMaxCode(pdk: Pdk): number {
  return 2 ** pdk.dac.bits - 1;
}

/**
 * Drive voltage for a phase, V. φ is first wrapped to [0, 2π); quadratic V = V_2π·√(φ/2π) (= V_π·√(φ/π)),
 * linear V = V_2π·φ/2π. Result in [0, V_2π).
 */
export function phaseToVoltageV(phaseRad: number, pdk: Pdk): number {
  checkFinite('phase', phaseRad);
  const fraction = wrapPhase(phaseRad) / TWO_PI_RAD;
  return vTwoPiV(pdk) * (pdk.phaseShifter.law === 'quadratic' ? Math.sqrt(fraction) : fraction);
}

/**
 * Phase produced by a drive voltage, rad, not wrapped: quadratic φ = 2π·(V/V_2π)² (= π·(V/V_π)², a heater
 * heats for either sign of V); linear φ = 2π·V/V_2π. V in [0, V_2π] gives φ in [0, 2π].
 */
export function voltageToPhaseRad(voltageV: number, pdk: Pdk): number {
  checkFinite('voltage', voltageV);
  const r = voltageV / vTwoPiV(pdk);
  return TWO_PI_RAD * (pdk.phaseShifter.law === 'quadratic' ? r * r : r);
}

/**
 * DAC code for a phase: φ wrapped to [0, 2π) → V (phaseToVoltageV) → code = round(V/V_2π·(2^bits − 1)), an
 * integer in [0, 2^bits − 1]. Quantisation is uniform in VOLTAGE (see the module comment); the top code is
 * V_2π, i.e. 2π ≡ 0, which phases just below 2π round to.
 */
export function phaseToCode(phaseRad: number, pdk: Pdk): number {
  return Math.round((phaseToVoltageV(phaseRad, pdk) / vTwoPiV(pdk)) * dacMaxCode(pdk));
}

/**
 * Phase driven by a DAC code, rad in [0, 2π] (the top code gives exactly 2π, equivalent to 0):
 * V = code/(2^bits − 1)·V_2π, then voltageToPhaseRad. `code` must be an integer in [0, 2^bits − 1].
 */
export function codeToPhase(code: number, pdk: Pdk): number {
  const max = dacMaxCode(pdk);
  if (!Number.isInteger(code) || code < 0 || code > max) {
    throw new InvalidInputError(`DAC code must be an integer in [0, ${max}] for ${pdk.dac.bits} bits, got ${code}`);
  }
  return voltageToPhaseRad((code / max) * vTwoPiV(pdk), pdk);
}

/**
 * Electrical power held by a phase shifter set to `phaseRad`, mW: P = P_π·(φ mod 2π)/π, for φ wrapped to
 * [0, 2π) (so at most ≈ 2·P_π). Thermo-optic: the heater power, linear in φ (φ ∝ ΔT ∝ P). MEMS and
 * electro-optic: the same formula with their tiny P_π (≈ nW holding/leakage power): ≈ 0.
 */
export function heaterPowerMw(phaseRad: number, pdk: Pdk): number {
  checkFinite('phase', phaseRad);
  return (pdk.phaseShifter.pPiMw * wrapPhase(phaseRad)) / Math.PI;
}
