/**
 * @module photonic-foundry — the library's public surface. The CLI, the service and the ops tooling import
 * only from here. Stages: import (ONNX → GraphIR) → exec (float64 reference) / analyze → map → sim → emit.
 */
export * from './core/errors.js';
export type { Tensor, DType } from './core/tensor.js';
export type { GraphIR, NodeIR, ValueInfo } from './ir/graph.js';
export { importOnnx, importOnnxFile } from './import/index.js';
export { analyzeModel, type ModelAnalysis, type NodeAnalysis, type LinearLayerAnalysis } from './analyze/index.js';
export { Executor, runGraph } from './exec/index.js';
export { inferDataset, type InferOptions, type InferResult } from './pipeline/infer.js';
export { prepareSamples, type SampleOptions, type ModelSamples } from './pipeline/samples.js';
export { parseNumber, parseNumberList, parseResize, loadDataset, type Dataset, type PreprocessOptions } from './data/index.js';
