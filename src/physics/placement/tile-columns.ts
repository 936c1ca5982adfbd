/**
 * Column layout of a tile along x (the light), shared by `placeTile` and by estimates for cores that were not
 * compiled (e.g. the largest core size within the loss budget):
 *
 *   couplers │ g │ modulators │ g │ Vᵀ MZI columns (L + g each) │ Vᵀ screen │ g │ attenuators (L) │ g │
 *   U MZI columns (L + g each) │ U screen │ g │ detectors
 *
 * and the worst path that follows from it (elements on the path and the plain waveguide in between).
 */
import type { Pdk } from '../../pdk/types.js';
import type { ResolvedPlacementOptions, TileColumns, WorstPath } from './types.js';

export interface TileColumnLayout extends TileColumns {
  /** Tile width along x: couplers to the end of the detectors, µm. */
  readonly widthUm: number;
  /** Optical path from the end of the input couplers to the start of the detectors, µm. */
  readonly pathLengthUm: number;
}

/** Column x positions of a tile whose meshes have `inputDepth` and `outputDepth` MZI columns. */
export function tileColumns(inputDepth: number, outputDepth: number, pdk: Pdk, o: ResolvedPlacementOptions): TileColumnLayout {
  const g = o.columnGapUm;
  const L = pdk.mzi.lengthUm;
  const Lps = pdk.phaseShifter.lengthUm;
  const mziColumnPitchUm = L + g;
  const portXUm = 0;
  const modulatorXUm = portXUm + o.couplerLengthUm + g;
  const inputMeshXUm = modulatorXUm + o.modulatorLengthUm + g;
  const inputScreenXUm = inputMeshXUm + inputDepth * mziColumnPitchUm;
  const attenuatorXUm = inputScreenXUm + Lps + g;
  const outputMeshXUm = attenuatorXUm + L + g;
  const outputScreenXUm = outputMeshXUm + outputDepth * mziColumnPitchUm;
  const detectorXUm = outputScreenXUm + Lps + g;
  return {
    portXUm, modulatorXUm, inputMeshXUm, inputScreenXUm, attenuatorXUm, outputMeshXUm, outputScreenXUm, detectorXUm, mziColumnPitchUm,
    widthUm: detectorXUm + o.detectorLengthUm,
    pathLengthUm: detectorXUm - (portXUm + o.couplerLengthUm),
  };
}

/**
 * The worst path of a tile with these columns: a modulator, `pathMzis` MZIs and `pathDummies` loss dummies, both screens, an attenuator when
 * there are signal modes, and plain waveguide for the rest of the path length. No crossings.
 */
export function worstPathOf(columns: TileColumnLayout, pathMzis: number, pathDummies: number, hasSignal: boolean, pdk: Pdk, o: ResolvedPlacementOptions): WorstPath {
  const screens = 2;
  const attenuators = hasSignal ? 1 : 0;
  const elementsUm = o.modulatorLengthUm + (pathMzis + pathDummies) * pdk.mzi.lengthUm + screens * pdk.phaseShifter.lengthUm + attenuators * pdk.mzi.lengthUm;
  return { mzis: pathMzis, dummies: pathDummies, screens, attenuators, modulators: 1, routingLengthUm: columns.pathLengthUm - elementsUm, crossings: 0 };
}
