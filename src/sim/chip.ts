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
 * through per-mesh MziParams (values, never the mesh itself) and per-tile TileParams: realised attenuator
 * transmissions a·e^{iψ}, a scalar field amplitude factor η for the losses outside the MZIs (modulator, screens,
 * attenuator cell, waveguide) and the receiver's electronic gain g, so that in general
 *
 *   T = η · T_U[:, :r] · diag(a·e^{iψ}) · T_V[:r, :]
 *   R = g·σ_max · Re(diag(e^{−i φ_LO}) · T),   Q = g·σ_max · Im(diag(e^{−i φ_LO}) · T)   (Q on request)
 *
 * Q, the quadrature the homodyne detector does not read, gives with R the power |E|² that reaches each detector
 * (shot noise, sim/noise/detection.ts).
 */
import { InvalidInputError } from '../core/errors.js';
import type { CMat } from '../core/linalg/cmat.js';
import type { CircuitIR, MeshTile, OpticalLayer } from '../ir/circuit.js';
import { composeTransferMatrix, createMeshPropagator, type MeshPropagator, type MziParams } from './mesh-propagate.js';

export interface ChipTile {
  readonly rowStart: number;
  readonly colStart: number;
  readonly rows: number;
  readonly cols: number;
  /** Detected response R (rows × cols, row-major), see the module comment. */
  readonly readout: Float64Array;
  /** With BuildChipOptions.quadrature: Q (rows × cols), the other quadrature of the same field. */
  readonly quadrature?: Float64Array;
  /** With BuildChipOptions.quadrature: [R; Q] (2·rows × cols) in one buffer; `readout`/`quadrature` are views of it. */
  readonly stacked?: Float64Array;
}

export interface ChipLayer {
  readonly rows: number;
  readonly cols: number;
  readonly tiles: readonly ChipTile[];
  /**
   * Electronic per-output-channel correction after detection (src/recover/finetune.ts): y_i ← outGain_i·y_i +
   * outOffset_i. Absent: none (the designed electronics).
   */
  readonly outGain?: Float64Array;
  readonly outOffset?: Float64Array;
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
  /** Phase ψ the attenuators add to their mode, radians (length of `attenuation` / tile.attenuation). */
  readonly attenuationPhaseRad?: Float64Array;
  /** Field amplitude factor η of the losses outside the MZIs (modulator, screens, attenuator cell, waveguide). */
  readonly amplitudeScale?: number;
  /** Electronic receiver gain g applied to the detected outputs (e.g. the inverse of the nominal loss). */
  readonly receiverGain?: number;
}

/** Per-tile values of one chip (absent: ideal), indexed [layer][tile]. */
export interface ChipParams {
  readonly tiles?: readonly (readonly TileParams[])[];
}

export interface BuildChipOptions {
  readonly params?: ChipParams;
  readonly propagator?: MeshPropagator;
  /** Also compute each tile's quadrature Q (ChipTile.quadrature / stacked). */
  readonly quadrature?: boolean;
}

function chipTile(tile: MeshTile, propagator: MeshPropagator, params: TileParams | undefined, withQuadrature: boolean): ChipTile {
  const tv = composeTransferMatrix(tile.inputMesh, params?.input, propagator);
  const tu = composeTransferMatrix(tile.outputMesh, params?.output, propagator);
  return tileResponse(tile, tv, tu, params, withQuadrature);
}

/** tileResponse's temporaries (reused: JavaScript runs one call at a time per thread). */
let scratch = new Float64Array(0);

/**
 * The detected response of a tile from its two composed meshes (T_V, T_U: N × N, U[out, in]) and the rest of its
 * TileParams (attenuators, amplitude factor, receiver gain; `input`/`output` are not read here).
 */
export function tileResponse(tile: MeshTile, tv: CMat, tu: CMat, params: TileParams | undefined, withQuadrature: boolean): ChipTile {
  const a = params?.attenuation ?? tile.attenuation;
  const psi = params?.attenuationPhaseRad;
  const { rows, cols } = tile;
  const r = a.length;
  if (psi !== undefined && psi.length !== r) throw new InvalidInputError(`TileParams.attenuationPhaseRad has length ${psi.length}, expected ${r}`);
  const nv = tv.cols;
  const nu = tu.cols;
  // S = diag(a·e^{iψ}) · T_V[:r, :cols]  (complex r × cols); scratch (every entry is written below)
  if (scratch.length < 2 * r * cols + 2 * cols) scratch = new Float64Array(2 * r * cols + 2 * cols);
  const sRe = scratch.subarray(0, r * cols);
  const sIm = scratch.subarray(r * cols, 2 * r * cols);
  for (let k = 0; k < r; k++) {
    if (psi === undefined) {
      for (let j = 0; j < cols; j++) {
        sRe[k * cols + j] = a[k] * tv.re[k * nv + j];
        sIm[k * cols + j] = a[k] * tv.im[k * nv + j];
      }
    } else {
      const wr = a[k] * Math.cos(psi[k]);
      const wi = a[k] * Math.sin(psi[k]);
      for (let j = 0; j < cols; j++) {
        const vr = tv.re[k * nv + j];
        const vi = tv.im[k * nv + j];
        sRe[k * cols + j] = wr * vr - wi * vi;
        sIm[k * cols + j] = wr * vi + wi * vr;
      }
    }
  }
  // g·η scales the whole response; absent (ideal) it is not applied at all, so the ideal chip is unchanged
  const factor = (params?.receiverGain ?? 1) * (params?.amplitudeScale ?? 1);
  const scaled = params?.receiverGain !== undefined || params?.amplitudeScale !== undefined;
  const stacked = withQuadrature ? new Float64Array(2 * rows * cols) : undefined;
  const readout = stacked ? stacked.subarray(0, rows * cols) : new Float64Array(rows * cols);
  const quadrature = stacked ? stacked.subarray(rows * cols) : undefined;
  const tRe = scratch.subarray(2 * r * cols, 2 * r * cols + cols);
  const tIm = scratch.subarray(2 * r * cols + cols, 2 * r * cols + 2 * cols);
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
    let c = Math.cos(tile.loPhaseRad[i]) * tile.sigmaMax;
    let s = Math.sin(tile.loPhaseRad[i]) * tile.sigmaMax;
    if (scaled) {
      c *= factor;
      s *= factor;
    }
    // e^{−iφ}·(tRe + i·tIm) = (c·tRe + s·tIm) + i·(c·tIm − s·tRe)
    for (let j = 0; j < cols; j++) readout[i * cols + j] = c * tRe[j] + s * tIm[j];
    if (quadrature) for (let j = 0; j < cols; j++) quadrature[i * cols + j] = c * tIm[j] - s * tRe[j];
  }
  const base = { rowStart: tile.rowStart, colStart: tile.colStart, rows, cols, readout };
  return stacked ? { ...base, quadrature, stacked } : base;
}

function chipLayer(layer: OpticalLayer, propagator: MeshPropagator, params: readonly TileParams[] | undefined, withQuadrature: boolean): ChipLayer {
  return {
    rows: layer.matrix.rows,
    cols: layer.matrix.cols,
    tiles: layer.tiles.map((t, i) => chipTile(t, propagator, params?.[i], withQuadrature)),
  };
}

/** Resolves every tile of the circuit into its detected response (ideal chip unless `params` are given). */
export function buildChip(circuit: CircuitIR, options: BuildChipOptions = {}): PhotonicChip {
  const propagator = options.propagator ?? createMeshPropagator({ backend: 'auto' });
  const withQuadrature = options.quadrature ?? false;
  return { layers: circuit.layers.map((layer, l) => chipLayer(layer, propagator, options.params?.tiles?.[l], withQuadrature)) };
}
