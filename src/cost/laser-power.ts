/**
 * Laser power a tile needs: every input mode gets an equal share of the on-chip laser power, and one input at
 * full scale routed to one detector through the worst-path loss must still deliver the detector power the SNR
 * needs. So  P_on-chip = N_in · P_det · 10^(L_worst/10),  P_electrical = P_on-chip / η_wall-plug.
 * The PDK's laser.maxOnChipPowerMw caps what one laser can deliver (checked in feasibility.ts).
 */
import { dbmToMw, mwToDbm } from '../core/units.js';
import type { Pdk } from '../pdk/types.js';

export interface LaserPower {
  /** Optical power the laser must put on chip, mW (may exceed the PDK's maximum: see `isWithinLimit`). */
  readonly onChipMw: number;
  /** Same in dBm (finite even when the linear figure overflows). */
  readonly onChipDbm: number;
  /** Electrical power drawn, mW. */
  readonly electricalMw: number;
  readonly isWithinLimit: boolean;
}

export function laserPower(inputModes: number, detectorPowerMw: number, worstPathLossDb: number, pdk: Pdk): LaserPower {
  const onChipDbm = mwToDbm(inputModes * detectorPowerMw) + worstPathLossDb;
  const onChipMw = dbmToMw(onChipDbm);
  return {
    onChipMw,
    onChipDbm,
    electricalMw: onChipMw / pdk.laser.wallPlugEfficiency,
    isWithinLimit: onChipMw <= pdk.laser.maxOnChipPowerMw,
  };
}
