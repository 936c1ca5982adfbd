/**
 * The Verilog controller of the real LeNet-5 (shared PyTorch export): at --core-size 16 (266 steps on one
 * 16 × 16 core, 140,448 codes: the external memory interface) Verilator -Wall is silent, Yosys synthesises it
 * (the cell count is reported as a diagnostic) and the whole schedule runs through the generated testbench in
 * iverilog; at full size (five cores, a 96,400-word bank) the files are written without building the hex files
 * in memory and the controller lints clean. Needs the Debian packages iverilog, verilator and yosys.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileModel } from '../../src/pipeline/compile.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { lintController, simulateTestbench, synthesizeCellCount, writeVerilogFiles } from '../../src/emit/verilog/index.js';
import type { CircuitIR } from '../../src/ir/circuit.js';
import { MODELS_DIR } from '../helpers/paths.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
const PDK = builtinPdk('soi-thermo');
let root = '';
let core16: CircuitIR;

before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pf-verilog-lenet-'));
  core16 = compileModel(LENET, { coreSize: 16 }).circuit;
});
after(() => rmSync(root, { recursive: true, force: true }));

function assertLintClean(dir: string): void {
  const run = lintController(dir);
  const out = run.stdout + run.stderr;
  assert.equal(run.status, 0, `verilator --lint-only -Wall failed:\n${out}`);
  assert.doesNotMatch(out, /%Warning|%Error/, out);
}

function dataLines(file: string): number {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('//')).length;
}

test('LeNet-5 --core-size 16: external code memory, Verilator -Wall silent, Yosys cell count', (t) => {
  const out = path.join(root, 'core16');
  const summary = writeVerilogFiles(core16, PDK, out);
  assert.equal(summary.steps, 266);
  assert.equal(summary.cores, 1);
  assert.equal(summary.bankWords, 2 * 120 * 2 + 2 * 16 + 16); // 2 meshes × 120 MZIs × (θ, φ) + 2 screens + attenuators
  assert.equal(summary.rom.kind, 'external');
  assert.equal(summary.rom.words, 266 * 528);
  const dir = path.join(out, 'verilog');
  assert.equal(dataLines(path.join(dir, 'codes.hex')), summary.rom.words);
  assertLintClean(dir);
  const t0 = performance.now();
  const cells = synthesizeCellCount(dir);
  t.diagnostic(`yosys: ${cells} cells (synth -flatten, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  assert.ok(cells > 1000, `${cells} cells`);
});

test('LeNet-5 --core-size 16: the whole schedule through the testbench (iverilog)', (t) => {
  const out = path.join(root, 'core16-sim');
  // DAC SCLK at f_clk/2 keeps the simulation short; the frames are the same
  const summary = writeVerilogFiles(core16, PDK, out, { dacClockDiv: 1 });
  const sim = simulateTestbench(path.join(out, 'verilog'));
  t.diagnostic(`iverilog + vvp: ${sim.seconds.toFixed(1)} s for ${summary.testbenchChecks} checks`);
  assert.match(sim.output, new RegExp(`^${summary.testbenchChecks} passed, 0 failed$`, 'm'), sim.output.slice(0, 2000));
  assert.equal(sim.status, 0);
});

test('LeNet-5 full size: five cores, files streamed, controller lints clean', () => {
  const { circuit } = compileModel(LENET, { coreSize: null });
  const out = path.join(root, 'full');
  const summary = writeVerilogFiles(circuit, PDK, out);
  assert.equal(summary.cores, 5);
  assert.equal(summary.steps, 5);
  assert.equal(summary.rom.kind, 'external');
  const dir = path.join(out, 'verilog');
  assert.equal(dataLines(path.join(dir, 'codes.hex')), summary.rom.words);
  assert.equal(dataLines(path.join(dir, 'expected_codes.hex')), summary.testbenchChecks - 1);
  assertLintClean(dir);
});
