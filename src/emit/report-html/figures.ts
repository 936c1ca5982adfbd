/**
 * Key-figure cards: a label, a value with its unit, and an optional note underneath.
 */
import { html, joinHtml, type Html, type HtmlValue } from './html.js';

export interface KeyFigure {
  readonly label: string;
  readonly value: HtmlValue;
  readonly note?: HtmlValue;
  /** Extra class on the card ('ok' | 'fail' tint). */
  readonly tone?: 'ok' | 'fail';
}

export function renderFigures(figures: readonly KeyFigure[]): Html {
  return html`<div class="figures">${joinHtml(
    figures.map(
      (f) =>
        html`<div class="figure${f.tone ? ` ${f.tone}` : ''}"><div class="figure-label">${f.label}</div><div class="figure-value">${f.value}</div>${
          f.note !== undefined ? html`<div class="figure-note">${f.note}</div>` : ''
        }</div>`,
    ),
  )}</div>`;
}
