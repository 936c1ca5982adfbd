/**
 * One linear layer → programmed MZI mesh tiles.
 *
 * Without a core size the whole matrix is one tile: its SVD W = U Σ Vᵀ becomes a (reduced, when m ≠ n) mesh
 * of Vᵀ, an attenuator column a = σ/σ_max and a mesh of U (map/svd-mesh.ts). With core size K the matrix is
 * cut into K × K blocks, zero-padded at the edges, and every block gets its own SVD and full K-mode meshes
 * (the chip has one fixed K × K core); partial products are summed electronically.
 */
import type { RMat } from '../core/linalg/rmat.js';
import type { MeshTile, MeshTopology, OpticalLayer } from '../ir/circuit.js';
import { decomposeSvd } from './svd-mesh.js';

export interface TileOptions {
  readonly mesh: MeshTopology;
  /** Fixed core size K, or null for one mesh pair at the matrix's full size. */
  readonly coreSize: number | null;
  /** Called after each tile with (tiles done, tiles of this layer). */
  readonly onTile?: (done: number, total: number) => void;
}

/** The K × K block (zero-padded) of `w` at block (rb, cb). */
function block(w: RMat, r0: number, c0: number, size: number): RMat {
  const data = new Float64Array(size * size);
  const rows = Math.min(size, w.rows - r0);
  const cols = Math.min(size, w.cols - c0);
  for (let i = 0; i < rows; i++) data.set(w.data.subarray((r0 + i) * w.cols + c0, (r0 + i) * w.cols + c0 + cols), i * size);
  return { rows: size, cols: size, data };
}

function tileOf(w: RMat, rowBlock: number, colBlock: number, rowStart: number, colStart: number, rows: number, cols: number, mesh: MeshTopology): MeshTile {
  const { inputMesh, singularValues, outputMesh } = decomposeSvd(w, { topology: mesh });
  const sigmaMax = singularValues.length > 0 ? singularValues[0] : 0;
  const attenuation = new Float64Array(singularValues.length);
  if (sigmaMax > 0) for (let i = 0; i < attenuation.length; i++) attenuation[i] = singularValues[i] / sigmaMax;
  return {
    rowBlock, colBlock, rowStart, colStart, rows, cols, sigmaMax, attenuation, inputMesh, outputMesh,
    // the meshes realise a real matrix exactly, so every detector reads the in-phase quadrature
    loPhaseRad: new Float64Array(rows),
  };
}

export function tileLayer(name: string, opType: OpticalLayer['opType'], w: RMat, passesPerSample: number, options: TileOptions): OpticalLayer {
  const K = options.coreSize;
  if (K === null) {
    const tile = tileOf(w, 0, 0, 0, 0, w.rows, w.cols, options.mesh);
    options.onTile?.(1, 1);
    return { name, opType, matrix: { rows: w.rows, cols: w.cols }, passesPerSample, coreSize: null, rowBlocks: 1, colBlocks: 1, tiles: [tile] };
  }
  const rowBlocks = Math.ceil(w.rows / K);
  const colBlocks = Math.ceil(w.cols / K);
  const tiles: MeshTile[] = [];
  for (let rb = 0; rb < rowBlocks; rb++) {
    for (let cb = 0; cb < colBlocks; cb++) {
      const r0 = rb * K;
      const c0 = cb * K;
      const rows = Math.min(K, w.rows - r0);
      const cols = Math.min(K, w.cols - c0);
      tiles.push(tileOf(block(w, r0, c0, K), rb, cb, r0, c0, rows, cols, options.mesh));
      options.onTile?.(tiles.length, rowBlocks * colBlocks);
    }
  }
  return { name, opType, matrix: { rows: w.rows, cols: w.cols }, passesPerSample, coreSize: K, rowBlocks, colBlocks, tiles };
}
