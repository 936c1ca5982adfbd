/**
 * The gdsfactory-schema YAML netlist, read back with our subset parser (and PyYAML when python3 has it):
 * instance counts per component equal the placement's devices; every port of every MZI (and of every other
 * device) appears exactly once in connections or ports; connections join existing instances and follow the
 * light mode by mode; settings carry the programmed phases exactly; placements are the GDS SREF origins; the
 * header documents the assumed components. Small circuits (full-size, reduced, tiled, Reck, grating couplers)
 * and LeNet-5 at core size 16.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emitLayoutGds, readGds, CELL_NAMES } from '../../src/emit/gdsii/index.js';
import { emitNetlistYaml, NETLIST_COMPONENTS, parseNetlistYaml, writeNetlistYaml, yamlNumber, type YamlMapping } from '../../src/emit/netlist/index.js';
import type { CircuitIR } from '../../src/ir/circuit.js';
import { builtinPdk } from '../../src/pdk/index.js';
import type { Pdk } from '../../src/pdk/types.js';
import { placeCircuit, type CircuitPlacement, type PlacementOptions } from '../../src/physics/placement/index.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { gemmReluCircuit, ROUND_PDK } from '../cost/fixtures.js';
import { MODELS_DIR } from '../helpers/paths.js';

const SOI = builtinPdk('soi-thermo');
const PORTS: Record<string, readonly string[]> = {
  mzi: ['o1', 'o2', 'o3', 'o4'],
  phase_shifter: ['o1', 'o2'],
  attenuator: ['o1', 'o2'],
  loss_dummy: ['o1', 'o2'],
  modulator: ['o1', 'o2'],
  edge_coupler: ['o1', 'o2'],
  grating_coupler_te: ['o1', 'o2'],
  straight: ['o1', 'o2'],
  photodetector: ['o1', 'e1'],
};

interface Case {
  readonly name: string;
  readonly circuit: CircuitIR;
  readonly pdk: Pdk;
  readonly placementOptions?: PlacementOptions;
}

const CASES: (() => Case)[] = [
  () => ({ name: 'gemm 5×7 clements (reduced: 5 signal modes of 7)', circuit: gemmReluCircuit(5, 7), pdk: ROUND_PDK }),
  () => ({ name: 'gemm 6×3 reck (more outputs than inputs)', circuit: gemmReluCircuit(6, 3, null, 'reck'), pdk: SOI }),
  () => ({ name: 'tiled 7×9 on a 4×4 core, grating couplers', circuit: gemmReluCircuit(7, 9, 4), pdk: SOI, placementOptions: { inputCoupler: 'grating-coupler' } }),
];

const asMap = (v: unknown): YamlMapping => v as YamlMapping;

/** Checks a parsed netlist against its placement; returns the parsed document. */
function checkNetlist(doc: YamlMapping, circuit: CircuitIR, placement: CircuitPlacement, label: string): void {
  const instances = asMap(doc.instances);
  const connections = asMap(doc.connections);
  const ports = asMap(doc.ports);

  // instance counts per component = devices of the placement
  const count = (component: string): number => Object.values(instances).filter((i) => asMap(i).component === component).length;
  const sum = (f: (t: CircuitPlacement['cores'][number]['tile']) => number): number => placement.cores.reduce((n, c) => n + f(c.tile), 0);
  assert.equal(count('mzi'), sum((t) => t.mzis.length), `${label}: mzi`);
  assert.equal(count('straight'), sum((t) => t.waveguides.length), `${label}: straight`);
  assert.equal(count('phase_shifter'), sum((t) => t.cells.filter((c) => c.kind === 'screen').length), `${label}: phase_shifter`);
  assert.equal(count('attenuator'), sum((t) => t.cells.filter((c) => c.kind === 'attenuator').length), `${label}: attenuator`);
  assert.equal(count('modulator'), sum((t) => t.cells.filter((c) => c.kind === 'modulator').length), `${label}: modulator`);
  assert.equal(count('photodetector'), sum((t) => t.ports.filter((p) => p.side === 'output').length), `${label}: photodetector`);
  assert.equal(count('edge_coupler') + count('grating_coupler_te'), sum((t) => t.ports.filter((p) => p.side === 'input').length), `${label}: couplers`);
  const known = new Set(NETLIST_COMPONENTS.map((c) => c.name));
  for (const [name, inst] of Object.entries(instances)) assert.ok(known.has(asMap(inst).component as string), `${label}: ${name} has an undocumented component`);
  assert.deepEqual(Object.keys(asMap(doc.placements)).sort(), Object.keys(instances).sort(), `${label}: one placement per instance`);

  // every port of every instance exactly once in connections ∪ ports; references name existing ports
  const uses = new Map<string, number>();
  const use = (ref: unknown): void => {
    assert.equal(typeof ref, 'string');
    const [inst, port] = (ref as string).split(',');
    const i = instances[inst];
    assert.ok(i, `${label}: '${ref}' names no instance`);
    assert.ok(PORTS[asMap(i).component as string].includes(port), `${label}: '${ref}' names no port of a ${asMap(i).component}`);
    uses.set(ref as string, (uses.get(ref as string) ?? 0) + 1);
  };
  for (const [from, to] of Object.entries(connections)) {
    use(from);
    use(to);
  }
  for (const ref of Object.values(ports)) use(ref);
  for (const [name, inst] of Object.entries(instances)) {
    for (const port of PORTS[asMap(inst).component as string]) {
      assert.equal(uses.get(`${name},${port}`), 1, `${label}: ${name},${port} used ${uses.get(`${name},${port}`) ?? 0} times`);
    }
  }
  // every link goes with the light: the target's origin lies at or after the source's
  const placements = asMap(doc.placements);
  for (const [from, to] of Object.entries(connections)) {
    const a = asMap(placements[from.split(',')[0]]);
    const b = asMap(placements[(to as string).split(',')[0]]);
    assert.ok((b.x as number) > (a.x as number), `${label}: ${from} → ${to} runs backwards`);
  }
  // ports: one input per input mode, one output per output mode
  const portNames = Object.keys(ports);
  assert.equal(portNames.filter((p) => /_in\d+$/.test(p)).length, count('edge_coupler') + count('grating_coupler_te'));
  assert.equal(portNames.filter((p) => /_out\d+$/.test(p)).length, count('photodetector'));
  // modes beyond the signal modes: Vᵀ modes end at the screen, U modes start unlit
  assert.equal(portNames.filter((p) => /_vend\d+$/.test(p)).length, sum((t) => t.modes.input - t.modes.signal), `${label}: vend ports`);
  assert.equal(portNames.filter((p) => /_udark\d+$/.test(p)).length, sum((t) => t.modes.output - t.modes.signal), `${label}: udark ports`);
}

test('netlist: counts, every port once, links along the light, documented components (small circuits)', () => {
  for (const make of CASES) {
    const c = make();
    const placement = placeCircuit(c.circuit, c.pdk, c.placementOptions);
    const yaml = emitNetlistYaml(c.circuit, placement, c.pdk);
    const doc = parseNetlistYaml(yaml, c.name);
    checkNetlist(doc, c.circuit, placement, c.name);
    if (c.name.startsWith('gemm')) assert.ok(Object.keys(asMap(doc.ports)).some((p) => /_(vend|udark)\d+$/.test(p)), `${c.name}: exercises unlit modes`);
    assert.deepEqual(Object.keys(doc), ['name', 'instances', 'placements', 'connections', 'ports']);
    for (const comp of NETLIST_COMPONENTS) assert.ok(yaml.includes(`#   ${comp.name} `), `header documents ${comp.name}`);
  }
});

test('netlist settings are the programmed phases, attenuations and LO phases, exactly', () => {
  const circuit = gemmReluCircuit(5, 7);
  const placement = placeCircuit(circuit, ROUND_PDK);
  const doc = parseNetlistYaml(emitNetlistYaml(circuit, placement, ROUND_PDK));
  const instances = asMap(doc.instances);
  const tile = circuit.layers[0].tiles[0];
  tile.inputMesh.mzis.forEach((z, i) => assert.deepEqual(asMap(instances[`c0_vmzi${i}`]).settings, { theta: z.theta, phi: z.phi }));
  tile.outputMesh.mzis.forEach((z, i) => assert.deepEqual(asMap(instances[`c0_umzi${i}`]).settings, { theta: z.theta, phi: z.phi }));
  tile.outputMesh.phasesOut.forEach((p, m) => assert.deepEqual(asMap(instances[`c0_ups${m}`]).settings, { phase: p }));
  tile.attenuation.forEach((a, m) => assert.deepEqual(asMap(instances[`c0_att${m}`]).settings, { transmission: a }));
  tile.loPhaseRad.forEach((p, m) => assert.deepEqual(asMap(instances[`c0_pd${m}`]).settings, { lo_phase: p }));
  for (const [i, w] of placement.cores[0].tile.waveguides.entries()) assert.equal(asMap(asMap(instances[`c0_wg${i}`]).settings).length, w.lengthUm);
});

test('netlist placements are the GDS SREF origins (within 1 nm)', () => {
  const circuit = gemmReluCircuit(4, 6);
  const placement = placeCircuit(circuit, SOI);
  const placements = asMap(parseNetlistYaml(emitNetlistYaml(circuit, placement, SOI)).placements);
  const lib = readGds(emitLayoutGds(circuit, placement, SOI).gds);
  const core = lib.structures.find((s) => s.name === 'PF_CORE0')!;
  const [dx, dy] = [placement.cores[0].xUm * 1000, placement.cores[0].yUm * 1000];
  const origins = (cell: string): string[] => core.references.filter((r) => r.name === cell).map((r) => `${r.x + Math.round(dx)},${r.y + Math.round(dy)}`).sort();
  const fromNetlist = (prefix: RegExp): string[] =>
    Object.entries(placements)
      .filter(([n]) => prefix.test(n))
      .map(([, p]) => `${Math.round((asMap(p).x as number) * 1000)},${Math.round((asMap(p).y as number) * 1000)}`)
      .sort();
  assert.deepEqual(fromNetlist(/^c0_[vu]mzi\d+$/), origins(CELL_NAMES.mzi));
  assert.deepEqual(fromNetlist(/^c0_[vu]ps\d+$/), origins(CELL_NAMES.screen));
  assert.deepEqual(fromNetlist(/^c0_pd\d+$/), origins(CELL_NAMES.detector));
  assert.deepEqual(fromNetlist(/^c0_ec\d+$/), origins(CELL_NAMES.edgeCoupler));
});

test('YAML numbers round-trip float64 and read as floats in YAML 1.1; the parser refuses what it does not know', () => {
  for (const x of [0, 1, -3, 0.1, Math.PI, 1e-7, 2.5e-12, 6.283185307179586, 1e21, 123456789012]) {
    const s = yamlNumber(x);
    assert.equal(Number(s), x);
    if (!Number.isInteger(x) || Math.abs(x) >= 1e21) assert.match(s, /^-?\d+\.\d*(e[-+]\d+)?$/, s);
  }
  assert.equal(yamlNumber(1e-7), '1.0e-7');
  assert.throws(() => parseNetlistYaml('a:\n  - 1\n'), /sequences/);
  assert.throws(() => parseNetlistYaml('a: [1, 2]\n'), /outside the netlist subset/);
  assert.throws(() => parseNetlistYaml('a: 1\na: 2\n'), /duplicate/);
  assert.deepEqual(parseNetlistYaml('# c\na:\n  b: "x y"\n  c: 1.5\n  d: {}\ne: f,g\n'), { a: { b: 'x y', c: 1.5, d: {} }, e: 'f,g' });
});

test('PyYAML (an independent reader, when python3 has it) reads the same netlist', (t) => {
  const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    t.skip('python3 with PyYAML not available');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'foundry-netlist-'));
  try {
    const circuit = gemmReluCircuit(5, 7);
    const placement = placeCircuit(circuit, ROUND_PDK);
    const file = path.join(dir, 'n.yml');
    const summary = writeNetlistYaml(file, circuit, placement, ROUND_PDK);
    const text = readFileSync(file, 'utf8');
    assert.equal(text, emitNetlistYaml(circuit, placement, ROUND_PDK));
    assert.equal(summary.size, Buffer.byteLength(text));
    const py = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(JSON.parse(py.stdout), parseNetlistYaml(text));
    const doc = parseNetlistYaml(text);
    assert.deepEqual([summary.instances, summary.connections, summary.ports], [doc.instances, doc.connections, doc.ports].map((m) => Object.keys(asMap(m)).length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('LeNet-5 core 16 netlist: every MZI port connected once', () => {
  const { circuit } = compileModel(path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx'), { coreSize: 16 });
  const placement = placeCircuit(circuit, SOI);
  const doc = parseNetlistYaml(emitNetlistYaml(circuit, placement, SOI));
  checkNetlist(doc, circuit, placement, 'LeNet core 16');
  assert.equal(Object.values(asMap(doc.instances)).filter((i) => asMap(i).component === 'mzi').length, 240);
  assert.match(String(doc.name), /^mnist_lenet5_pytorch_photonic$/);
});
