/**
 * `foundry infer MODEL.onnx --data FILE [--labels FILE] [preprocessing] [--limit N] [--json]`:
 * runs the float64 digital reference executor over a dataset.
 */
import type { Command } from 'commander';
import { importOnnxFile, inferDataset } from '../../index.js';
import { addDatasetOptions, sampleOptionsFrom, type DatasetFlags } from '../dataset-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { formatPercent } from '../format.js';
import type { CommandContext } from '../main.js';
import { progressBar } from '../progress.js';

export function registerInfer(program: Command, { io, setCode }: CommandContext): void {
  const cmd = program
    .command('infer')
    .description('run the float64 digital reference executor on a dataset')
    .argument('<model>', 'ONNX model file');
  addDatasetOptions(cmd)
    .option('--json', 'print {"model","n","correct","accuracy","labels","logits"} as JSON')
    .action(async (modelPath: string, flags: DatasetFlags & { json?: boolean }) => {
      const options = sampleOptionsFrom(flags);
      const graph = importOnnxFile(modelPath);
      const bar = progressBar('infer', io.stderr);
      const started = performance.now();
      const result = (() => {
        try {
          return inferDataset(graph, modelPath, { ...options, onProgress: bar.update });
        } finally {
          bar.done();
        }
      })();
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        io.stdout.write(JSON.stringify(result) + '\n');
      } else {
        const lines = [
          `model     ${result.model}`,
          `samples   ${result.n}`,
          `accuracy  ${result.correct === null ? 'n/a (no labels)' : `${formatPercent(result.accuracy)} (${result.correct}/${result.n})`}`,
          `time      ${seconds.toFixed(2)} s (${(result.n / seconds).toFixed(0)} samples/s)`,
        ];
        io.stdout.write(lines.join('\n') + '\n');
      }
      setCode(EXIT_OK);
    });
}
