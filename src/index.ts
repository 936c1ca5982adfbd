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
export { createRng, type Rng } from './core/rng.js';
export { haarUnitary, type CMat } from './core/linalg/index.js';
export type { MeshTopology, MziMesh } from './map/index.js';
export {
  decomposeUnitary,
  decomposeFiles,
  rebuildFiles,
  readMeshPhasesFile,
  meshPhasesDepth,
  timeRepeats,
  DEFAULT_TIMING_POLICY,
  type TimingPolicy,
  type Timed,
  type DecomposeTiming,
  type DecomposePhasesDoc,
  type DecomposeUnitaryOptions,
  type DecomposeUnitaryResult,
  type DecomposeFilesOptions,
  type DecomposeSummary,
  type RebuildFilesOptions,
  type RebuildSummary,
} from './pipeline/decompose.js';
export {
  UNITARY_FILE_TOL,
  parseUnitaryMatrix,
  parseBatchMatrix,
  readUnitaryFile,
  readBatchFile,
  unitaryJson,
  batchJson,
  type UnitaryInput,
} from './pipeline/matrix-files.js';
export type { CircuitIR, OpticalLayer, MeshTile } from './ir/circuit.js';
export { circuitStats, layerStats, type CircuitStats, type LayerStats } from './ir/circuit-stats.js';
export { circuitToJson, circuitFromJson } from './ir/circuit-json.js';
export { mapGraph, type MapOptions } from './map/map-graph.js';
export { buildChip, type PhotonicChip } from './sim/chip.js';
export { CircuitRunner } from './sim/circuit-runner.js';
export { compileModel, compileToDirectory, loadCompiledDirectory, loadOrCompile, type CompiledModel, type CompileOptions } from './pipeline/compile.js';
export {
  evaluate, evaluateMonteCarlo, type EvalOptions, type EvalResult, type MonteCarloEvalOptions, type MonteCarloEvalResult, type MonteCarloEvalRun,
} from './pipeline/eval.js';
export { IMPERFECTIONS, parseImperfections, type Imperfection, type NoiseModel } from './sim/noise/index.js';
export { CORRECTIONS, calibratePlan, finetuneChip, precompensate, type Correction } from './recover/index.js';
export { writeFilesAtomic, checkOutputPaths, writeOutputDir, type OutputFile } from './pipeline/output-files.js';
export {
  SPEED_OF_LIGHT_M_PER_S,
  ELEMENTARY_CHARGE_C,
  BOLTZMANN_J_PER_K,
  PLANCK_J_S,
  ROOM_TEMPERATURE_K,
  TWO_PI_RAD,
  dbToAmplitude,
  dbToPowerRatio,
  amplitudeToDb,
  powerRatioToDb,
  dbmToMw,
  mwToDbm,
  mwToW,
  wToMw,
  pjToJ,
  nmToM,
  umToM,
  umToCm,
  mmToUm,
  usToS,
  nsToS,
  ghzToHz,
  naToA,
  paToA,
} from './core/units.js';
export {
  PDK_SCHEMA,
  parsePdk,
  pdkNumericFields,
  BUILTIN_PDK_NAMES,
  DEFAULT_PDK_NAME,
  builtinPdk,
  listPdks,
  loadPdk,
  vTwoPiV,
  dacMaxCode,
  phaseToVoltageV,
  voltageToPhaseRad,
  phaseToCode,
  codeToPhase,
  heaterPowerMw,
  describePdkFields,
  unitOfField,
  type Pdk,
  type PhaseLaw,
  type PhaseShifterType,
  type PdkFieldRow,
} from './pdk/index.js';
export {
  emitLayoutGds,
  writeLayoutGds,
  readGds,
  flattenTexts,
  structureBbox,
  topStructures,
  renderLayoutPng,
  DEFAULT_RENDER_SIZE_PX,
  DEFAULT_LAYOUT_OPTIONS,
  CELL_NAMES,
  type GdsLayout,
  type LayoutSummary,
  type LayoutOptions,
  type GdsLibrary,
  type RenderOptions,
  type RenderResult,
} from './emit/gdsii/index.js';
export {
  emitNetlistYaml,
  writeNetlistYaml,
  parseNetlistYaml,
  NETLIST_COMPONENTS,
  type NetlistOptions,
  type NetlistSummary,
  type NetlistComponent,
} from './emit/netlist/index.js';
