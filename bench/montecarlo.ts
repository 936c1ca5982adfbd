/**
 * Monte-Carlo throughput: `foundry eval` of LeNet-5 (the shared PyTorch export) on the MNIST test set with
 * `--core-size 16 --noise pdk` (the default PDK soi-thermo, every imperfection on, uncorrected, no ablation) for
 * T chips — the target is 10 chips × 10,000 images in under 60 s on a 2-core machine. Runs the built
 * CLI (dist/, `npm run build` first) as a child process, so the figure is the whole command: compile, data,
 * digital reference and every chip. Prints a line and returns the figures for bench/results.json, with the
 * 1-minute load average before and after the run (the machine may be shared: a loaded machine runs it slower).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(ROOT, '../shared');
const DATA = path.join(SHARED, 'models/data');

export interface MonteCarloBenchOptions {
  /** Chips (default 10). */
  readonly trials?: number;
  /** Images (default 10,000: the whole test set). */
  readonly limit?: number;
  readonly coreSize?: number;
  /** Worker threads (default: the CLI's, min(chips, cores)). */
  readonly threads?: number;
}

export interface MonteCarloBenchResult {
  readonly model: string;
  readonly coreSize: number;
  readonly chips: number;
  readonly samples: number;
  /** Wall time of the whole command, s. */
  readonly seconds: number;
  /** Chip-samples per second (chips × samples / seconds). */
  readonly chipSamplesPerS: number;
  readonly digitalAccuracy: number | null;
  readonly photonicAccuracy: number | null;
  readonly photonicAccuracyStd: number | null;
  /** 1-minute load average just before and just after the run. */
  readonly loadAverage: { readonly before: number; readonly after: number };
}

export function runMonteCarloBench(options: MonteCarloBenchOptions = {}): MonteCarloBenchResult {
  const trials = options.trials ?? 10;
  const limit = options.limit ?? 10000;
  const coreSize = options.coreSize ?? 16;
  const bin = path.join(ROOT, 'bin', 'foundry.js');
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'eval.js'))) throw new Error('bench/montecarlo: dist/ is missing; run `npm run build` first');
  const model = path.join(SHARED, 'models', 'mnist_lenet5_pytorch.onnx');
  const args = [
    bin, 'eval', model,
    '--data', path.join(DATA, 't10k-images-idx3-ubyte.gz'), '--labels', path.join(DATA, 't10k-labels-idx1-ubyte.gz'), '--scale', '1/255',
    '--limit', String(limit), '--core-size', String(coreSize), '--noise', 'pdk', '--trials', String(trials), '--json',
    ...(options.threads === undefined ? [] : ['--threads', String(options.threads)]),
  ];
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg()[0];
  if (run.status !== 0) throw new Error(`bench/montecarlo: foundry eval failed (${run.status}): ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { n: number; digital: { accuracy: number | null }; photonic: { accuracy: number | null; accuracy_std: number | null } };
  const result: MonteCarloBenchResult = {
    model: path.basename(model),
    coreSize,
    chips: trials,
    samples: r.n,
    seconds,
    chipSamplesPerS: (trials * r.n) / seconds,
    digitalAccuracy: r.digital.accuracy,
    photonicAccuracy: r.photonic.accuracy,
    photonicAccuracyStd: r.photonic.accuracy_std,
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  console.log('\nMonte-Carlo eval (soi-thermo, every imperfection, uncorrected) — whole `foundry eval --noise pdk` command');
  console.log(
    `${result.model}  core ${coreSize}  ${trials} chips × ${r.n} images: ${seconds.toFixed(1)} s  (${result.chipSamplesPerS.toFixed(0)} chip-images/s; ` +
      `photonic ${result.photonicAccuracy === null ? 'n/a' : (100 * result.photonicAccuracy).toFixed(2) + ' %'} vs digital ${result.digitalAccuracy === null ? 'n/a' : (100 * result.digitalAccuracy).toFixed(2) + ' %'}; ` +
      `load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)})`,
  );
  return result;
}
