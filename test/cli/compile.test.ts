/**
 * `foundry compile`: circuit.json, phases/ (mesh-phases v1) and report.json, written atomically; eval from the
 * compiled directory; bad input and existing outputs refused with one-line errors.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCliError, runFoundry } from '../helpers/cli.js';
import { MNIST_IMAGES, MNIST_LABELS, MODELS_DIR } from '../helpers/paths.js';
import { parseMeshPhasesText, rebuildUnitary } from '../../src/emit/mesh-phases/index.js';
import { unitarityDeviation } from '../../src/core/linalg/index.js';
import { A, buildModel } from '../helpers/onnx-builder.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-compile-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

function tempLeftovers(parent: string): string[] {
  return readdirSync(parent).filter((f) => f.startsWith('photonic_'));
}

test('compile LeNet-5 full size: reduced meshes, report counts, phases files rebuild unitaries', () => {
  const out = path.join(dir, 'full');
  const run = runFoundry(['compile', LENET, '--out', out, '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['circuit.json', 'layout.gds', 'model.onnx', 'netlist.yml', 'phases', 'report.html', 'report.json', 'verilog']);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  assert.equal(report.conventions.mzi, 'mzi_bs_in');
  const fc1 = report.layers.find((l: any) => l.matrix.rows === 120 && l.matrix.cols === 400);
  // 400 → 120: reduced meshes r(2n−r−1)/2 + r(2m−r−1)/2 with r = 120, n = 400, m = 120
  assert.equal(fc1.mzis, (120 * (800 - 121)) / 2 + (120 * (240 - 121)) / 2);
  assert.equal(fc1.tiles, 1);
  const conv1 = report.layers[0];
  assert.deepEqual([conv1.op_type, conv1.matrix.rows, conv1.matrix.cols, conv1.optical_passes_per_sample], ['Conv', 6, 25, 784]);
  assert.equal(report.totals.reprogrammings_per_batch, 0);
  assert.equal(report.totals.cores, 5);
  // every phase file is a valid mesh-phases v1 document whose unitary is unitary
  const phaseFiles = report.layers.flatMap((l: any) => l.phase_files);
  assert.equal(phaseFiles.length, 10);
  for (const f of phaseFiles) {
    const doc = parseMeshPhasesText(readFileSync(path.join(out, f), 'utf8'));
    assert.equal(doc.format, 'mesh-phases');
    assert.equal(doc.phases_in, null);
    assert.ok(unitarityDeviation(rebuildUnitary(doc)) < 1e-12, f);
  }
  const circuit = JSON.parse(readFileSync(path.join(out, 'circuit.json'), 'utf8'));
  assert.equal(circuit.format, 'photonic-foundry-circuit');
  assert.equal(circuit.conventions.mzi, 'mzi_bs_in');
  assert.ok(circuit.graph.nodes.some((n: any) => n.op_type === 'PhotonicLinear'));
  assert.equal(tempLeftovers(dir).length, 0);
});

test('compile --core-size 16 --mesh reck: tiles, schedule; eval from the directory matches', () => {
  const out = path.join(dir, 'tiled');
  const run = runFoundry(['compile', LENET, '--out', out, '--core-size', '16', '--mesh', 'reck', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  assert.deepEqual(report.options, { mesh: 'reck', core_size: 16 });
  assert.deepEqual(report.layers.map((l: any) => l.tiles), [2, 10, 200, 48, 6]);
  assert.ok(report.layers.every((l: any) => l.mzis === l.tiles * 2 * 120)); // two 16-mode meshes of 16·15/2 MZIs per tile
  assert.ok(report.layers.every((l: any) => l.mesh_depth === 2 * (2 * 16 - 3))); // Reck depth 2N−3 per mesh
  assert.equal(report.totals.reprogrammings_per_batch, 266);
  // the deliverables: Yosys synthesised the controller, the layout's bbox is the report's area
  assert.ok(Number.isInteger(report.artifacts.verilog.yosys.cells) && report.artifacts.verilog.yosys.cells > 1000, JSON.stringify(report.artifacts.verilog.yosys));
  assert.ok(report.area_layout_bbox_mm2 > 0);
  assert.equal(report.area_layout_bbox_mm2, report.artifacts.layout.area_layout_bbox_mm2);
  const bb = report.artifacts.layout.bbox_um;
  assert.ok(Math.abs((bb.x1 - bb.x0) * (bb.y1 - bb.y0) * 1e-6 - report.area_layout_bbox_mm2) < 1e-9);
  for (const f of ['layout.gds', 'netlist.yml', 'report.html', 'verilog/photonic_controller.v', 'verilog/tb_controller.v', 'verilog/codes.hex']) {
    assert.ok(existsSync(path.join(out, f)), f);
  }
  const ev = runFoundry(['eval', out, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, '--scale', '1/255', '--limit', '300', '--json']);
  assert.equal(ev.code, 0, ev.stderr);
  const r = JSON.parse(ev.stdout);
  assert.equal(r.n, 300);
  assert.equal(r.agreement, 1);
  assert.ok(r.logit_diff.max_abs < 1e-9);
  // a different core size than the directory was compiled with is refused
  assertCliError(runFoundry(['eval', out, '--data', MNIST_IMAGES, '--scale', '1/255', '--core-size', '8']), 2, /compiled with core size 16/);
});

test('an existing output directory is refused without --force, replaced with it', () => {
  const out = path.join(dir, 'exists');
  mkdirSync(out);
  writeFileSync(path.join(out, 'keep.txt'), 'mine');
  assertCliError(runFoundry(['compile', LENET, '--out', out, '--core-size', '64']), 2, /already exists.*--force/);
  assert.equal(readFileSync(path.join(out, 'keep.txt'), 'utf8'), 'mine');
  const run = runFoundry(['compile', LENET, '--out', out, '--core-size', '64', '--force']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(existsSync(path.join(out, 'keep.txt')), false);
  assert.ok(existsSync(path.join(out, 'circuit.json')));
  assert.equal(tempLeftovers(dir).length, 0);
});

test('failures leave no output and no temporary directory', () => {
  const bad = path.join(dir, 'unsupported.onnx');
  writeFileSync(bad, buildModel({
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 4] }],
    outputs: [{ name: 'y' }],
    nodes: [{ op: 'LpNormalization', inputs: ['x'], outputs: ['y'], name: 'lpn', attrs: { p: A.i(2) } }],
  }));
  const out = path.join(dir, 'never');
  assertCliError(runFoundry(['compile', bad, '--out', out]), 3, /unsupported node: lpn \(LpNormalization\)/);
  assert.equal(existsSync(out), false);
  assertCliError(runFoundry(['compile', path.join(dir, 'missing.onnx'), '--out', out]), 2, /missing\.onnx/);
  assert.equal(existsSync(out), false);
  assert.equal(tempLeftovers(dir).length, 0);
});

test('bad mapping options and a tampered compiled directory: exit 2', () => {
  const out = path.join(dir, 'opts');
  assertCliError(runFoundry(['compile', LENET, '--out', out, '--core-size', '0']), 2, /--core-size/);
  assertCliError(runFoundry(['compile', LENET, '--out', out, '--core-size', 'big']), 2, /--core-size/);
  assertCliError(runFoundry(['compile', LENET, '--out', out, '--mesh', 'butterfly']), 2, /--mesh/);
  assertCliError(runFoundry(['compile', LENET]), 2, /--out/);
  const good = path.join(dir, 'tamper');
  assert.equal(runFoundry(['compile', LENET, '--out', good, '--core-size', '32']).code, 0);
  const circuitPath = path.join(good, 'circuit.json');
  const circuit = JSON.parse(readFileSync(circuitPath, 'utf8'));
  circuit.layers[0].tiles[0].input_mesh.theta[0] = 'oops';
  writeFileSync(circuitPath, JSON.stringify(circuit));
  assertCliError(runFoundry(['eval', good, '--data', MNIST_IMAGES, '--scale', '1/255', '--limit', '5']), 2, /theta\[0\] must be a finite number/);
  writeFileSync(circuitPath, '{"format": "photonic-foundry-circuit", "vers');
  assertCliError(runFoundry(['eval', good, '--data', MNIST_IMAGES, '--limit', '5']), 2, /not valid JSON/);
  assertCliError(runFoundry(['eval', path.join(dir, 'opts-missing'), '--data', MNIST_IMAGES]), 2, /opts-missing/);
  assertCliError(runFoundry(['eval', LENET, '--data', MNIST_IMAGES, '--limit', '5', '--save-outputs', path.join(dir, 'no/such/dir/out.json')]), 2, /does not exist/);
});

test('full-size LeNet-5 is flagged infeasible with reasons and a --core-size hint; --strict exits 1, outputs kept', () => {
  const out = path.join(dir, 'strict-full');
  const skip = ['--no-verilog', '--no-layout', '--no-netlist', '--no-html'];
  const run = runFoundry(['compile', LENET, '--out', out, ...skip]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /feasibility {2}INFEASIBLE: \d+ of \d+ checks fail/);
  assert.match(run.stdout, /FAIL {2}laser_power/);
  assert.match(run.stdout, /--core-size/);
  const strict = runFoundry(['compile', LENET, '--out', out, '--force', '--strict', '--json', ...skip]);
  assert.equal(strict.code, 1, strict.stderr);
  const printed = JSON.parse(strict.stdout);
  assert.equal(printed.feasibility.feasible, false);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  assert.equal(report.feasibility.feasible, false);
  assert.ok(report.feasibility.checks.some((c: any) => !c.ok && /core-size/.test(c.message)));
  // tiled onto one 4 × 4 core (soi-thermo: 0.99 dB per MZI) the same model passes every check: --strict exits 0
  const tiled = runFoundry(['compile', LENET, '--out', path.join(dir, 'strict-tiled'), '--core-size', '4', '--strict', ...skip]);
  assert.equal(tiled.code, 0, tiled.stdout + tiled.stderr);
  assert.match(tiled.stdout, /feasible: every check passes/);
});
