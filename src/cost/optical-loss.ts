/**
 * Worst-path optical loss of a tile (dB, power): every element on the deepest coupler → detector path.
 *
 *   L = (n_MZI + n_dummy)·(IL_MZI + [2·IL_coupler if the MZI loss excludes its couplers]) + n_screen·IL_shifter
 *     + n_att·IL_MZI (an MZI variable attenuator at full transmission) + IL_modulator
 *     + routing length·loss/cm + n_crossings·IL_crossing
 *
 * n_dummy: the loss-matched dummies on the path (placement 'loss-dummy' cells; 0 on the deepest path of a Clements
 * or Reck mesh, which has an MZI in every column).
 * The programmed attenuation σ_i/σ_max is signal (the weight), not loss: the channel that sets the detector's
 * full scale has σ = σ_max, a = 1. Input/output couplers to fibre are off the on-chip budget (the laser power
 * is the on-chip power). The path comes from the placement (physics/placement, WorstPath).
 */
import { umToCm } from '../core/units.js';
import type { Pdk } from '../pdk/types.js';
import type { WorstPath } from '../physics/placement/index.js';

export interface PathLoss {
  readonly totalDb: number;
  readonly mzisDb: number;
  readonly couplersDb: number;
  /** Loss-matched dummies (MZI loss with its couplers). */
  readonly dummiesDb: number;
  readonly screensDb: number;
  readonly attenuatorDb: number;
  readonly modulatorDb: number;
  readonly waveguideDb: number;
  readonly crossingsDb: number;
}

export function worstPathLoss(path: WorstPath, pdk: Pdk): PathLoss {
  const mzisDb = path.mzis * pdk.mzi.insertionLossDb;
  const couplersDb = pdk.mzi.lossIncludesCouplers ? 0 : path.mzis * 2 * pdk.coupler.insertionLossDb;
  const dummiesDb = path.dummies * (pdk.mzi.insertionLossDb + (pdk.mzi.lossIncludesCouplers ? 0 : 2 * pdk.coupler.insertionLossDb));
  const screensDb = path.screens * pdk.phaseShifter.insertionLossDb;
  const attenuatorDb = path.attenuators * (pdk.mzi.insertionLossDb + (pdk.mzi.lossIncludesCouplers ? 0 : 2 * pdk.coupler.insertionLossDb));
  const modulatorDb = path.modulators * pdk.modulator.insertionLossDb;
  const waveguideDb = umToCm(path.routingLengthUm) * pdk.waveguide.lossDbPerCm;
  const crossingsDb = path.crossings * pdk.waveguide.crossingLossDb;
  return {
    totalDb: mzisDb + couplersDb + dummiesDb + screensDb + attenuatorDb + modulatorDb + waveguideDb + crossingsDb,
    mzisDb, couplersDb, dummiesDb, screensDb, attenuatorDb, modulatorDb, waveguideDb, crossingsDb,
  };
}
