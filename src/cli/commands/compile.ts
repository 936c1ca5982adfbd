/**
 * `foundry compile MODEL.onnx --out DIR [--mesh clements|reck] [--core-size K] [--pdk NAME|FILE] [--force] [--strict] [--json]`:
 * maps every linear layer onto MZI meshes and writes circuit.json, phases/, report.json, verilog/, layout.gds, netlist.yml, report.html
 * (atomically); prints
 * the hardware counts, the cost figures and the feasibility checks for the PDK. Failed checks are flagged and the
 * outputs are still written (a researcher studies an infeasible design too); with --strict they exit 1
 * (EXIT_CHECK_FAILED), so a CI job can gate on a buildable chip.
 */
import type { Command } from 'commander';
import { circuitStats, compileToDirectory, DEFAULT_PDK_NAME, loadPdk } from '../../index.js';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../exit-codes.js';
import { table } from '../format.js';
import type { CommandContext } from '../main.js';
import { meshOption, parseCoreSize } from '../mapping-options.js';
import { progressBar } from '../progress.js';

/** 3 significant digits; exponent form when very large or small (figures span tens of orders of magnitude). */
function formatQuantity(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

interface CompileFlags {
  out: string;
  mesh?: string;
  coreSize?: string;
  pdk?: string;
  force?: boolean;
  strict?: boolean;
  json?: boolean;
  verilog?: boolean;
  synth?: boolean;
  html?: boolean;
  layout?: boolean;
  netlist?: boolean;
}

export function registerCompile(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('compile')
    .description('map every linear layer onto MZI meshes; write circuit.json, phases/, report.json, verilog/, layout.gds, netlist.yml and report.html')
    .argument('<model>', 'ONNX model file')
    .requiredOption('--out <dir>', 'output directory (built in a temporary photonic_* directory, then renamed)')
    .option('--mesh <topology>', 'mesh topology: clements (rectangular) or reck (triangular)', 'clements')
    .option('--core-size <K>', 'tile every matrix onto a fixed K×K core (default: one mesh pair per matrix at full size)')
    .option('--pdk <name|file>', 'PDK of the physical figures in report.json: a built-in name or a PDK JSON file', DEFAULT_PDK_NAME)
    .option('--force', 'replace an existing output directory')
    .option('--no-verilog', 'do not write verilog/ (controller, testbench, code files)')
    .option('--no-synth', 'do not run Yosys on the controller (it runs when installed and the bank is small)')
    .option('--no-html', 'do not write report.html')
    .option('--no-layout', 'do not write layout.gds')
    .option('--no-netlist', 'do not write netlist.yml')
    .option('--strict', 'exit 1 when a feasibility check fails (the outputs are still written)')
    .option('--json', 'print the report as JSON')
    .action(async (modelPath: string, flags: CompileFlags) => {
      const pdk = loadPdk(flags.pdk ?? DEFAULT_PDK_NAME);
      const bar = progressBar('compile', io.stderr);
      const started = performance.now();
      let compiled;
      try {
        compiled = compileToDirectory(modelPath, {
          out: flags.out,
          force: flags.force,
          mesh: meshOption(flags.mesh),
          coreSize: parseCoreSize(flags.coreSize),
          pdk,
          deliverables: { verilog: flags.verilog, synth: flags.synth === false ? false : 'auto', html: flags.html, layout: flags.layout, netlist: flags.netlist },
          onProgress: bar.update,
        });
      } finally {
        bar.done();
      }
      const seconds = (performance.now() - started) / 1000;
      const stats = circuitStats(compiled.circuit);
      const cost = compiled.cost;
      const feasibility = cost.feasibility;
      if (flags.json) {
        io.stdout.write(JSON.stringify({ out: flags.out, seconds, ...stats, pdk: cost.pdk, feasibility }, null, 2) + '\n');
      } else {
        const t = stats.totals;
        const failed = feasibility.checks.filter((c) => !c.ok).length;
        io.stdout.write(
          [
            `compiled  ${modelPath} → ${flags.out} (${seconds.toFixed(2)} s)`,
            `mesh      ${compiled.circuit.options.mesh}, ${compiled.circuit.options.coreSize === null ? 'full-size meshes' : `core ${compiled.circuit.options.coreSize}×${compiled.circuit.options.coreSize}`}`,
            '',
            table(
              ['layer', 'op', 'matrix', 'tiles', 'MZIs', 'phase shifters', 'depth', 'passes/sample'],
              stats.layers.map((l) => [l.name, l.opType, `${l.matrix.rows} × ${l.matrix.cols}`, l.tiles, l.mzis, l.phaseShifters, l.meshDepth, l.opticalPassesPerSample]),
            ),
            '',
            `totals    ${t.mzis.toLocaleString('en-US')} MZIs, ${t.phaseShifters.toLocaleString('en-US')} phase shifters, ${t.tiles} tiles on ${t.cores} core${t.cores === 1 ? '' : 's'}, ${t.reprogrammingsPerBatch} reprogrammings per batch`,
            `pdk       ${cost.pdk}`,
            `energy    ${formatQuantity(cost.energy.energyPjPerInference)} pJ/inference (${formatQuantity(cost.energy.energyPjPerMac)} pJ/MAC), latency ${formatQuantity(cost.timing.latencyNs)} ns, ${formatQuantity(cost.timing.throughputInferencesPerS)} inferences/s`,
            `area      ${formatQuantity(cost.areaComponentsMm2)} mm² of components, chip ${formatQuantity(cost.chip.widthMm)} × ${formatQuantity(cost.chip.heightMm)} mm, heaters ${formatQuantity(cost.heaterPowerMw)} mW`,
            '',
            `feasibility  ${feasibility.feasible ? 'feasible: every check passes' : `INFEASIBLE: ${failed} of ${feasibility.checks.length} checks fail`}`,
            ...feasibility.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(19)} ${formatQuantity(c.value)} ${c.unit} (limit ${formatQuantity(c.limit)} ${c.unit})${c.ok ? '' : `\n        ${c.message}`}`),
          ].join('\n') + '\n',
        );
      }
      setCode(flags.strict && !feasibility.feasible ? EXIT_CHECK_FAILED : EXIT_OK);
    });
}
