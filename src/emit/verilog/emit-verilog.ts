/**
 * The Verilog emitter's entry points: `emitVerilog` returns every file (relative paths under `verilog/`) with
 * its content and a summary of the design; `writeVerilogFiles` writes the same files into a directory,
 * streaming the two hex files line by line (for very large schedules). Both validate the options first.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { CircuitIR } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import { controllerVerilog } from './controller.js';
import { dacStreamerVerilog } from './dac-streamer.js';
import { CODES_FILE, designController, EXPECTED_FILE, TESTBENCH_FILE, TOP_MODULE, VERILOG_DIR, type ControllerDesign } from './design.js';
import { planTestbench, writeCodesHex, writeExpectedHex, type TestbenchPlan, type TextSink } from './hex-files.js';
import { codeBankVerilog, codeRomVerilog } from './memories.js';
import { resolveVerilogOptions, type RomKind, type VerilogOptions } from './options.js';
import { readmeMarkdown } from './readme.js';
import { spiSlaveVerilog } from './spi-slave.js';
import { testbenchVerilog } from './testbench.js';

export interface VerilogFile {
  /** Relative path, `verilog/…`. */
  readonly path: string;
  readonly content: string;
}

export interface VerilogSummary {
  readonly top: string;
  /** Controller sources (synthesizable), names inside verilog/. */
  readonly sources: readonly string[];
  readonly testbench: string;
  readonly steps: number;
  readonly cores: number;
  /** Bank (phase registers of the active core): words, address bits, code bits. */
  readonly bankWords: number;
  readonly bankAddressBits: number;
  readonly codeBits: number;
  /** Host SPI frame: 1 + bankAddressBits + codeBits. */
  readonly spiFrameBits: number;
  readonly rom: { readonly kind: RomKind; readonly words: number; readonly addressBits: number; readonly maxOnChipWords: number };
  readonly dac: { readonly count: number; readonly channelsPerDac: number; readonly channelAddressBits: number; readonly frameBits: number; readonly clockDiv: number };
  readonly clockMhz: number;
  readonly settleNs: number;
  readonly settleCycles: number;
  /** Checks the testbench makes when it passes: DAC words + 1 SPI readback. */
  readonly testbenchChecks: number;
  readonly overwrites: readonly { readonly address: number; readonly code: number }[];
}

export interface VerilogResult {
  readonly files: readonly VerilogFile[];
  readonly summary: VerilogSummary;
}

interface Prepared {
  readonly design: ControllerDesign;
  readonly tb: TestbenchPlan;
  /** The Verilog and README files (small). */
  readonly texts: readonly VerilogFile[];
  readonly summary: VerilogSummary;
}

function prepare(circuit: CircuitIR, pdk: Pdk, options: VerilogOptions): Prepared {
  const design = designController(circuit, pdk, resolveVerilogOptions(options));
  const tb = planTestbench(circuit, pdk, design);
  const modules: [string, string][] = [
    [`${TOP_MODULE}.v`, controllerVerilog(design)],
    ['pf_spi_slave.v', spiSlaveVerilog(design)],
    ['pf_dac_streamer.v', dacStreamerVerilog(design)],
    ['pf_code_bank.v', codeBankVerilog(design)],
  ];
  if (design.rom === 'on-chip') modules.push(['pf_code_rom.v', codeRomVerilog(design)]);
  const sources = modules.map(([name]) => name);
  const texts: VerilogFile[] = [
    ...modules.map(([name, content]) => ({ path: `${VERILOG_DIR}/${name}`, content })),
    { path: `${VERILOG_DIR}/${TESTBENCH_FILE}`, content: testbenchVerilog(design, tb) },
    { path: `${VERILOG_DIR}/README.md`, content: readmeMarkdown(design, pdk, tb, sources) },
  ];
  const d = design;
  const summary: VerilogSummary = {
    top: TOP_MODULE,
    sources,
    testbench: TESTBENCH_FILE,
    steps: d.plan.steps,
    cores: d.plan.cores.length,
    bankWords: d.plan.bankWords,
    bankAddressBits: d.addrW,
    codeBits: d.codeW,
    spiFrameBits: d.spiFrameW,
    rom: { kind: d.rom, words: d.plan.romWords, addressBits: d.romAw, maxOnChipWords: d.options.romMaxWords },
    dac: { count: d.plan.dacs, channelsPerDac: d.options.dacChannels, channelAddressBits: d.chW, frameBits: d.dacFrameW, clockDiv: d.options.dacClockDiv },
    clockMhz: d.options.clockMhz,
    settleNs: d.settleNs,
    settleCycles: d.settleCycles,
    testbenchChecks: tb.dacWords + 1,
    overwrites: tb.overwrites,
  };
  return { design, tb, texts, summary };
}

function stringSink(): TextSink & { text(): string } {
  const chunks: string[] = [];
  return { write: (c) => void chunks.push(c), text: () => chunks.join('') };
}

/**
 * The controller of `circuit` for `pdk`: Verilog sources, testbench, codes.hex, expected_codes.hex and
 * README.md, each as a relative path under `verilog/` with its content. Throws InvalidInputError (stage
 * 'emit') for bad options or a circuit whose tiles do not fit their cores.
 */
export function emitVerilog(circuit: CircuitIR, pdk: Pdk, options: VerilogOptions = {}): VerilogResult {
  const p = prepare(circuit, pdk, options);
  const codes = stringSink();
  writeCodesHex(circuit, pdk, p.design, codes);
  const expected = stringSink();
  writeExpectedHex(circuit, pdk, p.design, p.tb, expected);
  return {
    files: [
      ...p.texts,
      { path: `${VERILOG_DIR}/${CODES_FILE}`, content: codes.text() },
      { path: `${VERILOG_DIR}/${EXPECTED_FILE}`, content: expected.text() },
    ],
    summary: p.summary,
  };
}

function writeStreamed(file: string, fill: (sink: TextSink) => void): void {
  const fd = openSync(file, 'w');
  try {
    fill({ write: (chunk) => void writeSync(fd, chunk) });
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the files of emitVerilog into `dir` (creating `dir/verilog/`), the hex files streamed; returns the
 * summary.
 */
export function writeVerilogFiles(circuit: CircuitIR, pdk: Pdk, dir: string, options: VerilogOptions = {}): VerilogSummary {
  const p = prepare(circuit, pdk, options);
  mkdirSync(path.join(dir, VERILOG_DIR), { recursive: true });
  for (const f of p.texts) writeFileSync(path.join(dir, f.path), f.content);
  writeStreamed(path.join(dir, VERILOG_DIR, CODES_FILE), (sink) => writeCodesHex(circuit, pdk, p.design, sink));
  writeStreamed(path.join(dir, VERILOG_DIR, EXPECTED_FILE), (sink) => writeExpectedHex(circuit, pdk, p.design, p.tb, sink));
  return p.summary;
}
