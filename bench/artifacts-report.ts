/**
 * report.html generation: time (median of repeats, after one warm-up) and size for LeNet-5 with
 * --core-size 16 and full size (the full-size mapping exercises the heat maps: its fc1 meshes hold 40,740 and
 * 7,140 MZIs). Compilation and the cost model are not timed. Prints a table and returns the figures for
 * bench/results.json.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel } from '../src/index.js';
import { reportCost } from '../src/emit/report-json/index.js';
import { emitReportHtml } from '../src/emit/report-html/index.js';
import { builtinPdk, DEFAULT_PDK_NAME } from '../src/pdk/index.js';

const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
const MODEL = 'mnist_lenet5_pytorch.onnx';
const REPEATS = 5;

export interface ReportBenchRow {
  readonly model: string;
  readonly coreSize: number | null;
  readonly mzis: number;
  /** Median generation time of emitReportHtml, ms. */
  readonly generateMs: number;
  /** UTF-8 size of report.html, bytes. */
  readonly bytes: number;
  /** Meshes drawn MZI by MZI and as heat maps. */
  readonly detailMeshes: number;
  readonly heatmapMeshes: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function runReportBench(): ReportBenchRow[] {
  const pdk = builtinPdk(DEFAULT_PDK_NAME);
  const rows: ReportBenchRow[] = [];
  for (const coreSize of [16, null]) {
    const { circuit } = compileModel(path.join(SHARED, 'models', MODEL), { coreSize });
    const cost = reportCost(circuit, { pdk });
    let doc = emitReportHtml(circuit, cost, pdk); // warm-up
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now();
      doc = emitReportHtml(circuit, cost, pdk);
      times.push(performance.now() - t);
    }
    rows.push({
      model: MODEL,
      coreSize,
      mzis: circuit.layers.reduce((s, l) => s + l.tiles.reduce((a, t) => a + t.inputMesh.mzis.length + t.outputMesh.mzis.length, 0), 0),
      generateMs: median(times),
      bytes: Buffer.byteLength(doc, 'utf8'),
      detailMeshes: (doc.match(/data-view="detail"/g) ?? []).length,
      heatmapMeshes: (doc.match(/data-view="heatmap"/g) ?? []).length,
    });
  }
  console.log(`\nreport.html generation (median of ${REPEATS}, after a warm-up; compile and cost model not timed)`);
  console.log('model                                   core       MZIs   generate ms      size kB   detail   heat maps');
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(40)}${String(r.coreSize ?? 'full').padStart(4)}${String(r.mzis).padStart(11)}${r.generateMs.toFixed(1).padStart(14)}${(r.bytes / 1024).toFixed(1).padStart(13)}${String(r.detailMeshes).padStart(9)}${String(r.heatmapMeshes).padStart(12)}`,
    );
  }
  return rows;
}

// run directly: node --import tsx bench/artifacts-report.ts
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runReportBench();
