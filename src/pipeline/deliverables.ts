/**
 * The hardware deliverables `foundry compile` writes next to circuit.json (each can be skipped):
 *   verilog/      controller, testbench and code files (emit/verilog); Yosys cell count when Yosys is installed
 *                 and the active bank is small enough to synthesise in seconds (SYNTH_MAX_BANK_WORDS)
 *   layout.gds    the GDSII layout of the placement (emit/gdsii), hierarchical
 *   netlist.yml   a gdsfactory-schema YAML netlist (emit/netlist)
 *   report.html   the visual report (emit/report-html)
 * Returns the figures report.json records under `artifacts`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CircuitCost } from '../cost/index.js';
import type { CircuitIR } from '../ir/circuit.js';
import type { Pdk } from '../pdk/types.js';
import { emitReportHtml, REPORT_HTML_FILE } from '../emit/report-html/index.js';
import { synthesizeCellCount, VERILOG_DIR, writeVerilogFiles } from '../emit/verilog/index.js';
import { writeLayoutGds } from '../emit/gdsii/index.js';
import { writeNetlistYaml } from '../emit/netlist/index.js';
import { placeCircuit } from '../physics/placement/index.js';

/** Largest phase-register bank synthesised during compile (LeNet-5 at --core-size 16 has 528 words). */
export const SYNTH_MAX_BANK_WORDS = 4096;

export interface DeliverableOptions {
  /** Write verilog/ (default true). */
  readonly verilog?: boolean;
  /** Run Yosys on the controller: true, false, or 'auto' (default: when installed and the bank is small). */
  readonly synth?: boolean | 'auto';
  /** Write report.html (default true). */
  readonly html?: boolean;
  /** Write layout.gds (default true). */
  readonly layout?: boolean;
  /** Write netlist.yml (default true). */
  readonly netlist?: boolean;
}

export const LAYOUT_FILE = 'layout.gds';
export const NETLIST_FILE = 'netlist.yml';

function isInstalled(tool: string): boolean {
  const r = spawnSync(tool, ['-V'], { encoding: 'utf8' });
  return !r.error;
}

function verilogArtifacts(circuit: CircuitIR, pdk: Pdk, dir: string, synth: boolean | 'auto'): Record<string, unknown> {
  const summary = writeVerilogFiles(circuit, pdk, dir);
  let yosys: Record<string, unknown>;
  const small = summary.bankWords <= SYNTH_MAX_BANK_WORDS;
  if (synth === false) yosys = { skipped: 'synthesis not requested' };
  else if (synth === 'auto' && !small) yosys = { skipped: `bank of ${summary.bankWords} words exceeds ${SYNTH_MAX_BANK_WORDS}; run yosys on verilog/ by hand` };
  else if (synth === 'auto' && !isInstalled('yosys')) yosys = { skipped: 'yosys is not installed' };
  else yosys = { cells: synthesizeCellCount(path.join(dir, VERILOG_DIR)) };
  return {
    dir: VERILOG_DIR,
    top: summary.top,
    steps: summary.steps,
    bank_words: summary.bankWords,
    code_bits: summary.codeBits,
    spi_frame_bits: summary.spiFrameBits,
    rom: { kind: summary.rom.kind, words: summary.rom.words },
    dacs: summary.dac.count,
    clock_mhz: summary.clockMhz,
    settle_cycles: summary.settleCycles,
    testbench_checks: summary.testbenchChecks,
    yosys,
  };
}

/** Writes the deliverables into `dir`; returns report.json's `artifacts`. */
export function writeDeliverables(circuit: CircuitIR, cost: CircuitCost, pdk: Pdk, dir: string, options: DeliverableOptions = {}): Record<string, unknown> {
  const artifacts: Record<string, unknown> = {};
  if (options.verilog !== false) artifacts.verilog = verilogArtifacts(circuit, pdk, dir, options.synth ?? 'auto');
  if (options.layout !== false || options.netlist !== false) {
    const placement = placeCircuit(circuit, pdk);
    if (options.layout !== false) {
      const g = writeLayoutGds(path.join(dir, LAYOUT_FILE), circuit, placement, pdk);
      artifacts.layout = {
        file: LAYOUT_FILE, top_cell: g.topCell, cells: g.cells, references: g.references, bytes: g.bytes,
        bbox_um: g.bboxUm, area_layout_bbox_mm2: g.areaLayoutBboxMm2,
      };
    }
    if (options.netlist !== false) {
      const n = writeNetlistYaml(path.join(dir, NETLIST_FILE), circuit, placement, pdk);
      artifacts.netlist = { file: NETLIST_FILE, instances: n.instances, connections: n.connections, ports: n.ports };
    }
  }
  if (options.html !== false) {
    writeFileSync(path.join(dir, REPORT_HTML_FILE), emitReportHtml(circuit, cost, pdk));
    artifacts.report_html = REPORT_HTML_FILE;
  }
  return artifacts;
}
