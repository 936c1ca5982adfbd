/**
 * The deepest optical path of a tile: the largest number of MZIs any light crosses from an input coupler to a
 * photodetector, through input mesh → attenuator column → output mesh. Geometry only (every input lit, every
 * output detected), so it is the same for every tile programmed onto one core.
 *
 * Longest path in the mesh DAG by one sweep over the MZIs in order of application: depth[m] is the most MZIs on
 * a path reaching mode m; an MZI on (m, m+1) sets both to max(depth[m], depth[m+1]) + 1. Between the meshes
 * only the signal modes (those with an attenuator) carry light on. O(#MZIs + N).
 */
import type { MeshTile, MziMesh } from '../../ir/circuit.js';

const DARK = -Infinity;

function sweep(mesh: MziMesh, depth: Float64Array): void {
  for (const z of mesh.mzis) {
    const d = Math.max(depth[z.top], depth[z.top + 1]);
    if (d === DARK) continue;
    depth[z.top] = d + 1;
    depth[z.top + 1] = d + 1;
  }
}

/** MZIs along the deepest lit input → detector path of `tile` (0 when no light reaches a detector). */
export function deepestPathMzis(tile: MeshTile): number {
  const input = new Float64Array(tile.inputMesh.N); // all inputs lit: depth 0
  sweep(tile.inputMesh, input);
  const output = new Float64Array(tile.outputMesh.N).fill(DARK);
  const signal = Math.min(tile.attenuation.length, tile.inputMesh.N, tile.outputMesh.N);
  for (let m = 0; m < signal; m++) output[m] = input[m];
  sweep(tile.outputMesh, output);
  let deepest = 0;
  for (const d of output) if (d > deepest) deepest = d;
  return deepest;
}
