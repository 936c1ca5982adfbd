/**
 * `foundry eval MODEL.onnx|DIR --data … [preprocessing] [--limit N] [--core-size K] [--json] [--save-outputs FILE]
 *   [--noise ideal|pdk] [--pdk NAME|FILE] [--trials T] [--seed S] [--ablation] [--disable LIST] [--no-crosstalk]
 *   [--dac-bits N] [--split-sigma X] [--threads N] [--correct calibrate|finetune|both|none] [--calibration-samples N]`:
 * the digital reference and the photonic circuit on the same samples — the ideal chip (`--noise ideal`, the
 * default), or T Monte-Carlo chips with a PDK's imperfections (`--noise pdk`, src/sim/noise), optionally also
 * corrected per chip (`--correct`, src/recover; the first N samples calibrate, every score is on the rest).
 */
import type { Command } from 'commander';
import {
  evaluate, evaluateMonteCarlo, IMPERFECTIONS, parseImperfections, parseNumber, UsageError,
  type Imperfection, type MonteCarloEvalResult,
} from '../../index.js';
import { CORRECTIONS, type Correction } from '../../recover/index.js';
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
  noise?: string;
  pdk?: string;
  trials?: string;
  seed?: string;
  ablation?: boolean;
  disable?: string;
  crosstalk?: boolean;
  dacBits?: string;
  splitSigma?: string;
  threads?: string;
  correct?: string;
  calibrationSamples?: string;
}

/** Flags that only make sense with --noise pdk. */
const PDK_FLAGS: readonly [keyof EvalFlags, string][] = [
  ['pdk', '--pdk'], ['trials', '--trials'], ['seed', '--seed'], ['ablation', '--ablation'], ['disable', '--disable'],
  ['dacBits', '--dac-bits'], ['splitSigma', '--split-sigma'], ['threads', '--threads'],
  ['correct', '--correct'], ['calibrationSamples', '--calibration-samples'],
];

function intFlag(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const n = Number(t);
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${option} must be ${min === 1 ? 'a positive integer' : min === 0 ? 'an integer ≥ 0' : 'an integer'}, got '${text}'`);
  }
  return n;
}

function correctFlag(text: string | undefined): Correction | undefined {
  if (text === undefined) return undefined;
  if (!(CORRECTIONS as readonly string[]).includes(text)) throw new UsageError(`--correct must be one of ${CORRECTIONS.join(', ')}, got '${text}'`);
  return text as Correction;
}

function noiseMode(text: string | undefined): 'ideal' | 'pdk' {
  if (text === undefined || text === 'ideal') return 'ideal';
  if (text === 'pdk') return 'pdk';
  throw new UsageError(`--noise must be 'ideal' or 'pdk', got '${text}'`);
}

function monteCarloText(r: MonteCarloEvalResult, seconds: number, layout: string): string {
  const p = r.photonic;
  const acc = (a: number | null, c: number | null): string => (a === null ? 'n/a (no labels)' : `${formatPercent(a)} (${c} of ${r.n})`);
  const lines = [
    `model      ${r.model}`,
    `samples    ${r.n}`,
    `digital    ${acc(r.digital.accuracy, r.digital.correct)}`,
    p.accuracy === null
      ? `photonic   n/a (no labels), ${r.noise.trials} chip${r.noise.trials === 1 ? '' : 's'}`
      : `photonic   ${formatPercent(p.accuracy)} mean over ${r.noise.trials} chip${r.noise.trials === 1 ? '' : 's'} (std ${formatPercent(p.accuracy_std)}, worst ${formatPercent(p.worst)})  (${layout})`,
    ...(r.corrected
      ? [
          r.corrected.accuracy === null
            ? `corrected  n/a (no labels), --correct ${r.corrected.method}`
            : `corrected  ${formatPercent(r.corrected.accuracy)} mean (std ${formatPercent(r.corrected.accuracy_std)}, worst ${formatPercent(r.corrected.worst)})  (--correct ${r.corrected.method}, calibrated on the first ${r.corrected.calibration_samples} samples, all scores on the other ${r.n})`,
        ]
      : []),
    `PDK        ${r.noise.pdk}, seed ${r.noise.seed}: ${r.noise.imperfections.length > 0 ? r.noise.imperfections.join(', ') : 'no imperfections'}`,
    `agreement  ${formatPercent(r.agreement)} same argmax (mean over chips)`,
    `Δlogit     max ${r.logit_diff.max_abs.toExponential(2)}, rms ${r.logit_diff.rms.toExponential(2)}${r.noise.non_finite_logits > 0 ? ` (${r.noise.non_finite_logits} non-finite photonic logits left out)` : ''}`,
    'layer error (‖Y − Y_ideal‖ / ‖Y_ideal‖, same inputs):',
    ...r.per_layer.map((l) => `  ${l.name.padEnd(28)} ${l.rel_error === null ? 'n/a' : l.rel_error.toExponential(2)}`),
  ];
  if (r.ablation) {
    lines.push('ablation (mean accuracy with only that imperfection):');
    for (const [name, a] of Object.entries(r.ablation)) lines.push(`  ${name.padEnd(20)} ${formatPercent(a)}`);
  }
  lines.push(`time       ${seconds.toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

export function registerEval(program: Command, { io, setCode }: CommandContext): void {
  const cmd = program
    .command('eval')
    .description('run the digital reference and the photonic circuit on a dataset and compare them')
    .argument('<model>', 'ONNX model file, or a directory written by `foundry compile`');
  addDatasetOptions(cmd)
    .option('--mesh <topology>', 'mesh topology when compiling an ONNX file: clements or reck')
    .option('--core-size <K>', 'tile onto a fixed K×K core when compiling an ONNX file')
    .option('--save-outputs <file>', 'write {"labels","digital","photonic"} outputs (float64, dataset order; --noise pdk: chip 0)')
    .option('--json', 'print {"model","n","digital","photonic","agreement","logit_diff"} as JSON (--noise pdk adds "per_layer", "ablation", "noise", and with --correct "corrected")')
    .option('--noise <mode>', "'ideal' (default): the programmed chip; 'pdk': Monte-Carlo chips with the PDK's imperfections")
    .option('--pdk <name|file>', 'built-in PDK name or PDK JSON file (default soi-thermo)')
    .option('--trials <T>', 'Monte-Carlo chips (default 1)')
    .option('--seed <S>', 'random seed (default 0); chip k uses stream k of it')
    .option('--ablation', 'also run each imperfection alone (T chips each)')
    .option('--disable <list>', `switch imperfections off, comma-separated: ${IMPERFECTIONS.join(', ')}, or all`)
    .option('--no-crosstalk', 'switch thermal crosstalk off (same as --disable crosstalk)')
    .option('--dac-bits <N>', "override the PDK's DAC resolution (heater drive and input modulators)")
    .option('--split-sigma <X>', "override the PDK's coupler splitting-ratio spread (absolute, e.g. 0.005)")
    .option('--threads <N>', 'worker threads for the chips (default: min(chips, cores))')
    .option('--correct <method>', "per-chip correction, scored beside the uncorrected chips: calibrate (phases from the chip's measured imperfections), finetune (on the calibration samples: heater drives by gradient descent on the chip's model, then electronic per-channel gain/offset), both (calibrate, then finetune), or none")
    .option('--calibration-samples <N>', 'with --correct: the first N samples calibrate (default 1000); every score is then on the rest')
    .action(async (input: string, flags: EvalFlags) => {
      const samples = sampleOptionsFrom(flags);
      const mode = noiseMode(flags.noise);
      if (mode === 'ideal') {
        for (const [key, name] of PDK_FLAGS) if (flags[key] !== undefined) throw new UsageError(`${name} applies only with --noise pdk`);
        if (flags.crosstalk === false) throw new UsageError('--no-crosstalk applies only with --noise pdk');
      }
      const compileBar = progressBar('compile', io.stderr);
      const runBar = progressBar(mode === 'pdk' ? 'chips' : 'eval', io.stderr);
      const started = performance.now();
      const mapping = { mesh: meshOption(flags.mesh), coreSize: parseCoreSize(flags.coreSize) };
      const onProgress = (phase: 'compile' | 'run' | 'chips', done: number, total: number): void => {
        if (phase === 'compile') compileBar.update(done, total);
        else if (mode === 'ideal' || phase === 'chips') {
          compileBar.done();
          runBar.update(done, total);
        }
      };
      const layoutOf = (c: { options: { mesh: string; coreSize: number | null } }): string =>
        `${c.options.mesh}, ${c.options.coreSize === null ? 'full-size meshes' : `core ${c.options.coreSize}`}`;

      if (mode === 'pdk') {
        if (flags.calibrationSamples !== undefined && (flags.correct === undefined || flags.correct === 'none')) {
          throw new UsageError('--calibration-samples applies only with --correct calibrate|finetune|both');
        }
        const disable: Imperfection[] = flags.disable === undefined ? [] : parseImperfections(flags.disable, '--disable');
        if (flags.crosstalk === false && !disable.includes('crosstalk')) disable.push('crosstalk');
        const splitSigma = flags.splitSigma === undefined ? undefined : parseNumber(flags.splitSigma, 'split-sigma');
        let run;
        try {
          run = await evaluateMonteCarlo(input, {
            ...samples,
            ...mapping,
            saveOutputs: flags.saveOutputs,
            onProgress,
            noise: {
              pdk: flags.pdk,
              trials: intFlag(flags.trials, '--trials', 1),
              seed: intFlag(flags.seed, '--seed', -Number.MAX_SAFE_INTEGER),
              ablation: flags.ablation ?? false,
              disable,
              dacBits: intFlag(flags.dacBits, '--dac-bits', 1),
              splitRatioSigma: splitSigma,
              threads: intFlag(flags.threads, '--threads', 1),
              correct: correctFlag(flags.correct),
              calibrationSamples: intFlag(flags.calibrationSamples, '--calibration-samples', 1),
            },
          });
        } finally {
          compileBar.done();
          runBar.done();
        }
        const seconds = (performance.now() - started) / 1000;
        io.stdout.write(flags.json ? JSON.stringify(run.result) + '\n' : monteCarloText(run.result, seconds, layoutOf(run.circuit)));
        setCode(EXIT_OK);
        return;
      }

      let run;
      try {
        run = evaluate(input, { ...samples, ...mapping, saveOutputs: flags.saveOutputs, onProgress });
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
            `photonic   ${acc(r.photonic)}  (ideal chip, ${layoutOf(run.circuit)})`,
            `agreement  ${formatPercent(r.agreement)} same argmax`,
            `Δlogit     max ${r.logit_diff.max_abs.toExponential(2)}, rms ${r.logit_diff.rms.toExponential(2)}`,
            `time       ${seconds.toFixed(2)} s`,
          ].join('\n') + '\n',
        );
      }
      setCode(EXIT_OK);
    });
}
