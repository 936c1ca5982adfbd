/**
 * Verilog controller artifacts of the shared LeNet-5 (full size and --core-size 16): emit time, peak RSS and
 * file sizes (the hex files are streamed to disk); with `--tools`, also the Yosys cell count and the time of
 * the generated testbench in iverilog/vvp for --core-size 16 (full size too with `--tools=all`: minutes).
 * Run: node --import tsx bench/artifacts-verilog.ts [--tools[=all]]. Never part of `npm test`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModel } from '../src/pipeline/compile.js';
import { builtinPdk } from '../src/pdk/index.js';
import { simulateTestbench, synthesizeCellCount, writeVerilogFiles } from '../src/emit/verilog/index.js';

const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
const LENET = path.join(SHARED, 'models', 'mnist_lenet5_pytorch.onnx');

export interface VerilogArtifactsRow {
  readonly coreSize: number | null;
  readonly steps: number;
  readonly romWords: number;
  readonly rom: string;
  readonly bankWords: number;
  readonly dacs: number;
  readonly emitS: number;
  readonly rssMb: number;
  readonly filesKb: number;
  readonly yosysCells: number | null;
  readonly yosysS: number | null;
  readonly simChecks: number | null;
  readonly simS: number | null;
}

export function runVerilogArtifactsBench(tools: 'none' | 'core16' | 'all' = 'none'): VerilogArtifactsRow[] {
  const pdk = builtinPdk('soi-thermo');
  const rows: VerilogArtifactsRow[] = [];
  for (const coreSize of [null, 16]) {
    const { circuit } = compileModel(LENET, { coreSize });
    const root = mkdtempSync(path.join(os.tmpdir(), 'pf-bench-verilog-'));
    try {
      let t = performance.now();
      const summary = writeVerilogFiles(circuit, pdk, root, { dacClockDiv: 1 });
      const emitS = (performance.now() - t) / 1000;
      const rssMb = process.memoryUsage().rss / 1e6;
      const dir = path.join(root, 'verilog');
      const filesKb = readdirSync(dir).reduce((s, f) => s + statSync(path.join(dir, f)).size, 0) / 1024;
      let yosysCells: number | null = null;
      let yosysS: number | null = null;
      let simChecks: number | null = null;
      let simS: number | null = null;
      if (tools === 'all' || (tools === 'core16' && coreSize === 16)) {
        const sim = simulateTestbench(dir);
        simChecks = sim.failed === 0 && sim.status === 0 ? sim.passed : -1;
        simS = sim.seconds;
        if (coreSize !== null) {
          // a full-size bank (96,400 words) is far beyond a generic flip-flop synthesis
          t = performance.now();
          yosysCells = synthesizeCellCount(dir);
          yosysS = (performance.now() - t) / 1000;
        }
      }
      rows.push({
        coreSize, steps: summary.steps, romWords: summary.rom.words, rom: summary.rom.kind, bankWords: summary.bankWords,
        dacs: summary.dac.count, emitS, rssMb, filesKb, yosysCells, yosysS, simChecks, simS,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  console.log('\nVerilog controller of LeNet-5 (soi-thermo; DAC SCLK = clk/2)');
  console.log('core   steps   ROM words  ROM        bank   DACs   emit s   RSS MB   files KB   yosys cells (s)   sim checks (s)');
  for (const r of rows) {
    const yosys = r.yosysCells === null ? '-' : `${r.yosysCells} (${r.yosysS!.toFixed(1)})`;
    const sim = r.simChecks === null ? '-' : `${r.simChecks} (${r.simS!.toFixed(1)})`;
    console.log(
      `${String(r.coreSize ?? 'full').padEnd(5)}${String(r.steps).padStart(7)}${String(r.romWords).padStart(12)}  ${r.rom.padEnd(9)}${String(r.bankWords).padStart(7)}${String(r.dacs).padStart(7)}${r.emitS.toFixed(2).padStart(9)}${r.rssMb.toFixed(0).padStart(9)}${r.filesKb.toFixed(0).padStart(11)}${yosys.padStart(18)}${sim.padStart(17)}`,
    );
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.find((a) => a.startsWith('--tools'));
  runVerilogArtifactsBench(flag === undefined ? 'none' : flag === '--tools=all' ? 'all' : 'core16');
}
