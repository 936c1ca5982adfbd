/**
 * The fields of a PDK as rows (dotted path, value, unit, source) for listings such as `foundry pdk show`. The
 * unit comes from the field name's suffix (types.ts puts the unit in every physical name).
 */
import type { Pdk } from './types.js';

/** One PDK field: dotted path (as in `sources`), value, unit ("" when dimensionless), source (null: not numeric). */
export interface PdkFieldRow {
  readonly path: string;
  readonly value: string | number | boolean | readonly number[];
  readonly unit: string;
  readonly source: string | null;
}

/** Name suffix → unit, longest suffixes first. */
const UNIT_SUFFIXES: readonly (readonly [string, string])[] = [
  ['PaPerSqrtHz', 'pA/√Hz'],
  ['PjPerSymbol', 'pJ/symbol'],
  ['DbPerCm', 'dB/cm'],
  ['PjPerOp', 'pJ/op'],
  ['APerW', 'A/W'],
  ['Gsps', 'GS/s'],
  ['Ghz', 'GHz'],
  ['Rad', 'rad'],
  ['Db', 'dB'],
  ['Mw', 'mW'],
  ['Um', 'µm'],
  ['Nm', 'nm'],
  ['Mm', 'mm'],
  ['Us', 'µs'],
  ['Ns', 'ns'],
  ['Na', 'nA'],
  ['V', 'V'],
  ['S', 's'],
];

/** The unit of a PDK field from its dotted path ("phaseShifter.pPiMw" → "mW"); "" when dimensionless. */
export function unitOfField(path: string): string {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (key === 'bits') return 'bits';
  if (path.startsWith('layers.')) return 'GDS [layer, datatype]';
  for (const [suffix, unit] of UNIT_SUFFIXES) if (key.endsWith(suffix)) return unit;
  return '';
}

/** Every field of `pdk` except name, description and sources, in document order, with unit and source. */
export function describePdkFields(pdk: Pdk): PdkFieldRow[] {
  const rows: PdkFieldRow[] = [];
  for (const [group, fields] of Object.entries(pdk)) {
    if (group === 'name' || group === 'description' || group === 'sources') continue;
    for (const [key, value] of Object.entries(fields as Record<string, PdkFieldRow['value']>)) {
      const path = `${group}.${key}`;
      const numeric = typeof value === 'number' || Array.isArray(value);
      rows.push({ path, value, unit: unitOfField(path), source: numeric ? (pdk.sources[path] ?? null) : null });
    }
  }
  return rows;
}
