/**
 * report.json of real compiles: LeNet-5 at full size is flagged infeasible (hundreds of dB, a chip over 10 cm
 * long) with reasons that suggest --core-size; with --core-size 16 every number in report.json is finite;
 * `foundry compile --pdk NAME|FILE` threads the PDK into the report and prints the feasibility summary.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileToDirectory } from '../../src/pipeline/compile.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { runFoundry } from '../helpers/cli.js';
import { MODELS_DIR } from '../helpers/paths.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-cost-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

function readReport(out: string): any {
  return JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
}

/** Paths of every value that is not a finite number, string, boolean, array or object (null, NaN → null). */
function nonFinite(value: unknown, at = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at];
  if (typeof value === 'string' || typeof value === 'boolean') return [];
  if (value === null || value === undefined) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${at}[${i}]`));
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nonFinite(v, `${at}.${k}`));
}

const LAYER_FIELDS = ['worst_path_loss_db', 'heater_power_mw', 'area_components_mm2', 'laser_power_mw', 'energy_pj_per_inference', 'energy_breakdown_pj_per_inference'];
const TOP_FIELDS = ['pdk', 'energy', 'latency', 'throughput_inferences_per_s', 'area_components_mm2', 'feasibility', 'heater_power_mw', 'chip'];

test('LeNet-5 full size (CLI, default PDK): infeasible, every failed check says why and suggests --core-size', () => {
  const out = path.join(dir, 'full');
  const run = runFoundry(['compile', LENET, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /pdk\s+soi-thermo/);
  assert.match(run.stdout, /INFEASIBLE/);
  assert.match(run.stdout, /FAIL\s+laser_power/);
  assert.match(run.stdout, /--core-size/);
  const report = readReport(out);
  assert.equal(report.pdk, 'soi-thermo');
  for (const f of TOP_FIELDS) assert.ok(f in report, `report.${f}`);
  for (const l of report.layers) for (const f of LAYER_FIELDS) assert.ok(f in l, `layer ${l.name}: ${f}`);
  assert.equal(report.feasibility.feasible, false);
  const failed = report.feasibility.checks.filter((c: any) => !c.ok);
  assert.deepEqual(failed.map((c: any) => c.name).sort(), ['chip_height', 'chip_width', 'heater_power', 'laser_power', 'optical_loss_budget']);
  for (const c of failed) {
    assert.match(c.message, /--core-size/, c.name);
    assert.ok(c.value > c.limit, c.name);
    assert.equal(typeof c.unit, 'string');
  }
  assert.match(failed.find((c: any) => c.name === 'laser_power').message, /full-size mapping is infeasible/);
  const fc1 = report.layers.find((l: any) => l.matrix.rows === 120 && l.matrix.cols === 400);
  assert.ok(fc1.worst_path_loss_db > 300, `fc1 loses ${fc1.worst_path_loss_db} dB`);
  assert.ok(fc1.worst_path_mzis > 400);
  assert.ok(report.chip.width_mm > 100, `chip ${report.chip.width_mm} mm long`);
  assert.equal(report.energy.breakdown_pj_per_inference.dac_reprogramming_pj, 0);
  assert.ok(report.energy.programming_energy_pj > 0);
  assert.ok(Number.isInteger(report.suggested_core_size) && report.suggested_core_size >= 2);
});

test('LeNet-5 --core-size 16: report.json has no NaN, null or infinite number anywhere', () => {
  const out = path.join(dir, 'k16');
  const compiled = compileToDirectory(LENET, { out, coreSize: 16, pdk: builtinPdk('soi-thermo') });
  const report = readReport(out);
  assert.deepEqual(nonFinite(report), []);
  assert.equal(report.options.core_size, 16);
  assert.equal(report.feasibility.feasible, compiled.cost.feasibility.feasible);
  assert.ok(report.latency.reprogramming_ns > 0);
  assert.ok(report.energy.breakdown_pj_per_inference.dac_reprogramming_pj > 0);
  assert.ok(report.energy.energy_pj_per_mac > 0);
  const sum = Object.values(report.energy.breakdown_pj_per_inference as Record<string, number>).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - report.energy.energy_pj_per_inference) <= 1e-9 * sum);
  // one shared 16 × 16 core: every layer has the same worst path and area
  assert.equal(new Set(report.layers.map((l: any) => l.worst_path_loss_db)).size, 1);
  assert.ok(report.heater_power_mw <= report.heater_power_naive_mw);
});

test('--pdk takes a built-in name or a PDK file; unknown names are a usage error', () => {
  const out = path.join(dir, 'mems');
  const run = runFoundry(['compile', LENET, '--out', out, '--core-size', '4', '--pdk', 'soi-mems', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const printed = JSON.parse(run.stdout);
  assert.equal(printed.pdk, 'soi-mems');
  assert.equal(typeof printed.feasibility.feasible, 'boolean');
  assert.equal(readReport(out).pdk, 'soi-mems');
  assert.deepEqual(nonFinite(readReport(out)), []);

  const file = path.join(dir, 'custom.json');
  writeFileSync(file, JSON.stringify({ ...builtinPdk('soi-thermo'), name: 'custom-thermo' }));
  const fromFile = path.join(dir, 'file');
  const run2 = runFoundry(['compile', LENET, '--out', fromFile, '--core-size', '8', '--pdk', file]);
  assert.equal(run2.code, 0, run2.stderr);
  assert.match(run2.stdout, /feasibility/);
  assert.equal(readReport(fromFile).pdk, 'custom-thermo');

  const bad = runFoundry(['compile', LENET, '--out', path.join(dir, 'bad'), '--pdk', 'no-such-pdk']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no-such-pdk/);
});
