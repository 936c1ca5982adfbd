/**
 * `foundry compile`: ONNX model → photonic circuit files in a directory (written atomically):
 *   circuit.json  the whole circuit (meshes, attenuators, scales, electronic ops, schedule, conventions)
 *   phases/       every mesh in the mesh-phases v1 format
 *   report.json   per-layer hardware counts and totals, and the physical figures for one PDK (loss, power,
 *                 energy, latency, area, feasibility checks: emit/report-json)
 *   model.onnx    the source model, so `foundry eval DIR` can run the digital reference next to the circuit
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FoundryError, UsageError } from '../core/errors.js';
import { circuitFromJson } from '../ir/circuit-json.js';
import type { CircuitIR, MeshTopology } from '../ir/circuit.js';
import type { GraphIR } from '../ir/graph.js';
import { importOnnx, readModelFile } from '../import/index.js';
import { mapGraph } from '../map/map-graph.js';
import { CIRCUIT_FILE, writeCircuitFiles } from '../emit/circuit-files/index.js';
import { reportCost } from '../emit/report-json/index.js';
import type { CircuitCost } from '../cost/index.js';
import { builtinPdk, DEFAULT_PDK_NAME } from '../pdk/index.js';
import type { Pdk } from '../pdk/types.js';
import { writeDeliverables, type DeliverableOptions } from './deliverables.js';
import { writeOutputDir } from './output-files.js';

export const MODEL_FILE = 'model.onnx';

export interface MappingOptions {
  readonly mesh?: MeshTopology;
  readonly coreSize?: number | null;
  /** Called as tiles are decomposed: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CompileOptions extends MappingOptions {
  readonly out: string;
  readonly force?: boolean;
  /** PDK of report.json's physical figures (default: the built-in default PDK, soi-thermo). */
  readonly pdk?: Pdk;
  /** Which hardware deliverables to write (all by default). */
  readonly deliverables?: DeliverableOptions;
}

/** A model together with its compiled circuit. */
export interface CompiledModel {
  readonly graph: GraphIR;
  readonly circuit: CircuitIR;
  readonly modelBytes: Uint8Array;
}

export function validateMappingOptions(options: MappingOptions): void {
  if (options.mesh !== undefined && options.mesh !== 'clements' && options.mesh !== 'reck') {
    throw new UsageError(`--mesh must be 'clements' or 'reck', got '${options.mesh}'`);
  }
  const k = options.coreSize;
  if (k !== undefined && k !== null && (!Number.isInteger(k) || k < 1 || k > 4096)) {
    throw new UsageError(`--core-size must be an integer from 1 to 4096, got ${k}`);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Imports and maps a model file (in memory). */
export function compileModel(modelPath: string, options: MappingOptions = {}): CompiledModel {
  validateMappingOptions(options);
  const modelBytes = readModelFile(modelPath);
  const graph = importOnnx(modelBytes, { source: modelPath });
  const circuit = mapGraph(graph, {
    mesh: options.mesh,
    coreSize: options.coreSize ?? null,
    source: { model: path.basename(modelPath), sha256: sha256(modelBytes) },
    onProgress: options.onProgress,
  });
  return { graph, circuit, modelBytes };
}

/** A compiled directory's model and circuit, with the cost figures written into its report.json. */
export interface CompiledDirectory extends CompiledModel {
  readonly cost: CircuitCost;
}

/** Compiles a model file into `options.out` (atomically; an existing directory needs `force`). */
export function compileToDirectory(modelPath: string, options: CompileOptions): CompiledDirectory {
  if (existsSync(options.out) && !options.force) {
    // checked before the (possibly long) compile so the user hears about it at once
    throw new FoundryError('PF_ERR_OUTPUT_EXISTS', `output directory '${options.out}' already exists; use --force to replace it`, { stage: 'emit' });
  }
  const compiled = compileModel(modelPath, options);
  const pdk = options.pdk ?? builtinPdk(DEFAULT_PDK_NAME);
  const cost = reportCost(compiled.circuit, { pdk });
  writeOutputDir(options.out, options.force ?? false, (tmp) => {
    const artifacts = writeDeliverables(compiled.circuit, cost, pdk, tmp, options.deliverables);
    writeCircuitFiles(compiled.circuit, tmp, { cost, artifacts });
    writeFileSync(path.join(tmp, MODEL_FILE), compiled.modelBytes);
  });
  return { ...compiled, cost };
}

/** Loads a directory written by compileToDirectory; checks that model.onnx is the model the circuit came from. */
export function loadCompiledDirectory(dir: string): CompiledModel {
  const circuitPath = path.join(dir, CIRCUIT_FILE);
  if (!existsSync(circuitPath)) throw new FoundryError('PF_ERR_FILE_NOT_FOUND', `'${dir}' is not a compiled circuit directory (no ${CIRCUIT_FILE})`, { stage: 'import' });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(circuitPath, 'utf8'));
  } catch (err) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `${circuitPath}: not valid JSON (${(err as Error).message})`, { stage: 'import', cause: err });
  }
  const circuit = circuitFromJson(json, circuitPath);
  const modelPath = path.join(dir, MODEL_FILE);
  const modelBytes = readModelFile(modelPath);
  if (circuit.source.sha256 && sha256(modelBytes) !== circuit.source.sha256) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `${modelPath} is not the model ${CIRCUIT_FILE} was compiled from (sha256 differs)`, { stage: 'import' });
  }
  return { graph: importOnnx(modelBytes, { source: modelPath }), circuit, modelBytes };
}

/** A compiled directory, or an ONNX file compiled in memory. */
export function loadOrCompile(input: string, options: MappingOptions = {}): CompiledModel {
  if (existsSync(input) && statSync(input).isDirectory()) {
    const compiled = loadCompiledDirectory(input);
    const k = options.coreSize;
    if (k !== undefined && k !== compiled.circuit.options.coreSize) {
      throw new UsageError(`'${input}' was compiled with core size ${compiled.circuit.options.coreSize ?? 'full'}; recompile it to use --core-size ${k ?? 'full'}`);
    }
    if (options.mesh !== undefined && options.mesh !== compiled.circuit.options.mesh) {
      throw new UsageError(`'${input}' was compiled with --mesh ${compiled.circuit.options.mesh}; recompile it to use --mesh ${options.mesh}`);
    }
    return compiled;
  }
  return compileModel(input, options);
}
