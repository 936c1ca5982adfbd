/**
 * CSV reader. One sample per line; by default the LAST column is the label (labelColumn: 'none' reads every
 * column as a feature, used when labels come from a separate file).
 *  - Delimiter: ',' (or tab / ';' when the first line has no comma). Fields may be double-quoted ("" escapes a quote).
 *  - Header: the first line is a header when one of its feature fields is not a number.
 *  - Labels: integers are class indices; otherwise class names, mapped to indices in sorted order of the
 *    distinct names (see labels.ts), and reported in `classes`.
 *  - Blank lines are skipped; a row with a different number of fields is a DatasetError naming the line.
 *  - dtype is 'uint8' when every feature is an integer in 0..255 (e.g. pixel rows), else 'float64'.
 */
import { DatasetError } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { encodeLabels, isIntegerText, type EncodedLabels } from './labels.js';

export interface CsvOptions {
  /** 'last' (default): the last column is the label. 'none': all columns are features, no labels. */
  readonly labelColumn?: 'last' | 'none';
}

interface Row {
  readonly line: number;
  readonly fields: string[];
}

function detectDelimiter(firstLine: string): string {
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

function splitLine(line: string, delim: string, source: string, lineNo: number): string[] {
  if (!line.includes('"')) return line.split(delim).map((f) => f.trim());
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t') && line[i] !== delim) i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new DatasetError(`${source}: line ${lineNo} has an unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (i < line.length && line[i] !== delim) {
        if (line[i] !== ' ' && line[i] !== '\t') {
          throw new DatasetError(`${source}: line ${lineNo} has text after a closing quote`);
        }
        i++;
      }
    } else {
      const j = line.indexOf(delim, i);
      field = (j < 0 ? line.slice(i) : line.slice(i, j)).trim();
      i = j < 0 ? line.length : j;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // skip the delimiter
  }
}

function splitRows(text: string, source: string): Row[] {
  const lines = text.split(/\r\n|\n|\r/);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const delim = detectDelimiter(firstLine);
  const rows: Row[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') rows.push({ line: i + 1, fields: splitLine(l, delim, source, i + 1) });
  });
  return rows;
}

/** Parses a finite decimal number; '' and 'nan'/'inf' are not numbers. */
function parseNumber(s: string): number | null {
  if (s === '') return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

/** Reads a CSV dataset from its text. */
export function readCsv(text: string, source: string, options: CsvOptions = {}): Dataset {
  const labelColumn = options.labelColumn ?? 'last';
  const rows = splitRows(text, source);
  if (rows.length === 0) throw new DatasetError(`${source}: CSV file is empty`);
  const width = rows[0].fields.length;
  const nFeatures = labelColumn === 'last' ? width - 1 : width;
  if (nFeatures < 1) {
    throw new DatasetError(
      `${source}: CSV line ${rows[0].line} has ${width} column${width === 1 ? '' : 's'}; need at least one feature column before the label column`,
    );
  }
  const hasHeader = rows[0].fields.slice(0, nFeatures).some((f) => parseNumber(f) === null);
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new DatasetError(`${source}: CSV file has a header but no data rows`);
  const n = body.length;
  const data = new Float64Array(n * nFeatures);
  const rawLabels: string[] = [];
  let allU8 = true;
  for (let r = 0; r < n; r++) {
    const { line, fields } = body[r];
    if (fields.length !== width) {
      throw new DatasetError(
        `${source}: CSV line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${width} (as on line ${rows[0].line})`,
      );
    }
    for (let c = 0; c < nFeatures; c++) {
      const x = parseNumber(fields[c]);
      if (x === null) {
        throw new DatasetError(`${source}: CSV line ${line}, column ${c + 1}: '${fields[c]}' is not a number`);
      }
      if (allU8 && !(Number.isInteger(x) && x >= 0 && x <= 255)) allU8 = false;
      data[r * nFeatures + c] = x;
    }
    if (labelColumn === 'last') {
      const lab = fields[width - 1];
      if (lab === '') throw new DatasetError(`${source}: CSV line ${line}: the label (last column) is empty`);
      rawLabels.push(lab);
    }
  }
  let encoded: EncodedLabels | null = null;
  if (labelColumn === 'last') encoded = encodeLabels(rawLabels, source, (i) => `line ${body[i].line}`);
  return {
    n,
    sampleDims: [nFeatures],
    dtype: allU8 ? 'uint8' : 'float64',
    data,
    labels: encoded ? encoded.labels : null,
    source,
    ...(encoded?.classes ? { classes: encoded.classes } : {}),
  };
}

/**
 * Reads a labels-only CSV: one label per line (a single column). A first line that is not an integer while
 * every other line is one is taken as a header; class-name label files must therefore have no header.
 */
export function readCsvLabels(text: string, source: string): EncodedLabels {
  const rows = splitRows(text, source);
  if (rows.length === 0) throw new DatasetError(`${source}: labels CSV file is empty`);
  for (const { line, fields } of rows) {
    if (fields.length !== 1) {
      throw new DatasetError(`${source}: labels CSV line ${line} has ${fields.length} fields, expected a single column`);
    }
  }
  const values = rows.map((r) => r.fields[0]);
  let start = 0;
  if (values.length > 1 && !isIntegerText(values[0]) && values.slice(1).every(isIntegerText)) start = 1;
  const body = rows.slice(start);
  if (body.length === 0) throw new DatasetError(`${source}: labels CSV file has a header but no labels`);
  return encodeLabels(
    body.map((r) => r.fields[0]),
    source,
    (i) => `line ${body[i].line}`,
  );
}
