/**
 * PDK schema: the zod schema of `Pdk` (types.ts) and `parsePdk`, the one entry point that turns untrusted JSON
 * into a `Pdk`.
 *
 * Every object is strict (an unknown key is an error, so a typo never silently falls back to nothing), every
 * field is required, and every number has a physical range: losses ≥ 0 dB, ratios in (0, 1), converter bits
 * integers in [1, 32], rates/powers/lengths/footprints > 0, efficiencies in (0, 1]. Then every numeric field
 * (a number, or a numeric tuple such as a GDS layer) must have a citation in `sources` under its dotted path,
 * and every `sources` key must name such a field.
 *
 * Errors: one PdkError (PF_ERR_PDK) per call, one line, naming the source (file or built-in), the field's
 * dotted path from `pdk` and why: `my.json: pdk.phaseShifter.pPiMw must be > 0 (got -3)`. Only the first
 * problem is described (unknown keys first, with a "did you mean" for near misses); the count of the others
 * is appended.
 */
import * as z from 'zod';
import { PdkError } from '../core/errors.js';
import type { Pdk } from './types.js';

/** An allowed interval for one number; open/closed per bound; `integer` also requires an integer. */
interface Range {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  readonly integer?: boolean;
}

function inRange(v: number, r: Range): boolean {
  return (
    (r.gt === undefined || v > r.gt) &&
    (r.gte === undefined || v >= r.gte) &&
    (r.lt === undefined || v < r.lt) &&
    (r.lte === undefined || v <= r.lte) &&
    (!r.integer || Number.isInteger(v))
  );
}

/** "> 0", "≥ 0", "in (0, 1)", "an integer in [1, 32]". */
function describeRange(r: Range): string {
  const lo = r.gt ?? r.gte;
  const hi = r.lt ?? r.lte;
  const what = r.integer ? 'an integer ' : '';
  if (lo !== undefined && hi !== undefined) {
    return `${what}in ${r.gt !== undefined ? '(' : '['}${lo}, ${hi}${r.lt !== undefined ? ')' : ']'}`;
  }
  if (lo !== undefined) return `${r.integer ? 'an integer ' : ''}${r.gt !== undefined ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${r.integer ? 'an integer ' : ''}${r.lt !== undefined ? '<' : '≤'} ${hi}`;
  return r.integer ? 'an integer' : 'a number';
}

/** A finite number within `r`; the message of a value outside it is "must be <range>". */
function num(r: Range): z.ZodNumber {
  return z.number().refine((v) => inRange(v, r), { error: `must be ${describeRange(r)}` });
}

const lossDb = (): z.ZodNumber => num({ gte: 0 });
const positive = (): z.ZodNumber => num({ gt: 0 });
const nonNegative = (): z.ZodNumber => num({ gte: 0 });
const bits = (): z.ZodNumber => num({ integer: true, gte: 1, lte: 32 });
/** GDSII layer/datatype: a two-byte record field; 0–65535 as KLayout and gdsfactory read it. */
const gdsNumber = (): z.ZodNumber => num({ integer: true, gte: 0, lte: 65535 });
const gdsLayer = () => z.tuple([gdsNumber(), gdsNumber()]);
const nonEmptyText = (what: string) => z.string().refine((s) => s.trim().length > 0, { error: `must be a non-empty ${what}` });

const converter = () => z.strictObject({ bits: bits(), sampleRateGsps: positive(), powerMw: positive() });

/** The schema of a PDK document (see types.ts for every field's meaning and unit). */
export const PDK_SCHEMA = z.strictObject({
  name: nonEmptyText('name'),
  description: z.string(),
  sources: z.record(z.string(), nonEmptyText('citation')),
  optics: z.strictObject({
    wavelengthNm: positive(),
    groupIndex: num({ gte: 1 }),
  }),
  mzi: z.strictObject({
    insertionLossDb: lossDb(),
    lossIncludesCouplers: z.boolean(),
    extinctionRatioDb: positive(),
    lengthUm: positive(),
    widthUm: positive(),
  }),
  coupler: z.strictObject({
    insertionLossDb: lossDb(),
    splitRatio: num({ gt: 0, lt: 1 }),
    splitRatioSigma: num({ gte: 0, lt: 0.5 }),
  }),
  phaseShifter: z.strictObject({
    type: z.enum(['thermo-optic', 'mems', 'electro-optic']),
    pPiMw: positive(),
    vPiV: positive(),
    law: z.enum(['quadratic', 'linear']),
    responseTimeUs: positive(),
    lengthUm: positive(),
    insertionLossDb: lossDb(),
    phaseErrorSigmaRad: nonNegative(),
    driftSigmaRad: nonNegative(),
    driftTimescaleS: positive(),
  }),
  thermalCrosstalk: z.strictObject({
    enabled: z.boolean(),
    couplingAtZero: num({ gte: 0, lt: 1 }),
    decayLengthUm: positive(),
    cutoffUm: nonNegative(),
  }),
  waveguide: z.strictObject({
    lossDbPerCm: lossDb(),
    crossingLossDb: lossDb(),
    pitchUm: positive(),
  }),
  photodetector: z.strictObject({
    responsivityAPerW: positive(),
    darkCurrentNa: nonNegative(),
    bandwidthGhz: positive(),
    tiaNoisePaPerSqrtHz: nonNegative(),
    tiaPowerMw: positive(),
  }),
  adc: converter(),
  dac: converter(),
  modulator: z.strictObject({ energyPjPerSymbol: positive(), insertionLossDb: lossDb() }),
  laser: z.strictObject({ wallPlugEfficiency: num({ gt: 0, lte: 1 }), maxOnChipPowerMw: positive() }),
  electronics: z.strictObject({ energyPjPerOp: positive(), stageLatencyNs: nonNegative() }),
  reticle: z.strictObject({ widthMm: positive(), heightMm: positive() }),
  layers: z.strictObject({
    waveguide: gdsLayer(),
    heater: gdsLayer(),
    metal: gdsLayer(),
    pad: gdsLayer(),
    text: gdsLayer(),
  }),
});

// Compile-time guard: the schema's output and `Pdk` have exactly the same fields and types.
type DeepReadonly<T> = T extends readonly unknown[] ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type SchemaPdk = DeepReadonly<z.output<typeof PDK_SCHEMA>>;
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaMatchesPdkType: Exactly<SchemaPdk, Pdk> = true;
void schemaMatchesPdkType;

/** Dotted paths of every numeric field of `pdk` (numbers and numeric tuples such as GDS layers), `sources` excluded. */
export function pdkNumericFields(pdk: Pdk): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number'))) out.push(path);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (!(path === '' && k === 'sources')) walk(v, path === '' ? k : `${path}.${k}`);
    }
  };
  walk(pdk, '');
  return out;
}

/**
 * Validates `json` (already parsed) as a PDK and returns it as a new object. `source` names where it came from
 * (a file path, or "built-in PDK 'x'") and starts every error message. Throws PdkError (PF_ERR_PDK).
 */
export function parsePdk(json: unknown, source: string): Pdk {
  const result = PDK_SCHEMA.safeParse(json);
  if (!result.success) {
    // an unknown key first: a misspelt field also shows up as a missing one, and the typo is the real problem
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
    throw new PdkError(`${source}: ${describeIssue(issues[0], json)}${more}`, { details: { source, issues } });
  }
  const pdk: Pdk = result.data;
  const fields = pdkNumericFields(pdk);
  const missing = fields.filter((f) => !Object.hasOwn(pdk.sources, f));
  if (missing.length > 0) {
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more field${missing.length === 2 ? '' : 's'} without one)` : '';
    throw new PdkError(`${source}: ${dotted(['pdk', ...missing[0].split('.')])} has no source: add sources["${missing[0]}"] with a citation${more}`, {
      details: { source, missing },
    });
  }
  const known = new Set(fields);
  const stray = Object.keys(pdk.sources).filter((k) => !known.has(k));
  if (stray.length > 0) {
    const hint = suggest(stray[0], fields);
    throw new PdkError(`${source}: ${dotted(['pdk', 'sources', stray[0]])} names no numeric field of the PDK${hint}`, { details: { source, stray } });
  }
  return pdk;
}

// ---- error messages ------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/** `pdk.mzi.lengthUm`, `pdk.layers.heater[1]`, `pdk.sources["mzi.lengthUm"]`. */
function dotted(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += out === '' ? s : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

/** A value for a message: JSON, cut to 40 characters. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** The value at `path` inside `root`, and whether its parent object has the key. */
function lookup(root: unknown, path: readonly PropertyKey[]): { value: unknown; present: boolean } {
  let cur: unknown = root;
  let present = true;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, seg)) return { value: undefined, present: false };
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return { value: cur, present };
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
};

/** The known keys of the strict object at `path` of the schema (for "did you mean"). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = PDK_SCHEMA;
  for (const seg of path) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(seg)];
  }
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Levenshtein distance (short strings only). */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** " (did you mean 'x'?)" for a near miss (case-insensitive equal, or at most 2 edits), else "". */
function suggest(key: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.min(2, Math.floor(key.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

function describeIssue(issue: Issue, root: unknown): string {
  const path = ['pdk', ...issue.path];
  const at = dotted(path);
  const { value, present } = lookup(root, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const [first, ...rest] = issue.keys;
      const others = rest.length > 0 ? ` (nor ${rest.map((k) => `'${k}'`).join(', ')})` : '';
      return `${dotted([...path, first])} is not a PDK field${suggest(first, knownKeys(issue.path))}${others}`;
    }
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return present ? `${at} must be ${expected} (got ${show(value)})` : `${at} is missing (expected ${expected})`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return present ? `${at} must be one of ${options} (got ${show(value)})` : `${at} is missing (expected one of ${options})`;
    }
    case 'too_big':
    case 'too_small':
      if (issue.origin === 'array') {
        const n = issue.code === 'too_big' ? issue.maximum : issue.minimum;
        return `${at} must have exactly ${String(n)} entries, [layer, datatype] (got ${show(value)})`;
      }
      return `${at} ${issue.message} (got ${show(value)})`;
    case 'custom':
      return `${at} ${issue.message} (got ${show(value)})`;
    default:
      return `${at}: ${issue.message}`;
  }
}
