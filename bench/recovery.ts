/**
 * Issue 4's Must-show run: LeNet-5 (the shared PyTorch export) with `--core-size 16` on soi-thermo (8-bit DAC,
 * 0.5 % splitting spread, crosstalk and every other imperfection on), 10 Monte-Carlo chips (seed 0), calibrated
 * on MNIST test images 0–999 and scored on 1,000–9,999, for each correction (calibrate, finetune, both). Runs the
 * built CLI (dist/, `npm run build` first) as a child process — the exact command is printed — and prints the
 * digital accuracy, the uncorrected and corrected means and their drops vs digital in percentage points.
 * Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(ROOT, '../shared');
const DATA = path.join(SHARED, 'models/data');

export interface RecoveryBenchOptions {
  readonly methods?: readonly ('calibrate' | 'finetune' | 'both')[];
  readonly trials?: number;
  /** Images (default 10,000). */
  readonly limit?: number;
  readonly calibrationSamples?: number;
}

export interface RecoveryBenchRow {
  readonly method: string;
  readonly command: string;
  readonly n: number;
  readonly digital: number;
  readonly uncorrected: number;
  readonly uncorrectedStd: number;
  readonly corrected: number;
  readonly correctedStd: number;
  readonly correctedWorst: number;
  readonly seconds: number;
}

export function runRecoveryBench(options: RecoveryBenchOptions = {}): RecoveryBenchRow[] {
  const rows: RecoveryBenchRow[] = [];
  for (const method of options.methods ?? ['calibrate', 'finetune', 'both']) {
    const args = [
      path.join(ROOT, 'bin/foundry.js'), 'eval', path.join(SHARED, 'models/mnist_lenet5_pytorch.onnx'),
      '--data', path.join(DATA, 't10k-images-idx3-ubyte.gz'), '--labels', path.join(DATA, 't10k-labels-idx1-ubyte.gz'),
      '--scale', '1/255', '--core-size', '16', '--noise', 'pdk', '--pdk', 'soi-thermo', '--dac-bits', '8', '--split-sigma', '0.005',
      '--trials', String(options.trials ?? 10), '--seed', '0', '--limit', String(options.limit ?? 10000),
      '--correct', method, '--calibration-samples', String(options.calibrationSamples ?? 1000), '--json',
    ];
    const command = ['node', ...args.map((a) => path.relative(ROOT, a) || a)].join(' ');
    console.log(`$ ${command}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`recovery bench (${method}) failed (exit ${run.status}): ${run.stderr}`);
    const r = JSON.parse(run.stdout);
    const row: RecoveryBenchRow = {
      method, command, n: r.n, digital: r.digital.accuracy,
      uncorrected: r.photonic.accuracy, uncorrectedStd: r.photonic.accuracy_std,
      corrected: r.corrected.accuracy, correctedStd: r.corrected.accuracy_std, correctedWorst: r.corrected.worst, seconds,
    };
    const pp = (a: number): string => (100 * a).toFixed(2);
    console.log(
      `${method.padEnd(10)} n=${row.n} digital ${pp(row.digital)} %  uncorrected ${pp(row.uncorrected)} ± ${pp(row.uncorrectedStd)} % (drop ${pp(row.digital - row.uncorrected)} pp)  ` +
        `corrected ${pp(row.corrected)} ± ${pp(row.correctedStd)} %, worst ${pp(row.correctedWorst)} % (drop ${pp(row.digital - row.corrected)} pp)  ${seconds.toFixed(1)} s`,
    );
    rows.push(row);
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runRecoveryBench();
