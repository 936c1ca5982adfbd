/**
 * Matrix files of `foundry decompose` and `foundry rebuild` (shared/spec/mesh-phases.md, last section), and
 * atomic writing of output files.
 *
 * Formats (JSON; other keys are ignored):
 *  - unitary `{"N": n, "re": [[…]], "im": [[…]]}`, re[i][j] = Re U[i, j], both N × N. `N` is required and must
 *    match `re`. `im` may be omitted (or null): a real matrix. It must be unitary: max |U†U − I| ≤ 1e-10.
 *  - batch `{"re": [[…]], "im": [[…]]}`, N × B, each column one sample (B ≥ 0); `im` may be omitted (or null).
 * Every entry must be a finite JSON number. Every problem is an InvalidInputError (or FileNotFoundError) whose
 * one-line message starts with the file and names the field: `U.json: re[2] has 3 entries, expected N = 4`.
 *
 * Output: `writeFilesAtomic` writes each file to a temporary file in its own directory and renames it into
 * place only once every temporary file was written, so a failure never leaves a half-written output (it may
 * leave the complete first file of two if the second rename fails). A missing output directory is an
 * InvalidInputError; `checkOutputPaths` lets callers fail before doing any work.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { FoundryError, InvalidInputError } from '../core/errors.js';
import { readInputFile } from '../core/files.js';
import type { CMat } from '../core/linalg/index.js';
import { unitarityDeviation, zerosCMat } from '../core/linalg/index.js';

/** Largest accepted max |U†U − I| of a unitary file. */
export const UNITARY_FILE_TOL = 1e-10;

/** A value for an error message: JSON, cut to 40 characters. */
function show(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A number like 3.2e-3 or 1e-10 for messages. */
export function formatSmall(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const short = x.toExponential();
  return short.length <= 8 ? short : x.toExponential(1);
}

/** Reads a whole text file; missing → FileNotFoundError, a directory or unreadable → InvalidInputError. */
export function readTextFile(file: string): string {
  return readInputFile(file, { what: 'a JSON file', unreadable: (message, options) => new InvalidInputError(message, options) }).toString('utf8');
}

/** Reads and parses a JSON file; malformed JSON is an InvalidInputError naming the file. */
export function readJsonFile(file: string): unknown {
  const text = readTextFile(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new InvalidInputError(`${file}: not valid JSON (${why})`, { cause: err });
  }
}

/**
 * Validates `value[field]` as a rows × cols array of arrays of finite numbers (cols null: taken from the first
 * row) and writes it into `out` (row-major). Returns the number of columns.
 */
function readRows(value: unknown, field: string, rows: number, cols: number | null, source: string, rowsWhat: string, colsWhat: (c: number) => string): { data: Float64Array; cols: number } {
  const fail = (message: string): never => {
    throw new InvalidInputError(`${source}: ${message}`);
  };
  if (!Array.isArray(value)) return fail(`${field} must be an array of ${rowsWhat} rows, got ${show(value)}`);
  if (value.length !== rows) fail(`${field} has ${value.length} row${value.length === 1 ? '' : 's'}, expected ${rowsWhat}`);
  let c = cols;
  if (c === null) {
    if (!Array.isArray(value[0])) fail(`${field}[0] must be an array of numbers, got ${show(value[0])}`);
    c = (value[0] as unknown[]).length;
  }
  const data = new Float64Array(rows * c);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row)) fail(`${field}[${i}] must be an array of ${colsWhat(c)} numbers, got ${show(row)}`);
    const r = row as unknown[];
    if (r.length !== c) fail(`${field}[${i}] has ${r.length} entr${r.length === 1 ? 'y' : 'ies'}, expected ${colsWhat(c)} (rows are ragged or the wrong size)`);
    for (let j = 0; j < c; j++) {
      const x = r[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${field}[${i}][${j}] must be a finite number, got ${show(x)}`);
      data[i * c + j] = x as number;
    }
  }
  return { data, cols: c };
}

/** A validated unitary and its measured max |U†U − I|. */
export interface UnitaryInput {
  readonly matrix: CMat;
  readonly deviation: number;
}

/** Validates a parsed unitary document (see the module doc); `source` names it in errors. */
export function parseUnitaryMatrix(value: unknown, source: string, tol = UNITARY_FILE_TOL): UnitaryInput {
  if (!isRecord(value)) throw new InvalidInputError(`${source}: must be a JSON object {"N", "re", "im"}, got ${show(value)}`);
  const N = value.N;
  if (typeof N !== 'number' || !Number.isInteger(N) || N < 1) throw new InvalidInputError(`${source}: N must be a positive integer, got ${show(N)}`);
  const what = `N = ${N}`;
  const re = readRows(value.re, 're', N, N, source, what, () => what);
  const u = zerosCMat(N, N);
  u.re.set(re.data);
  if (value.im !== undefined && value.im !== null) u.im.set(readRows(value.im, 'im', N, N, source, what, () => what).data);
  const deviation = unitarityDeviation(u);
  if (!(deviation <= tol)) {
    throw new InvalidInputError(`${source}: U is not unitary: max |U†U − I| = ${formatSmall(deviation)} (tolerance ${formatSmall(tol)})`, {
      details: { deviation, tolerance: tol },
    });
  }
  return { matrix: u, deviation };
}

/** Validates a parsed batch document `{"re", "im"}` of shape N × B (see the module doc) and returns it. */
export function parseBatchMatrix(value: unknown, source: string, N: number): CMat {
  if (!isRecord(value)) throw new InvalidInputError(`${source}: must be a JSON object {"re", "im"}, got ${show(value)}`);
  const rowsWhat = `N = ${N} (the unitary's size)`;
  const re = readRows(value.re, 're', N, null, source, rowsWhat, (c) => `B = ${c} (as re[0])`);
  const x = zerosCMat(N, re.cols);
  x.re.set(re.data);
  if (value.im !== undefined && value.im !== null) {
    x.im.set(readRows(value.im, 'im', N, re.cols, source, rowsWhat, (c) => `B = ${c} (as re)`).data);
  }
  return x;
}

/** Reads a unitary file (see the module doc). */
export function readUnitaryFile(file: string, tol = UNITARY_FILE_TOL): UnitaryInput {
  return parseUnitaryMatrix(readJsonFile(file), file, tol);
}

/** Reads a batch file of N rows (see the module doc). */
export function readBatchFile(file: string, N: number): CMat {
  return parseBatchMatrix(readJsonFile(file), file, N);
}

/** Rows of one part as JSON text, one row per line (numbers in shortest round-trip form: exact). */
function rowsJson(m: CMat, part: Float64Array): string {
  if (m.rows === 0) return '[]';
  const lines: string[] = [];
  for (let i = 0; i < m.rows; i++) lines.push(`    ${JSON.stringify(Array.from(part.subarray(i * m.cols, (i + 1) * m.cols)))}`);
  return `[\n${lines.join(',\n')}\n  ]`;
}

/** `{"N", "re", "im"}` text of a square matrix (the unitary file format). */
export function unitaryJson(u: CMat): string {
  return `{\n  "N": ${u.rows},\n  "re": ${rowsJson(u, u.re)},\n  "im": ${rowsJson(u, u.im)}\n}\n`;
}

/** `{"re", "im"}` text of an N × B batch (the batch file format). */
export function batchJson(y: CMat): string {
  return `{\n  "re": ${rowsJson(y, y.re)},\n  "im": ${rowsJson(y, y.im)}\n}\n`;
}
