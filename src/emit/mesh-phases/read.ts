/**
 * Reads mesh-phases v1 documents (shared/spec/mesh-phases.md) written by any tool, and rebuilds the unitary.
 *
 * Accepted: either MZI convention (`mzi_bs_in`, `clements_T`), single-mode phase shifters {"ps": m, "phi"},
 * null or non-null `phases_in` / `phases_out`. `col`, `timing`, `vector_convention` and
 * `mzi_convention_formula` are informative (type-checked when present); `mzi_count`, when present, must equal
 * the number of MZI elements. Every violation raises InvalidInputError with a one-line message naming the field.
 *
 * rebuildUnitary composes U = diag(e^{i phases_out}) · E_K ⋯ E_1 · diag(e^{i phases_in}) literally, each
 * element as its own 2×2 (or 1×1) matrix on its rows, so it is an independent check of a decomposition that
 * shares no code with map/ or sim/ beyond the `mzi_bs_in` matrix.
 */
import { InvalidInputError } from '../../core/errors.js';
import type { CMat } from '../../core/linalg/cmat.js';
import { zerosCMat } from '../../core/linalg/cmat.js';
import { mziMatrix } from '../../core/linalg/mzi.js';
import type { MeshPhasesDoc, MeshPhasesElement, MeshPhasesTiming, MziConvention } from './format.js';
import { MESH_PHASES_FORMAT, MESH_PHASES_VERSION, MZI_CONVENTION_FORMULAS, VECTOR_CONVENTION, isPhaseShifter } from './format.js';

function fail(message: string): never {
  throw new InvalidInputError(`mesh-phases: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finiteNumber(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field} must be a finite number`);
  return v;
}

function integerIn(v: unknown, lo: number, hi: number, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) fail(`${field} must be an integer in [${lo}, ${hi}]`);
  return v;
}

function optionalString(v: unknown, field: string, fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== 'string') fail(`${field} must be a string`);
  return v;
}

function screen(v: unknown, N: number, field: string): number[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) fail(`${field} must be null or an array of ${N} numbers`);
  if (v.length !== N) fail(`${field} has ${v.length} entries, expected N = ${N}`);
  return v.map((x, i) => finiteNumber(x, `${field}[${i}]`));
}

function element(v: unknown, N: number, index: number): MeshPhasesElement {
  const field = `elements[${index}]`;
  if (!isRecord(v)) fail(`${field} must be an object`);
  const col = v.col === undefined ? undefined : integerIn(v.col, 0, Number.MAX_SAFE_INTEGER, `${field}.col`);
  const withCol = col === undefined ? {} : { col };
  if ('ps' in v) {
    if ('modes' in v) fail(`${field} has both "ps" and "modes"`);
    const ps = integerIn(v.ps, 0, N - 1, `${field}.ps`);
    return { ps, phi: finiteNumber(v.phi, `${field}.phi`), ...withCol };
  }
  if (!('modes' in v)) fail(`${field} needs "modes" (an MZI) or "ps" (a phase shifter)`);
  const modes = v.modes;
  if (N < 2) fail(`${field}.modes: an MZI needs N ≥ 2`);
  if (!Array.isArray(modes) || modes.length !== 2) fail(`${field}.modes must be [m, m+1]`);
  const m = integerIn(modes[0], 0, N - 2, `${field}.modes[0]`);
  if (modes[1] !== m + 1) fail(`${field}.modes must be adjacent modes [m, m+1], got [${String(modes[0])}, ${String(modes[1])}]`);
  return { modes: [m, m + 1], theta: finiteNumber(v.theta, `${field}.theta`), phi: finiteNumber(v.phi, `${field}.phi`), ...withCol };
}

function timing(v: unknown): MeshPhasesTiming | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) fail('timing must be an object');
  const out: { decompose_s?: number; forward_s?: number } = {};
  if (v.decompose_s !== undefined && v.decompose_s !== null) out.decompose_s = finiteNumber(v.decompose_s, 'timing.decompose_s');
  if (v.forward_s !== undefined && v.forward_s !== null) out.forward_s = finiteNumber(v.forward_s, 'timing.forward_s');
  return out;
}

/** Validates a parsed JSON value as a mesh-phases v1 document and returns a typed copy. */
export function parseMeshPhases(value: unknown): MeshPhasesDoc {
  if (!isRecord(value)) fail('document must be a JSON object');
  if (value.format !== MESH_PHASES_FORMAT) fail(`format must be "${MESH_PHASES_FORMAT}", got ${JSON.stringify(value.format)}`);
  if (value.version !== MESH_PHASES_VERSION) fail(`version must be ${MESH_PHASES_VERSION}, got ${JSON.stringify(value.version)}`);
  const N = integerIn(value.N, 1, 1 << 24, 'N');
  const convention = value.mzi_convention;
  if (convention !== 'mzi_bs_in' && convention !== 'clements_T') fail(`mzi_convention must be "mzi_bs_in" or "clements_T", got ${JSON.stringify(convention)}`);
  if (!Array.isArray(value.elements)) fail('elements must be an array');
  const elements = value.elements.map((e, i) => element(e, N, i));
  const mziCount = elements.filter((e) => !isPhaseShifter(e)).length;
  if (value.mzi_count !== undefined && value.mzi_count !== mziCount) fail(`mzi_count is ${JSON.stringify(value.mzi_count)} but elements hold ${mziCount} MZIs`);
  const t = timing(value.timing);
  return {
    format: MESH_PHASES_FORMAT,
    version: MESH_PHASES_VERSION,
    N,
    vector_convention: optionalString(value.vector_convention, 'vector_convention', VECTOR_CONVENTION),
    mzi_convention: convention,
    mzi_convention_formula: optionalString(value.mzi_convention_formula, 'mzi_convention_formula', MZI_CONVENTION_FORMULAS[convention]),
    phases_in: screen(value.phases_in, N, 'phases_in'),
    elements,
    phases_out: screen(value.phases_out, N, 'phases_out'),
    mzi_count: mziCount,
    ...(t === undefined ? {} : { timing: t }),
  };
}

/** Parses mesh-phases JSON text; malformed JSON is an InvalidInputError too. */
export function parseMeshPhasesText(text: string): MeshPhasesDoc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError(`mesh-phases: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return parseMeshPhases(value);
}

/** 2×2 matrix of an MZI in the given convention (mziMatrix layout). */
function elementMatrix(convention: MziConvention, theta: number, phi: number, out: Float64Array): void {
  if (convention === 'mzi_bs_in') {
    mziMatrix(theta, phi, out);
    return;
  }
  // clements_T: [[e^{iφ} cos θ, −sin θ], [e^{iφ} sin θ, cos θ]]
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const pr = Math.cos(phi);
  const pi = Math.sin(phi);
  out.set([pr * c, pi * c, -s, 0, pr * s, pi * s, c, 0]);
}

/**
 * The N × N unitary a mesh-phases document describes (validated first, so a raw parsed JSON value is fine).
 * O(K·N): each element updates only the columns where its rows can be nonzero.
 */
export function rebuildUnitary(document: unknown): CMat {
  const doc = parseMeshPhases(document);
  const N = doc.N;
  const u = zerosCMat(N, N);
  const lo = Int32Array.from({ length: N }, (_, m) => m); // nonzero columns of row m: [lo, hi)
  const hi = Int32Array.from({ length: N }, (_, m) => m + 1);
  for (let m = 0; m < N; m++) {
    const p = doc.phases_in === null ? 0 : doc.phases_in[m];
    u.re[m * N + m] = Math.cos(p);
    u.im[m * N + m] = Math.sin(p);
  }
  const t = new Float64Array(8);
  for (const e of doc.elements) {
    if (isPhaseShifter(e)) {
      const pr = Math.cos(e.phi);
      const pi = Math.sin(e.phi);
      for (let c = e.ps * N + lo[e.ps]; c < e.ps * N + hi[e.ps]; c++) {
        const xr = u.re[c];
        const xi = u.im[c];
        u.re[c] = pr * xr - pi * xi;
        u.im[c] = pr * xi + pi * xr;
      }
      continue;
    }
    const m = e.modes[0];
    elementMatrix(doc.mzi_convention, e.theta, e.phi, t);
    const c0 = Math.min(lo[m], lo[m + 1]);
    const c1 = Math.max(hi[m], hi[m + 1]);
    lo[m] = lo[m + 1] = c0;
    hi[m] = hi[m + 1] = c1;
    const r0 = m * N;
    const r1 = r0 + N;
    for (let c = c0; c < c1; c++) {
      const x0r = u.re[r0 + c], x0i = u.im[r0 + c];
      const x1r = u.re[r1 + c], x1i = u.im[r1 + c];
      u.re[r0 + c] = t[0] * x0r - t[1] * x0i + t[2] * x1r - t[3] * x1i;
      u.im[r0 + c] = t[0] * x0i + t[1] * x0r + t[2] * x1i + t[3] * x1r;
      u.re[r1 + c] = t[4] * x0r - t[5] * x0i + t[6] * x1r - t[7] * x1i;
      u.im[r1 + c] = t[4] * x0i + t[5] * x0r + t[6] * x1i + t[7] * x1r;
    }
  }
  if (doc.phases_out !== null) {
    for (let m = 0; m < N; m++) {
      const pr = Math.cos(doc.phases_out[m]);
      const pi = Math.sin(doc.phases_out[m]);
      for (let c = m * N; c < (m + 1) * N; c++) {
        const xr = u.re[c];
        const xi = u.im[c];
        u.re[c] = pr * xr - pi * xi;
        u.im[c] = pr * xi + pi * xr;
      }
    }
  }
  return u;
}
