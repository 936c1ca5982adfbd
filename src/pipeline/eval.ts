/**
 * `foundry eval`: the digital reference and the photonic circuit on the same samples.
 * The circuit comes from a compiled directory or is compiled in memory from the ONNX file.
 *
 * `evaluate` runs the ideal chip (noise mode `ideal`). `evaluateMonteCarlo` runs T Monte-Carlo chips with a
 * PDK's imperfections (noise mode `pdk`, src/sim/noise), on worker threads, while this thread runs the digital
 * reference; it adds per-chip accuracies, per-layer relative errors and, on request, an ablation.
 */
import { UsageError } from '../core/errors.js';
import type { CircuitIR } from '../ir/circuit.js';
import type { GraphIR } from '../ir/graph.js';
import { Executor } from '../exec/index.js';
import { DEFAULT_PDK_NAME, loadPdk } from '../pdk/index.js';
import type { Pdk } from '../pdk/types.js';
import { buildChip } from '../sim/chip.js';
import { CircuitRunner } from '../sim/circuit-runner.js';
import {
  onlyImperfection, resolveNoiseModel, startMonteCarlo,
  type ChipResult, type Imperfection, type NoiseModel, type SampleSet,
} from '../sim/noise/index.js';
import { makeBatches } from '../data/index.js';
import { CORRECTIONS, type Correction } from '../recover/index.js';
import { loadOrCompile, type MappingOptions } from './compile.js';
import { checkOutputPaths, writeFilesAtomic } from './output-files.js';
import { argmax, batchTensor, outputRows, prepareSamples, type ModelSamples, type SampleOptions } from './samples.js';

export interface EvalOptions extends SampleOptions, Omit<MappingOptions, 'onProgress'> {
  /** Writes {"labels", "digital", "photonic"} (float64, dataset order) to this file. */
  readonly saveOutputs?: string;
  /**
   * Called while compiling (tiles) and running (samples): 'run' = the digital reference (and the ideal chip);
   * 'chips' = Monte-Carlo chips, samples over all chips and configurations.
   */
  readonly onProgress?: (phase: 'compile' | 'run' | 'chips', done: number, total: number) => void;
}

export interface Accuracy {
  readonly accuracy: number | null;
  readonly correct: number | null;
}

/** `foundry eval --json` prints exactly this object. */
export interface EvalResult {
  readonly model: string;
  readonly n: number;
  readonly digital: Accuracy;
  readonly photonic: Accuracy;
  /** Fraction of samples whose digital and photonic argmax agree. */
  readonly agreement: number;
  readonly logit_diff: { readonly max_abs: number; readonly rms: number };
}

export interface EvalRun {
  readonly result: EvalResult;
  readonly circuit: CircuitIR;
}

function accuracyOf(outputs: readonly number[][], labels: readonly number[] | null): Accuracy {
  if (!labels) return { accuracy: null, correct: null };
  const correct = labels.reduce((c, y, i) => c + (argmax(outputs[i]) === y ? 1 : 0), 0);
  return { accuracy: correct / labels.length, correct };
}

/** Settings of a Monte-Carlo evaluation (noise mode `pdk`). */
export interface NoiseEvalOptions {
  /** Built-in PDK name or PDK JSON file (default DEFAULT_PDK_NAME), or a PDK object. */
  readonly pdk?: string | Pdk;
  /** Monte-Carlo chips (default 1). */
  readonly trials?: number;
  /** Seed (default 0): chip k uses createRng(seed, k). */
  readonly seed?: number;
  /** Also run every imperfection alone (T chips each). */
  readonly ablation?: boolean;
  /** Imperfections to switch off. */
  readonly disable?: readonly Imperfection[];
  /** Override pdk.dac.bits. */
  readonly dacBits?: number;
  /** Override pdk.coupler.splitRatioSigma. */
  readonly splitRatioSigma?: number;
  /** Worker threads (default: min(chips, cores)). */
  readonly threads?: number;
  /** Per-layer errors are measured on the first this many samples (default 500). */
  readonly perLayerSamples?: number;
  /** Per-chip correction (src/recover); anything but 'none' adds `corrected` and splits the data. */
  readonly correct?: Correction;
  /**
   * Calibration samples (default 1,000): the FIRST this many samples calibrate the chips; the uncorrected and
   * corrected scores (and the digital reference, n) are then taken on the REST only. Must be < the sample count.
   */
  readonly calibrationSamples?: number;
}

export interface MonteCarloEvalOptions extends EvalOptions {
  readonly noise: NoiseEvalOptions;
}

/** `photonic` of a Monte-Carlo eval: means over chips, their spread and each chip's accuracy. */
export interface PhotonicMonteCarlo {
  /** Mean accuracy over chips. */
  readonly accuracy: number | null;
  /** Mean correct count over chips. */
  readonly correct: number | null;
  /** Standard deviation of the chips' accuracies (population, 0 for one chip). */
  readonly accuracy_std: number | null;
  /** Lowest chip accuracy. */
  readonly worst: number | null;
  /** Accuracy of each chip, chip 0 first. */
  readonly per_chip: readonly (number | null)[];
}

/** `foundry eval --noise pdk --json` prints exactly this object (`ablation` only with --ablation). */
export interface MonteCarloEvalResult {
  readonly model: string;
  readonly n: number;
  readonly digital: Accuracy;
  readonly photonic: PhotonicMonteCarlo;
  /** Mean over chips of the fraction of samples whose digital and photonic argmax agree. */
  readonly agreement: number;
  /** Over all chips: largest |Δlogit| and RMS Δlogit (finite logits only). */
  readonly logit_diff: { readonly max_abs: number; readonly rms: number };
  /** Per optical layer: ‖Y − Y_ideal‖/‖Y_ideal‖ on the same inputs (first perLayerSamples samples), mean over chips. */
  readonly per_layer: readonly { readonly name: string; readonly rel_error: number | null }[];
  /** With a correction: the same chips corrected (mean, spread, worst over chips), on the same n samples. */
  readonly corrected?: { readonly method: Correction; readonly calibration_samples: number; readonly accuracy: number | null; readonly accuracy_std: number | null; readonly worst: number | null };
  /** Mean accuracy over T chips with only that imperfection on. */
  readonly ablation?: Readonly<Record<string, number | null>>;
  readonly noise: {
    readonly mode: 'pdk';
    readonly pdk: string;
    readonly trials: number;
    readonly seed: number;
    /** Imperfections that were on. */
    readonly imperfections: readonly Imperfection[];
    /** Photonic logits that were NaN or ±∞ (left out of logit_diff; reported, never written as NaN). */
    readonly non_finite_logits: number;
  };
}

export interface MonteCarloEvalRun {
  readonly result: MonteCarloEvalResult;
  readonly circuit: CircuitIR;
}

/** The digital reference on every sample (rows in dataset order). */
function runDigital(graph: GraphIR, samples: ModelSamples, onProgress?: (done: number, total: number) => void): number[][] {
  const exec = new Executor(graph);
  const outputName = graph.outputs[0].name;
  const rows: number[][] = [];
  for (const batch of samples.batches) {
    rows.push(...outputRows(exec.run({ [samples.input.name]: batchTensor(samples, batch) })[outputName], batch));
    onProgress?.(batch.end, samples.dataset.n);
  }
  return rows;
}

function positiveInt(v: number | undefined, fallback: number, option: string): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new UsageError(`${option} must be a positive integer, got ${v}`);
  return v;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Samples [start, end) of a set as a set of their own (batches of the same size, renumbered from 0). */
function subsetSamples(set: SampleSet, start: number, end: number): SampleSet {
  const per = set.sampleDims.reduce((a, b) => a * b, 1);
  const size = set.batches.length > 0 ? set.batches[0].size : 1;
  // a fixed model batch pads its batches (or cuts them all to one size); a dynamic one never pads
  const fixed = set.batches.some((b) => b.size !== b.real) || (set.batches.length > 1 && set.batches.every((b) => b.size === size));
  const n = end - start;
  const batches = makeBatches(n, fixed ? size : null, size);
  return { ...set, data: set.data.slice(start * per, end * per), n, batches };
}

/** Runs T Monte-Carlo chips with a PDK's imperfections against the digital reference (see NoiseEvalOptions). */
export async function evaluateMonteCarlo(input: string, options: MonteCarloEvalOptions): Promise<MonteCarloEvalRun> {
  const noise = options.noise;
  const trials = positiveInt(noise.trials, 1, '--trials');
  const threads = noise.threads === undefined ? undefined : positiveInt(noise.threads, 1, '--threads');
  const seed = noise.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  const perLayerSamples = noise.perLayerSamples ?? 500;
  const correct = noise.correct ?? 'none';
  if (!(CORRECTIONS as readonly string[]).includes(correct)) throw new UsageError(`--correct must be one of ${CORRECTIONS.join(', ')}, got '${correct}'`);
  const calibrationSamples = noise.calibrationSamples ?? 1000;
  if (!Number.isSafeInteger(calibrationSamples) || calibrationSamples < 1) throw new UsageError(`--calibration-samples must be a positive integer, got ${calibrationSamples}`);
  if (!Number.isSafeInteger(perLayerSamples) || perLayerSamples < 0) throw new UsageError(`per-layer samples must be an integer ≥ 0, got ${perLayerSamples}`);
  const pdk = typeof noise.pdk === 'object' ? noise.pdk : loadPdk(noise.pdk ?? DEFAULT_PDK_NAME);
  const model = resolveNoiseModel(pdk, { disable: noise.disable, dacBits: noise.dacBits, splitRatioSigma: noise.splitRatioSigma });
  if (options.saveOutputs) checkOutputPaths([options.saveOutputs]);

  const { graph, circuit } = loadOrCompile(input, {
    mesh: options.mesh,
    coreSize: options.coreSize,
    onProgress: (d, t) => options.onProgress?.('compile', d, t),
  });
  const samples = prepareSamples(graph, options);
  const total = samples.dataset.n;
  const fullSet: SampleSet = {
    inputName: samples.input.name,
    dtype: samples.input.dtype,
    sampleDims: samples.sampleDims,
    data: samples.dataset.data,
    n: total,
    batches: samples.batches,
    outputName: graph.outputs[0].name,
  };
  const calibrationN = correct === 'none' ? 0 : calibrationSamples;
  if (correct !== 'none' && calibrationN >= total) {
    throw new UsageError(`--calibration-samples (${calibrationN}) must be less than the number of samples (${total}): the chips are scored on the samples after the calibration ones`);
  }
  const calibration = calibrationN > 0 ? subsetSamples(fullSet, 0, calibrationN) : undefined;
  const sampleSet = calibrationN > 0 ? subsetSamples(fullSet, calibrationN, total) : fullSet;
  const n = sampleSet.n;
  const models: NoiseModel[] = [model, ...(noise.ablation ? model.enabled.map((name) => onlyImperfection(model, name)) : [])];
  const corrections: Correction[] = models.map(() => 'none');
  if (correct !== 'none') {
    models.push(model);
    corrections.push(correct);
  }
  // the chips run on worker threads while this thread runs the digital reference (once every worker has planned
  // its chips, so a PDK that cannot work is reported at once)
  const mc = startMonteCarlo(
    { circuit, samples: sampleSet, seed, models, trials, perLayerSamples, corrections, ...(calibration ? { calibration } : {}) },
    { threads, onProgress: (d, t) => options.onProgress?.('chips', d, t) },
  );
  await mc.ready;
  const digital = runDigital(graph, samples, (d, t) => options.onProgress?.('run', d, t)).slice(calibrationN);
  const results = await mc.done;

  const labels = samples.dataset.labels ? Array.from(samples.dataset.labels).slice(calibrationN) : null;
  const chipAccuracy = (r: ChipResult): { accuracy: number | null; correct: number | null } => {
    if (!labels) return { accuracy: null, correct: null };
    let correct = 0;
    for (let i = 0; i < n; i++) if (argmax(r.outputs.subarray(i * r.outputSize, (i + 1) * r.outputSize)) === labels[i]) correct++;
    return { accuracy: correct / n, correct };
  };
  const meanAccuracy = (rs: readonly ChipResult[]): number | null => {
    if (!labels) return null;
    return rs.reduce((s, r) => s + (chipAccuracy(r).accuracy ?? 0), 0) / rs.length;
  };

  const summary = (rs: readonly ChipResult[]): { accuracy: number | null; accuracy_std: number | null; worst: number | null } => {
    if (!labels) return { accuracy: null, accuracy_std: null, worst: null };
    const accs = rs.map((r) => chipAccuracy(r).accuracy!);
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    return {
      accuracy: mean,
      accuracy_std: Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / accs.length),
      worst: accs.reduce((a, b) => Math.min(a, b), Infinity),
    };
  };

  const main = results[0];
  const perChip = main.map(chipAccuracy);
  let photonic: PhotonicMonteCarlo;
  if (labels) {
    const accs = perChip.map((a) => a.accuracy!);
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    const std = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / accs.length);
    photonic = {
      accuracy: mean,
      correct: perChip.reduce((s, a) => s + a.correct!, 0) / perChip.length,
      accuracy_std: std,
      worst: accs.reduce((a, b) => Math.min(a, b), Infinity),
      per_chip: accs,
    };
  } else {
    photonic = { accuracy: null, correct: null, accuracy_std: null, worst: null, per_chip: perChip.map(() => null) };
  }

  let agreeSum = 0;
  let maxAbs = 0;
  let sumSq = 0;
  let count = 0;
  let nonFinite = 0;
  for (const r of main) {
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const row = r.outputs.subarray(i * r.outputSize, (i + 1) * r.outputSize);
      if (argmax(digital[i]) === argmax(row)) agree++;
      for (let c = 0; c < row.length; c++) {
        if (!Number.isFinite(row[c])) {
          nonFinite++;
          continue;
        }
        const d = Math.abs(digital[i][c] - row[c]);
        if (d > maxAbs) maxAbs = d;
        sumSq += d * d;
        count++;
      }
    }
    agreeSum += n > 0 ? agree / n : 0;
  }

  const perLayer = circuit.layers.map((layer, l) => {
    let sum = 0;
    for (const r of main) {
      const err = r.layerSqErr[l];
      const ref = r.layerSqRef[l];
      sum += ref > 0 ? Math.sqrt(err / ref) : err > 0 ? Infinity : 0;
    }
    return { name: layer.name, rel_error: main.length > 0 && perLayerSamples > 0 ? finiteOrNull(sum / main.length) : null };
  });

  if (options.saveOutputs) {
    const first = main[0];
    const photonicRows = Array.from({ length: n }, (_, i) => Array.from(first.outputs.subarray(i * first.outputSize, (i + 1) * first.outputSize)));
    writeFilesAtomic([{ path: options.saveOutputs, text: JSON.stringify({ labels, digital, photonic: photonicRows }) + '\n' }]);
  }

  const result: MonteCarloEvalResult = {
    model: input,
    n,
    digital: accuracyOf(digital, labels),
    photonic,
    agreement: main.length > 0 ? agreeSum / main.length : 0,
    logit_diff: { max_abs: maxAbs, rms: count > 0 ? Math.sqrt(sumSq / count) : 0 },
    per_layer: perLayer,
    ...(correct !== 'none' ? { corrected: { method: correct, calibration_samples: calibrationN, ...summary(results[results.length - 1]) } } : {}),
    ...(noise.ablation ? { ablation: Object.fromEntries(model.enabled.map((name, i) => [name, meanAccuracy(results[i + 1])])) } : {}),
    noise: {
      mode: 'pdk',
      pdk: model.pdk.name,
      trials,
      seed,
      imperfections: model.enabled,
      non_finite_logits: nonFinite,
    },
  };
  return { circuit, result };
}

export function evaluate(input: string, options: EvalOptions): EvalRun {
  if (options.saveOutputs) checkOutputPaths([options.saveOutputs]); // before the long run, not after it
  const { graph, circuit } = loadOrCompile(input, {
    mesh: options.mesh,
    coreSize: options.coreSize,
    onProgress: (d, t) => options.onProgress?.('compile', d, t),
  });
  const samples = prepareSamples(graph, options);
  const digitalExec = new Executor(graph);
  const photonic = new CircuitRunner(circuit, buildChip(circuit));
  const outputName = graph.outputs[0].name;
  const digital: number[][] = [];
  const optical: number[][] = [];
  for (const batch of samples.batches) {
    const x = { [samples.input.name]: batchTensor(samples, batch) };
    digital.push(...outputRows(digitalExec.run(x)[outputName], batch));
    optical.push(...outputRows(photonic.run(x)[outputName], batch));
    options.onProgress?.('run', batch.end, samples.dataset.n);
  }
  const labels = samples.dataset.labels ? Array.from(samples.dataset.labels) : null;
  let agree = 0;
  let maxAbs = 0;
  let sumSq = 0;
  let count = 0;
  for (let i = 0; i < digital.length; i++) {
    if (argmax(digital[i]) === argmax(optical[i])) agree++;
    for (let c = 0; c < digital[i].length; c++) {
      const d = Math.abs(digital[i][c] - optical[i][c]);
      if (d > maxAbs) maxAbs = d;
      sumSq += d * d;
      count++;
    }
  }
  if (options.saveOutputs) {
    writeFilesAtomic([{ path: options.saveOutputs, text: JSON.stringify({ labels, digital, photonic: optical }) + '\n' }]);
  }
  return {
    circuit,
    result: {
      model: input,
      n: digital.length,
      digital: accuracyOf(digital, labels),
      photonic: accuracyOf(optical, labels),
      agreement: digital.length > 0 ? agree / digital.length : 0,
      logit_diff: { max_abs: maxAbs, rms: count > 0 ? Math.sqrt(sumSq / count) : 0 },
    },
  };
}
