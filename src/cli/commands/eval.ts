/**
 * `foundry eval MODEL.onnx|DIR --data … [preprocessing] [--limit N] [--core-size K] [--json] [--save-outputs FILE]`:
 * the digital reference and the photonic circuit on the same samples.
 */
import type { Command } from 'commander';
import { evaluate } from '../../index.js';
import { addDatasetOptions, sampleOptionsFrom, type DatasetFlags } from '../dataset-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { formatPercent } from '../format.js';
import type { CommandContext } from '../main.js';
import { meshOption, parseCoreSize } from '../mapping-options.js';
import { progressBar } from '../progress.js';

interface EvalFlags extends DatasetFlags {
  mesh?: string;
  coreSize?: string;
  json?: boolean;
  saveOutputs?: string;
}

export function registerEval(program: Command, { io, setCode }: CommandContext): void {
  const cmd = program
    .command('eval')
    .description('run the digital reference and the photonic circuit on a dataset and compare them')
    .argument('<model>', 'ONNX model file, or a directory written by `foundry compile`');
  addDatasetOptions(cmd)
    .option('--mesh <topology>', 'mesh topology when compiling an ONNX file: clements or reck')
    .option('--core-size <K>', 'tile onto a fixed K×K core when compiling an ONNX file')
    .option('--save-outputs <file>', 'write {"labels","digital","photonic"} outputs (float64, dataset order)')
    .option('--json', 'print {"model","n","digital","photonic","agreement","logit_diff"} as JSON')
    .action(async (input: string, flags: EvalFlags) => {
      const samples = sampleOptionsFrom(flags);
      const compileBar = progressBar('compile', io.stderr);
      const runBar = progressBar('eval', io.stderr);
      const started = performance.now();
      let run;
      try {
        run = evaluate(input, {
          ...samples,
          mesh: meshOption(flags.mesh),
          coreSize: parseCoreSize(flags.coreSize),
          saveOutputs: flags.saveOutputs,
          onProgress: (phase, done, total) => {
            if (phase === 'compile') compileBar.update(done, total);
            else {
              compileBar.done();
              runBar.update(done, total);
            }
          },
        });
      } finally {
        compileBar.done();
        runBar.done();
      }
      const r = run.result;
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        io.stdout.write(JSON.stringify(r) + '\n');
      } else {
        const acc = (a: { accuracy: number | null; correct: number | null }): string =>
          a.correct === null ? 'n/a (no labels)' : `${formatPercent(a.accuracy)} (${a.correct}/${r.n})`;
        io.stdout.write(
          [
            `model      ${r.model}`,
            `samples    ${r.n}`,
            `digital    ${acc(r.digital)}`,
            `photonic   ${acc(r.photonic)}  (ideal chip, ${run.circuit.options.mesh}, ${run.circuit.options.coreSize === null ? 'full-size meshes' : `core ${run.circuit.options.coreSize}`})`,
            `agreement  ${formatPercent(r.agreement)} same argmax`,
            `Δlogit     max ${r.logit_diff.max_abs.toExponential(2)}, rms ${r.logit_diff.rms.toExponential(2)}`,
            `time       ${seconds.toFixed(2)} s`,
          ].join('\n') + '\n',
        );
      }
      setCode(EXIT_OK);
    });
}
