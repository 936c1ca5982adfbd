/**
 * Placement of one tile (a Vᵀ mesh, an attenuator column and a U mesh) from its meshes and the PDK footprints.
 *
 * Layout along +x (the light), each group separated by `columnGapUm` (g):
 *
 *   input couplers │ modulators │ Vᵀ MZI columns │ Vᵀ screen │ attenuators │ U MZI columns │ U screen │ detectors
 *
 * - mode m runs along y = m·p (p = effectivePitchUm: the PDK pitch, at least half an MZI cell width);
 * - MZI column c of a mesh starts at x = x₀ + c·(L + g), L = pdk.mzi.lengthUm; the cell of an MZI on modes
 *   (top, top+1) is centred on y = (top + ½)·p, widthUm = pdk.mzi.widthUm;
 * - inside an MZI cell the external heater φ sits on the upper (mode `top`) input arm at x + L/4 and the
 *   internal heater θ on the upper internal arm at x + 3L/4 (the cell's input half and internal half);
 * - screens are one phase shifter per mode (length pdk.phaseShifter.lengthUm) after each mesh;
 * - attenuators are MZI variable attenuators (length L, heater at the cell centre) on the signal modes only
 *   (r = tile.attenuation.length); input-mesh modes ≥ r end at the Vᵀ screen, output-mesh modes ≥ r start dark;
 * - one input coupler and modulator per input-mesh mode, one photodetector per output-mesh mode.
 *
 * Waveguide segments are the straight pieces between consecutive elements on a mode. Bends are not modelled:
 * every path from a coupler to a detector has the same length, the tile's optical length. There are no
 * waveguide crossings (nearest-neighbour meshes are planar). O(#MZIs + N).
 */
import type { MeshTile, MziMesh } from '../../ir/circuit.js';
import { meshDepth } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import { effectivePitchUm, resolvePlacementOptions } from './options.js';
import { InvalidInputError } from '../../core/errors.js';
import type {
  CellPlacement, HeaterPlacement, MeshSide, MziPlacement, PlacementOptions, PortPlacement, TilePlacement, WaveguideSegment,
} from './types.js';
import { tileColumns, worstPathOf } from './tile-columns.js';
import { deepestPathMzis } from './worst-path.js';

/** Collects elements mode by mode in increasing x and emits the waveguide between consecutive ones. */
class SegmentTracker {
  private readonly lastEndUm: Float64Array;
  readonly segments: WaveguideSegment[] = [];

  constructor(modes: number, private readonly pitchUm: number) {
    this.lastEndUm = new Float64Array(modes).fill(NaN);
  }

  /** An element occupying [x0, x1] on mode m (must come after every earlier element on m). */
  add(m: number, x0Um: number, x1Um: number): void {
    const last = this.lastEndUm[m];
    if (!Number.isNaN(last) && x0Um > last) {
      this.segments.push({ mode: m, xStartUm: last, xEndUm: x0Um, yUm: m * this.pitchUm, lengthUm: x0Um - last });
    }
    this.lastEndUm[m] = x1Um;
  }

  /** Mode m ends here (the next element on it starts a new waveguide). */
  end(m: number): void {
    this.lastEndUm[m] = NaN;
  }
}

/** Places `tile` with its tile origin at (0, 0) (mode 0 at y = 0, input couplers starting at x = 0). */
export function placeTile(tile: MeshTile, pdk: Pdk, options: PlacementOptions = {}): TilePlacement {
  const o = resolvePlacementOptions(pdk, options);
  const p = effectivePitchUm(pdk);
  const L = pdk.mzi.lengthUm;
  const W = pdk.mzi.widthUm;
  const Lps = pdk.phaseShifter.lengthUm;
  const nIn = tile.inputMesh.N;
  const nOut = tile.outputMesh.N;
  const signal = Math.min(tile.attenuation.length, nIn, nOut);
  const columns = tileColumns(meshDepth(tile.inputMesh), meshDepth(tile.outputMesh), pdk, o);
  const { portXUm, modulatorXUm, inputMeshXUm, inputScreenXUm, attenuatorXUm, outputMeshXUm, outputScreenXUm, detectorXUm } = columns;
  const colPitch = columns.mziColumnPitchUm;

  const modes = Math.max(nIn, nOut);
  const tracker = new SegmentTracker(modes, p);
  const mzis: MziPlacement[] = [];
  const heaters: HeaterPlacement[] = [];
  const cells: CellPlacement[] = [];
  const ports: PortPlacement[] = [];
  const cell = (kind: CellPlacement['kind'], mesh: MeshSide | undefined, m: number, x: number, length: number): void => {
    cells.push({ kind, ...(mesh ? { mesh } : {}), mode: m, xUm: x, yUm: m * p - p / 2, lengthUm: length, widthUm: p });
    tracker.add(m, x, x + length);
  };

  // column by column (the tracker needs each mode's elements in increasing x): the column's MZIs, then a loss
  // dummy on every mode no MZI of the column occupies
  const placeMesh = (mesh: MziMesh, side: MeshSide, x0: number, screenX: number): void => {
    const depth = meshDepth(mesh);
    const occupied = new Uint8Array(mesh.N);
    let k = 0;
    for (let col = 0; col < depth; col++) {
      const x = x0 + col * colPitch;
      occupied.fill(0);
      for (; k < mesh.mzis.length && mesh.mzis[k].col === col; k++) {
        const z = mesh.mzis[k];
        mzis.push({ mesh: side, index: k, top: z.top, col, xUm: x, yUm: (z.top + 0.5) * p - W / 2, lengthUm: L, widthUm: W });
        heaters.push({ kind: 'phi', mesh: side, index: k, xUm: x + L / 4, yUm: z.top * p, lengthUm: Lps });
        heaters.push({ kind: 'theta', mesh: side, index: k, xUm: x + (3 * L) / 4, yUm: z.top * p, lengthUm: Lps });
        tracker.add(z.top, x, x + L);
        tracker.add(z.top + 1, x, x + L);
        occupied[z.top] = 1;
        occupied[z.top + 1] = 1;
      }
      for (let m = 0; m < mesh.N; m++) {
        if (occupied[m]) continue;
        cells.push({ kind: 'loss-dummy', mesh: side, mode: m, col, xUm: x, yUm: m * p - p / 2, lengthUm: L, widthUm: p });
        tracker.add(m, x, x + L);
      }
    }
    if (k !== mesh.mzis.length) throw new InvalidInputError(`placement: the ${side} mesh's MZIs are not sorted by column`);
    for (let m = 0; m < mesh.N; m++) {
      heaters.push({ kind: 'screen', mesh: side, index: m, xUm: screenX + Lps / 2, yUm: m * p, lengthUm: Lps });
      cell('screen', side, m, screenX, Lps);
    }
  };

  // inputs: couplers and modulators on every input-mesh mode
  for (let m = 0; m < nIn; m++) {
    ports.push({ side: 'input', device: o.inputCoupler, mode: m, xUm: portXUm + o.couplerLengthUm / 2, yUm: m * p, lengthUm: o.couplerLengthUm, widthUm: p });
    tracker.add(m, portXUm, portXUm + o.couplerLengthUm);
    cell('modulator', undefined, m, modulatorXUm, o.modulatorLengthUm);
  }
  placeMesh(tile.inputMesh, 'input', inputMeshXUm, inputScreenXUm);
  for (let m = signal; m < nIn; m++) tracker.end(m); // no attenuator: the mode carries no signal on
  for (let m = 0; m < signal; m++) {
    heaters.push({ kind: 'attenuator', mesh: 'input', index: m, xUm: attenuatorXUm + L / 2, yUm: m * p, lengthUm: Lps });
    cell('attenuator', undefined, m, attenuatorXUm, L);
  }
  placeMesh(tile.outputMesh, 'output', outputMeshXUm, outputScreenXUm);
  for (let m = 0; m < nOut; m++) {
    ports.push({ side: 'output', device: 'photodetector', mode: m, xUm: detectorXUm + o.detectorLengthUm / 2, yUm: m * p, lengthUm: o.detectorLengthUm, widthUm: p });
    tracker.add(m, detectorXUm, detectorXUm + o.detectorLengthUm);
  }

  const { widthUm, pathLengthUm, ...columnXs } = columns;
  const pathMzis = deepestPathMzis(tile);
  return {
    pitchUm: p,
    modes: { input: nIn, output: nOut, signal },
    columns: columnXs,
    mzis,
    heaters,
    cells,
    ports,
    waveguides: tracker.segments,
    bbox: { xUm: 0, yUm: -p / 2, widthUm, heightUm: modes * p },
    pathLengthUm,
    worstPath: worstPathOf(columns, pathMzis, Math.max(0, meshDepth(tile.inputMesh) + meshDepth(tile.outputMesh) - pathMzis), signal > 0, pdk, o),
    crossings: 0,
  };
}
