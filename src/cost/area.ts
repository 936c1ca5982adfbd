/**
 * Component area: the sum of the photonic component footprints of a placed tile — MZI cells (length × width
 * from the PDK), single-mode cells (modulators, screen phase shifters, attenuators, loss dummies: length × one pitch) and
 * ports (couplers and photodetectors: length × one pitch). Routing, pads and the electronics (DACs, ADCs,
 * TIAs) are not included; the layout bounding box is reported apart (chip dimensions).
 */
import { mmToUm } from '../core/units.js';
import type { CircuitPlacement, TilePlacement } from '../physics/placement/index.js';

const UM2_PER_MM2 = mmToUm(1) ** 2;

/** Sum of component footprints of one placed tile, mm². */
export function tileComponentAreaMm2(tile: TilePlacement): number {
  let um2 = 0;
  for (const z of tile.mzis) um2 += z.lengthUm * z.widthUm;
  for (const c of tile.cells) um2 += c.lengthUm * c.widthUm;
  for (const p of tile.ports) um2 += p.lengthUm * p.widthUm;
  return um2 / UM2_PER_MM2;
}

/** Sum over the physical cores of the chip, mm². */
export function circuitComponentAreaMm2(placement: CircuitPlacement): number {
  return placement.cores.reduce((s, c) => s + tileComponentAreaMm2(c.tile), 0);
}
