/**
 * JSON reader. Accepted shapes:
 *  - `{"X": [[...], ...], "y": [...]}`: X is an array of samples, each a number or a (regularly) nested array of
 *    numbers (e.g. [n][28][28]); y is optional, integers or class names (sorted-order mapping, see labels.ts).
 *    "x" or "data" are accepted for X, "labels" for y.
 *  - The shape of ../shared/models/data/iris.json: the same object plus `"classes": [names]` (index = label;
 *    y may then be indices or those names) and metadata keys (`"source"`, `"features"`), which are ignored
 *    except that `classes` is kept on the Dataset.
 *  - A bare top-level array: X without labels.
 * A 1-D X (one number per sample) gives sampleDims [1]. dtype is 'uint8' when every value is an integer in 0..255.
 */
import { DatasetError, errorMessage } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { encodeLabels, type EncodedLabels } from './labels.js';

const X_KEYS = ['X', 'x', 'data'] as const;
const Y_KEYS = ['y', 'Y', 'labels'] as const;

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DatasetError(`${source}: invalid JSON (${errorMessage(err)})`, { cause: err });
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Flattens a regularly nested numeric array; returns its shape (outermost first) and values. */
function flattenNested(x: unknown, source: string, name: string): { shape: number[]; values: Float64Array } {
  const shape: number[] = [];
  let probe: unknown = x;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  let total = 1;
  for (const d of shape) total *= d;
  const values = new Float64Array(total);
  let k = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new DatasetError(`${source}: ${path} is ${describe(v)}, expected a number`);
      }
      values[k++] = v;
      return;
    }
    if (!Array.isArray(v)) throw new DatasetError(`${source}: ${path} is ${describe(v)}, expected an array of ${shape[depth]}`);
    if (v.length !== shape[depth]) {
      throw new DatasetError(`${source}: ${path} has ${v.length} values, expected ${shape[depth]} (ragged ${name})`);
    }
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(x, 0, name);
  return { shape, values };
}

function findKey(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  return keys.find((k) => Object.prototype.hasOwnProperty.call(obj, k));
}

function readClasses(obj: Record<string, unknown>, source: string): string[] | undefined {
  const c = obj['classes'];
  if (c === undefined) return undefined;
  if (!Array.isArray(c) || !c.every((s) => typeof s === 'string')) {
    throw new DatasetError(`${source}: "classes" must be an array of class names`);
  }
  return c as string[];
}

function encodeJsonLabels(y: unknown, source: string, name: string, classes?: string[]): EncodedLabels {
  if (!Array.isArray(y)) throw new DatasetError(`${source}: "${name}" is ${describe(y)}, expected an array of labels`);
  y.forEach((v, i) => {
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new DatasetError(`${source}: ${name}[${i}] is ${describe(v)}; labels must be integers or class names`);
    }
  });
  return encodeLabels(y, source, (i) => `${name}[${i}]`, classes);
}

/** Reads a JSON dataset from its text. */
export function readJson(text: string, source: string): Dataset {
  const doc = parseJson(text, source);
  let x: unknown;
  let xName = 'X';
  let y: unknown;
  let yName = 'y';
  let classes: string[] | undefined;
  if (Array.isArray(doc)) {
    x = doc;
  } else if (doc !== null && typeof doc === 'object') {
    const obj = doc as Record<string, unknown>;
    const xk = findKey(obj, X_KEYS);
    if (xk === undefined) {
      const keys = Object.keys(obj);
      throw new DatasetError(
        `${source}: JSON has no "X" array of samples (found ${keys.length ? 'keys ' + keys.map((k) => `"${k}"`).join(', ') : 'an empty object'})`,
      );
    }
    x = obj[xk];
    xName = xk;
    const yk = findKey(obj, Y_KEYS);
    if (yk !== undefined && obj[yk] !== null) {
      y = obj[yk];
      yName = yk;
    }
    classes = readClasses(obj, source);
  } else {
    throw new DatasetError(`${source}: JSON top level is ${describe(doc)}, expected an object with "X" (and "y") or an array of samples`);
  }
  if (!Array.isArray(x)) throw new DatasetError(`${source}: "${xName}" is ${describe(x)}, expected an array of samples`);
  if (x.length === 0) throw new DatasetError(`${source}: "${xName}" has no samples`);
  const { shape, values } = flattenNested(x, source, xName);
  const n = shape[0];
  const sampleDims = shape.length === 1 ? [1] : shape.slice(1);
  if (sampleDims.some((d) => d === 0)) throw new DatasetError(`${source}: the samples of "${xName}" are empty arrays`);
  let allU8 = true;
  for (let i = 0; i < values.length && allU8; i++) {
    const v = values[i];
    if (!(Number.isInteger(v) && v >= 0 && v <= 255)) allU8 = false;
  }
  let labels: Int32Array | null = null;
  if (y !== undefined) {
    const enc = encodeJsonLabels(y, source, yName, classes);
    if (enc.labels.length !== n) {
      throw new DatasetError(`${source}: "${yName}" has ${enc.labels.length} labels but "${xName}" has ${n} samples`);
    }
    labels = enc.labels;
    classes = enc.classes;
  }
  return {
    n,
    sampleDims,
    dtype: allU8 ? 'uint8' : 'float64',
    data: values,
    labels,
    source,
    ...(classes ? { classes } : {}),
  };
}

/** Reads a labels-only JSON file: an array of labels, or an object with "y"/"labels" (and optional "classes"). */
export function readJsonLabels(text: string, source: string): EncodedLabels {
  const doc = parseJson(text, source);
  if (Array.isArray(doc)) return encodeJsonLabels(doc, source, 'labels');
  if (doc !== null && typeof doc === 'object') {
    const obj = doc as Record<string, unknown>;
    const yk = findKey(obj, Y_KEYS);
    if (yk === undefined) throw new DatasetError(`${source}: labels JSON has no "y" (or "labels") array`);
    return encodeJsonLabels(obj[yk], source, yk, readClasses(obj, source));
  }
  throw new DatasetError(`${source}: labels JSON top level is ${describe(doc)}, expected an array of labels`);
}
