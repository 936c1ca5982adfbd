/**
 * `foundry decompose` and `foundry rebuild` as library calls: unitary → MZI mesh → mesh-phases v1 document
 * (optionally propagating a batch through the programmed mesh), and mesh-phases document → unitary.
 *
 * decompose: the unitary (pipeline/matrix-files.ts) is decomposed (Clements or Reck, map/) and written with
 * emitMeshPhases; the maximum reconstruction error max |U − U_rec| is measured on the unitary rebuilt
 * (emit/mesh-phases rebuildUnitary) from the exact text that is written. With a batch X, Y is propagated
 * through the programmed mesh MZI by MZI (sim/: kernel build + propagation, never a product with U) and
 * checked against U·X (`maxForwardError`, informative).
 *
 * Timing (`timing` in the document, seconds): medians of in-process repeats, see `timeRepeats`:
 *  - `decompose_s`: the decomposition U → mesh (not reading, validating or writing);
 *  - `forward_s`: propagating the whole batch through the programmed mesh, including the per-chip preparation
 *    (resolving the mesh into its MZI kernel); null without a batch.
 * Outputs are written atomically after all computation (matrix-files.ts writeFilesAtomic); output directories
 * are checked before any work.
 */
import { FoundryError, InvalidInputError, UsageError } from '../core/errors.js';
import type { CMat } from '../core/linalg/index.js';
import { maxAbsDiff, multiplyCMat, unitarityDeviation } from '../core/linalg/index.js';
import type { MeshPhasesDoc } from '../emit/mesh-phases/index.js';
import { emitMeshPhases, parseMeshPhases, rebuildUnitary, stringifyMeshPhases } from '../emit/mesh-phases/index.js';
import type { MeshTopology, MziMesh } from '../map/index.js';
import { defaultDecomposers, meshDepth } from '../map/index.js';
import type { MeshPropagator } from '../sim/index.js';
import { buildMeshKernel, createMeshPropagator, propagateKernel } from '../sim/index.js';
import { batchJson, readBatchFile, readJsonFile, readUnitaryFile, unitaryJson } from './matrix-files.js';
import { checkOutputPaths, writeFilesAtomic } from './output-files.js';

/** How often a timed step is repeated. */
export interface TimingPolicy {
  /** At most this many runs. */
  readonly maxRepeats: number;
  /** A first run longer than this (seconds) is the only run. */
  readonly singleRunS: number;
  /** No new run starts once the runs so far took this long in total (seconds). */
  readonly budgetS: number;
}

/** 5 runs; 1 run when the first takes > 1 s; no new run after 3 s in total. */
export const DEFAULT_TIMING_POLICY: TimingPolicy = { maxRepeats: 5, singleRunS: 1, budgetS: 3 };

export interface Timed<T> {
  /** The last run's result. */
  readonly value: T;
  /** Median wall-clock time of the runs, seconds (mean of the middle two for an even count). */
  readonly medianS: number;
  readonly repeats: number;
}

/** Runs `run` repeatedly under `policy` and returns its last result with the median time. */
export function timeRepeats<T>(run: () => T, policy: TimingPolicy = DEFAULT_TIMING_POLICY): Timed<T> {
  const times: number[] = [];
  let total = 0;
  let value: T;
  do {
    const t0 = performance.now();
    value = run();
    const s = (performance.now() - t0) / 1000;
    times.push(s);
    total += s;
  } while (times.length < policy.maxRepeats && times[0] <= policy.singleRunS && total < policy.budgetS);
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianS = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { value, medianS, repeats: times.length };
}

export interface DecomposeTiming {
  readonly decompose_s: number;
  /** null without a batch. */
  readonly forward_s: number | null;
  readonly decompose_repeats: number;
  readonly forward_repeats: number | null;
}

/**
 * The document written by decompose: mesh-phases v1 with `timing.forward_s` null when nothing was propagated
 * (MeshPhasesTiming has no null, and read.ts rejects one; `readMeshPhasesFile` accepts it).
 */
export type DecomposePhasesDoc = Omit<MeshPhasesDoc, 'timing'> & { readonly timing: { readonly decompose_s: number; readonly forward_s: number | null } };

export interface DecomposeUnitaryOptions {
  /** Default 'clements'. */
  readonly mesh?: MeshTopology;
  /** A batch to propagate (N × B, columns are samples). */
  readonly x?: CMat | null;
  readonly timing?: TimingPolicy;
  /** Default: createMeshPropagator() (WebAssembly SIMD when available). */
  readonly propagator?: MeshPropagator;
}

export interface DecomposeUnitaryResult {
  readonly mesh: MziMesh;
  readonly depth: number;
  readonly document: DecomposePhasesDoc;
  /** The document as written (stringifyMeshPhases). */
  readonly phasesText: string;
  /** max |U − U_rec|, U_rec rebuilt from `phasesText`. */
  readonly maxReconstructionError: number;
  readonly timing: DecomposeTiming;
  /** Y = U_mesh·X, null without a batch. */
  readonly y: CMat | null;
  /** max |Y − U·X|, null without a batch. */
  readonly maxForwardError: number | null;
}

/** Decomposes a unitary (already validated) and optionally propagates a batch through the mesh; see the module doc. */
export function decomposeUnitary(u: CMat, options: DecomposeUnitaryOptions = {}): DecomposeUnitaryResult {
  const topology = options.mesh ?? 'clements';
  const decomposer = defaultDecomposers[topology];
  if (decomposer === undefined) throw new InvalidInputError(`unknown mesh '${String(topology)}' (expected clements or reck)`);
  const x = options.x ?? null;
  if (x !== null && x.rows !== u.rows) throw new InvalidInputError(`batch has ${x.rows} rows, the unitary is ${u.rows} × ${u.rows}`);
  const policy = options.timing ?? DEFAULT_TIMING_POLICY;

  const dec = timeRepeats(() => decomposer.decompose(u), policy);
  const mesh = dec.value;
  let fwd: Timed<CMat> | null = null;
  if (x !== null) {
    const propagator = options.propagator ?? createMeshPropagator();
    fwd = timeRepeats(() => propagateKernel(buildMeshKernel(mesh), x, propagator), policy);
  }
  const timing: DecomposeTiming = {
    decompose_s: dec.medianS,
    forward_s: fwd === null ? null : fwd.medianS,
    decompose_repeats: dec.repeats,
    forward_repeats: fwd === null ? null : fwd.repeats,
  };
  const document: DecomposePhasesDoc = { ...emitMeshPhases(mesh), timing: { decompose_s: timing.decompose_s, forward_s: timing.forward_s } };
  // stringifyMeshPhases only walks the keys; the null forward_s is written as JSON null
  const phasesText = stringifyMeshPhases(document as unknown as MeshPhasesDoc);
  const rebuilt = rebuildUnitary(withoutNullTiming(JSON.parse(phasesText)));
  const y = fwd === null ? null : fwd.value;
  return {
    mesh,
    depth: meshDepth(mesh),
    document,
    phasesText,
    maxReconstructionError: maxAbsDiff(u, rebuilt),
    timing,
    y,
    maxForwardError: y === null || x === null ? null : maxAbsDiff(y, multiplyCMat(u, x)),
  };
}

/** `timing` entries that are null mean "not measured": dropped before validation (read.ts takes numbers only). */
function withoutNullTiming(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  const t = v.timing;
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return value;
  return { ...v, timing: Object.fromEntries(Object.entries(t).filter(([, x]) => x !== null)) };
}

export interface DecomposeFilesOptions {
  /** Unitary file `{"N", "re", "im"}`. */
  readonly unitary: string;
  /** mesh-phases output file. */
  readonly out: string;
  readonly mesh?: MeshTopology;
  /** Batch input `{"re", "im"}` N × B; requires `y`. */
  readonly x?: string;
  /** Batch output; requires `x`. */
  readonly y?: string;
  readonly timing?: TimingPolicy;
}

/** `foundry decompose --json` prints exactly this object. */
export interface DecomposeSummary {
  readonly unitary: string;
  readonly out: string;
  readonly mesh: MeshTopology;
  readonly N: number;
  readonly mzi_count: number;
  readonly depth: number;
  /** max |U − U_rec|, U_rec rebuilt from the written phases. */
  readonly max_reconstruction_error: number;
  /** max |U†U − I| of the input. */
  readonly unitarity_deviation: number;
  readonly timing: DecomposeTiming;
  readonly x: string | null;
  readonly y: string | null;
  /** Batch size B, null without --x. */
  readonly batch: number | null;
  /** max |Y − U·X|, null without --x. */
  readonly max_forward_error: number | null;
}

/** Reads the unitary (and batch), decomposes, writes the mesh-phases file (and Y) atomically. */
export function decomposeFiles(options: DecomposeFilesOptions): DecomposeSummary {
  const hasX = options.x !== undefined;
  const hasY = options.y !== undefined;
  if (hasX !== hasY) throw new UsageError(hasX ? '--x needs --y (where to write the propagated batch)' : '--y needs --x (the batch to propagate)');
  checkOutputPaths(hasY ? [options.out, options.y as string] : [options.out]);
  const { matrix: u, deviation } = readUnitaryFile(options.unitary);
  const x = hasX ? readBatchFile(options.x as string, u.rows) : null;
  const mesh = options.mesh ?? 'clements';
  const r = decomposeUnitary(u, { mesh, x, timing: options.timing });
  const files = [{ path: options.out, text: r.phasesText }];
  if (r.y !== null) files.push({ path: options.y as string, text: batchJson(r.y) });
  writeFilesAtomic(files);
  return {
    unitary: options.unitary,
    out: options.out,
    mesh,
    N: u.rows,
    mzi_count: r.mesh.mzis.length,
    depth: r.depth,
    max_reconstruction_error: r.maxReconstructionError,
    unitarity_deviation: deviation,
    timing: r.timing,
    x: options.x ?? null,
    y: options.y ?? null,
    batch: x === null ? null : x.cols,
    max_forward_error: r.maxForwardError,
  };
}

/**
 * Reads and validates a mesh-phases v1 file; errors name the file (`P.json: mesh-phases: elements[3].theta …`).
 * Null `timing` entries (written by decompose without a batch) are accepted.
 */
export function readMeshPhasesFile(file: string): MeshPhasesDoc {
  const value = readJsonFile(file);
  try {
    return parseMeshPhases(withoutNullTiming(value));
  } catch (err) {
    if (err instanceof FoundryError && err.code === 'PF_ERR_INVALID_INPUT') throw new InvalidInputError(`${file}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Layout depth of a document's MZIs (as-soon-as-possible columns; phase shifters take no column). */
export function meshPhasesDepth(doc: MeshPhasesDoc): number {
  const next = new Int32Array(doc.N);
  let depth = 0;
  for (const e of doc.elements) {
    if ('ps' in e) continue;
    const m = e.modes[0];
    const col = Math.max(next[m], next[m + 1]) + 1;
    next[m] = next[m + 1] = col;
    depth = Math.max(depth, col);
  }
  return depth;
}

export interface RebuildFilesOptions {
  /** mesh-phases v1 input file. */
  readonly phases: string;
  /** Unitary output file `{"N", "re", "im"}`. */
  readonly out: string;
}

/** `foundry rebuild --json` prints exactly this object. */
export interface RebuildSummary {
  readonly phases: string;
  readonly out: string;
  readonly N: number;
  readonly mzi_convention: string;
  readonly mzi_count: number;
  readonly phase_shifters: number;
  readonly depth: number;
  /** max |U†U − I| of the rebuilt unitary. */
  readonly unitarity_deviation: number;
}

/** Reads a mesh-phases file, rebuilds its unitary and writes it atomically as `{"N", "re", "im"}`. */
export function rebuildFiles(options: RebuildFilesOptions): RebuildSummary {
  checkOutputPaths([options.out]);
  const doc = readMeshPhasesFile(options.phases);
  const u = rebuildUnitary(doc);
  writeFilesAtomic([{ path: options.out, text: unitaryJson(u) }]);
  return {
    phases: options.phases,
    out: options.out,
    N: doc.N,
    mzi_convention: doc.mzi_convention,
    mzi_count: doc.mzi_count,
    phase_shifters: doc.elements.length - doc.mzi_count,
    depth: meshPhasesDepth(doc),
    unitarity_deviation: unitarityDeviation(u),
  };
}
