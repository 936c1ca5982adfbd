/**
 * The "Layers" section: one row per optical layer — matrix shape, tiles, MZIs, phase shifters, mesh depth,
 * optical passes, worst-path loss (its breakdown on hover), laser and heater power, energy per inference — and
 * a totals row. Counts from ir/circuit-stats.ts, physical figures from the cost model.
 */
import type { CircuitCost, PathLoss } from '../../cost/index.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { circuitStats } from '../../ir/circuit-stats.js';
import { formatCount, formatEnergyPj, formatPowerMw, formatWithUnit } from './format.js';
import { html, joinHtml, type Html } from './html.js';

function lossBreakdown(l: PathLoss): string {
  const parts: [string, number][] = [
    ['MZIs', l.mzisDb], ['couplers', l.couplersDb], ['loss dummies', l.dummiesDb], ['screens', l.screensDb], ['attenuator', l.attenuatorDb],
    ['modulator', l.modulatorDb], ['waveguide', l.waveguideDb], ['crossings', l.crossingsDb],
  ];
  return parts.filter(([, db]) => db !== 0).map(([name, db]) => `${name} ${formatWithUnit(db, 'dB')}`).join(' + ');
}

export function renderLayersSection(circuit: CircuitIR, cost: CircuitCost): Html {
  const stats = circuitStats(circuit);
  const rows = stats.layers.map((s, i) => {
    const c = cost.layers[i];
    const layer = circuit.layers[i];
    const blocks = s.tiles > 1 ? html` <span class="muted">(${layer.rowBlocks} × ${layer.colBlocks})</span>` : '';
    return html`<tr><td class="num">${i}</td><td class="name"><a href="#mesh-layer-${i}">${s.name}</a></td><td>${s.opType}</td>
<td class="num">${s.matrix.rows} × ${s.matrix.cols}</td><td class="num">${formatCount(s.tiles)}${blocks}</td><td class="num">${formatCount(s.mzis)}</td>
<td class="num">${s.meshDepth}</td><td class="num">${formatCount(s.opticalPassesPerSample)}</td>
<td class="num" title="${lossBreakdown(c.worstPathLoss)}">${formatWithUnit(c.worstPathLoss.totalDb, 'dB')}</td>
<td class="num">${formatPowerMw(c.laser.onChipMw)}</td><td class="num">${formatPowerMw(c.heaterPowerMw)}</td><td class="num">${formatEnergyPj(c.energyPjPerInference)}</td></tr>`;
  });
  const t = stats.totals;
  const total = html`<tr class="total"><td></td><td class="name">Total (${t.layers} layers)</td><td></td><td></td><td class="num">${formatCount(t.tiles)}</td>
<td class="num">${formatCount(t.mzis)}</td><td></td><td class="num">${formatCount(t.opticalPassesPerSample)}</td><td></td><td></td>
<td class="num">${formatPowerMw(cost.heaterPowerMw)}</td><td class="num">${formatEnergyPj(cost.energy.energyPjPerInference)}</td></tr>`;
  return html`<section id="layers"><h2>Layers</h2>
<p class="lead">Every linear layer as W = σ<sub>max</sub>·U·diag(σ/σ<sub>max</sub>)·Vᵀ on MZI meshes. Depth: MZI columns along a tile's path (both meshes). Passes: optical passes per sample. Loss: the worst optical path, dB (hover for its terms). Laser: the on-chip power that path needs. Heaters: peak holding power (total: the chip's peak, every core holding its hungriest tile). Energy: per inference, with the layer's converters and electronics.</p>
<div class="table-wrap"><table class="data"><thead><tr><th class="num">#</th><th>layer</th><th>op</th><th class="num">matrix</th><th class="num">tiles</th><th class="num">MZIs</th><th class="num">depth</th><th class="num">passes</th><th class="num">loss</th><th class="num">laser</th><th class="num">heaters</th><th class="num">energy</th></tr></thead>
<tbody>${joinHtml(rows)}</tbody><tfoot>${total}</tfoot></table></div></section>`;
}
