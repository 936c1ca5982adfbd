/**
 * Placement invariants: heater count and kinds, every MZI and heater on its grid position, cells of a column
 * never overlapping, waveguide segments + elements covering each lit mode end to end, the bounding box and the
 * worst path of a hand-laid-out 3 × 3 tile; chip placement of full-size and tiled circuits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { compileModel } from '../../src/pipeline/compile.js';
import { meshDepth, type MeshTile } from '../../src/ir/circuit.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { meshDummies, placeCircuit, placeTile, type TilePlacement } from '../../src/physics/placement/index.js';
import { gemmReluCircuit, ROUND_PDK } from '../cost/fixtures.js';
import { MODELS_DIR } from '../helpers/paths.js';

/** Positions are sums of a few round lengths: compare within a scaled tolerance. */
function near(a: number, b: number, what: string): void {
  const tol = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} ≠ ${b}`);
}

function checkInvariants(tile: MeshTile, pl: TilePlacement, pdk = ROUND_PDK): void {
  const L = pdk.mzi.lengthUm;
  const p = pl.pitchUm;
  const mzis = tile.inputMesh.mzis.length + tile.outputMesh.mzis.length;
  const screens = tile.inputMesh.N + tile.outputMesh.N;
  const attenuators = tile.attenuation.length;
  assert.equal(pl.heaters.length, 2 * mzis + screens + attenuators);
  const count = (k: string): number => pl.heaters.filter((h) => h.kind === k).length;
  assert.deepEqual([count('theta'), count('phi'), count('screen'), count('attenuator')], [mzis, mzis, screens, attenuators]);
  assert.equal(pl.mzis.length, mzis);

  // loss balance: every (column, mode) of each mesh grid holds exactly one MZI or one loss dummy, and the dummies
  // are where meshDummies (the simulation's count) says
  for (const [side, mesh] of [['input', tile.inputMesh], ['output', tile.outputMesh]] as const) {
    const dummies = pl.cells.filter((c) => c.kind === 'loss-dummy' && c.mesh === side);
    const taken = new Set(dummies.map((c) => `${c.col}:${c.mode}`));
    assert.equal(taken.size, dummies.length, `${side}: one dummy per grid position`);
    for (const z of mesh.mzis) for (const m of [z.top, z.top + 1]) assert.ok(!taken.has(`${z.col}:${m}`), `${side}: dummy on an MZI`);
    assert.equal(dummies.length + 2 * mesh.mzis.length, meshDepth(mesh) * mesh.N, `${side}: grid filled`);
    assert.equal(dummies.length, meshDummies(mesh).total, `${side}: meshDummies agrees`);
  }

  // MZIs on the column grid, centred between their two modes; heaters on the upper arm at L/4 and 3L/4
  for (const z of pl.mzis) {
    const mesh = z.mesh === 'input' ? tile.inputMesh : tile.outputMesh;
    const x0 = z.mesh === 'input' ? pl.columns.inputMeshXUm : pl.columns.outputMeshXUm;
    assert.equal(z.top, mesh.mzis[z.index].top);
    assert.equal(z.col, mesh.mzis[z.index].col);
    near(z.xUm, x0 + z.col * pl.columns.mziColumnPitchUm, 'MZI x');
    near(z.yUm + z.widthUm / 2, (z.top + 0.5) * p, 'MZI centre y');
  }
  const byKey = new Map(pl.mzis.map((z) => [`${z.mesh}:${z.index}`, z]));
  for (const h of pl.heaters) {
    if (h.kind === 'theta' || h.kind === 'phi') {
      const z = byKey.get(`${h.mesh}:${h.index}`)!;
      near(h.yUm, z.top * p, 'heater y');
      near(h.xUm - z.xUm, h.kind === 'phi' ? L / 4 : (3 * L) / 4, 'heater x in cell');
    } else {
      near(h.yUm, h.index * p, `${h.kind} heater y`);
    }
    assert.ok(h.xUm > pl.bbox.xUm && h.xUm < pl.bbox.xUm + pl.bbox.widthUm, 'heater inside the bbox (x)');
    assert.ok(h.yUm > pl.bbox.yUm && h.yUm < pl.bbox.yUm + pl.bbox.heightUm, 'heater inside the bbox (y)');
  }
  // cells of one column never overlap
  const columns = new Map<string, { y0: number; y1: number }[]>();
  for (const z of pl.mzis) {
    const key = `${z.mesh}:${z.col}`;
    columns.set(key, [...(columns.get(key) ?? []), { y0: z.yUm, y1: z.yUm + z.widthUm }]);
  }
  for (const cells of columns.values()) {
    cells.sort((a, b) => a.y0 - b.y0);
    for (let i = 1; i < cells.length; i++) assert.ok(cells[i].y0 >= cells[i - 1].y1 - 1e-9, 'overlapping MZI cells');
  }
  // bbox
  near(pl.bbox.widthUm, pl.columns.detectorXUm + 50, 'bbox width (default 50 µm detectors)');
  near(pl.bbox.heightUm, Math.max(tile.inputMesh.N, tile.outputMesh.N) * p, 'bbox height');
  for (const w of pl.waveguides) assert.ok(w.lengthUm > 0 && Math.abs(w.xEndUm - w.xStartUm - w.lengthUm) < 1e-9);
  // on every signal mode the elements and the waveguides between them cover the tile end to end
  for (let m = 0; m < pl.modes.signal; m++) {
    let covered = pl.waveguides.filter((w) => w.mode === m).reduce((s, w) => s + w.lengthUm, 0);
    covered += pl.ports.filter((q) => q.mode === m).reduce((s, q) => s + q.lengthUm, 0);
    covered += pl.cells.filter((c) => c.mode === m).reduce((s, c) => s + c.lengthUm, 0);
    covered += pl.mzis.filter((z) => z.top === m || z.top + 1 === m).reduce((s, z) => s + z.lengthUm, 0);
    near(covered, pl.bbox.widthUm, `mode ${m} coverage`);
  }
}

test('3 × 3 tile: hand-computed columns, bbox, path length and worst path; invariants', () => {
  const circuit = gemmReluCircuit(3, 3);
  const tile = circuit.layers[0].tiles[0];
  assert.deepEqual([meshDepth(tile.inputMesh), meshDepth(tile.outputMesh), tile.attenuation.length], [3, 3, 3]);
  const pl = placeTile(tile, ROUND_PDK);
  // pitch max(25, 40/2) = 25; gap 10; edge coupler 200; modulator = MZI length 100; screens 50; detectors 50
  assert.equal(pl.pitchUm, 25);
  assert.deepEqual(pl.columns, {
    portXUm: 0, modulatorXUm: 210, inputMeshXUm: 320, inputScreenXUm: 650, attenuatorXUm: 710,
    outputMeshXUm: 820, outputScreenXUm: 1150, detectorXUm: 1210, mziColumnPitchUm: 110,
  });
  assert.deepEqual(pl.bbox, { xUm: 0, yUm: -12.5, widthUm: 1260, heightUm: 75 });
  assert.equal(pl.pathLengthUm, 1010);
  // 3-mode Clements: (0,1) (1,2) (0,1) in both meshes → a path through all 6; gaps on the path 11 × 10 µm
  assert.deepEqual(pl.worstPath, { mzis: 6, dummies: 0, screens: 2, attenuators: 1, modulators: 1, routingLengthUm: 110, crossings: 0 });
  assert.equal(pl.crossings, 0);
  assert.equal(pl.ports.filter((q) => q.side === 'input' && q.device === 'edge-coupler').length, 3);
  assert.equal(pl.ports.filter((q) => q.side === 'output' && q.device === 'photodetector').length, 3);
  checkInvariants(tile, pl);
});

test('reduced and rectangular tiles (m ≠ n), Reck and tiled cores keep the invariants', () => {
  for (const [m, n, k, mesh] of [[2, 5, null, 'clements'], [6, 3, null, 'reck'], [5, 7, 4, 'clements'], [4, 4, 3, 'reck']] as const) {
    const circuit = gemmReluCircuit(m, n, k, mesh);
    for (const tile of circuit.layers[0].tiles) checkInvariants(tile, placeTile(tile, ROUND_PDK));
  }
  // grating couplers and a wider gap move everything consistently
  const tile = gemmReluCircuit(3, 4).layers[0].tiles[0];
  const pl = placeTile(tile, ROUND_PDK, { inputCoupler: 'grating-coupler', columnGapUm: 20 });
  assert.equal(pl.columns.modulatorXUm, 30 + 20);
  assert.ok(pl.ports.every((q) => q.side === 'output' || q.device === 'grating-coupler'));
});

test('pitch is widened to half the MZI width when the PDK pitch is too small', () => {
  const pdk = { ...ROUND_PDK, waveguide: { ...ROUND_PDK.waveguide, pitchUm: 5 } };
  const tile = gemmReluCircuit(4, 4).layers[0].tiles[0];
  const pl = placeTile(tile, pdk);
  assert.equal(pl.pitchUm, 20);
  checkInvariants(tile, pl, pdk);
});

test('circuit placement: cores stacked along y without overlap; tiled mapping places its one core once', () => {
  const full = placeCircuit(gemmReluCircuit(3, 5), ROUND_PDK);
  assert.equal(full.cores.length, 1);
  const tiled = gemmReluCircuit(5, 7, 3);
  const pl = placeCircuit(tiled, ROUND_PDK);
  assert.equal(pl.cores.length, 1);
  assert.equal(pl.cores[0].steps.length, tiled.layers[0].tiles.length);
  // every tile of the core has the same MZI grid as the placed one
  const grid = (t: MeshTile): string => JSON.stringify([...t.inputMesh.mzis, ...t.outputMesh.mzis].map((z) => [z.top, z.col]));
  for (const t of tiled.layers[0].tiles) assert.equal(grid(t), grid(tiled.layers[0].tiles[0]));
});

test('LeNet-5 full size: five cores, one per layer, fc1 ≈ 12 cm long; placement is linear in MZIs', () => {
  const { circuit } = compileModel(path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx'));
  const pdk = builtinPdk('soi-thermo');
  const started = performance.now();
  const pl = placeCircuit(circuit, pdk);
  const ms = performance.now() - started;
  assert.equal(pl.cores.length, 5);
  let y = 0;
  for (const c of pl.cores) {
    assert.ok(c.yUm + c.tile.bbox.yUm >= y - 1e-9, 'cores overlap');
    y = c.yUm + c.tile.bbox.yUm + c.tile.bbox.heightUm;
    const tile = circuit.layers[c.steps[0].layer].tiles[c.steps[0].tile];
    assert.equal(c.tile.heaters.length, 2 * (tile.inputMesh.mzis.length + tile.outputMesh.mzis.length) + tile.inputMesh.N + tile.outputMesh.N + tile.attenuation.length);
  }
  const fc1 = pl.cores[2].tile;
  assert.ok(fc1.bbox.widthUm > 100_000 && fc1.bbox.widthUm < 140_000, `fc1 is ${fc1.bbox.widthUm} µm long`);
  assert.ok(fc1.worstPath.mzis > 400, `fc1 worst path ${fc1.worstPath.mzis} MZIs`);
  near(pl.bbox.widthUm, Math.max(...pl.cores.map((c) => c.tile.bbox.widthUm)), 'chip width');
  assert.ok(ms < 5000, `placement took ${ms} ms`);
});
