/**
 * The "Feasibility" section: the overall verdict and every check of cost/feasibility.ts as an OK / FAIL badge
 * with its value, limit and message (the message says what to change when a check fails).
 */
import type { CircuitCost } from '../../cost/index.js';
import { formatWithUnit } from './format.js';
import { html, joinHtml, type Html } from './html.js';

/** An OK / FAIL badge. */
export function renderBadge(ok: boolean, text?: string): Html {
  return html`<span class="badge ${ok ? 'ok' : 'fail'}">${text ?? (ok ? 'OK' : 'FAIL')}</span>`;
}

export function renderFeasibilitySection(cost: CircuitCost): Html {
  const f = cost.feasibility;
  const failed = f.checks.filter((c) => !c.ok).length;
  const verdict = f.feasible
    ? html`<div class="verdict ok">${renderBadge(true, 'FEASIBLE')} All ${f.checks.length} checks pass.</div>`
    : html`<div class="verdict fail">${renderBadge(false, 'NOT FEASIBLE')} ${failed} of ${f.checks.length} checks fail.</div>`;
  const rows = f.checks.map(
    (c) => html`<tr class="${c.ok ? 'ok' : 'fail'}"><td>${renderBadge(c.ok)}</td><td class="name"><code>${c.name}</code></td><td class="num">${formatWithUnit(c.value, c.unit)}</td><td class="num">${formatWithUnit(c.limit, c.unit)}</td><td class="message">${c.message}</td></tr>`,
  );
  const suggestion =
    cost.suggestedCoreSize === null
      ? html`<p class="small muted">No core size fits the laser budget with this PDK.</p>`
      : html`<p class="small muted">Largest core size within the laser budget: <strong>${cost.suggestedCoreSize}</strong> (<code>--core-size ${cost.suggestedCoreSize}</code>).</p>`;
  return html`<section id="feasibility"><h2>Feasibility</h2>
${verdict}
<div class="table-wrap"><table class="data checks"><thead><tr><th>status</th><th>check</th><th class="num">value</th><th class="num">limit</th><th>message</th></tr></thead><tbody>${joinHtml(rows)}</tbody></table></div>
${suggestion}</section>`;
}
