/**
 * The "Energy & power" section: key figures (energy per inference and per MAC, latency, throughput, average
 * power, peak heater and laser power, chip size), the energy per inference by component (bars with values
 * and shares), each layer's energy split by component (100 % stacked bars with its total), and each layer's
 * laser (electrical) and heater holding power. Terms as in cost/energy.ts.
 */
import type { CircuitCost, EnergyBreakdown } from '../../cost/index.js';
import { pjToJ } from '../../core/units.js';
import { renderBarChart, renderStackedShares, type BarRow, type Series } from './bar-chart.js';
import { renderFigures } from './figures.js';
import { formatCount, formatEnergyPj, formatNumber, formatPowerMw, formatSi, formatTimeNs, formatWithUnit } from './format.js';
import { html, type Html } from './html.js';

/** Energy components in cost/energy.ts order, with their chart colours. */
export const ENERGY_COMPONENTS: readonly { readonly key: keyof EnergyBreakdown; readonly name: string; readonly colour: string }[] = [
  { key: 'laserPj', name: 'laser', colour: '#e15759' },
  { key: 'heatersPj', name: 'heaters (holding)', colour: '#f28e2b' },
  { key: 'dacReprogrammingPj', name: 'DACs (reprogramming)', colour: '#edc948' },
  { key: 'dacInputsPj', name: 'DACs (inputs)', colour: '#b07aa1' },
  { key: 'modulatorsPj', name: 'modulators', colour: '#76b7b2' },
  { key: 'detectorsPj', name: 'detectors + TIAs', colour: '#59a14f' },
  { key: 'adcsPj', name: 'ADCs', colour: '#4e79a7' },
  { key: 'electronicsPj', name: 'electronics', colour: '#9c755f' },
];

const SERIES: readonly Series[] = ENERGY_COMPONENTS.map((c) => ({ name: c.name, colour: c.colour }));

function shareText(part: number, total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  const s = part / total;
  return s >= 0.9995 ? ' (100 %)' : s < 0.001 ? ' (< 0.1 %)' : ` (${(s * 100).toFixed(1)} %)`;
}

export function renderEnergySection(cost: CircuitCost): Html {
  const e = cost.energy;
  const t = cost.timing;
  const averageW = pjToJ(e.energyPjPerInference) * t.throughputInferencesPerS;
  const maxLaser = cost.layers.reduce((m, l) => Math.max(m, l.laser.onChipMw), 0);
  const figures = renderFigures([
    { label: 'Energy / inference', value: formatEnergyPj(e.energyPjPerInference), note: `${formatEnergyPj(e.energyPjPerMac)} per MAC` },
    { label: 'MACs / inference', value: formatCount(e.macsPerInference), note: `${formatCount(cost.electronic.totalOps)} electronic ops` },
    { label: 'Latency', value: formatTimeNs(t.latencyNs), note: `optical ${formatTimeNs(t.opticalNs)} · conversions ${formatTimeNs(t.conversionNs)} · reprogramming ${formatTimeNs(t.reprogrammingNs)}` },
    { label: 'Throughput', value: `${formatNumber(t.throughputInferencesPerS)} /s`, note: `inferences per second; a batch of ${t.batchSize} takes ${formatTimeNs(t.batchNs)}` },
    { label: 'Average power', value: formatSi(averageW, 'W'), note: 'energy / inference × throughput' },
    { label: 'Heater power (peak)', value: formatPowerMw(cost.heaterPowerMw), note: `${formatPowerMw(cost.heaterPowerNaiveMw)} without the low-power settings` },
    { label: 'Laser (on-chip, worst layer)', value: formatPowerMw(maxLaser), note: `detectors need ${formatPowerMw(cost.detector.powerMw)} each (SNR ${formatWithUnit(cost.detector.snrDb, 'dB')})` },
    { label: 'Chip', value: `${formatNumber(cost.chip.widthMm)} × ${formatNumber(cost.chip.heightMm)} mm`, note: `components ${formatWithUnit(cost.areaComponentsMm2, 'mm²')}` },
    { label: 'One-time programming', value: formatEnergyPj(e.programmingEnergyPj), note: 'cores that are never reprogrammed' },
  ]);

  const total = e.total;
  const componentRows: BarRow[] = ENERGY_COMPONENTS.map((c) => ({
    label: c.name,
    value: total[c.key],
    valueText: formatEnergyPj(total[c.key]) + shareText(total[c.key], e.energyPjPerInference),
    colour: c.colour,
  }));

  const layerRows = [
    ...cost.layers.map((l) => ({ label: l.name, values: ENERGY_COMPONENTS.map((c) => l.energy[c.key]), totalText: formatEnergyPj(l.energyPjPerInference) })),
    {
      label: 'electronic graph nodes',
      values: ENERGY_COMPONENTS.map((c) => (c.key === 'electronicsPj' ? e.graphElectronicsPj : 0)),
      totalText: formatEnergyPj(e.graphElectronicsPj),
    },
  ];

  const powerRows: BarRow[] = cost.layers.flatMap((l) => [
    { label: `${l.name} · laser`, value: l.laser.electricalMw, valueText: formatPowerMw(l.laser.electricalMw), colour: '#e15759' },
    { label: `${l.name} · heaters`, value: l.heaterPowerMw, valueText: formatPowerMw(l.heaterPowerMw), colour: '#f28e2b' },
  ]);

  return html`<section id="energy"><h2>Energy &amp; power</h2>
<p class="lead">Per inference (one sample, batch of ${t.batchSize}), ${cost.options.adcBits}-bit detection, PDK <code>${cost.pdk}</code>.</p>
${figures}
<h3>Energy per inference by component</h3>
${renderBarChart(componentRows, 'energy per inference by component', 'pJ')}
<h3>Energy per layer by component</h3>
${renderStackedShares(layerRows, SERIES, 'energy share by component for each layer')}
<h3>Power per layer</h3>
<p class="small muted">Laser: electrical power (on-chip need ÷ wall-plug efficiency) while the layer's passes stream. Heaters: peak holding power while the layer runs.</p>
${renderBarChart(powerRows, 'laser and heater power per layer', 'mW')}</section>`;
}
