/**
 * Safe HTML building: every string that reaches the report goes through `html`, a tagged template that escapes
 * each interpolated value unless it is already `Html` (markup built by this module). Model-derived text (node
 * names, file names, PDK descriptions and sources) can therefore never inject markup or script: a layer named
 * `<script>alert(1)</script>` renders as that text.
 *
 * Escaping covers both text and attribute contexts (& < > " ' are all replaced), so `html` output may be used
 * inside double- or single-quoted attribute values. It is not for script, style or URL contexts: the report
 * never interpolates model data there.
 */

/** Markup that is already safe (escaped or built only from numbers and constants). */
export interface Html {
  readonly kind: 'html';
  readonly text: string;
}

/** What may be interpolated: markup (kept), strings and numbers (escaped), arrays (joined), nothing (omitted). */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and quoted-attribute contexts. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Marks `text` as markup without escaping. Only for strings this module builds from numbers and constants
 * (SVG path data, generated CSS); never for anything that came from a model or a PDK file.
 */
export function trusted(text: string): Html {
  return { kind: 'html', text };
}

function isHtml(v: unknown): v is Html {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Html).kind === 'html' && typeof (v as Html).text === 'string';
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (typeof v === 'number') return escapeHtml(String(v));
  if (typeof v === 'string') return escapeHtml(v);
  if (isHtml(v)) return v.text;
  let out = '';
  for (const x of v as readonly HtmlValue[]) out += render(x);
  return out;
}

/** Tagged template: literal parts are kept, every interpolated value is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return { kind: 'html', text: out };
}

/** Joins markup fragments (escaping any plain strings among them). */
export function joinHtml(parts: readonly HtmlValue[], separator = ''): Html {
  return trusted(parts.map(render).join(escapeHtml(separator)));
}
