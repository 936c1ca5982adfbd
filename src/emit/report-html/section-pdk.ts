/**
 * The "PDK" section: the device models the physical figures come from — name, description, the key figures
 * with their units and sources, and every other field in a collapsed table (pdk/fields.ts).
 */
import { describePdkFields, type PdkFieldRow } from '../../pdk/index.js';
import type { Pdk } from '../../pdk/types.js';
import { html, joinHtml, type Html } from './html.js';

/** The figures that drive the report's loss, power, energy and feasibility numbers, in display order. */
export const PDK_KEY_FIELDS: readonly string[] = [
  'optics.wavelengthNm',
  'mzi.insertionLossDb',
  'mzi.extinctionRatioDb',
  'phaseShifter.type',
  'phaseShifter.pPiMw',
  'phaseShifter.responseTimeUs',
  'phaseShifter.phaseErrorSigmaRad',
  'coupler.splitRatioSigma',
  'waveguide.lossDbPerCm',
  'waveguide.crossingLossDb',
  'modulator.insertionLossDb',
  'modulator.energyPjPerSymbol',
  'photodetector.responsivityAPerW',
  'photodetector.tiaPowerMw',
  'adc.bits',
  'adc.sampleRateGsps',
  'adc.powerMw',
  'dac.sampleRateGsps',
  'dac.powerMw',
  'laser.wallPlugEfficiency',
  'laser.maxOnChipPowerMw',
  'reticle.widthMm',
  'reticle.heightMm',
];

function valueText(v: PdkFieldRow['value']): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return String(v);
}

function renderRows(rows: readonly PdkFieldRow[]): Html {
  return joinHtml(
    rows.map(
      (r) => html`<tr><td class="name"><code>${r.path}</code></td><td class="num">${valueText(r.value)}</td><td>${r.unit}</td><td class="source">${r.source ?? ''}</td></tr>`,
    ),
  );
}

const HEAD = html`<thead><tr><th>field</th><th class="num">value</th><th>unit</th><th>source</th></tr></thead>`;

export function renderPdkSection(pdk: Pdk): Html {
  const rows = describePdkFields(pdk);
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const key = PDK_KEY_FIELDS.map((p) => byPath.get(p)).filter((r): r is PdkFieldRow => r !== undefined);
  const rest = rows.filter((r) => !PDK_KEY_FIELDS.includes(r.path));
  return html`<section id="pdk"><h2>PDK <code>${pdk.name}</code></h2>
<p class="lead">${pdk.description}</p>
<div class="table-wrap"><table class="data pdk">${HEAD}<tbody>${renderRows(key)}</tbody></table></div>
<details><summary>Other ${rest.length} fields</summary><div class="table-wrap"><table class="data pdk">${HEAD}<tbody>${renderRows(rest)}</tbody></table></div></details></section>`;
}
