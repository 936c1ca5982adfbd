/**
 * report.html without a browser: escaping, number formatting, heat-map binning (circular means), the detail /
 * heat-map switch, accuracy figures, determinism, and self-containment (no external references; the CSP
 * hashes match the inline stylesheet and script).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { reportCost } from '../../src/emit/report-json/index.js';
import { builtinPdk, DEFAULT_PDK_NAME } from '../../src/pdk/index.js';
import { binMeshPhases, emitReportHtml, escapeHtml } from '../../src/emit/report-html/index.js';
import { html, trusted } from '../../src/emit/report-html/html.js';
import { formatCount, formatEnergyPj, formatNumber, formatPercent, formatPowerMw, formatSi, formatTimeNs } from '../../src/emit/report-html/format.js';
import { barFractions } from '../../src/emit/report-html/bar-chart.js';
import type { CircuitIR, MziMesh } from '../../src/ir/circuit.js';
import type { EvalResult, MonteCarloEvalResult } from '../../src/pipeline/eval.js';
import type { ReportAccuracy } from '../../src/emit/report-html/index.js';
import { buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';

const PDK = builtinPdk(DEFAULT_PDK_NAME);

function tinyCircuit(coreSize: number | null = null): CircuitIR {
  const rng = new Rng(3);
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: [1, 8] }],
    outputs: [{ name: 'y' }],
    initializers: [{ name: 'W', dims: [8, 5], data: Array.from({ length: 40 }, () => Math.fround(rng.uniform(-1, 1))) }],
    nodes: [{ op: 'MatMul', name: 'proj', inputs: ['x', 'W'], outputs: ['y'] }],
  };
  return mapGraph(importOnnx(buildModel(spec)), { coreSize, source: { model: 'tiny.onnx', sha256: 'ab'.repeat(32) } });
}

function report(circuit: CircuitIR, options = {}): string {
  return emitReportHtml(circuit, reportCost(circuit, { pdk: PDK }), PDK, options);
}

test('escaping: text and attributes, nested values, trusted markup kept', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const name = `<script>"x"</script>`;
  const out = html`<p title="${name}">${[name, 1, null, undefined, false, html`<i>${name}</i>`]}${trusted('<br>')}</p>`.text;
  assert.equal(out, '<p title="&lt;script&gt;&quot;x&quot;&lt;/script&gt;">&lt;script&gt;&quot;x&quot;&lt;/script&gt;1<i>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</i><br></p>');
  // an object that merely looks like markup but is not one is still escaped as a string
  assert.equal(html`${'{"kind":"html","text":"<b>"}'}`.text, '{&quot;kind&quot;:&quot;html&quot;,&quot;text&quot;:&quot;&lt;b&gt;&quot;}');
});

test('formatting: SI prefixes, grouping, × 10ⁿ beyond the prefixes, overflow', () => {
  assert.equal(formatSi(2.5e-9, 'J'), '2.5 nJ');
  assert.equal(formatSi(999.96, 'W'), '1 kW');
  assert.equal(formatSi(0, 's'), '0 s');
  assert.equal(formatEnergyPj(25_808_652_013), '25.8 mJ');
  assert.equal(formatEnergyPj(6.2248e65), '6.22 × 10⁵³ J');
  assert.equal(formatPowerMw(0.858), '858 µW');
  assert.equal(formatPowerMw(Infinity), '∞ W');
  assert.equal(formatTimeNs(2_660_348), '2.66 ms');
  assert.equal(formatCount(47_880), '47,880');
  assert.equal(formatNumber(1234.5), '1,230');
  assert.equal(formatNumber(-0.000012), '−1.2 × 10⁻⁵');
  assert.equal(formatNumber(NaN), '—');
  assert.equal(formatPercent(0.98936, 2), '98.94 %');
  assert.equal(formatPercent(null), '—');
});

test('bar scale: linear for close values, log10 beyond 1000×, overflow as a full bar', () => {
  assert.deepEqual(barFractions([1, 2, 4]), { fractions: [0.25, 0.5, 1], isLog: false, minDecade: 0, maxDecade: 0 });
  const log = barFractions([1e3, 1e65, 0]);
  assert.equal(log.isLog, true);
  assert.equal(log.fractions[1], 1);
  assert.equal(log.fractions[2], 0);
  assert.ok(log.fractions[0] > 0 && log.fractions[0] < 0.1);
  assert.equal(barFractions([5, Infinity]).fractions[1], 1);
});

test('heat-map bins: every MZI counted once, phases averaged on the circle', () => {
  const mesh: MziMesh = {
    N: 4,
    topology: 'clements',
    mzis: [
      { top: 0, col: 0, theta: 0.1, phi: 3 },
      { top: 0, col: 0, theta: 2 * Math.PI - 0.1, phi: 3.2 },
      { top: 2, col: 0, theta: 1, phi: 1 },
      { top: 1, col: 1, theta: 2, phi: 2 },
    ],
    phasesOut: new Float64Array(4),
  };
  const bins = binMeshPhases(mesh, 8);
  assert.deepEqual([bins.rows, bins.cols], [3, 2]);
  assert.equal(bins.counts.reduce((s, c) => s + c, 0), 4);
  assert.equal(bins.counts[0], 2);
  // circular mean of 0.1 and 2π − 0.1 is 0 (mod 2π), not π
  const theta0 = bins.thetaRad[0];
  assert.ok(Math.min(theta0, 2 * Math.PI - theta0) < 1e-12, `mean θ = ${theta0}`);
  assert.ok(Math.abs(bins.phiRad[0] - 3.1) < 1e-12);
  assert.ok(Number.isNaN(bins.thetaRad[1]), 'empty bin');
  const coarse = binMeshPhases(mesh, 1);
  assert.deepEqual([coarse.rows, coarse.cols, coarse.counts[0]], [1, 1, 4]);
});

test('meshes: detail up to detailMaxMzis, heat map beyond; tiles limited per layer', () => {
  const circuit = tinyCircuit();
  const mzis = circuit.layers[0].tiles[0].inputMesh.mzis.length;
  const detail = report(circuit);
  assert.equal((detail.match(/<g class="mzi"/g) ?? []).length, circuit.layers[0].tiles.reduce((s, t) => s + t.inputMesh.mzis.length + t.outputMesh.mzis.length, 0));
  assert.doesNotMatch(detail, /class="heatmap"/);
  const aggregated = report(circuit, { detailMaxMzis: mzis - 1 });
  assert.match(aggregated, /data-side="V" data-view="heatmap"/);
  const tiled = tinyCircuit(2);
  assert.ok(tiled.layers[0].tiles.length > 3);
  const some = report(tiled, { tilesPerLayer: 3 });
  assert.equal((some.match(/<figure class="mesh"/g) ?? []).length, 6);
  assert.match(some, new RegExp(`Showing the first 3 of ${tiled.layers[0].tiles.length} tiles`));
});

/** Compile-time check: `foundry eval` results are accepted as they are. */
export function accuracyFromEval(ideal: EvalResult, noisy: MonteCarloEvalResult, corrected: MonteCarloEvalResult): ReportAccuracy {
  return { ideal, noisy, corrected };
}

test('accuracy: eval results and bare numbers, or a note on how to get them', () => {
  const none = report(tinyCircuit());
  assert.match(none, /No accuracy figures were given/);
  assert.match(none, /foundry eval OUT_DIR --data/);
  const some = report(tinyCircuit(), {
    accuracy: {
      ideal: { model: 'tiny.onnx', n: 100, digital: { accuracy: 0.9, correct: 90 }, photonic: { accuracy: 0.89, correct: 89 }, agreement: 0.99, logit_diff: { max_abs: 0, rms: 0 } },
      corrected: 0.875,
    },
  });
  assert.doesNotMatch(some, /No accuracy figures/);
  for (const text of ['digital reference', '90.00 %', '89.00 %', '87.50 %', 'photonic, corrected']) assert.ok(some.includes(text), text);
  assert.ok(!some.includes('photonic, noisy'));
});

test('self-contained and deterministic: no external references, CSP hashes match the inline code', () => {
  const circuit = tinyCircuit();
  const a = report(circuit);
  assert.equal(a, report(circuit), 'same input, same bytes');
  assert.ok(a.startsWith('<!doctype html>'));
  for (const bad of [/<link\b/i, /\bsrc=/i, /url\(/i, /@import/i, /href="(?!#)/i, /xlink:href/i]) assert.doesNotMatch(a, bad);
  const style = /<style>([\s\S]*?)<\/style>/.exec(a)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(a)![1];
  const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  // the attribute value is HTML-escaped (' as &#39;)
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(a)![1].replaceAll('&#39;', "'");
  assert.ok(csp.includes(`default-src 'none'`));
  assert.ok(csp.includes(`style-src ${hash(style)}`));
  assert.ok(csp.includes(`script-src ${hash(script)}`));
  assert.equal((a.match(/<script/g) ?? []).length, 1);
  assert.doesNotMatch(a, /\sstyle="/, 'no inline style attributes (the CSP would block them)');
});
