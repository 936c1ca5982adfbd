/**
 * A large mesh aggregated into a heat map: MZIs binned by layout column (x) and upper mode (y) into at most
 * `maxBins` × `maxBins` cells, each cell coloured by the circular mean of its phases (phases are cyclic, so
 * the mean of 0.1 and 6.2 rad is ≈ 0, not π): atan2(Σ sin, Σ cos), wrapped to [0, 2π). Two small multiples,
 * φ and θ, on the same bins. Empty cells (a reduced mesh has no MZIs there) stay grey.
 *
 * The cells are drawn as one SVG path per colour level (runs merged), so a 40,000-MZI mesh costs a few kB.
 * The bin means (data-values on each panel) and counts and geometry (on the pair) ride along as data
 * attributes, row-major, for the hover read-out.
 */
import type { MziMesh } from '../../ir/circuit.js';
import { meshDepth } from '../../ir/circuit.js';
import { TWO_PI_RAD } from '../../core/units.js';
import { phaseLevel } from './colour.js';
import { html, joinHtml, trusted, type Html } from './html.js';

/** Default largest number of bins along each axis. */
export const DEFAULT_HEATMAP_BINS = 32;
/** Drawing size of the larger axis, px. */
const HEATMAP_PX = 300;

/** Binned circular means of one mesh: `rows` mode bands × `cols` column bins, row-major. */
export interface PhaseBins {
  readonly rows: number;
  readonly cols: number;
  /** Mesh columns and MZI rows (upper modes 0 … N − 2) the bins span. */
  readonly depth: number;
  readonly tops: number;
  readonly counts: Int32Array;
  /** Circular mean per bin, rad in [0, 2π); NaN for an empty bin. */
  readonly thetaRad: Float64Array;
  readonly phiRad: Float64Array;
}

function circularMean(sumSin: number, sumCos: number): number {
  return (Math.atan2(sumSin, sumCos) + TWO_PI_RAD) % TWO_PI_RAD;
}

/** Bins the MZIs of `mesh` by (col, top) into at most maxBins × maxBins cells. */
export function binMeshPhases(mesh: MziMesh, maxBins = DEFAULT_HEATMAP_BINS): PhaseBins {
  const depth = Math.max(1, meshDepth(mesh));
  const tops = Math.max(1, mesh.N - 1);
  const cols = Math.min(depth, maxBins);
  const rows = Math.min(tops, maxBins);
  const n = rows * cols;
  const counts = new Int32Array(n);
  const sums = new Float64Array(4 * n); // sin θ, cos θ, sin φ, cos φ
  for (const z of mesh.mzis) {
    const i = Math.floor((z.top * rows) / tops) * cols + Math.floor((z.col * cols) / depth);
    counts[i]++;
    sums[4 * i] += Math.sin(z.theta);
    sums[4 * i + 1] += Math.cos(z.theta);
    sums[4 * i + 2] += Math.sin(z.phi);
    sums[4 * i + 3] += Math.cos(z.phi);
  }
  const thetaRad = new Float64Array(n).fill(NaN);
  const phiRad = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (counts[i] === 0) continue;
    thetaRad[i] = circularMean(sums[4 * i], sums[4 * i + 1]);
    phiRad[i] = circularMean(sums[4 * i + 2], sums[4 * i + 3]);
  }
  return { rows, cols, depth, tops, counts, thetaRad, phiRad };
}

/**
 * One panel: the bins' means of one phase as cells of 1 × 1 unit; horizontal runs of one colour level are
 * merged into one rectangle, and all rectangles of a level share one path.
 */
function renderPanel(bins: PhaseBins, meansRad: Float64Array, phase: 'theta' | 'phi', label: string): Html {
  const byLevel = new Map<number, string>();
  const values: string[] = [];
  for (let r = 0; r < bins.rows; r++) {
    let c = 0;
    while (c < bins.cols) {
      const v = meansRad[r * bins.cols + c];
      if (Number.isNaN(v)) {
        values.push('');
        c++;
        continue;
      }
      const level = phaseLevel(v);
      let run = 1;
      values.push(v.toFixed(2));
      while (c + run < bins.cols) {
        const w = meansRad[r * bins.cols + c + run];
        if (Number.isNaN(w) || phaseLevel(w) !== level) break;
        values.push(w.toFixed(2));
        run++;
      }
      byLevel.set(level, (byLevel.get(level) ?? '') + `M${c} ${r}h${run}v1h-${run}z`);
      c += run;
    }
  }
  const paths = [...byLevel.entries()].sort((a, b) => a[0] - b[0]).map(([level, d]) => `<path class="ph${level}" d="${d}"/>`).join('');
  const scale = HEATMAP_PX / Math.max(bins.rows, bins.cols);
  const widthPx = Math.round(bins.cols * scale);
  const heightPx = Math.round(bins.rows * scale);
  return html`<figure class="heatmap-panel"><svg class="heatmap" role="img" aria-label="${label}" data-phase="${phase}" data-values="${values.join(',')}" viewBox="0 0 ${bins.cols} ${bins.rows}" width="${widthPx}" height="${heightPx}" preserveAspectRatio="none">${trusted(
    `<rect class="empty" width="${bins.cols}" height="${bins.rows}"/>${paths}`,
  )}</svg><figcaption>${phase === 'phi' ? 'φ (external)' : 'θ (internal)'}, circular mean</figcaption></figure>`;
}

/** The φ and θ heat maps of `mesh` side by side. */
export function renderMeshHeatmap(mesh: MziMesh, label: string, maxBins = DEFAULT_HEATMAP_BINS): Html {
  const bins = binMeshPhases(mesh, maxBins);
  const colsPerBin = bins.depth / bins.cols;
  const modesPerBin = bins.tops / bins.rows;
  return html`<div class="heatmap-pair" data-rows="${bins.rows}" data-cols="${bins.cols}" data-depth="${bins.depth}" data-tops="${bins.tops}" data-counts="${Array.from(bins.counts).join(',')}">${joinHtml([
    renderPanel(bins, bins.phiRad, 'phi', `${label}: φ heat map`),
    renderPanel(bins, bins.thetaRad, 'theta', `${label}: θ heat map`),
  ])}</div><p class="note small">${bins.cols} × ${bins.rows} bins: ≈ ${colsPerBin.toFixed(1)} columns × ${modesPerBin.toFixed(1)} modes each; grey = no MZIs.</p>`;
}
