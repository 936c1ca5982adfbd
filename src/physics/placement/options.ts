/**
 * Placement options: layout choices the PDK does not fix (column clearance, core spacing, port and modulator
 * footprints), with documented defaults, and the effective mode pitch.
 */
import type { Pdk } from '../../pdk/types.js';
import type { PlacementOptions, ResolvedPlacementOptions } from './types.js';

/** Routing clearance between adjacent columns, µm. */
export const DEFAULT_COLUMN_GAP_UM = 10;
/** Spacing between cores stacked along y, µm. */
export const DEFAULT_CORE_GAP_UM = 100;
/** Edge-coupler (spot-size converter taper) length, µm. */
export const DEFAULT_EDGE_COUPLER_LENGTH_UM = 200;
/** Grating-coupler length, µm (≈ 30 × 30 µm devices are typical). */
export const DEFAULT_GRATING_COUPLER_LENGTH_UM = 30;
/** Germanium photodetector length, µm. */
export const DEFAULT_DETECTOR_LENGTH_UM = 50;

/** Fills in every default; `modulatorLengthUm` defaults to the PDK's MZI length (an MZI modulator cell). */
export function resolvePlacementOptions(pdk: Pdk, options: PlacementOptions = {}): ResolvedPlacementOptions {
  const inputCoupler = options.inputCoupler ?? 'edge-coupler';
  return {
    columnGapUm: options.columnGapUm ?? DEFAULT_COLUMN_GAP_UM,
    coreGapUm: options.coreGapUm ?? DEFAULT_CORE_GAP_UM,
    inputCoupler,
    couplerLengthUm:
      options.couplerLengthUm ?? (inputCoupler === 'edge-coupler' ? DEFAULT_EDGE_COUPLER_LENGTH_UM : DEFAULT_GRATING_COUPLER_LENGTH_UM),
    modulatorLengthUm: options.modulatorLengthUm ?? pdk.mzi.lengthUm,
    detectorLengthUm: options.detectorLengthUm ?? DEFAULT_DETECTOR_LENGTH_UM,
  };
}

/**
 * Mode pitch of the layout, µm: the PDK pitch, widened to half the MZI cell width when needed, because MZIs of
 * one column sit two modes apart and their cells must not overlap.
 */
export function effectivePitchUm(pdk: Pdk): number {
  return Math.max(pdk.waveguide.pitchUm, pdk.mzi.widthUm / 2);
}
