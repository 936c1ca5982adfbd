/**
 * The GDS layout of placed circuits, read back with our reader and with KLayout: one structure per device kind,
 * per core and the top; one PF_MZI reference per MZI (and so on for every device); every heater's label at its
 * placement position (the one the crosstalk model uses) within 1 nm; the top cell's box equal to
 * areaLayoutBboxMm2; heater routing planar (no trace touches another trace or a foreign contact); bond pads for
 * small chips, a labelled port row beyond the pad count. LeNet-5 at core size 16 and at full size (61k MZIs).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CELL_NAMES, emitLayoutGds, flattenTexts, heaterPinName, inspectGdsWithKlayout, readGds, structureBbox, writeLayoutGds,
  type GdsLibrary, type LayoutOptions, type LayoutSummary,
} from '../../src/emit/gdsii/index.js';
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import type { CircuitIR, MeshTopology } from '../../src/ir/circuit.js';
import { builtinPdk } from '../../src/pdk/index.js';
import type { Pdk } from '../../src/pdk/types.js';
import { placeCircuit, type CircuitPlacement, type PlacementOptions } from '../../src/physics/placement/index.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { gemmReluCircuit, ROUND_PDK } from '../cost/fixtures.js';
import { A, buildModel } from '../helpers/onnx-builder.js';
import { MODELS_DIR } from '../helpers/paths.js';
import { Rng } from '../helpers/random.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
const SOI = builtinPdk('soi-thermo');
const HEATER_TEXTS = ['phi', 'theta', 'screen', 'attenuator'] as const;
const HEATER_LABEL: Record<string, string> = { phi: 'phi', theta: 'theta', screen: 'screen', attenuator: 'attenuator' };

let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-layout-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** x[N, n0] → Gemm (n1 × n0) → Relu → Gemm (n2 × n1): two optical layers (two cores at full size). */
function twoLayerCircuit(n0: number, n1: number, n2: number, mesh: MeshTopology, coreSize: number | null = null): CircuitIR {
  const rng = new Rng(5);
  const rand = (n: number): number[] => Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', n0] }],
      outputs: [{ name: 'y' }],
      initializers: [
        { name: 'W1', dims: [n1, n0], data: rand(n1 * n0) },
        { name: 'W2', dims: [n2, n1], data: rand(n2 * n1) },
      ],
      nodes: [
        { op: 'Gemm', inputs: ['x', 'W1'], outputs: ['h'], attrs: { transB: A.i(1) } },
        { op: 'Relu', inputs: ['h'], outputs: ['r'] },
        { op: 'Gemm', inputs: ['r', 'W2'], outputs: ['y'], attrs: { transB: A.i(1) } },
      ],
    }),
  );
  return mapGraph(graph, { mesh, coreSize });
}

interface Case {
  readonly name: string;
  readonly circuit: CircuitIR;
  readonly pdk: Pdk;
  readonly placementOptions?: PlacementOptions;
  readonly layout?: LayoutOptions;
}

const CASES: (() => Case)[] = [
  () => ({ name: 'gemm 5×7 clements, round PDK', circuit: gemmReluCircuit(5, 7), pdk: ROUND_PDK }),
  () => ({ name: 'two layers 6→4→3 reck, soi-thermo', circuit: twoLayerCircuit(6, 4, 3, 'reck'), pdk: SOI }),
  () => ({ name: 'three layers 4→6→2, grating couplers, port row', circuit: twoLayerCircuit(4, 6, 2, 'clements'), pdk: SOI, placementOptions: { inputCoupler: 'grating-coupler' }, layout: { maxBondPads: 0 } }),
  () => ({ name: 'tiled 7×9 on a 4×4 core', circuit: gemmReluCircuit(7, 9, 4), pdk: ROUND_PDK }),
];

function layoutOf(c: Case): { placement: CircuitPlacement; gds: Uint8Array; summary: LayoutSummary; lib: GdsLibrary } {
  const placement = placeCircuit(c.circuit, c.pdk, c.placementOptions);
  const { gds, summary } = emitLayoutGds(c.circuit, placement, c.pdk, c.layout);
  return { placement, gds, summary, lib: readGds(gds, c.name) };
}

/** SREF counts per referenced structure over the whole library. */
function referenceCounts(lib: GdsLibrary): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of lib.structures) for (const r of s.references) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return counts;
}

/** The device references the placement implies. */
function expectedReferences(placement: CircuitPlacement, pads: number): Map<string, number> {
  const e = new Map<string, number>();
  const add = (k: string, n: number): void => {
    if (n > 0) e.set(k, (e.get(k) ?? 0) + n);
  };
  for (const core of placement.cores) {
    const t = core.tile;
    add(CELL_NAMES.mzi, t.mzis.length);
    add(CELL_NAMES.screen, t.cells.filter((c) => c.kind === 'screen').length);
    add(CELL_NAMES.attenuator, t.cells.filter((c) => c.kind === 'attenuator').length);
    add(CELL_NAMES.lossDummy, t.cells.filter((c) => c.kind === 'loss-dummy').length);
    add(CELL_NAMES.modulator, t.cells.filter((c) => c.kind === 'modulator').length);
    add(t.ports[0].device === 'grating-coupler' ? CELL_NAMES.gratingCoupler : CELL_NAMES.edgeCoupler, t.ports.filter((p) => p.side === 'input').length);
    add(CELL_NAMES.detector, t.ports.filter((p) => p.side === 'output').length);
    add(`PF_CORE${core.core}`, 1);
  }
  add(CELL_NAMES.pad, pads);
  return e;
}

/**
 * Heater labels (dbu, top coordinates) matched one to one with the placement's heaters (µm, core offset added):
 * returns the largest position error in nm.
 */
function heaterPositionErrorNm(texts: readonly { text: string; x: number; y: number }[], placement: CircuitPlacement): number {
  const byKey = new Map<string, number>();
  for (const t of texts) {
    if (!(HEATER_TEXTS as readonly string[]).includes(t.text)) continue;
    const k = `${t.text}:${Math.round(t.x)}:${Math.round(t.y)}`;
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  let expected = 0;
  let worst = 0;
  for (const core of placement.cores) {
    for (const h of core.tile.heaters) {
      expected++;
      const x = (core.xUm + h.xUm) * 1000;
      const y = (core.yUm + h.yUm) * 1000;
      let found = false;
      for (const dx of [0, -1, 1]) {
        for (const dy of [0, -1, 1]) {
          const k = `${HEATER_LABEL[h.kind]}:${Math.round(x) + dx}:${Math.round(y) + dy}`;
          const n = byKey.get(k) ?? 0;
          if (!found && n > 0) {
            byKey.set(k, n - 1);
            found = true;
            worst = Math.max(worst, Math.abs(Math.round(x) + dx - x), Math.abs(Math.round(y) + dy - y));
          }
        }
      }
      assert.ok(found, `no ${h.kind} heater label within 1 nm of (${core.xUm + h.xUm}, ${core.yUm + h.yUm}) µm`);
    }
  }
  const left = [...byKey.values()].reduce((a, b) => a + b, 0);
  assert.equal(left, 0, `${left} heater labels in the GDS that the placement does not have`);
  assert.ok(expected > 0);
  return worst;
}

test('hierarchy: one structure per device kind, core and top; one reference per device; nothing flattened', () => {
  for (const make of CASES) {
    const c = make();
    const { placement, summary, lib } = layoutOf(c);
    const expected = expectedReferences(placement, summary.electrical.pads);
    assert.deepEqual(Object.fromEntries([...referenceCounts(lib)].sort()), Object.fromEntries([...expected].sort()), c.name);
    assert.deepEqual(summary.referencesByCell, Object.fromEntries(referenceCounts(lib)), c.name);
    assert.equal(summary.references, [...expected.values()].reduce((a, b) => a + b, 0));
    assert.equal(lib.structures.length, summary.cells);
    assert.equal(lib.structures.length, expected.size + 1, `${c.name}: device cells + cores + top`);
    assert.equal(lib.structures.at(-1)!.name, 'PF_TOP');
    assert.equal(summary.mzis, placement.cores.reduce((n, k) => n + k.tile.mzis.length, 0));
    // the MZI is drawn once: its waveguides and heaters live only in PF_MZI
    const mzi = lib.structures.find((s) => s.name === CELL_NAMES.mzi)!;
    assert.equal(mzi.paths.length, 2);
    assert.deepEqual(mzi.texts.map((t) => t.text).sort(), ['phi', 'theta']);
    // layers are the PDK's
    const layers = new Set(lib.structures.flatMap((s) => [...s.boundaries, ...s.paths].map((e) => `${e.layer}/${e.datatype}`)));
    const pdkLayers = new Set(Object.values(c.pdk.layers).map(([l, d]) => `${l}/${d}`));
    for (const l of layers) assert.ok(pdkLayers.has(l), `${c.name}: layer ${l} is not a PDK layer`);
  }
});

test('device origins and heater positions equal the placement (heaters within 1 nm)', () => {
  for (const make of CASES) {
    const c = make();
    const { placement, lib } = layoutOf(c);
    const worst = heaterPositionErrorNm(flattenTexts(lib), placement);
    assert.ok(worst <= 1, `${c.name}: heater off by ${worst} nm`);
    // MZI footprints: SREF origin + the cell's footprint box = the placement's lower-left corner
    const cell = lib.structures.find((s) => s.name === CELL_NAMES.mzi)!;
    const footprint = cell.boundaries.find((b) => b.layer === c.pdk.layers.text[0])!;
    for (const core of placement.cores) {
      const refs = lib.structures.find((s) => s.name === `PF_CORE${core.core}`)!.references.filter((r) => r.name === CELL_NAMES.mzi);
      assert.equal(refs.length, core.tile.mzis.length);
      core.tile.mzis.forEach((z, i) => {
        assert.ok(Math.abs(refs[i].x + footprint.xy[0] - z.xUm * 1000) <= 1, `MZI ${i} x`);
        assert.ok(Math.abs(refs[i].y + footprint.xy[1] - z.yUm * 1000) <= 1, `MZI ${i} y`);
      });
      const top = lib.structures.at(-1)!.references.find((r) => r.name === `PF_CORE${core.core}`)!;
      assert.deepEqual([top.x, top.y], [Math.round(core.xUm * 1000), Math.round(core.yUm * 1000)]);
    }
  }
});

test('top-cell box = summary box = areaLayoutBboxMm2, and it holds the placement', () => {
  for (const make of CASES) {
    const c = make();
    const { placement, summary, lib } = layoutOf(c);
    const b = structureBbox(lib, 'PF_TOP')!;
    assert.deepEqual(summary.bboxUm, { x0: b.x0 / 1000, y0: b.y0 / 1000, x1: b.x1 / 1000, y1: b.y1 / 1000 });
    assert.equal(summary.areaLayoutBboxMm2, ((b.x1 - b.x0) * (b.y1 - b.y0)) / 1e12);
    const p = placement.bbox;
    assert.ok(b.x0 <= p.xUm * 1000 && b.y0 <= p.yUm * 1000 && b.x1 >= (p.xUm + p.widthUm) * 1000 && b.y1 >= (p.yUm + p.heightUm) * 1000, c.name);
  }
});

/** Axis-aligned rectangle in top coordinates (dbu) with the metal piece it belongs to. */
interface MetalRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  owner: string;
}

/** Every metal shape of the layout, flattened: trace segments (owner 'trace:<i>') and boxes (owner 'box:<j>'). */
function metalRects(lib: GdsLibrary, layer: readonly [number, number]): MetalRect[] {
  const byName = new Map(lib.structures.map((s) => [s.name, s]));
  const out: MetalRect[] = [];
  let boxes = 0;
  let traces = 0;
  const visit = (name: string, dx: number, dy: number): void => {
    const s = byName.get(name)!;
    for (const b of s.boundaries) {
      if (b.layer !== layer[0] || b.datatype !== layer[1]) continue;
      const xs = Array.from(b.xy.filter((_, i) => i % 2 === 0));
      const ys = Array.from(b.xy.filter((_, i) => i % 2 === 1));
      out.push({ x0: Math.min(...xs) + dx, y0: Math.min(...ys) + dy, x1: Math.max(...xs) + dx, y1: Math.max(...ys) + dy, owner: `box:${boxes++}` });
    }
    for (const p of s.paths) {
      if (p.layer !== layer[0] || p.datatype !== layer[1]) continue;
      const owner = `trace:${traces++}`;
      const hw = p.width / 2;
      const n = p.xy.length / 2;
      for (let i = 0; i + 1 < n; i++) {
        const [ax, ay, bx, by] = [p.xy[2 * i] + dx, p.xy[2 * i + 1] + dy, p.xy[2 * i + 2] + dx, p.xy[2 * i + 3] + dy];
        assert.ok(ax === bx || ay === by, 'heater traces are Manhattan');
        const e0 = i === 0 ? 0 : hw;
        const e1 = i + 2 === n ? 0 : hw;
        if (ay === by) out.push({ x0: Math.min(ax, bx) - (ax < bx ? e0 : e1), x1: Math.max(ax, bx) + (ax < bx ? e1 : e0), y0: ay - hw, y1: ay + hw, owner });
        else out.push({ y0: Math.min(ay, by) - (ay < by ? e0 : e1), y1: Math.max(ay, by) + (ay < by ? e1 : e0), x0: ax - hw, x1: ax + hw, owner });
      }
    }
    for (const r of s.references) visit(r.name, dx + r.x, dy + r.y);
  };
  visit('PF_TOP', 0, 0);
  return out;
}

/**
 * Planarity of the heater routing: no trace touches another trace; each trace touches exactly two boxes (its
 * heater's signal contact and its pin or pad); no box is touched by two traces.
 */
function assertPlanarRouting(lib: GdsLibrary, pdk: Pdk, heaters: number, label: string): void {
  const rects = metalRects(lib, pdk.layers.metal).sort((a, b) => a.x0 - b.x0);
  const touches = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (!touches.has(a)) touches.set(a, new Set());
    touches.get(a)!.add(b);
  };
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i];
    for (let j = i + 1; j < rects.length && rects[j].x0 <= a.x1; j++) {
      const b = rects[j];
      if (a.owner === b.owner || b.y0 > a.y1 || b.y1 < a.y0) continue;
      assert.ok(!(a.owner.startsWith('trace') && b.owner.startsWith('trace')), `${label}: ${a.owner} touches ${b.owner}`);
      link(a.owner, b.owner);
      link(b.owner, a.owner);
    }
  }
  const traceOwners = new Set(rects.filter((r) => r.owner.startsWith('trace')).map((r) => r.owner));
  assert.equal(traceOwners.size, heaters, `${label}: one trace per heater`);
  for (const t of traceOwners) assert.equal(touches.get(t)?.size ?? 0, 2, `${label}: ${t} touches ${[...(touches.get(t) ?? [])].join(', ')}`);
  for (const [owner, set] of touches) if (owner.startsWith('box')) assert.equal(set.size, 1, `${label}: ${owner} is touched by ${[...set].join(', ')}`);
}

test('heater routing is planar: bond pads at the chip edge for small chips, a labelled port row beyond the pad count', () => {
  for (const make of CASES) {
    const c = make();
    const { placement, summary, lib } = layoutOf(c);
    assertPlanarRouting(lib, c.pdk, summary.heaters, c.name);
    const names = new Set(placement.cores.flatMap((core) => core.tile.heaters.map((h) => heaterPinName(core.core, h))));
    assert.equal(names.size, summary.heaters, 'pin names are unique');
    const labels = flattenTexts(lib).filter((t) => names.has(t.text));
    assert.equal(labels.length, summary.heaters, `${c.name}: one labelled pin or pad per heater`);
    if (summary.electrical.interface === 'bond-pads') {
      assert.equal(summary.electrical.pads, summary.heaters);
      // pads sit beyond the chip's placement box (top edge; the lower of two cores routes to the bottom edge)
      const chipTop = (placement.bbox.yUm + placement.bbox.heightUm) * 1000;
      const chipBottom = placement.bbox.yUm * 1000;
      for (const t of labels) assert.ok(t.y > chipTop || t.y < chipBottom, `${c.name}: pad ${t.text} inside the chip`);
    } else {
      assert.equal(summary.electrical.pins, summary.heaters);
      assert.equal(summary.electrical.pads, 0);
    }
  }
  // the same small chip in both interfaces
  const circuit = gemmReluCircuit(4, 4);
  const placement = placeCircuit(circuit, ROUND_PDK);
  assert.equal(emitLayoutGds(circuit, placement, ROUND_PDK).summary.electrical.interface, 'bond-pads');
  const rows = emitLayoutGds(circuit, placement, ROUND_PDK, { maxBondPads: 0 });
  assert.equal(rows.summary.electrical.interface, 'port-row');
  assertPlanarRouting(readGds(rows.gds), ROUND_PDK, rows.summary.heaters, 'gemm 4×4 port row');
});

test('the same bytes for the same circuit (fixed timestamps); a placement from another PDK is refused', () => {
  const circuit = gemmReluCircuit(3, 5);
  const placement = placeCircuit(circuit, ROUND_PDK);
  const a = emitLayoutGds(circuit, placement, ROUND_PDK).gds;
  const b = emitLayoutGds(circuit, placement, ROUND_PDK).gds;
  assert.deepEqual(a, b);
  assert.throws(() => emitLayoutGds(circuit, placement, SOI), /another PDK/);
});

test('LeNet-5 core 16 through KLayout: counts, heater positions within 1 nm, bbox = areaLayoutBboxMm2; truncated → KLayout fails', () => {
  const { circuit } = compileModel(LENET, { coreSize: 16 });
  const placement = placeCircuit(circuit, SOI);
  const file = path.join(dir, 'lenet16.gds');
  const summary = writeLayoutGds(file, circuit, placement, SOI);
  const ours = readGds(readFileSync(file));
  const k = inspectGdsWithKlayout(file, { texts: HEATER_TEXTS });
  assert.equal(k.dbu, 0.001);
  assert.equal(k.cells, summary.cells);
  assert.deepEqual(k.topCells, ['PF_TOP']);
  assert.equal(k.references.PF_CORE0.PF_MZI, 240);
  for (const s of ours.structures) {
    const mine: Record<string, number> = {};
    for (const r of s.references) mine[r.name] = (mine[r.name] ?? 0) + 1;
    assert.deepEqual(k.references[s.name] ?? {}, mine, s.name);
  }
  const b = summary.bboxUm;
  assert.deepEqual(k.bboxDbu, [b.x0, b.y0, b.x1, b.y1].map((v) => Math.round(v * 1000)));
  const [x0, y0, x1, y1] = k.bboxDbu!;
  assert.ok(Math.abs(((x1 - x0) * (y1 - y0)) / 1e12 - summary.areaLayoutBboxMm2) <= 1e-12 * summary.areaLayoutBboxMm2);
  assert.ok(heaterPositionErrorNm(k.texts, placement) <= 1);
  assert.equal(summary.electrical.interface, 'port-row'); // 528 heaters > 256 pads
  assertPlanarRouting(ours, SOI, summary.heaters, 'LeNet core 16');

  const cut = path.join(dir, 'lenet16-cut.gds');
  const bytes = readFileSync(file);
  writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
  assert.throws(() => inspectGdsWithKlayout(cut), /klayout could not read/);
  assert.throws(() => readGds(bytes.subarray(0, bytes.length - 1000)), /truncated/);
});

test('LeNet-5 at full size (61k MZIs): streamed GDS with every MZI referenced once, read by KLayout', () => {
  const { circuit } = compileModel(LENET, {});
  const placement = placeCircuit(circuit, SOI);
  const file = path.join(dir, 'lenet-full.gds');
  const started = performance.now();
  const summary = writeLayoutGds(file, circuit, placement, SOI);
  const seconds = (performance.now() - started) / 1000;
  const mzis = placement.cores.reduce((n, c) => n + c.tile.mzis.length, 0);
  assert.ok(mzis > 60_000);
  assert.equal(summary.mzis, mzis);
  assert.equal(summary.referencesByCell.PF_MZI, mzis);
  const k = inspectGdsWithKlayout(file);
  const klayoutMzis = Object.values(k.references).reduce((n, r) => n + (r.PF_MZI ?? 0), 0);
  assert.equal(klayoutMzis, mzis);
  assert.equal(k.cells, summary.cells);
  const b = summary.bboxUm;
  assert.deepEqual(k.bboxDbu, [b.x0, b.y0, b.x1, b.y1].map((v) => Math.round(v * 1000)));
  console.log(`  LeNet-5 full size: ${mzis} MZIs, ${(summary.bytes / 1e6).toFixed(1)} MB GDS in ${seconds.toFixed(1)} s; layout bbox ${summary.areaLayoutBboxMm2.toFixed(0)} mm²`);
});
