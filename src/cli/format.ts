/**
 * Plain-text formatting helpers for human CLI output (tables, numbers, shapes).
 */
import { formatDims } from '../core/tensor.js';

/** Left-aligned text table with a header row; numbers are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatCount(c) : c)))];
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => String(r[j] ?? '').length)));
  const line = (r: readonly (string | number)[]): string =>
    r.map((c, j) => (numeric[j] ? String(c).padStart(widths[j]) : String(c).padEnd(widths[j]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

export function formatShape(dims: readonly (number | string | null)[] | null): string {
  return dims === null ? '(no shape)' : formatDims(dims);
}

export function formatPercent(x: number | null): string {
  return x === null ? 'n/a' : `${(100 * x).toFixed(2)} %`;
}
