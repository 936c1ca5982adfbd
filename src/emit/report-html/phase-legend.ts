/**
 * The legend of the mesh drawings: the cyclic phase colour bar from 0 to 2π rad, and the split MZI glyph
 * (left half φ, right half θ, light flowing left to right).
 */
import { PHASE_LEVELS } from './colour.js';
import { trusted, type Html } from './html.js';

const BAR_WIDTH = 256;
const BAR_HEIGHT = 12;
const TICKS: readonly (readonly [number, string])[] = [[0, '0'], [0.25, 'π/2'], [0.5, 'π'], [0.75, '3π/2'], [1, '2π rad']];

export function renderPhaseLegend(): Html {
  const step = BAR_WIDTH / PHASE_LEVELS;
  let bar = '';
  for (let k = 0; k < PHASE_LEVELS; k++) bar += `<rect class="ph${k}" x="${(k * step).toFixed(2)}" y="0" width="${(step + 0.3).toFixed(2)}" height="${BAR_HEIGHT}"/>`;
  let ticks = '';
  for (const [f, label] of TICKS) {
    const x = f * BAR_WIDTH;
    const anchor = f === 0 ? 'start' : f === 1 ? 'end' : 'middle';
    ticks += `<path class="tick" d="M${x} ${BAR_HEIGHT}v4"/><text x="${x}" y="${BAR_HEIGHT + 15}" text-anchor="${anchor}">${label}</text>`;
  }
  const glyph =
    `<g transform="translate(${BAR_WIDTH + 40} 0)"><path class="wg" d="M-14 6H34M-14 22H34"/>` +
    `<path class="ph8" d="M0 1h10v26h-10z"/><path class="ph40" d="M10 1h10v26h-10z"/>` +
    `<text x="5" y="38" text-anchor="middle">φ</text><text x="15" y="38" text-anchor="middle">θ</text>` +
    `<text x="42" y="11">one MZI on modes m, m+1:</text><text x="42" y="25">left half φ (acts first), right half θ</text></g>`;
  return trusted(
    `<svg class="phase-legend" role="img" aria-label="phase colour scale, 0 to 2π rad" viewBox="-2 0 ${BAR_WIDTH + 290} 42" width="${BAR_WIDTH + 292}" height="42">${bar}${ticks}${glyph}</svg>`,
  );
}
