/**
 * `foundry eval`: the digital reference and the photonic circuit on the same samples.
 * The circuit comes from a compiled directory or is compiled in memory from the ONNX file.
 */
import type { CircuitIR } from '../ir/circuit.js';
import { Executor } from '../exec/index.js';
import { buildChip } from '../sim/chip.js';
import { CircuitRunner } from '../sim/circuit-runner.js';
import { loadOrCompile, type MappingOptions } from './compile.js';
import { checkOutputPaths, writeFilesAtomic } from './output-files.js';
import { argmax, batchTensor, outputRows, prepareSamples, type SampleOptions } from './samples.js';

export interface EvalOptions extends SampleOptions, Omit<MappingOptions, 'onProgress'> {
  /** Writes {"labels", "digital", "photonic"} (float64, dataset order) to this file. */
  readonly saveOutputs?: string;
  /** Called while compiling (tiles) and running (samples). */
  readonly onProgress?: (phase: 'compile' | 'run', done: number, total: number) => void;
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
