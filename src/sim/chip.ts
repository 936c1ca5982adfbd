/**
 * A photonic chip instance: the compiled circuit's meshes with their (ideal or perturbed) values resolved into
 * what the detectors read. Built once per chip, then any number of batches run through it.
 *
 * For each tile, the transfer matrices of its two meshes are composed from the programmed MZIs (O(N³) with
 * 2×2 updates, sim/mesh-propagate.ts), joined through the attenuator column, and read out homodyne:
 *
 *   T = T_U[:, :r] · diag(a) · T_V[:r, :]          (complex, rows × cols of the tile)
 *   R = σ_max · Re(diag(e^{−i φ_LO}) · T)          (the real matrix the detected outputs follow)
 *
 * Homodyne detection is linear in the field, so for the noise-free chip the detected outputs of a pass are
 * exactly R·x: the x/‖x‖∞ input encoding and the σ_max·‖x‖∞ electronic rescale cancel. Imperfections enter
 * through per-mesh MziParams (values, never the mesh itself).
 */
import type { CircuitIR, MeshTile, OpticalLayer } from '../ir/circuit.js';
import { composeTransferMatrix, createMeshPropagator, type MeshPropagator, type MziParams } from './mesh-propagate.js';

export interface ChipTile {
  readonly rowStart: number;
  readonly colStart: number;
  readonly rows: number;
  readonly cols: number;
  /** Detected response R (rows × cols, row-major), see the module comment. */
  readonly readout: Float64Array;
}

export interface ChipLayer {
  readonly rows: number;
  readonly cols: number;
  readonly tiles: readonly ChipTile[];
}

export interface PhotonicChip {
  readonly layers: readonly ChipLayer[];
}

/** One tile's actual values on a chip (absent fields: as programmed). */
export interface TileParams {
  readonly input?: MziParams;
  readonly output?: MziParams;
  /** Actual attenuator amplitude transmissions. */
  readonly attenuation?: Float64Array;
}

/** Per-tile values of one chip (absent: ideal), indexed [layer][tile]. */
export interface ChipParams {
  readonly tiles?: readonly (readonly TileParams[])[];
}

export interface BuildChipOptions {
  readonly params?: ChipParams;
  readonly propagator?: MeshPropagator;
}

function chipTile(tile: MeshTile, propagator: MeshPropagator, params?: TileParams): ChipTile {
  const tv = composeTransferMatrix(tile.inputMesh, params?.input, propagator);
  const tu = composeTransferMatrix(tile.outputMesh, params?.output, propagator);
  const a = params?.attenuation ?? tile.attenuation;
  const { rows, cols } = tile;
  const r = a.length;
  const nv = tv.cols;
  const nu = tu.cols;
  // S = diag(a) · T_V[:r, :cols]  (complex r × cols)
  const sRe = new Float64Array(r * cols);
  const sIm = new Float64Array(r * cols);
  for (let k = 0; k < r; k++) {
    for (let j = 0; j < cols; j++) {
      sRe[k * cols + j] = a[k] * tv.re[k * nv + j];
      sIm[k * cols + j] = a[k] * tv.im[k * nv + j];
    }
  }
  const readout = new Float64Array(rows * cols);
  const tRe = new Float64Array(cols);
  const tIm = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    tRe.fill(0);
    tIm.fill(0);
    for (let k = 0; k < r; k++) {
      const uRe = tu.re[i * nu + k];
      const uIm = tu.im[i * nu + k];
      if (uRe === 0 && uIm === 0) continue;
      for (let j = 0; j < cols; j++) {
        const vr = sRe[k * cols + j];
        const vi = sIm[k * cols + j];
        tRe[j] += uRe * vr - uIm * vi;
        tIm[j] += uRe * vi + uIm * vr;
      }
    }
    const c = Math.cos(tile.loPhaseRad[i]) * tile.sigmaMax;
    const s = Math.sin(tile.loPhaseRad[i]) * tile.sigmaMax;
    for (let j = 0; j < cols; j++) readout[i * cols + j] = c * tRe[j] + s * tIm[j];
  }
  return { rowStart: tile.rowStart, colStart: tile.colStart, rows, cols, readout };
}

function chipLayer(layer: OpticalLayer, propagator: MeshPropagator, params?: readonly TileParams[]): ChipLayer {
  return {
    rows: layer.matrix.rows,
    cols: layer.matrix.cols,
    tiles: layer.tiles.map((t, i) => chipTile(t, propagator, params?.[i])),
  };
}

/** Resolves every tile of the circuit into its detected response (ideal chip unless `params` are given). */
export function buildChip(circuit: CircuitIR, options: BuildChipOptions = {}): PhotonicChip {
  const propagator = options.propagator ?? createMeshPropagator({ backend: 'auto' });
  return { layers: circuit.layers.map((layer, l) => chipLayer(layer, propagator, options.params?.tiles?.[l])) };
}
