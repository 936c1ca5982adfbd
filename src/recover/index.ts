/**
 * @module recover
 * Winning back accuracy lost to a chip's imperfections (issue 4): per-chip calibration of the programmed phases
 * (calibrate.ts) and hardware-aware fine-tuning on the calibration set — of the heater drives by projected gradient
 * descent on the simulated chip (phase-finetune.ts, with tile-objective.ts and tile-moments.ts), then of the
 * electronics by least squares (finetune.ts). `foundry eval --noise pdk --correct calibrate|finetune|both|none`:
 *
 *   calibrate  calibrated drives
 *   finetune   design drives → phase GD → electronic gain/offset
 *   both       calibrated drives → phase GD → electronic gain/offset
 */
import type { CircuitIR } from '../ir/circuit.js';
import type { PhotonicChip } from '../sim/chip.js';
import type { ChipPlan } from '../sim/noise/chip-plan.js';
import type { SampleSet } from '../sim/noise/chip-run.js';
import { composeChip, type ChipSample } from '../sim/noise/chip-sample.js';
import { InvalidInputError } from '../core/errors.js';
import { calibratePlan } from './calibrate.js';
import { finetuneChip, withCorrections } from './finetune.js';
import { finetunePhases } from './phase-finetune.js';
import { tileMoments } from './tile-moments.js';

export { calibratePlan, precompensate, realisedPhase, tileHeaterMasks, WRAP_ROUNDS, type PrecompensateOptions } from './calibrate.js';
export { CALIBRATION_STREAM_OFFSET, finetuneChip, solveAffine, withCorrections, type FinetuneResult, type LayerCorrection } from './finetune.js';
export {
  finetunePhases, optimiseTileDrives, tileDrives, type PhaseFinetuneOptions, type PhaseFinetuneResult, type TilePhaseResult,
} from './phase-finetune.js';
export { tileObjective, type TileObjective } from './tile-objective.js';
export { tileMoments, type TileMoments } from './tile-moments.js';

/** 'both' = calibrate, then fine-tune (phases, then electronics) the calibrated chip. */
export const CORRECTIONS = ['none', 'calibrate', 'finetune', 'both'] as const;
export type Correction = (typeof CORRECTIONS)[number];

/** The runChip hook of a correction (chip-run.ts ChipRunOptions.correct). */
export function correctionHook(
  circuit: CircuitIR,
  plan: ChipPlan,
  correction: Exclude<Correction, 'none'>,
  calibration: SampleSet | undefined,
): (sample: ChipSample) => { plan: ChipPlan; wrap: (chip: PhotonicChip) => PhotonicChip } {
  return (sample) => {
    const start = correction === 'finetune' ? plan : calibratePlan(circuit, plan, sample);
    if (correction === 'calibrate') return { plan: start, wrap: (c) => c };
    if (!calibration || calibration.n === 0) throw new InvalidInputError(`--correct ${correction} needs calibration samples`);
    // the drives by gradient descent on this chip's model (tile inputs' moments: once per circuit and set)
    const chipPlan = finetunePhases(circuit, start, sample, tileMoments(circuit, plan.idealChip, calibration)).plan;
    // compose the chip as it will run (drift at its calibration-time state) and fit its electronics
    const chip = composeChip(chipPlan, sample, circuit);
    const fit = finetuneChip(circuit, chipPlan, chip, sample, calibration);
    return { plan: chipPlan, wrap: (c) => withCorrections(c, fit.corrections) };
  };
}
