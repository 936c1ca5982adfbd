/**
 * report.html in a real headless Chromium (playwright-core driving Debian's /usr/bin/chromium), opened from
 * disk with every non-file request blocked: no console errors, no page errors, no network requests; one SVG
 * element per MZI in every detailed mesh (a small builder circuit, full-size and tiled, and LeNet-5 with
 * --core-size 16); heat maps for the full-size LeNet-5 fc1 meshes; hostile node and file names render as
 * text; the hover read-out works; a full-page screenshot is saved to test-artifacts/report.png and is a
 * non-trivial PNG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { importOnnx } from '../../src/import/index.js';
import { mapGraph } from '../../src/map/map-graph.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { reportCost } from '../../src/emit/report-json/index.js';
import { builtinPdk, DEFAULT_PDK_NAME } from '../../src/pdk/index.js';
import { emitReportHtml, type ReportHtmlOptions } from '../../src/emit/report-html/index.js';
import type { CircuitIR } from '../../src/ir/circuit.js';
import { A, buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { Rng } from '../helpers/random.js';
import { MODELS_DIR, REPO_ROOT } from '../helpers/paths.js';
import { openFile, withBrowser, type OpenedPage } from '../helpers/browser.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
const PDK = builtinPdk(DEFAULT_PDK_NAME);

/** Node names that would run script or break out of an attribute if they were not escaped. */
const EVIL_GEMM = `fc<script>window.__pwned = 1</script>"quoted" 'single'`;
const EVIL_MATMUL = `out"><img src=x onerror="window.__pwned = 2">&amp;`;
const EVIL_MODEL = `evil<b>"model"</b>.onnx`;

function smallCircuit(coreSize: number | null): CircuitIR {
  const rng = new Rng(5);
  const r = (n: number): number[] => Array.from({ length: n }, () => Math.fround(rng.uniform(-1, 1)));
  const spec: ModelSpec = {
    opset: 13,
    inputs: [{ name: 'x', dims: [1, 9] }],
    outputs: [{ name: 'y' }],
    initializers: [
      { name: 'W1', dims: [6, 9], data: r(54) },
      { name: 'b1', dims: [6], data: r(6) },
      { name: 'W2', dims: [6, 4], data: r(24) },
    ],
    nodes: [
      { op: 'Gemm', name: EVIL_GEMM, inputs: ['x', 'W1', 'b1'], outputs: ['h'], attrs: { transB: A.i(1) } },
      { op: 'Relu', name: 'relu', inputs: ['h'], outputs: ['a'] },
      { op: 'MatMul', name: EVIL_MATMUL, inputs: ['a', 'W2'], outputs: ['y'] },
    ],
  };
  return mapGraph(importOnnx(buildModel(spec)), { coreSize, source: { model: EVIL_MODEL, sha256: '' } });
}

function writeReport(name: string, circuit: CircuitIR, options: ReportHtmlOptions = {}): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, emitReportHtml(circuit, reportCost(circuit, { pdk: PDK }), PDK, options));
  return file;
}

function assertClean(opened: OpenedPage, what: string): void {
  assert.deepEqual(opened.log.consoleErrors, [], `${what}: console errors`);
  assert.deepEqual(opened.log.pageErrors, [], `${what}: page errors`);
  assert.deepEqual(opened.log.networkRequests, [], `${what}: network requests`);
}

interface MeshFigure {
  layer: number;
  tile: number;
  side: string;
  view: string;
  declared: number;
  mziElements: number;
  heatmaps: number;
}

async function meshFigures(opened: OpenedPage): Promise<MeshFigure[]> {
  return opened.page.$$eval('figure.mesh', (figs) =>
    figs.map((f) => ({
      layer: Number(f.getAttribute('data-layer')),
      tile: Number(f.getAttribute('data-tile')),
      side: f.getAttribute('data-side') ?? '',
      view: f.getAttribute('data-view') ?? '',
      declared: Number(f.getAttribute('data-mzis')),
      mziElements: f.querySelectorAll('svg.mesh-detail .mzi').length,
      heatmaps: f.querySelectorAll('svg.heatmap').length,
    })),
  );
}

/** Every shown mesh's MZI count, checked against the circuit; returns the figures. */
async function assertOneElementPerMzi(opened: OpenedPage, circuit: CircuitIR, tilesPerLayer: number, what: string): Promise<MeshFigure[]> {
  const figures = await meshFigures(opened);
  const expected = circuit.layers.flatMap((layer, l) =>
    layer.tiles.slice(0, tilesPerLayer).flatMap((tile, t) => [
      { layer: l, tile: t, side: 'V', mzis: tile.inputMesh.mzis.length },
      { layer: l, tile: t, side: 'U', mzis: tile.outputMesh.mzis.length },
    ]),
  );
  assert.equal(figures.length, expected.length, `${what}: mesh figures`);
  expected.forEach((e, i) => {
    const f = figures[i];
    assert.deepEqual([f.layer, f.tile, f.side, f.declared], [e.layer, e.tile, e.side, e.mzis], `${what}: figure ${i}`);
    if (f.view === 'detail') assert.equal(f.mziElements, e.mzis, `${what}: layer ${e.layer} tile ${e.tile} ${e.side}: one element per MZI`);
  });
  return figures;
}

/**
 * Width, height and number of distinct colours (on a 64 × 64 sample grid) of a PNG, decoded by the browser.
 * The page code is a string: the project compiles without the DOM library.
 */
async function pngStats(browser: Browser, png: Buffer): Promise<{ width: number; height: number; colours: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const colours = new Set();
      for (let i = 0; i < 64; i++) {
        for (let j = 0; j < 64; j++) {
          const x = Math.floor(((i + 0.5) / 64) * canvas.width);
          const y = Math.floor(((j + 0.5) / 64) * canvas.height);
          const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
          colours.add((r << 16) | (g << 8) | b);
        }
      }
      return { width: canvas.width, height: canvas.height, colours: colours.size };
    })()`);
  } finally {
    await page.close();
  }
}

test('report.html in headless Chromium', async (t) => {
  await withBrowser(async (browser) => {
    await t.test('small circuit, full size and tiled: clean load, one element per MZI, hostile names stay text', async () => {
      for (const coreSize of [null, 4]) {
        const circuit = smallCircuit(coreSize);
        const what = `small circuit, core ${coreSize ?? 'full'}`;
        const opened = await openFile(browser, writeReport(`report-small-${coreSize ?? 'full'}`, circuit));
        try {
          assertClean(opened, what);
          const figures = await assertOneElementPerMzi(opened, circuit, 2, what);
          assert.ok(figures.every((f) => f.view === 'detail'), `${what}: small meshes are drawn in detail`);
          const page = opened.page;
          assert.equal(await page.evaluate('window.__pwned'), undefined, `${what}: injected script ran`);
          assert.equal(await page.locator('script').count(), 1, `${what}: only the report's own script`);
          assert.equal(await page.locator('img').count(), 0, `${what}: no injected elements`);
          assert.equal(await page.locator('b').count(), 0, `${what}: no injected elements`);
          const names = await page.locator('#layers td.name a').allTextContents();
          assert.deepEqual(names, [EVIL_GEMM, EVIL_MATMUL], `${what}: node names as text`);
          assert.equal(await page.locator('header h1').textContent(), EVIL_MODEL);
          assert.equal(await page.title(), `${EVIL_MODEL} — Photonic Foundry report`);
          const meshHeading = await page.locator('#mesh-layer-0 h3').textContent();
          assert.ok(meshHeading?.includes(EVIL_GEMM), `${what}: mesh heading names the layer`);
          // the hover read-out of the first MZI and of the phase legend-free heat map path
          await page.locator('figure.mesh .mzi').first().hover();
          const tip = await page.locator('#tooltip').textContent();
          assert.match(tip ?? '', /MZI column \d+, modes \d+–\d+\nφ = \d\.\d{3} rad\nθ = \d\.\d{3} rad/);
          assertClean(opened, `${what}, after hover`);
        } finally {
          await opened.page.context().close();
        }
      }
    });

    await t.test('LeNet-5 --core-size 16: first tiles in detail, one element per MZI; screenshot', async () => {
      const { circuit } = compileModel(LENET, { coreSize: 16 });
      const accuracy = {
        ideal: { n: 10000, digital: { accuracy: 0.9894 }, photonic: { accuracy: 0.9893 }, agreement: 0.9995 },
        noisy: { n: 10000, photonic: { accuracy: 0.975, accuracy_std: 0.004, worst: 0.968 }, noise: { pdk: DEFAULT_PDK_NAME, trials: 10 } },
        corrected: 0.986,
      };
      const opened = await openFile(browser, writeReport('report-lenet5-core16', circuit, { accuracy }));
      try {
        assertClean(opened, 'LeNet-5 core 16');
        const figures = await assertOneElementPerMzi(opened, circuit, 2, 'LeNet-5 core 16');
        assert.equal(figures.length, circuit.layers.length * 2 * 2);
        assert.ok(figures.every((f) => f.view === 'detail' && f.mziElements === 120));
        assert.match((await opened.page.locator('#meshes').textContent()) ?? '', /Showing the first 2 of 200 tiles/);
        assert.match((await opened.page.locator('#accuracy').textContent()) ?? '', /97\.50 %/);
        const shot = path.join(ARTIFACTS, 'report.png');
        const png = await opened.page.screenshot({ path: shot, fullPage: true });
        assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
        assert.ok(statSync(shot).size > 100_000, `screenshot is ${statSync(shot).size} bytes`);
        const stats = await pngStats(browser, png);
        assert.equal(stats.width, 1280);
        assert.ok(stats.height > 3000, `full page is ${stats.height} px tall`);
        assert.ok(stats.colours > 20, `screenshot has ${stats.colours} distinct colours on a 64 × 64 grid`);
      } finally {
        await opened.page.context().close();
      }
    });

    await t.test('LeNet-5 full size: fc1 meshes as heat maps, small meshes in detail', async () => {
      const { circuit } = compileModel(LENET, { coreSize: null });
      const fc1 = circuit.layers.findIndex((l) => l.matrix.rows === 120 && l.matrix.cols === 400);
      assert.ok(fc1 >= 0);
      const opened = await openFile(browser, writeReport('report-lenet5-full', circuit));
      try {
        assertClean(opened, 'LeNet-5 full size');
        const figures = await assertOneElementPerMzi(opened, circuit, 1, 'LeNet-5 full size');
        for (const f of figures.filter((x) => x.layer === fc1)) {
          assert.equal(f.view, 'heatmap', `fc1 ${f.side} (${f.declared} MZIs) is aggregated`);
          assert.equal(f.mziElements, 0);
          assert.equal(f.heatmaps, 2, 'φ and θ panels');
        }
        for (const f of figures) assert.equal(f.view, f.declared > 2000 ? 'heatmap' : 'detail', `layer ${f.layer} ${f.side}: ${f.declared} MZIs`);
        assert.ok(figures.some((f) => f.view === 'detail' && f.mziElements > 0));
        // the heat-map read-out names the bin
        await opened.page.locator(`figure.mesh[data-layer="${fc1}"][data-side="U"] svg.heatmap`).first().hover();
        assert.match((await opened.page.locator('#tooltip').textContent()) ?? '', /columns \d+–\d+, upper modes \d+–\d+\n\d+ MZIs/);
        assertClean(opened, 'LeNet-5 full size, after hover');
        assert.match((await opened.page.locator('#accuracy').textContent()) ?? '', /foundry eval/);
        assert.equal(await opened.page.locator('#feasibility .badge.fail').count() > 0, true);
      } finally {
        await opened.page.context().close();
      }
    });
  });
});
