/**
 * GDSII layout of a compiled circuit, drawn exactly at its placement (physics/placement): the positions of every
 * MZI, heater, screen, attenuator, loss dummy, modulator, port and waveguide are the placement's, in µm, on a 1 nm grid.
 *
 * Hierarchy (never flattened):
 *   PF_TOP            one SREF per physical core at (core.xUm, core.yUm) — the chip as placeCircuit lays it out
 *   └ PF_CORE<k>      one per core: one SREF per device (PF_MZI per MZI, PF_PS per screen mode, PF_ATT,
 *                     PF_MOD, PF_EC|PF_GC, PF_PD), the waveguides between them as PATHs (the placement's
 *                     segments), heater routing (heater-routing.ts), TEXT labels: mesh names, 'in<m>'/'out<m>'
 *                     at the ports, pin/pad names
 *     └ device cells  defined once each (device-cells.ts)
 * Core coordinates are the placement's tile coordinates (mode m at y = m·pitch, couplers from x = 0).
 *
 * Layers: the PDK's `layers` (waveguide, heater, metal, pad, text); footprints on `footprintLayer` (default the
 * PDK text layer). A tiled circuit has one core that runs many tiles: it is drawn once (the placement's core).
 *
 * Memory: records stream to the sink through a fixed buffer; only the placement (already in memory) and the
 * per-cell bounding boxes are held, so the full-size LeNet-5 (61k MZIs) or a 784 × 512 layer write in bounded
 * memory. The summary's bounding box is the top cell's, as KLayout computes it (texts count as points).
 */
import { InvalidInputError } from '../../core/errors.js';
import { streamToFile } from '../../core/files.js';
import type { CircuitIR } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import type { CellPlacement, CircuitPlacement, CorePlacement } from '../../physics/placement/index.js';
import type { Bbox } from './bbox.js';
import { DBU_PER_UM, LayoutBook } from './cell-emitter.js';
import { CELL_NAMES, defineDeviceCells, deviceGeometry, inputCouplerCell, type DeviceGeometry } from './device-cells.js';
import { routeHeaters, type ElectricalInterface } from './heater-routing.js';
import { resolveLayoutOptions, type LayoutOptions } from './options.js';
import { FileGdsSink, GdsWriter, MemoryGdsSink, type GdsSink } from './writer.js';

/** Device cell of each placement cell kind. */
const CELL_OF_KIND: Readonly<Record<CellPlacement['kind'], string>> = {
  modulator: CELL_NAMES.modulator,
  screen: CELL_NAMES.screen,
  attenuator: CELL_NAMES.attenuator,
  'loss-dummy': CELL_NAMES.lossDummy,
};

export interface LayoutSummary {
  readonly topCell: string;
  /** Structures in the file. */
  readonly cells: number;
  /** SREF records in the file. */
  readonly references: number;
  /** How many SREFs point at each structure (PF_MZI: one per MZI of every core). */
  readonly referencesByCell: Readonly<Record<string, number>>;
  /** Bounding box of the top cell, µm. */
  readonly bboxUm: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  /** Area of that box, mm² (report.json: area_layout_bbox_mm2). */
  readonly areaLayoutBboxMm2: number;
  readonly bytes: number;
  readonly cores: number;
  readonly mzis: number;
  readonly heaters: number;
  readonly electrical: {
    readonly interface: ElectricalInterface;
    readonly pins: number;
    readonly pads: number;
    /** Narrowest heater trace, µm (null without heaters). */
    readonly minTraceWidthUm: number | null;
  };
  /** Drawn heater lengths, µm (PDK length, or what fits in the device). */
  readonly heaterDrawnLengthUm: { readonly mzi: number; readonly screen: number; readonly attenuator: number };
}

export interface GdsLayout {
  readonly gds: Uint8Array;
  readonly summary: LayoutSummary;
}

/** Name of the structure of physical core `core`. */
export function coreCellName(core: number): string {
  return `PF_CORE${core}`;
}

/** Printable-ASCII TEXT (GDS strings are ASCII): other characters become '?', at most 120 characters. */
function asciiLabel(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

function checkPlacement(circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk): void {
  for (const core of placement.cores) {
    const first = core.steps[0];
    if (!first || !circuit.layers[first.layer]?.tiles[first.tile]) {
      throw new InvalidInputError(`placement core ${core.core} runs layer ${first?.layer} tile ${first?.tile}, which the circuit does not have`, { stage: 'emit' });
    }
    const z = core.tile.mzis[0];
    if (z && (z.lengthUm !== pdk.mzi.lengthUm || z.widthUm !== pdk.mzi.widthUm)) {
      throw new InvalidInputError(`the placement was computed for another PDK (MZI ${z.lengthUm} × ${z.widthUm} µm, PDK '${pdk.name}' ${pdk.mzi.lengthUm} × ${pdk.mzi.widthUm} µm)`, { stage: 'emit' });
    }
  }
}

function drawCore(book: LayoutBook, core: CorePlacement, circuit: CircuitIR, g: DeviceGeometry, electrical: ElectricalInterface, direction: 1 | -1) {
  const tile = core.tile;
  const e = book.begin(coreCellName(core.core));
  const layers = g.layers;
  const couplerCell = inputCouplerCell(g);

  for (const port of tile.ports) {
    const x0 = port.xUm - port.lengthUm / 2;
    if (port.side === 'input') {
      e.sref(couplerCell, x0, port.yUm);
      e.text(layers.text, port.xUm, port.yUm, `in${port.mode}`);
    } else {
      e.sref(CELL_NAMES.detector, x0, port.yUm);
      e.text(layers.text, port.xUm, port.yUm, `out${port.mode}`);
    }
  }
  for (const c of tile.cells) {
    const name = CELL_OF_KIND[c.kind];
    e.sref(name, c.xUm, c.yUm + c.widthUm / 2);
  }
  for (const z of tile.mzis) {
    // origin on the MZI's upper mode: the footprint is centred between its two modes
    e.sref(CELL_NAMES.mzi, z.xUm, z.yUm + z.widthUm / 2 - tile.pitchUm / 2);
  }
  for (const w of tile.waveguides) e.path(layers.waveguide, g.options.waveguideWidthUm, [w.xStartUm, w.yUm, w.xEndUm, w.yUm]);

  // labels on the side away from the heater routing: mesh names 10 µm beyond the core's edge, the core's 30 µm
  const beyond = (um: number): number => (direction > 0 ? tile.bbox.yUm - um : tile.bbox.yUm + tile.bbox.heightUm + um);
  const labelY = beyond(10);
  const first = core.steps[0];
  const layer = circuit.layers[first.layer];
  const meshTile = layer.tiles[first.tile];
  const layers0 = new Set(core.steps.map((s) => s.layer));
  e.text(layers.text, 0, beyond(30), asciiLabel(`core ${core.core}: ${core.steps.length} tile step(s) of ${layers0.size} layer(s); drawn from layer ${first.layer} (${layer.name}) tile ${first.tile}`));
  const meshLabel = (side: 'V' | 'U', mesh: typeof meshTile.inputMesh): string =>
    asciiLabel(`c${core.core} ${side} mesh: ${mesh.topology}, ${mesh.N} modes, ${mesh.mzis.length} MZIs`);
  e.text(layers.text, tile.columns.inputMeshXUm, labelY, meshLabel('V', meshTile.inputMesh));
  e.text(layers.text, tile.columns.outputMeshXUm, labelY, meshLabel('U', meshTile.outputMesh));

  const routing = routeHeaters(e, tile, g, { core: core.core, direction, interface: electrical });
  const box = e.end();
  return { box, routing };
}

function writeLayout(sink: GdsSink, circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: LayoutOptions): LayoutSummary {
  checkPlacement(circuit, placement, pdk);
  const o = resolveLayoutOptions(pdk, options);
  const cores = placement.cores;
  const pitchUm = cores[0]?.tile.pitchUm ?? pdk.waveguide.pitchUm;
  const g = deviceGeometry(pdk, pitchUm, placement.options, o);

  const heaters = cores.reduce((n, c) => n + c.tile.heaters.length, 0);
  const mzis = cores.reduce((n, c) => n + c.tile.mzis.length, 0);
  const electrical: ElectricalInterface = heaters > 0 && heaters <= o.maxBondPads && cores.length <= 2 ? 'bond-pads' : 'port-row';
  const some = (f: (c: CorePlacement) => boolean): boolean => cores.some(f);

  const writer = new GdsWriter(sink);
  writer.beginLibrary({ libName: o.libName, timestamp: o.timestamp });
  const book = new LayoutBook(writer);
  defineDeviceCells(book, g, {
    mzi: mzis > 0,
    screen: some((c) => c.tile.cells.some((x) => x.kind === 'screen')),
    attenuator: some((c) => c.tile.cells.some((x) => x.kind === 'attenuator')),
    lossDummy: some((c) => c.tile.cells.some((x) => x.kind === 'loss-dummy')),
    modulator: some((c) => c.tile.cells.some((x) => x.kind === 'modulator')),
    inputCoupler: some((c) => c.tile.ports.some((p) => p.side === 'input')),
    detector: some((c) => c.tile.ports.some((p) => p.side === 'output')),
    pad: electrical === 'bond-pads',
  });

  let pins = 0;
  let pads = 0;
  let minTraceWidthUm = Infinity;
  cores.forEach((core, i) => {
    // bond pads: with two cores the lower one routes to the bottom edge
    const direction = electrical === 'bond-pads' && cores.length === 2 && i === 0 ? -1 : 1;
    const { routing } = drawCore(book, core, circuit, g, electrical, direction);
    pins += routing.pins;
    pads += routing.pads;
    minTraceWidthUm = Math.min(minTraceWidthUm, routing.minTraceWidthUm);
  });
  const top = book.begin(o.topCellName);
  for (const core of cores) top.sref(coreCellName(core.core), core.xUm, core.yUm);
  const box: Bbox = top.end() ?? { x0: 0, y0: 0, x1: 0, y1: 0 };
  writer.endLibrary();

  const um = (dbu: number): number => dbu / DBU_PER_UM;
  return {
    topCell: o.topCellName,
    cells: book.cells,
    references: book.references,
    referencesByCell: Object.fromEntries(book.referenceCounts),
    bboxUm: { x0: um(box.x0), y0: um(box.y0), x1: um(box.x1), y1: um(box.y1) },
    // nm² → mm²: 1 mm = 1e6 nm
    areaLayoutBboxMm2: ((box.x1 - box.x0) * (box.y1 - box.y0)) / 1e12,
    bytes: writer.bytesWritten,
    cores: cores.length,
    mzis,
    heaters,
    electrical: { interface: electrical, pins, pads, minTraceWidthUm: Number.isFinite(minTraceWidthUm) ? minTraceWidthUm : null },
    heaterDrawnLengthUm: { mzi: g.heaters.mzi.lengthUm, screen: g.heaters.screen.lengthUm, attenuator: g.heaters.attenuator.lengthUm },
  };
}

/** The GDSII layout of `circuit` at `placement` (made with `pdk`), in memory. */
export function emitLayoutGds(circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: LayoutOptions = {}): GdsLayout {
  const sink = new MemoryGdsSink();
  const summary = writeLayout(sink, circuit, placement, pdk, options);
  return { gds: sink.bytes(), summary };
}

/** Streams the layout to `path` (any size in bounded memory); a failed write leaves no file behind. */
export function writeLayoutGds(path: string, circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: LayoutOptions = {}): LayoutSummary {
  return streamToFile(path, (p) => new FileGdsSink(p), (sink) => writeLayout(sink, circuit, placement, pdk, options), 'emit');
}
