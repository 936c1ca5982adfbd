/**
 * The page header (model, source hash, producer, mapping options, PDK) and the "Overview" section: the
 * headline counts and figures, with the feasibility verdict.
 */
import type { CircuitCost } from '../../cost/index.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { circuitStats } from '../../ir/circuit-stats.js';
import { renderFigures } from './figures.js';
import { formatCount, formatEnergyPj, formatNumber, formatPowerMw, formatTimeNs } from './format.js';
import { html, type Html } from './html.js';
import { renderBadge } from './section-feasibility.js';

export function renderHeader(circuit: CircuitIR, cost: CircuitCost): Html {
  const src = circuit.source;
  const producer = src.producer.name ? html` · produced by ${src.producer.name}${src.producer.version ? ` ${src.producer.version}` : ''}` : '';
  const sha = src.sha256 ? html` · sha256 <code title="${src.sha256}">${src.sha256.slice(0, 12)}</code>` : '';
  const core = circuit.options.coreSize === null ? 'full-size meshes' : `core ${circuit.options.coreSize} × ${circuit.options.coreSize}`;
  return html`<header class="top"><div class="wrap"><div><div class="kicker">Photonic Foundry · accelerator report</div><h1>${src.model || 'model'}</h1>
<div class="meta">${circuit.options.mesh} meshes · ${core} · PDK <code>${cost.pdk}</code>${sha}${producer}</div></div>
<div>${renderBadge(cost.feasibility.feasible, cost.feasibility.feasible ? 'FEASIBLE' : 'NOT FEASIBLE')}</div></div></header>`;
}

export function renderOverviewSection(circuit: CircuitIR, cost: CircuitCost): Html {
  const t = circuitStats(circuit).totals;
  const failed = cost.feasibility.checks.filter((c) => !c.ok).length;
  return html`<section id="overview"><h2>Overview</h2>
${renderFigures([
    { label: 'Optical layers', value: formatCount(t.layers), note: `${formatCount(t.tiles)} tiles` },
    { label: 'MZIs', value: formatCount(t.mzis), note: `${formatCount(t.phaseShifters)} phase shifters · ${formatCount(t.attenuators)} attenuators` },
    { label: 'Cores', value: formatCount(t.cores), note: `${formatCount(t.reprogrammingsPerBatch)} reprogrammings / batch` },
    { label: 'Optical passes / sample', value: formatCount(t.opticalPassesPerSample) },
    { label: 'Energy / inference', value: formatEnergyPj(cost.energy.energyPjPerInference), note: `${formatEnergyPj(cost.energy.energyPjPerMac)} per MAC` },
    { label: 'Latency', value: formatTimeNs(cost.timing.latencyNs), note: `throughput ${formatNumber(cost.timing.throughputInferencesPerS)} inferences/s` },
    { label: 'Heater power (peak)', value: formatPowerMw(cost.heaterPowerMw) },
    { label: 'Laser (on-chip)', value: formatPowerMw(cost.layers.reduce((m, l) => Math.max(m, l.laser.onChipMw), 0)), note: 'worst layer' },
    { label: 'Chip', value: `${formatNumber(cost.chip.widthMm)} × ${formatNumber(cost.chip.heightMm)} mm` },
    {
      label: 'Feasibility',
      value: cost.feasibility.feasible ? 'OK' : `${failed} failed`,
      tone: cost.feasibility.feasible ? 'ok' : 'fail',
      note: html`of ${cost.feasibility.checks.length} checks · <a href="#feasibility">details</a>`,
    },
  ])}</section>`;
}
