/**
 * Placement of a whole circuit: one placed tile per physical core, cores stacked along y (perpendicular to the
 * light) with `coreGapUm` between them, all starting at x = 0 — so every core's input couplers line up on the
 * chip's left edge and its detectors face the right edge.
 *
 * Cores come from the schedule: full-size mapping has one core per layer (its single tile); a tiled mapping
 * has one K × K core that runs every tile in turn, so it is placed once, from its first tile (every tile on a
 * core has the same mesh grid; only the programmed phases differ).
 */
import type { CircuitIR } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import { resolvePlacementOptions } from './options.js';
import { placeTile } from './place-tile.js';
import type { CircuitPlacement, CorePlacement, PlacementOptions } from './types.js';

export function placeCircuit(circuit: CircuitIR, pdk: Pdk, options: PlacementOptions = {}): CircuitPlacement {
  const resolved = resolvePlacementOptions(pdk, options);
  const stepsByCore = new Map<number, { layer: number; tile: number }[]>();
  for (const s of circuit.schedule.steps) {
    const list = stepsByCore.get(s.core) ?? [];
    list.push({ layer: s.layer, tile: s.tile });
    stepsByCore.set(s.core, list);
  }
  const cores: CorePlacement[] = [];
  let yCursorUm = 0;
  let widthUm = 0;
  for (const core of [...stepsByCore.keys()].sort((a, b) => a - b)) {
    const steps = stepsByCore.get(core)!;
    const tile = placeTile(circuit.layers[steps[0].layer].tiles[steps[0].tile], pdk, resolved);
    // the tile's bbox starts at y = −pitch/2: shift it so the core's bottom edge sits at the cursor
    cores.push({ core, xUm: 0, yUm: yCursorUm - tile.bbox.yUm, steps, tile });
    yCursorUm += tile.bbox.heightUm + resolved.coreGapUm;
    widthUm = Math.max(widthUm, tile.bbox.widthUm);
  }
  const heightUm = cores.length > 0 ? yCursorUm - resolved.coreGapUm : 0;
  return { cores, bbox: { xUm: 0, yUm: 0, widthUm, heightUm }, options: resolved };
}
