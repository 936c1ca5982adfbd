/**
 * Small SVG charts: horizontal bars (one value per row, labelled) and 100 % stacked bars (shares of a total per
 * row). The cost figures of a full-size mapping span tens of decades (a 600 dB path needs 10⁶⁰ × the laser
 * power of a 30 dB one), so bars switch to a log10 axis when the largest value exceeds the smallest positive
 * one by more than LOG_SCALE_RATIO; the caption says which axis is used, and every bar carries its value as
 * text. A non-finite value (overflow) is drawn as a full hatched bar labelled ∞.
 */
import { html, joinHtml, trusted, type Html } from './html.js';

export const LOG_SCALE_RATIO = 1000;

const LABEL_W = 200;
const BAR_W = 440;
const VALUE_W = 150;
const ROW_H = 24;
const BAR_H = 16;
const AXIS_H = 22;
/** Longest label drawn in full (the whole label is in the bar's tooltip). */
const LABEL_CHARS = 30;

export interface BarRow {
  readonly label: string;
  readonly value: number;
  /** The value as shown (with its unit). */
  readonly valueText: string;
  readonly colour: string;
}

function shorten(label: string): string {
  return label.length <= LABEL_CHARS ? label : `…${label.slice(label.length - LABEL_CHARS + 1)}`;
}

/** Bar length in [0, 1] for each value: linear from 0, or log10 from the decade below the smallest positive value. */
export function barFractions(values: readonly number[]): { fractions: number[]; isLog: boolean; minDecade: number; maxDecade: number } {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  const max = finite.length ? Math.max(...finite) : 0;
  const min = finite.length ? Math.min(...finite) : 0;
  const hasOverflow = values.some((v) => v === Infinity);
  const isLog = hasOverflow || (min > 0 && max / min > LOG_SCALE_RATIO);
  if (!isLog) return { fractions: values.map((v) => (max > 0 && v > 0 ? v / max : 0)), isLog, minDecade: 0, maxDecade: 0 };
  const minDecade = Math.floor(Math.log10(min || 1)) - 1;
  const maxDecade = Math.max(minDecade + 1, Math.ceil(Math.log10(max || 10)));
  const span = maxDecade - minDecade;
  return {
    fractions: values.map((v) => (v === Infinity ? 1 : v > 0 ? (Math.log10(v) - minDecade) / span : 0)),
    isLog,
    minDecade,
    maxDecade,
  };
}

function decadeAxis(minDecade: number, maxDecade: number, y: number): string {
  const span = maxDecade - minDecade;
  const every = Math.max(1, Math.ceil(span / 8));
  let out = '';
  for (let d = minDecade; d <= maxDecade; d += every) {
    const x = LABEL_W + ((d - minDecade) / span) * BAR_W;
    out += `<path class="grid" d="M${x.toFixed(1)} 0V${y}"/><text class="axis" x="${x.toFixed(1)}" y="${y + 14}" text-anchor="middle">10${superscript(d)}</text>`;
  }
  return out;
}

function superscript(n: number): string {
  const map: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
  return [...String(n)].map((c) => map[c] ?? c).join('');
}

/** Horizontal bars; `unit` names the log axis' unit ("pJ"). */
export function renderBarChart(rows: readonly BarRow[], ariaLabel: string, unit: string): Html {
  const { fractions, isLog, minDecade, maxDecade } = barFractions(rows.map((r) => r.value));
  const height = rows.length * ROW_H + (isLog ? AXIS_H : 4);
  const bars = rows.map((r, i) => {
    const y = i * ROW_H + (ROW_H - BAR_H) / 2;
    const w = Math.max(fractions[i] * BAR_W, r.value > 0 ? 1 : 0);
    const overflow = r.value === Infinity ? ' overflow' : '';
    return html`<g class="bar${overflow}"><title>${r.label}: ${r.valueText}</title><text class="label" x="${LABEL_W - 8}" y="${y + BAR_H - 4}" text-anchor="end">${shorten(r.label)}</text><rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" rx="2" fill="${r.colour}"/><text class="value" x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + BAR_H - 4}">${r.valueText}</text></g>`;
  });
  const axis = isLog ? trusted(decadeAxis(minDecade, maxDecade, rows.length * ROW_H)) : '';
  const width = LABEL_W + BAR_W + VALUE_W;
  return html`<figure class="chart"><svg role="img" aria-label="${ariaLabel}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${axis}${joinHtml(bars)}</svg>
<figcaption class="small muted">${isLog ? `log scale (${unit}); the values span more than ${LOG_SCALE_RATIO}×` : 'linear scale'}</figcaption></figure>`;
}

export interface StackedRow {
  readonly label: string;
  /** Segment values (same order as the legend); shares are computed per row. */
  readonly values: readonly number[];
  readonly totalText: string;
}

export interface Series {
  readonly name: string;
  readonly colour: string;
}

/** Shares of a segment in its row's total; an overflowing segment takes the whole bar. */
function shares(values: readonly number[]): number[] {
  if (values.some((v) => v === Infinity)) return values.map((v) => (v === Infinity ? 1 : 0) / values.filter((x) => x === Infinity).length);
  const total = values.reduce((s, v) => s + (v > 0 ? v : 0), 0);
  return values.map((v) => (total > 0 && v > 0 ? v / total : 0));
}

function percent(share: number): string {
  return share >= 0.995 ? '100 %' : share < 0.001 ? '< 0.1 %' : `${(share * 100).toFixed(1)} %`;
}

/** 100 % stacked horizontal bars: each row's segments as shares of its total (labelled at the right). */
export function renderStackedShares(rows: readonly StackedRow[], series: readonly Series[], ariaLabel: string): Html {
  const height = rows.length * ROW_H + 20;
  const bars = rows.map((r, i) => {
    const y = i * ROW_H + (ROW_H - BAR_H) / 2;
    const s = shares(r.values);
    let x = LABEL_W;
    const segments = s.map((share, k) => {
      if (share <= 0) return '';
      const w = share * BAR_W;
      const seg = html`<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${BAR_H}" fill="${series[k].colour}"><title>${r.label} · ${series[k].name}: ${percent(share)}</title></rect>`;
      x += w;
      return seg;
    });
    return html`<g class="stack"><text class="label" x="${LABEL_W - 8}" y="${y + BAR_H - 4}" text-anchor="end"><title>${r.label}</title>${shorten(r.label)}</text>${joinHtml(segments)}<text class="value" x="${LABEL_W + BAR_W + 6}" y="${y + BAR_H - 4}">${r.totalText}</text></g>`;
  });
  let grid = '';
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const xg = LABEL_W + f * BAR_W;
    grid += `<path class="grid" d="M${xg} 0V${rows.length * ROW_H}"/><text class="axis" x="${xg}" y="${rows.length * ROW_H + 14}" text-anchor="middle">${f * 100} %</text>`;
  }
  const width = LABEL_W + BAR_W + VALUE_W;
  return html`<figure class="chart"><svg role="img" aria-label="${ariaLabel}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${trusted(grid)}${joinHtml(bars)}</svg>${renderLegend(series)}</figure>`;
}

/** Colour swatches with names (HTML). */
export function renderLegend(series: readonly Series[]): Html {
  return html`<ul class="swatches">${joinHtml(
    series.map((s) => html`<li><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${s.colour}"/></svg>${s.name}</li>`),
  )}</ul>`;
}
