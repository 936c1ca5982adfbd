/**
 * The "Accuracy" section: the digital reference and the photonic chip — ideal, noisy (Monte-Carlo chips with
 * the PDK's imperfections) and corrected — when given, with a bar per figure; otherwise a note with the
 * `foundry eval` commands that produce them.
 */
import { renderFigures, type KeyFigure } from './figures.js';
import { formatCount, formatPercent } from './format.js';
import { html, joinHtml, type Html } from './html.js';
import type { ReportAccuracy, ReportAccuracyFigure } from './options.js';

interface AccuracyRow {
  readonly label: string;
  readonly accuracy: number | null;
  readonly note: string;
}

function rowOf(label: string, figure: ReportAccuracyFigure): AccuracyRow {
  if (typeof figure === 'number') return { label, accuracy: figure, note: '' };
  const p = figure.photonic;
  const notes: string[] = [];
  if (p.accuracy_std !== undefined && p.accuracy_std !== null) notes.push(`± ${formatPercent(p.accuracy_std, 2)} over chips`);
  if (p.worst !== undefined && p.worst !== null) notes.push(`worst chip ${formatPercent(p.worst)}`);
  if (figure.noise?.trials !== undefined) notes.push(`${formatCount(figure.noise.trials)} chips`);
  if (figure.noise?.pdk !== undefined) notes.push(`PDK ${figure.noise.pdk}`);
  if (figure.agreement !== undefined) notes.push(`agrees with digital on ${formatPercent(figure.agreement)}`);
  if (figure.n !== undefined) notes.push(`${formatCount(figure.n)} samples`);
  return { label, accuracy: p.accuracy, note: notes.join(' · ') };
}

/** The digital accuracy from whichever figure carries one. */
function digitalOf(a: ReportAccuracy): { accuracy: number | null; n?: number } | null {
  for (const f of [a.ideal, a.noisy, a.corrected]) {
    if (f !== undefined && typeof f !== 'number' && f.digital) return { accuracy: f.digital.accuracy, n: f.n };
  }
  return null;
}

function renderAccuracyBars(rows: readonly AccuracyRow[]): Html {
  return html`<div class="accuracy-bars">${joinHtml(
    rows.map((r) => {
      const pct = r.accuracy === null ? 0 : Math.max(0, Math.min(100, r.accuracy * 100));
      return html`<div class="accuracy-row"><span class="accuracy-label">${r.label}</span><svg class="accuracy-track" viewBox="0 0 100 8" preserveAspectRatio="none" width="320" height="12" aria-hidden="true"><rect width="100" height="8" rx="1" class="track"/><rect width="${pct.toFixed(2)}" height="8" rx="1" class="fill"/></svg><span class="accuracy-value">${formatPercent(r.accuracy, 2)}</span></div>`;
    }),
  )}</div>`;
}

export function renderAccuracySection(accuracy: ReportAccuracy): Html {
  const rows: AccuracyRow[] = [];
  const digital = digitalOf(accuracy);
  if (digital) rows.push({ label: 'digital reference', accuracy: digital.accuracy, note: 'float64 executor' });
  if (accuracy.ideal !== undefined) rows.push(rowOf('photonic, ideal', accuracy.ideal));
  if (accuracy.noisy !== undefined) rows.push(rowOf('photonic, noisy', accuracy.noisy));
  if (accuracy.corrected !== undefined) rows.push(rowOf('photonic, corrected', accuracy.corrected));
  const photonicRows = rows.filter((r) => r.label !== 'digital reference');
  if (photonicRows.length === 0) {
    return html`<section id="accuracy"><h2>Accuracy</h2>
<p class="note">No accuracy figures were given to this report. Measure them on a labelled dataset with the compiled directory, for example:</p>
<pre><code>foundry eval OUT_DIR --data images.idx3-ubyte.gz --labels labels.idx1-ubyte.gz --scale 1/255
foundry eval OUT_DIR --data … --labels … --scale 1/255 --noise pdk --trials 10</code></pre>
<p class="small muted">The first runs the digital reference and the ideal photonic chip on the same samples; the second adds Monte-Carlo chips with the PDK's imperfections (noisy accuracy, its spread and the worst chip).</p></section>`;
  }
  const figures: KeyFigure[] = rows.map((r) => ({ label: r.label, value: formatPercent(r.accuracy, 2), note: r.note || undefined }));
  return html`<section id="accuracy"><h2>Accuracy</h2>
${renderFigures(figures)}
${renderAccuracyBars(rows)}</section>`;
}
