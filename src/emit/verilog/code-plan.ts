/**
 * The DAC-code plan of a compiled circuit: which phase shifter sits at which phase-register (bank) address of
 * each physical core, how many serial DACs each core uses, the schedule as runs of steps, and the DAC codes of
 * one step.
 *
 * Bank order of one core (address 0 first; the order of the light path, and the heater order of
 * physics/placement `TilePlacement.heaters`):
 *   input mesh (Vᵀ): for every MZI k in mesh order (first acting first): φ_k at 2k, θ_k at 2k + 1;
 *                    then its output screen, modes 0 … N_in − 1;
 *   attenuators:     one per signal mode 0 … r − 1 (r = tile.attenuation.length);
 *   output mesh (U): φ_k, θ_k of every MZI, then its output screen, modes 0 … N_out − 1.
 * Every tile scheduled on one core must have this layout (same meshes, same MZI positions): tiles of a
 * `--core-size K` circuit all share the K × K core; a full-size circuit has one core per layer.
 *
 * Codes: every phase (wrapped to [0, 2π)) through the PDK's phaseToCode (pdk/phase-drive.ts: uniform in
 * voltage over 0 … V_2π). Attenuators are MZI variable attenuators read at the bar port; with the project's
 * MZI T(θ,φ) (core/linalg/mzi.ts) |T₀₀| = |sin(θ/2)|, so an amplitude transmission a ∈ [0, 1] is set by the
 * internal phase θ_a = 2·asin(a) ∈ [0, π] (a = 1 → θ = π, full transmission; a = 0 → θ = 0, dark), the same
 * phase the noise simulation programs (sim/noise/chip-plan.ts).
 *
 * DAC channels: core c owns DACs dacBase(c) … dacBase(c) + dacs(c) − 1 (cores in increasing id order, each
 * starting on a fresh DAC); bank address i of core c drives DAC dacBase(c) + ⌊i / channelsPerDac⌋, channel
 * i mod channelsPerDac.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { CircuitIR, MeshTile, MziMesh } from '../../ir/circuit.js';
import { phaseToCode } from '../../pdk/index.js';
import type { Pdk } from '../../pdk/types.js';

/** One physical mesh core: its bank size and DACs. */
export interface CoreLayout {
  /** The schedule's core id. */
  readonly core: number;
  /** Phase shifters and attenuators, i.e. bank words. */
  readonly channels: number;
  /** First DAC (chip-select index) of the core. */
  readonly dacBase: number;
  readonly dacs: number;
}

/** Consecutive schedule steps on one core with the same optical passes per sample. */
export interface StepRun {
  readonly firstStep: number;
  readonly steps: number;
  /** Index into CodePlan.cores (not the schedule's core id). */
  readonly coreIndex: number;
  readonly passesPerSample: number;
}

export interface CodePlan {
  readonly codeBits: number;
  readonly dacChannels: number;
  readonly cores: readonly CoreLayout[];
  readonly runs: readonly StepRun[];
  readonly steps: number;
  /** Core index of every step. */
  readonly stepCore: Int32Array;
  /** Code ROM words: the sum of every step's bank size. */
  readonly romWords: number;
  /** The largest core's channel count (the bank's size). */
  readonly bankWords: number;
  readonly dacs: number;
}

/** Internal phase of an MZI attenuator for amplitude transmission a (clamped to [0, 1]): θ = 2·asin(a), rad. */
export function attenuatorThetaRad(amplitude: number): number {
  return 2 * Math.asin(Math.min(1, Math.max(0, amplitude)));
}

/** Bank words of a tile: 2 per MZI of both meshes, both output screens, one per attenuator. */
export function tileChannels(tile: MeshTile): number {
  return 2 * tile.inputMesh.mzis.length + tile.inputMesh.N + tile.attenuation.length + 2 * tile.outputMesh.mzis.length + tile.outputMesh.N;
}

function sameMesh(a: MziMesh, b: MziMesh): boolean {
  if (a.N !== b.N || a.mzis.length !== b.mzis.length) return false;
  for (let k = 0; k < a.mzis.length; k++) {
    if (a.mzis[k].col !== b.mzis[k].col || a.mzis[k].top !== b.mzis[k].top) return false;
  }
  return true;
}

/** Plans banks, DACs and runs; throws InvalidInputError when tiles of one core differ in layout. */
export function planCodes(circuit: CircuitIR, pdk: Pdk, dacChannels: number): CodePlan {
  const steps = circuit.schedule.steps;
  if (steps.length === 0) throw new InvalidInputError('verilog: the circuit has no optical steps (no linear layers)', { stage: 'emit' });
  const firstTile = new Map<number, MeshTile>();
  steps.forEach((s, i) => {
    if (s.step !== i) throw new InvalidInputError(`verilog: schedule step ${i} is numbered ${s.step}`, { stage: 'emit' });
    const tile = circuit.layers[s.layer]?.tiles[s.tile];
    if (!tile) throw new InvalidInputError(`verilog: schedule step ${i} names a missing tile (layer ${s.layer}, tile ${s.tile})`, { stage: 'emit' });
    const first = firstTile.get(s.core);
    if (!first) firstTile.set(s.core, tile);
    else if (!sameMesh(first.inputMesh, tile.inputMesh) || !sameMesh(first.outputMesh, tile.outputMesh) || first.attenuation.length !== tile.attenuation.length) {
      throw new InvalidInputError(`verilog: step ${i} (layer ${s.layer}, tile ${s.tile}) does not fit the layout of core ${s.core}`, { stage: 'emit' });
    }
  });
  const ids = [...firstTile.keys()].sort((a, b) => a - b);
  const indexOf = new Map(ids.map((c, i) => [c, i]));
  let dacBase = 0;
  const cores = ids.map((core): CoreLayout => {
    const channels = tileChannels(firstTile.get(core)!);
    const dacs = Math.ceil(channels / dacChannels);
    const layout = { core, channels, dacBase, dacs };
    dacBase += dacs;
    return layout;
  });
  const stepCore = Int32Array.from(steps, (s) => indexOf.get(s.core)!);
  const runs: StepRun[] = [];
  steps.forEach((s, i) => {
    const last = runs[runs.length - 1];
    if (last && last.coreIndex === stepCore[i] && last.passesPerSample === s.passesPerSample) {
      runs[runs.length - 1] = { ...last, steps: last.steps + 1 };
    } else {
      runs.push({ firstStep: i, steps: 1, coreIndex: stepCore[i], passesPerSample: s.passesPerSample });
    }
  });
  let romWords = 0;
  for (let i = 0; i < steps.length; i++) romWords += cores[stepCore[i]].channels;
  return {
    codeBits: pdk.dac.bits,
    dacChannels,
    cores,
    runs,
    steps: steps.length,
    stepCore,
    romWords,
    bankWords: Math.max(...cores.map((c) => c.channels)),
    dacs: dacBase,
  };
}

/**
 * DAC codes of one schedule step in bank order (see the module comment) into `out` (length ≥ the step's core
 * channels). Returns the number of codes written.
 */
export function stepCodes(circuit: CircuitIR, step: number, pdk: Pdk, out: Uint32Array): number {
  const s = circuit.schedule.steps[step];
  const tile = circuit.layers[s.layer].tiles[s.tile];
  let i = 0;
  const mesh = (m: MziMesh): void => {
    for (const z of m.mzis) {
      out[i++] = phaseToCode(z.phi, pdk);
      out[i++] = phaseToCode(z.theta, pdk);
    }
    for (let k = 0; k < m.N; k++) out[i++] = phaseToCode(m.phasesOut[k], pdk);
  };
  mesh(tile.inputMesh);
  for (let k = 0; k < tile.attenuation.length; k++) out[i++] = phaseToCode(attenuatorThetaRad(tile.attenuation[k]), pdk);
  mesh(tile.outputMesh);
  return i;
}
