/**
 * The largest core size K whose tiles fit the laser budget: a K × K core (Clements depth K, Reck depth 2K − 3
 * per mesh) laid out as physics/placement lays out tiles, with the deepest path through both meshes
 * (2·depth MZIs), must need at most laser.maxOnChipPowerMw. Loss grows with K, so the search stops at the
 * first K that fails. Used to make the feasibility messages actionable (`--core-size K`).
 */
import type { MeshTopology } from '../ir/circuit.js';
import type { Pdk } from '../pdk/types.js';
import { resolvePlacementOptions, tileColumns, worstPathOf, type PlacementOptions } from '../physics/placement/index.js';
import { laserPower } from './laser-power.js';
import { worstPathLoss } from './optical-loss.js';

/** Largest K accepted by --core-size. */
export const MAX_CORE_SIZE = 4096;

/** MZI columns of one K-mode mesh. */
export function meshDepthFor(topology: MeshTopology, modes: number): number {
  if (modes < 2) return 0;
  return topology === 'clements' ? modes : 2 * modes - 3;
}

/** Laser power a K × K core needs, mW (on chip). */
export function coreLaserPowerMw(K: number, topology: MeshTopology, detectorPowerMw: number, pdk: Pdk, placement: PlacementOptions = {}): number {
  const o = resolvePlacementOptions(pdk, placement);
  const depth = meshDepthFor(topology, K);
  const columns = tileColumns(depth, depth, pdk, o);
  const loss = worstPathLoss(worstPathOf(columns, 2 * depth, 0, true, pdk, o), pdk);
  return laserPower(K, detectorPowerMw, loss.totalDb, pdk).onChipMw;
}

/** Largest K in [2, MAX_CORE_SIZE] within the laser budget, or null when even K = 2 is not. */
export function largestFeasibleCoreSize(topology: MeshTopology, detectorPowerMw: number, pdk: Pdk, placement: PlacementOptions = {}): number | null {
  let best: number | null = null;
  for (let K = 2; K <= MAX_CORE_SIZE; K++) {
    if (coreLaserPowerMw(K, topology, detectorPowerMw, pdk, placement) > pdk.laser.maxOnChipPowerMw) break;
    best = K;
  }
  return best;
}
