/**
 * A Monte-Carlo run: T chips (and, for ablation, T chips per single-imperfection configuration) over one
 * dataset, on worker threads. Jobs (configuration, chip) are dealt round-robin to the workers up front, so a
 * worker never waits for the main thread; every chip's result depends only on (seed, chip index, configuration),
 * never on the number of threads.
 *
 * Each worker (chip-worker.ts) receives the circuit, the configurations and the samples (in a
 * SharedArrayBuffer, not copied), plans each configuration once and runs its jobs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FoundryError, type ErrorCode } from '../../core/errors.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { buildChip, type PhotonicChip } from '../chip.js';
import { planChips, type ChipPlan } from './chip-plan.js';
import { runChip, type ChipResult, type SampleSet } from './chip-run.js';
import type { NoiseModel } from './noise-model.js';
import { correctionHook, type Correction } from '../../recover/index.js';

export interface MonteCarloJob {
  readonly circuit: CircuitIR;
  readonly samples: SampleSet;
  readonly seed: number;
  /** Configurations; results come back as [configuration][chip]. */
  readonly models: readonly NoiseModel[];
  /** Chips per configuration: 0 … trials − 1. */
  readonly trials: number;
  readonly perLayerSamples: number;
  /** Per configuration (parallel to `models`): the chip correction (src/recover); absent or 'none': none. */
  readonly corrections?: readonly Correction[];
  /** Calibration samples of the corrections (required by 'finetune' and 'both'). */
  readonly calibration?: SampleSet;
}

export interface MonteCarloOptions {
  /** Worker threads (default: min(jobs, available cores)); 1 runs in this thread. */
  readonly threads?: number;
  /** Samples done over all jobs, of models × trials × n. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Messages of chip-worker.ts. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly samples: number }
  | { readonly type: 'done'; readonly config: number; readonly result: ChipResult }
  | { readonly type: 'error'; readonly code: string | null; readonly message: string };

/** What a worker is given. */
export interface WorkerInput {
  readonly job: MonteCarloJob;
  /** (configuration, chip) pairs for this worker, in order. */
  readonly assignments: readonly (readonly [number, number])[];
}

/**
 * Runs the assigned jobs in this thread (the worker body, also used with threads = 1): plans every
 * configuration it needs first (so a PDK that cannot work is reported before any chip runs), calls `onReady`,
 * then runs the chips.
 */
export function runAssignments(
  input: WorkerInput,
  onBatch: (samples: number) => void,
  onDone: (config: number, result: ChipResult) => void,
  onReady: () => void = () => {},
): void {
  const { job } = input;
  const plans = new Map<number, ChipPlan>();
  if (input.assignments.length > 0) {
    const ideal: PhotonicChip = buildChip(job.circuit);
    for (const [config] of input.assignments) if (!plans.has(config)) plans.set(config, planChips(job.circuit, job.models[config], ideal));
  }
  onReady();
  for (const [config, chip] of input.assignments) {
    const plan = plans.get(config)!;
    const correction = job.corrections?.[config] ?? 'none';
    const correct = correction === 'none' ? undefined : correctionHook(job.circuit, plan, correction, job.calibration);
    onDone(config, runChip(job.circuit, plan, job.samples, job.seed, chip, { perLayerSamples: job.perLayerSamples, onBatch, correct }));
  }
}

/** A started run: `ready` once every configuration is planned (PDK problems reject it), `done` with the results. */
export interface MonteCarloRun {
  readonly ready: Promise<void>;
  readonly done: Promise<ChipResult[][]>;
}

function spawnWorker(input: WorkerInput): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // running from source under tsx: register its loader in the worker first
    const url = new URL('./chip-worker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
    return new Worker(code, { eval: true, workerData: input });
  }
  return new Worker(new URL('./chip-worker.js', import.meta.url), { workerData: input });
}

function shareSamples(samples: SampleSet): SampleSet {
  if (samples.data.buffer instanceof SharedArrayBuffer) return samples;
  const shared = new Float64Array(new SharedArrayBuffer(samples.data.byteLength));
  shared.set(samples.data);
  return { ...samples, data: shared };
}

/** Runs every (configuration, chip) job; resolves to results[configuration][chip]. */
export function runMonteCarlo(job: MonteCarloJob, options: MonteCarloOptions = {}): Promise<ChipResult[][]> {
  const run = startMonteCarlo(job, options);
  return run.ready.then(() => run.done);
}

/**
 * Starts every (configuration, chip) job — on worker threads, or (threads = 1) in this thread before it returns.
 * When `ready` rejects, `done` rejects with the same error.
 */
export function startMonteCarlo(job: MonteCarloJob, options: MonteCarloOptions = {}): MonteCarloRun {
  const pairs: [number, number][] = [];
  job.models.forEach((_, c) => {
    for (let k = 0; k < job.trials; k++) pairs.push([c, k]);
  });
  const total = pairs.length * job.samples.n;
  let samplesDone = 0;
  const onBatch = (s: number): void => {
    samplesDone += s;
    options.onProgress?.(samplesDone, total);
  };
  const results: ChipResult[][] = job.models.map(() => new Array<ChipResult>(job.trials));
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), pairs.length));
  if (threads === 1) {
    try {
      runAssignments({ job, assignments: pairs }, onBatch, (c, r) => (results[c][r.chip] = r));
      return { ready: Promise.resolve(), done: Promise.resolve(results) };
    } catch (err) {
      const failed = Promise.reject(err);
      failed.catch(() => undefined);
      return { ready: failed, done: failed };
    }
  }
  const shared = { ...job, samples: shareSamples(job.samples) };
  let readyResolve!: () => void;
  let readyReject!: (err: unknown) => void;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  ready.catch(() => undefined); // observed through `done` as well
  const done = new Promise<ChipResult[][]>((resolve, reject) => {
    const workers: Worker[] = [];
    let remaining = pairs.length;
    let unready = threads;
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      readyReject(err);
      reject(err);
    };
    for (let w = 0; w < threads; w++) {
      const assignments = pairs.filter((_, j) => j % threads === w);
      const worker = spawnWorker({ job: shared, assignments });
      workers.push(worker);
      let left = assignments.length;
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'ready') {
          if (--unready === 0) readyResolve();
        } else if (msg.type === 'progress') onBatch(msg.samples);
        else if (msg.type === 'done') {
          results[msg.config][msg.result.chip] = msg.result;
          left--;
          remaining--;
          if (left === 0) void worker.terminate();
          if (remaining === 0 && !failed) resolve(results);
        } else {
          fail(msg.code ? new FoundryError(msg.code as ErrorCode, msg.message, { stage: 'sim' }) : new Error(msg.message));
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (left > 0) fail(new FoundryError('PF_ERR_INTERNAL', `a Monte-Carlo worker thread exited (code ${code}) before finishing its chips`, { stage: 'sim' }));
      });
    }
  });
  done.catch(() => undefined); // the caller awaits it after `ready`
  return { ready, done };
}
