/**
 * @module pdk — device models of a photonic process (PDK): the `Pdk` type, its schema (`parsePdk`), the
 * built-in profiles (soi-thermo — the default —, soi-mems, sin-lowloss), `loadPdk` (built-in name or JSON
 * file), and derived helpers for phase-shifter drive (V_2π, phase ⇄ DAC code, heater power). Every numeric
 * figure of a PDK carries a source (`sources`, keyed by dotted path).
 */
export type { Pdk, PhaseLaw, PhaseShifterType } from './types.js';
export { PDK_SCHEMA, parsePdk, pdkNumericFields } from './schema.js';
export { BUILTIN_PDK_NAMES, DEFAULT_PDK_NAME, builtinPdk, listPdks, loadPdk } from './registry.js';
export { codeToPhase, dacMaxCode, heaterPowerMw, phaseToCode, phaseToVoltageV, vTwoPiV, voltageToPhaseRad } from './phase-drive.js';
export { describePdkFields, unitOfField, type PdkFieldRow } from './fields.js';
