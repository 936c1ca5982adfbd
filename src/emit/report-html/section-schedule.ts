/**
 * The "Schedule" section: totals (steps, cores, reprogrammings per batch, passes per sample, latency), a
 * timeline (one lane per core, one column per schedule step, coloured by layer, a tick where the core is
 * reprogrammed before the step) and a per-layer table (steps, cores, reprogrammings, passes, time per sample
 * from cost/timing.ts).
 */
import type { CircuitCost } from '../../cost/index.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { layerColour } from './colour.js';
import { renderFigures } from './figures.js';
import { formatCount, formatTimeNs } from './format.js';
import { html, joinHtml, trusted, type Html } from './html.js';
import { renderLegend } from './bar-chart.js';

const TIMELINE_PX = 860;
const LANE_LABEL_W = 64;
const LANE_H = 22;
const LANE_GAP = 6;
const TICK_H = 6;
const MIN_STEP_PX = 1;
const MAX_STEP_PX = 48;

function stepAxis(steps: number, stepPx: number, y: number): string {
  const target = Math.max(1, Math.ceil(steps / 10));
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000].find((n) => n >= target) ?? target;
  let out = '';
  for (let s = 0; s <= steps; s += nice) {
    const x = LANE_LABEL_W + s * stepPx;
    out += `<path class="grid" d="M${x.toFixed(1)} ${TICK_H}V${y}"/><text class="axis" x="${x.toFixed(1)}" y="${y + 14}" text-anchor="middle">${s}</text>`;
  }
  return out;
}

function renderTimeline(circuit: CircuitIR): Html {
  const steps = circuit.schedule.steps;
  const lanes = steps.reduce((m, s) => Math.max(m, s.core + 1), Math.max(1, circuit.schedule.cores));
  const stepPx = Math.max(MIN_STEP_PX, Math.min(MAX_STEP_PX, (TIMELINE_PX - LANE_LABEL_W) / Math.max(1, steps.length)));
  const laneY = (core: number): number => TICK_H + core * (LANE_H + LANE_GAP);
  const byLayer = new Map<number, string>();
  let ticks = '';
  for (const s of steps) {
    const x = LANE_LABEL_W + s.step * stepPx;
    const w = Math.max(stepPx - (stepPx >= 4 ? 1 : 0), 0.6);
    byLayer.set(s.layer, (byLayer.get(s.layer) ?? '') + `M${x.toFixed(2)} ${laneY(s.core)}h${w.toFixed(2)}v${LANE_H}h-${w.toFixed(2)}z`);
    if (s.reprogram) ticks += `M${(x + w / 2).toFixed(2)} ${laneY(s.core) - TICK_H}v${TICK_H - 1}`;
  }
  const stepsOf = (l: number): number[] => steps.filter((s) => s.layer === l).map((s) => s.step);
  const layerPaths = [...byLayer.entries()].map(([l, d]) => {
    const own = stepsOf(l);
    return html`<path d="${trusted(d)}" fill="${layerColour(l)}"><title>layer ${l} ${circuit.layers[l].name}: steps ${own[0]}–${own[own.length - 1]}</title></path>`;
  });
  let laneLabels = '';
  for (let c = 0; c < lanes; c++) laneLabels += `<text class="label" x="${LANE_LABEL_W - 8}" y="${laneY(c) + LANE_H / 2 + 4}" text-anchor="end">core ${c}</text>`;
  const height = laneY(lanes) + 18;
  const width = LANE_LABEL_W + steps.length * stepPx + 12;
  return html`<figure class="chart timeline"><svg role="img" aria-label="schedule timeline: one lane per core, one column per step" viewBox="0 0 ${width.toFixed(1)} ${height}" width="${Math.round(width)}" height="${height}">${trusted(
    stepAxis(steps.length, stepPx, laneY(lanes) - LANE_GAP / 2) + laneLabels,
  )}${joinHtml(layerPaths)}${ticks ? trusted(`<path class="reprogram" d="${ticks}"><title>core reprogrammed before the step</title></path>`) : ''}</svg>
${renderLegend([...circuit.layers.map((layer, l) => ({ name: `${l} ${layer.name}`, colour: layerColour(l) })), ...(ticks ? [{ name: '▾ tick: reprogramming', colour: '#1f2933' }] : [])])}
<figcaption class="small muted">x: schedule step (one column each, not to time scale) · y: physical core</figcaption></figure>`;
}

export function renderScheduleSection(circuit: CircuitIR, cost: CircuitCost): Html {
  const sch = circuit.schedule;
  const timing = cost.timing;
  const figures = renderFigures([
    { label: 'Steps', value: formatCount(sch.steps.length) },
    { label: 'Cores', value: formatCount(sch.cores), note: circuit.options.coreSize === null ? 'one per layer (full-size meshes)' : `one ${circuit.options.coreSize} × ${circuit.options.coreSize} core, tiles time-multiplexed` },
    { label: 'Reprogrammings / batch', value: formatCount(sch.reprogrammingsPerBatch), note: `${formatTimeNs(timing.reprogrammingNs)} settling in all` },
    { label: 'Optical passes / sample', value: formatCount(sch.passesPerSample) },
    { label: 'Latency', value: formatTimeNs(timing.latencyNs), note: `${timing.steps.length} steps + ${cost.electronic.stages} electronic stages` },
  ]);
  const rows = circuit.layers.map((layer, l) => {
    const own = sch.steps.filter((s) => s.layer === l);
    const ownTiming = timing.steps.filter((s) => s.layer === l);
    const cores = [...new Set(own.map((s) => s.core))];
    const timeNs = ownTiming.reduce((sum, s) => sum + s.reprogramNs + s.sampleNs, 0);
    const first = own.length ? own[0].step : 0;
    const last = own.length ? own[own.length - 1].step : 0;
    return html`<tr><td class="num">${l}</td><td class="name">${layer.name}</td><td class="num">${own.length > 1 ? `${first}–${last}` : first}</td><td class="num">${formatCount(own.length)}</td>
<td class="num">${cores.length > 3 ? `${cores.length} cores` : cores.join(', ')}</td><td class="num">${formatCount(own.filter((s) => s.reprogram).length)}</td>
<td class="num">${formatCount(layer.passesPerSample)}</td><td class="num">${formatTimeNs(timeNs)}</td></tr>`;
  });
  return html`<section id="schedule"><h2>Schedule</h2>
${figures}
${renderTimeline(circuit)}
<div class="table-wrap"><table class="data"><thead><tr><th class="num">#</th><th>layer</th><th class="num">steps</th><th class="num">count</th><th class="num">core</th><th class="num">reprogrammings</th><th class="num">passes / step</th><th class="num">time / sample</th></tr></thead>
<tbody>${joinHtml(rows)}</tbody></table></div>
<p class="small muted">Time per sample: reprogramming settling plus conversions and propagation of the layer's steps, for one sample alone (electronic stages not included).</p></section>`;
}
