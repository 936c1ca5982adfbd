/**
 * Label encoding shared by the text readers (CSV, JSON): integer labels are kept as they are; class names
 * are mapped to indices in SORTED order of the distinct names (JavaScript default string order, i.e. by UTF-16
 * code units), so the mapping does not depend on row order. When the file lists its classes (Iris JSON
 * "classes"), that list fixes the order instead.
 */
import { DatasetError } from '../core/errors.js';

export interface EncodedLabels {
  readonly labels: Int32Array;
  /** Index → class name, when the labels were names (or the file declared its class list). */
  readonly classes?: string[];
}

const INT_TEXT = /^[+-]?\d+(?:\.0*)?$/;
const NUM_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the text is an integer written in decimal (optionally "3.0"). */
export function isIntegerText(s: string): boolean {
  return INT_TEXT.test(s.trim());
}

/**
 * Encodes raw label values. `where(i)` names the position of value i in messages ("line 12", "y[3]").
 * When every value is a number (or numeric text) they must be integers in 0..2^31−1 (class indices);
 * otherwise every value must be a string and is a class name.
 */
export function encodeLabels(
  values: readonly unknown[],
  source: string,
  where: (i: number) => string,
  declaredClasses?: readonly string[],
): EncodedLabels {
  const n = values.length;
  const out = new Int32Array(n);
  // All numbers (or numeric texts): they must be class indices. Otherwise the values are class names.
  const allNumeric = values.every((v) => typeof v === 'number' || (typeof v === 'string' && NUM_TEXT.test(v.trim())));
  if (allNumeric) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const x = typeof v === 'number' ? v : Number((v as string).trim());
      if (!Number.isInteger(x) || x < 0 || x > 0x7fffffff) {
        throw new DatasetError(`${source}: label ${JSON.stringify(v)} at ${where(i)} is not a class index (a non-negative integer)`);
      }
      out[i] = x;
    }
    return declaredClasses ? { labels: out, classes: [...declaredClasses] } : { labels: out };
  }
  for (let i = 0; i < n; i++) {
    if (typeof values[i] !== 'string') {
      throw new DatasetError(
        `${source}: labels mix class names and numbers (${JSON.stringify(values[i])} at ${where(i)}); use one or the other`,
      );
    }
  }
  const names = values as readonly string[];
  const classes = declaredClasses ? [...declaredClasses] : [...new Set(names.map((s) => s.trim()))].sort();
  const index = new Map<string, number>();
  classes.forEach((c, i) => index.set(c, i));
  for (let i = 0; i < n; i++) {
    const k = index.get(names[i].trim());
    if (k === undefined) {
      throw new DatasetError(`${source}: label '${names[i]}' at ${where(i)} is not one of the declared classes (${classes.join(', ')})`);
    }
    out[i] = k;
  }
  return { labels: out, classes };
}
