/**
 * The Verilog controller emitter on small circuits (a 4 × 4 Gemm + Relu + 4 → 6 MatMul): file set and
 * summary, the bank order against the placement's heater order, codes through the PDK's phaseToCode, option
 * validation; and with the real tools (Debian iverilog, verilator, yosys — .ci/run installs them): the
 * generated testbench passes in iverilog/vvp (on-chip ROM full-size on two cores, external memory tiled on
 * one core, Reck meshes on a 2 × 2 core), fails on a corrupted expected-codes file, Verilator -Wall is silent
 * on the controller and Yosys synthesises it (on-chip ROM).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FoundryError } from '../../src/core/errors.js';
import { importOnnx } from '../../src/import/index.js';
import type { CircuitIR, MziMesh } from '../../src/ir/circuit.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { builtinPdk, phaseToCode } from '../../src/pdk/index.js';
import { placeTile } from '../../src/physics/placement/index.js';
import {
  emitVerilog,
  lintController,
  simulateTestbench,
  stepCodes,
  synthesizeCellCount,
  writeVerilogFiles,
  type VerilogOptions,
  type VerilogSummary,
} from '../../src/emit/verilog/index.js';
import { buildModel } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

const PDK = builtinPdk('soi-thermo');

// ---- helpers --------------------------------------------------------------------------------------

const TOOL_VERSION_ARGS: Record<string, string[]> = { iverilog: ['-V'], vvp: ['-V'], verilator: ['--version'], yosys: ['-V'] };

function assertEdaToolsInstalled(): void {
  for (const [tool, args] of Object.entries(TOOL_VERSION_ARGS)) {
    const r = spawnSync(tool, args, { encoding: 'utf8' });
    assert.ok(!r.error && r.status === 0, `${tool} is not installed or does not run (${r.error?.message ?? r.stderr}); install the Debian packages: apt-get install iverilog verilator yosys`);
  }
}

function randoms(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
}

/** Gemm 4 → 4, Relu, MatMul 4 → 6; full size (two cores) or tiled on one coreSize core. */
function smallCircuit(coreSize: number | null, mesh: 'clements' | 'reck' = 'clements'): CircuitIR {
  const rng = new Rng(5);
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', 4] }],
      outputs: [{ name: 'z' }],
      initializers: [
        { name: 'W', dims: [4, 4], data: randoms(rng, 16) },
        { name: 'b', dims: [4], data: randoms(rng, 4) },
        { name: 'W2', dims: [4, 6], data: randoms(rng, 24) },
      ],
      nodes: [
        { op: 'Gemm', inputs: ['x', 'W', 'b'], outputs: ['y'] },
        { op: 'Relu', inputs: ['y'], outputs: ['r'] },
        { op: 'MatMul', inputs: ['r', 'W2'], outputs: ['z'] },
      ],
    }),
  );
  return mapGraph(graph, { mesh, coreSize });
}

/** Writes the controller into a temp folder, runs `body(verilogDir, summary)`, removes the folder. */
function withEmitted(circuit: CircuitIR, options: VerilogOptions, body: (dir: string, summary: VerilogSummary) => void): void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pf-verilog-'));
  try {
    const summary = writeVerilogFiles(circuit, PDK, root, options);
    body(path.join(root, 'verilog'), summary);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function assertLintClean(dir: string): void {
  const run = lintController(dir);
  const out = run.stdout + run.stderr;
  assert.equal(run.status, 0, `verilator --lint-only -Wall failed:\n${out}`);
  assert.doesNotMatch(out, /%Warning|%Error/, out);
}

function assertTestbenchPasses(dir: string, summary: VerilogSummary): void {
  const sim = simulateTestbench(dir);
  assert.match(sim.output, new RegExp(`^${summary.testbenchChecks} passed, 0 failed$`, 'm'), sim.output);
  assert.equal(sim.status, 0, sim.output);
}

/** Data lines (not comments) of a hex file. */
function hexWords(text: string): number[] {
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('//'))
    .map((l) => parseInt(l, 16));
}

// ---- emitter (no tools) ---------------------------------------------------------------------------

test('emitVerilog: files under verilog/, interface widths and ROM sizes in the summary', () => {
  const circuit = smallCircuit(null);
  const { files, summary } = emitVerilog(circuit, PDK);
  const names = files.map((f) => f.path).sort();
  assert.deepEqual(names, [
    'verilog/README.md',
    'verilog/codes.hex',
    'verilog/expected_codes.hex',
    'verilog/pf_code_bank.v',
    'verilog/pf_code_rom.v',
    'verilog/pf_dac_streamer.v',
    'verilog/pf_spi_slave.v',
    'verilog/photonic_controller.v',
    'verilog/tb_controller.v',
  ]);
  // full size: one core per layer, each its own bank image and step
  assert.equal(summary.steps, 2);
  assert.equal(summary.cores, 2);
  // layer 0: 4×4 → 2·6·2 MZI phases + 2·4 screens + 4 attenuators = 36; layer 1: 4 → 6 (reduced U mesh)
  const channels = circuit.layers.map((l) => {
    const t = l.tiles[0];
    return 2 * t.inputMesh.mzis.length + t.inputMesh.N + t.attenuation.length + 2 * t.outputMesh.mzis.length + t.outputMesh.N;
  });
  assert.equal(channels[0], 36);
  assert.equal(summary.bankWords, Math.max(...channels));
  assert.equal(summary.rom.words, channels[0] + channels[1]);
  assert.equal(summary.rom.kind, 'on-chip');
  assert.equal(summary.codeBits, PDK.dac.bits);
  assert.equal(summary.bankAddressBits, Math.ceil(Math.log2(summary.bankWords)));
  assert.equal(summary.spiFrameBits, 1 + summary.bankAddressBits + summary.codeBits);
  assert.equal(summary.dac.frameBits, 4 + summary.codeBits);
  assert.equal(summary.dac.count, Math.ceil(channels[0] / 16) + Math.ceil(channels[1] / 16));
  // settle: soi-thermo 10 µs at 100 MHz
  assert.equal(summary.settleNs, 10_000);
  assert.equal(summary.settleCycles, 1000);
  assert.equal(summary.testbenchChecks, summary.rom.words + summary.overwrites.length + 1);
  const text = (p: string): string => files.find((f) => f.path === p)!.content;
  assert.equal(hexWords(text('verilog/codes.hex')).length, summary.rom.words);
  assert.equal(hexWords(text('verilog/expected_codes.hex')).length, summary.testbenchChecks - 1);
  assert.match(text('verilog/photonic_controller.v'), /module photonic_controller/);
  assert.match(text('verilog/README.md'), /## Host SPI/);
  // the external memory interface above the threshold: no ROM module, mem_* ports instead
  const ext = emitVerilog(circuit, PDK, { romMaxWords: summary.rom.words - 1 });
  assert.equal(ext.summary.rom.kind, 'external');
  assert.ok(!ext.files.some((f) => f.path.endsWith('pf_code_rom.v')));
  assert.match(ext.files.find((f) => f.path.endsWith('photonic_controller.v'))!.content, /input\s+wire\s+\[7:0\] mem_rdata/);
});

test('bank order is the placement heater order; codes are phaseToCode of the wrapped phases, attenuators θ = 2·asin(a)', () => {
  const circuit = smallCircuit(3);
  const { files } = emitVerilog(circuit, PDK);
  const rom = hexWords(files.find((f) => f.path === 'verilog/codes.hex')!.content);
  let at = 0;
  circuit.schedule.steps.forEach((s) => {
    const tile = circuit.layers[s.layer].tiles[s.tile];
    const meshOf = (side: 'input' | 'output'): MziMesh => (side === 'input' ? tile.inputMesh : tile.outputMesh);
    const phases = placeTile(tile, PDK).heaters.map((h) => {
      const mesh = meshOf(h.mesh);
      switch (h.kind) {
        case 'phi': return mesh.mzis[h.index].phi;
        case 'theta': return mesh.mzis[h.index].theta;
        case 'screen': return mesh.phasesOut[h.index];
        default: return 2 * Math.asin(tile.attenuation[h.index]);
      }
    });
    const expected = phases.map((p) => phaseToCode(p, PDK));
    assert.deepEqual(rom.slice(at, at + expected.length), expected, `step ${s.step}`);
    const codes = new Uint32Array(expected.length);
    assert.equal(stepCodes(circuit, s.step, PDK, codes), expected.length);
    assert.deepEqual(Array.from(codes), expected);
    at += expected.length;
  });
  assert.equal(at, rom.length);
  // the largest singular value's attenuator is fully open (θ = π: mid-scale voltage on a quadratic heater)
  const first = circuit.layers[0].tiles[0];
  assert.equal(first.attenuation[0], 1);
  assert.equal(phaseToCode(Math.PI, PDK), Math.round(Math.SQRT1_2 * 255));
});

test('writeVerilogFiles streams the same files emitVerilog returns', () => {
  const circuit = smallCircuit(2);
  const { files, summary } = emitVerilog(circuit, PDK);
  withEmitted(circuit, {}, (dir, written) => {
    assert.deepEqual(written, summary);
    for (const f of files) assert.equal(readFileSync(path.join(dir, '..', f.path), 'utf8'), f.content, f.path);
  });
});

test('bad options are InvalidInputErrors naming the field', () => {
  const circuit = smallCircuit(null);
  for (const [options, field] of [
    [{ dacChannels: 12 }, 'dacChannels'],
    [{ dacChannels: 1 }, 'dacChannels'],
    [{ dacClockDiv: 0 }, 'dacClockDiv'],
    [{ clockMhz: 2.5 }, 'clockMhz'],
    [{ rom: 'flash' as never }, 'rom'],
  ] as [VerilogOptions, string][]) {
    assert.throws(() => emitVerilog(circuit, PDK, options), (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_INVALID_INPUT' && e.message.includes(field));
  }
});

// ---- with the real tools --------------------------------------------------------------------------

test('EDA tools are installed (iverilog, vvp, verilator, yosys)', () => {
  assertEdaToolsInstalled();
});

test('full size on two cores, on-chip ROM: testbench passes, Verilator -Wall silent, Yosys synthesises', () => {
  withEmitted(smallCircuit(null), {}, (dir, summary) => {
    assert.equal(summary.rom.kind, 'on-chip');
    assertLintClean(dir);
    assertTestbenchPasses(dir, summary);
    const cells = synthesizeCellCount(dir);
    assert.ok(cells > 100, `${cells} cells`);
  });
});

test('tiled on one 3×3 core with the external memory interface: testbench passes, lint clean', () => {
  withEmitted(smallCircuit(3), { rom: 'external', dacChannels: 8, dacClockDiv: 1 }, (dir, summary) => {
    assert.equal(summary.rom.kind, 'external');
    assert.equal(summary.cores, 1);
    assert.ok(summary.steps > 2);
    assertLintClean(dir);
    assertTestbenchPasses(dir, summary);
  });
});

test('Reck meshes on a 2×2 core, soi-mems settle time, 50 MHz clock: testbench passes, lint clean', () => {
  const circuit = smallCircuit(2, 'reck');
  const root = mkdtempSync(path.join(os.tmpdir(), 'pf-verilog-'));
  try {
    const summary = writeVerilogFiles(circuit, builtinPdk('soi-mems'), root, { clockMhz: 50, dacChannels: 2 });
    assert.equal(summary.settleCycles, 100); // 2 µs at 50 MHz
    const dir = path.join(root, 'verilog');
    assertLintClean(dir);
    assertTestbenchPasses(dir, summary);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a corrupted expected-codes file makes the testbench fail (N passed, 1 failed; non-zero exit)', () => {
  withEmitted(smallCircuit(4), {}, (dir, summary) => {
    const file = path.join(dir, 'expected_codes.hex');
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l, k) => k > 5 && l !== '' && !l.startsWith('//'));
    const word = parseInt(lines[i], 16);
    lines[i] = (word ^ 1).toString(16).padStart(lines[i].length, '0'); // flip the code's LSB
    writeFileSync(file, lines.join('\n'));
    const sim = simulateTestbench(dir);
    assert.match(sim.output, new RegExp(`^${summary.testbenchChecks - 1} passed, 1 failed$`, 'm'), sim.output);
    assert.notEqual(sim.status, 0);
    assert.equal(sim.failed, 1);
  });
});
