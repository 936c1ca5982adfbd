/**
 * `foundry rebuild PHASES.json --out U.json [--json]`: rebuilds the unitary of a mesh-phases v1 file (either MZI
 * convention, phase shifters, input/output screens) and writes it as {"N", "re", "im"}.
 */
import type { Command } from 'commander';
import { rebuildFiles, type RebuildSummary } from '../../index.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CommandContext } from '../main.js';
import { formatError } from './decompose.js';

export function registerRebuild(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('rebuild')
    .description('rebuild the unitary of a mesh-phases v1 file and write it as {"N", "re", "im"}')
    .argument('<phases>', 'mesh-phases v1 file')
    .requiredOption('--out <file>', 'unitary output file')
    .option('--json', 'print a summary object as JSON')
    .action(async (phases: string, opts: { out: string; json?: boolean }) => {
      const summary = rebuildFiles({ phases, out: opts.out });
      io.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : formatRebuild(summary));
      setCode(EXIT_OK);
    });
}

export function formatRebuild(s: RebuildSummary): string {
  return [
    `phases    ${s.phases} (N = ${s.N}, ${s.mzi_convention})`,
    `mesh      ${s.mzi_count} MZIs, ${s.phase_shifters} phase shifters, depth ${s.depth}`,
    `unitary   ${s.out}, max |U†U − I| = ${formatError(s.unitarity_deviation)}`,
  ].join('\n') + '\n';
}
