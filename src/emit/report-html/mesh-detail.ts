/**
 * One mesh drawn MZI by MZI: each MZI is one `<g class="mzi">` placed by (col, top) — column along the light
 * (left → right), spanning modes top and top + 1 (mode 0 at the top) — as a split glyph: the left half is
 * coloured by φ (the external phase, which acts first), the right half by θ (the internal phase). The output
 * phase screen is a column of `.screen` squares after the last MZI column. Hovering a glyph shows its phases
 * (data-theta / data-phi, rad, read by script.ts).
 *
 * Geometry in SVG user units: one column and one mode are PITCH units apart, mode m runs along
 * y = PITCH·m + PITCH/2; the drawing is scaled to `cellPx` pixels per pitch.
 */
import type { MziMesh } from '../../ir/circuit.js';
import { meshDepth } from '../../ir/circuit.js';
import { phaseLevel } from './colour.js';
import { html, trusted, type Html } from './html.js';

const PITCH = 10;
/** Half-glyph width and glyph height, units (the glyph spans its two modes with a 2-unit margin). */
const HALF_W = 4;
const GLYPH_H = 16;
/**
 * Target drawing width, px, and the clamp on pixels per pitch: a 16-mode core draws ≈ 240 px wide, a very
 * small mesh (≤ SMALL_MESH columns and modes) gets larger cells so it stays legible.
 */
const TARGET_WIDTH_PX = 560;
const MIN_CELL_PX = 5;
const MAX_CELL_PX = 14;
const SMALL_MESH = 8;
const MAX_SMALL_CELL_PX = 24;
/** Label font size, px, and the least spacing between mode labels, px. */
const LABEL_PX = 10;
const LABEL_SPACING_PX = 14;

/** Pixels per pitch for a drawing of `cols` columns and `modes` modes. */
export function cellPixels(cols: number, modes: number): number {
  const n = Math.max(cols, modes, 1);
  return Math.max(MIN_CELL_PX, Math.min(n <= SMALL_MESH ? MAX_SMALL_CELL_PX : MAX_CELL_PX, Math.floor(TARGET_WIDTH_PX / n)));
}

function round2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Mode labels (every k-th mode so labels stay LABEL_SPACING_PX apart) in a left margin of `marginUnits`. */
function modeLabels(modes: number, cellPx: number, marginUnits: number, fontUnits: number): string {
  const every = Math.max(1, Math.ceil(LABEL_SPACING_PX / cellPx));
  let out = '';
  for (let m = 0; m < modes; m += every) {
    out += `<text text-anchor="end" x="${round2(marginUnits - fontUnits * 0.4)}" y="${round2(PITCH * m + PITCH / 2 + fontUnits * 0.35)}">${m}</text>`;
  }
  return out;
}

/** The SVG of `mesh`, MZI by MZI (use for meshes up to the detail limit; one element per MZI). */
export function renderMeshDetail(mesh: MziMesh, label: string): Html {
  const depth = meshDepth(mesh);
  const cols = depth + 1; // + the output screen column
  const cellPx = cellPixels(cols, mesh.N);
  const unitPx = cellPx / PITCH;
  const fontUnits = LABEL_PX / unitPx;
  const margin = Math.ceil(fontUnits * (String(mesh.N - 1).length * 0.62 + 0.8));
  const widthUnits = margin + cols * PITCH;
  const heightUnits = mesh.N * PITCH;

  let waveguides = '';
  for (let m = 0; m < mesh.N; m++) waveguides += `M${margin} ${PITCH * m + PITCH / 2}H${widthUnits}`;

  let glyphs = '';
  for (const z of mesh.mzis) {
    const x = margin + PITCH * z.col + 1;
    const xTheta = x + HALF_W;
    const y = PITCH * z.top + 2;
    glyphs +=
      `<g class="mzi" data-col="${z.col}" data-top="${z.top}" data-theta="${z.theta.toFixed(3)}" data-phi="${z.phi.toFixed(3)}">` +
      `<path class="ph${phaseLevel(z.phi)}" d="M${x} ${y}h${HALF_W}v${GLYPH_H}h-${HALF_W}z"/>` +
      `<path class="ph${phaseLevel(z.theta)}" d="M${xTheta} ${y}h${HALF_W}v${GLYPH_H}h-${HALF_W}z"/></g>`;
  }
  let screen = '';
  const xScreen = margin + PITCH * depth + 2;
  for (let m = 0; m < mesh.N; m++) {
    const p = mesh.phasesOut[m];
    screen += `<path class="screen ph${phaseLevel(p)}" data-mode="${m}" data-phase="${p.toFixed(3)}" d="M${xScreen} ${PITCH * m + 2}h6v6h-6z"/>`;
  }
  const widthPx = Math.round(widthUnits * unitPx);
  const heightPx = Math.round(heightUnits * unitPx);
  return html`<svg class="mesh-detail" role="img" aria-label="${label}" viewBox="0 0 ${widthUnits} ${heightUnits}" width="${widthPx}" height="${heightPx}" >${trusted(
    `<path class="wg" d="${waveguides}"/><g class="modes" font-size="${round2(fontUnits)}">${modeLabels(mesh.N, cellPx, margin, fontUnits)}</g>${glyphs}${screen}`,
  )}</svg>`;
}
