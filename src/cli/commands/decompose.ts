/**
 * `foundry decompose --unitary U.json --out PHASES.json [--mesh clements|reck] [--x X.json --y Y.json] [--json]`:
 * decomposes a unitary into an MZI mesh and writes its mesh-phases v1 file; with --x/--y also propagates a
 * batch through the programmed mesh. Formats, checks and timing: src/pipeline/decompose.ts, matrix-files.ts.
 */
import { Option, type Command } from 'commander';
import { decomposeFiles, type DecomposeSummary, type MeshTopology } from '../../index.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CommandContext } from '../main.js';

export function registerDecompose(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('decompose')
    .description('decompose a unitary into an MZI mesh (mesh-phases v1 file); optionally propagate a batch through the mesh')
    .requiredOption('--unitary <file>', 'unitary {"N", "re", "im"} (N × N, unitary to 1e-10; "im" may be omitted for a real matrix)')
    .requiredOption('--out <file>', 'mesh-phases v1 output file')
    .addOption(new Option('--mesh <kind>', 'mesh topology').choices(['clements', 'reck']).default('clements'))
    .option('--x <file>', 'batch {"re", "im"} (N × B, columns are samples) to propagate through the programmed mesh; needs --y')
    .option('--y <file>', 'where to write the propagated batch {"re", "im"}; needs --x')
    .option('--json', 'print a summary object as JSON')
    .action(async (opts: { unitary: string; out: string; mesh: MeshTopology; x?: string; y?: string; json?: boolean }) => {
      const summary = decomposeFiles({ unitary: opts.unitary, out: opts.out, mesh: opts.mesh, x: opts.x, y: opts.y });
      io.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : formatDecompose(summary));
      setCode(EXIT_OK);
    });
}

/** Seconds as µs / ms / s. */
export function formatSeconds(s: number): string {
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(2)} ms`;
  return `${s.toFixed(2)} s`;
}

export function formatError(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}

export function formatDecompose(s: DecomposeSummary): string {
  const t = s.timing;
  const lines = [
    `unitary   ${s.unitary} (N = ${s.N}, max |U†U − I| = ${formatError(s.unitarity_deviation)})`,
    `mesh      ${s.mesh}: ${s.mzi_count} MZIs, depth ${s.depth}`,
    `phases    ${s.out}`,
    `error     max |U − U_rec| = ${formatError(s.max_reconstruction_error)} (U_rec rebuilt from the written phases)`,
  ];
  if (s.x !== null) lines.push(`batch     ${s.x} (${s.N} × ${s.batch}) → ${s.y}, max |Y − U·X| = ${formatError(s.max_forward_error ?? 0)}`);
  const fwd = t.forward_s === null ? 'forward n/a (no --x)' : `forward ${formatSeconds(t.forward_s)} (median of ${t.forward_repeats})`;
  lines.push(`time      decompose ${formatSeconds(t.decompose_s)} (median of ${t.decompose_repeats}), ${fwd}`);
  return lines.join('\n') + '\n';
}
