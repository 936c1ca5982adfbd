/**
 * `foundry compile MODEL.onnx --out DIR [--mesh clements|reck] [--core-size K] [--force] [--json]`:
 * maps every linear layer onto MZI meshes and writes circuit.json, phases/, report.json (atomically).
 */
import type { Command } from 'commander';
import { circuitStats, compileToDirectory } from '../../index.js';
import { EXIT_OK } from '../exit-codes.js';
import { table } from '../format.js';
import type { CommandContext } from '../main.js';
import { meshOption, parseCoreSize } from '../mapping-options.js';
import { progressBar } from '../progress.js';

interface CompileFlags {
  out: string;
  mesh?: string;
  coreSize?: string;
  force?: boolean;
  json?: boolean;
}

export function registerCompile(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('compile')
    .description('map every linear layer onto MZI meshes; write circuit.json, phases/ and report.json')
    .argument('<model>', 'ONNX model file')
    .requiredOption('--out <dir>', 'output directory (built in a temporary photonic_* directory, then renamed)')
    .option('--mesh <topology>', 'mesh topology: clements (rectangular) or reck (triangular)', 'clements')
    .option('--core-size <K>', 'tile every matrix onto a fixed K×K core (default: one mesh pair per matrix at full size)')
    .option('--force', 'replace an existing output directory')
    .option('--json', 'print the report as JSON')
    .action(async (modelPath: string, flags: CompileFlags) => {
      const bar = progressBar('compile', io.stderr);
      const started = performance.now();
      let compiled;
      try {
        compiled = compileToDirectory(modelPath, {
          out: flags.out,
          force: flags.force,
          mesh: meshOption(flags.mesh),
          coreSize: parseCoreSize(flags.coreSize),
          onProgress: bar.update,
        });
      } finally {
        bar.done();
      }
      const seconds = (performance.now() - started) / 1000;
      const stats = circuitStats(compiled.circuit);
      if (flags.json) {
        io.stdout.write(JSON.stringify({ out: flags.out, seconds, ...stats }, null, 2) + '\n');
      } else {
        const t = stats.totals;
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
          ].join('\n') + '\n',
        );
      }
      setCode(EXIT_OK);
    });
}
