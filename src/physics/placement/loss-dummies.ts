/**
 * Where a mesh's loss dummies sit, as the simulation needs it: the placement puts a loss-matched dummy at every
 * (column, mode) of the mesh grid that no MZI occupies (place-tile.ts, CellKind 'loss-dummy'), so light on a mode
 * crosses one lossy element per column. Counted per MZI input (dummies since the previous element on that mode)
 * and per mode after the mesh's last column, so a simulation can fold their loss into the MZIs it already applies.
 */
import { meshDepth, type MziMesh } from '../../ir/circuit.js';

export interface MeshDummies {
  /** Per MZI (mesh order), 2 entries: dummies on its upper and lower input mode since the previous MZI there. */
  readonly beforeMzi: Int32Array;
  /** Per mode: dummies after the mode's last MZI, up to the mesh's last column. */
  readonly afterMesh: Int32Array;
  /** All dummies of the mesh (= the placement's 'loss-dummy' cells of this mesh). */
  readonly total: number;
}

export function meshDummies(mesh: MziMesh): MeshDummies {
  const depth = meshDepth(mesh);
  const lastCol = new Int32Array(mesh.N).fill(-1);
  const beforeMzi = new Int32Array(2 * mesh.mzis.length);
  let total = 0;
  mesh.mzis.forEach((z, k) => {
    for (let side = 0; side < 2; side++) {
      const m = z.top + side;
      const gap = z.col - lastCol[m] - 1;
      beforeMzi[2 * k + side] = gap;
      total += gap;
      lastCol[m] = z.col;
    }
  });
  const afterMesh = Int32Array.from(lastCol, (c) => depth - c - 1);
  for (const n of afterMesh) total += n;
  return { beforeMzi, afterMesh, total };
}
