/**
 * Inference over a dataset with the float64 digital reference executor (`foundry infer`).
 */
import type { GraphIR } from '../ir/graph.js';
import { Executor } from '../exec/index.js';
import { argmax, batchTensor, outputRows, prepareSamples, type SampleOptions } from './samples.js';

export interface InferOptions extends SampleOptions {
  /** Called after each batch with (samples done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** `foundry infer --json` prints exactly this object. */
export interface InferResult {
  readonly model: string;
  readonly n: number;
  /** Samples whose argmax equals the label; null without labels. */
  readonly correct: number | null;
  readonly accuracy: number | null;
  /** The dataset's labels; null when it has none. */
  readonly labels: number[] | null;
  /** The graph's first output per sample, flattened (logits, or probabilities when the graph ends in Softmax). */
  readonly logits: number[][];
}

export function inferDataset(graph: GraphIR, modelName: string, options: InferOptions): InferResult {
  const samples = prepareSamples(graph, options);
  const executor = new Executor(graph);
  const outputName = graph.outputs[0].name;
  const logits: number[][] = [];
  for (const batch of samples.batches) {
    const out = executor.run({ [samples.input.name]: batchTensor(samples, batch) })[outputName];
    logits.push(...outputRows(out, batch));
    options.onProgress?.(batch.end, samples.dataset.n);
  }
  const labels = samples.dataset.labels ? Array.from(samples.dataset.labels) : null;
  const correct = labels ? labels.reduce((c, y, i) => c + (argmax(logits[i]) === y ? 1 : 0), 0) : null;
  return {
    model: modelName,
    n: logits.length,
    correct,
    accuracy: correct === null ? null : correct / logits.length,
    labels,
    logits,
  };
}
