/**
 * Colours of the report. Phases are cyclic (0 and 2π are the same setting), so θ and φ use a cyclic map: a
 * hue wheel at constant OKLab lightness and chroma (L 0.70, C 0.12; Ottosson 2020, "A perceptual color space
 * for image processing"), so no phase looks brighter or more important than another and every value stays
 * visible on a white page. Phases are quantised to PHASE_LEVELS colours, each a CSS class (`ph0` …), which
 * keeps a mesh drawing to a class name per glyph instead of a colour string.
 */
import { TWO_PI_RAD } from '../../core/units.js';

/** Number of colour levels phases are quantised to (2π / 64 ≈ 0.098 rad per level). */
export const PHASE_LEVELS = 64;
const PHASE_LIGHTNESS = 0.7;
const PHASE_CHROMA = 0.12;

function srgbGamma(linear: number): number {
  const x = Math.min(1, Math.max(0, linear));
  return x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
}

function hex2(x: number): string {
  return Math.round(srgbGamma(x) * 255).toString(16).padStart(2, '0');
}

/** OKLCh (L in [0, 1], chroma, hue in rad) → '#rrggbb' (clipped to the sRGB gamut). Ottosson 2020. */
export function oklchToHex(lightness: number, chroma: number, hueRad: number): string {
  const a = chroma * Math.cos(hueRad);
  const b = chroma * Math.sin(hueRad);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  const g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  const bl = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
  return `#${hex2(r)}${hex2(g)}${hex2(bl)}`;
}

/** Colour level of a phase in rad (wrapped into [0, 2π) first): 0 … PHASE_LEVELS − 1. */
export function phaseLevel(phaseRad: number): number {
  const wrapped = ((phaseRad % TWO_PI_RAD) + TWO_PI_RAD) % TWO_PI_RAD;
  return Math.min(PHASE_LEVELS - 1, Math.floor((wrapped / TWO_PI_RAD) * PHASE_LEVELS));
}

/** Colour of level k (its centre phase on the hue wheel). */
export function phaseLevelColour(level: number): string {
  return oklchToHex(PHASE_LIGHTNESS, PHASE_CHROMA, ((level + 0.5) / PHASE_LEVELS) * TWO_PI_RAD);
}

/** CSS rules `.ph0{fill:#…}` … for every phase level. */
export function phasePaletteCss(): string {
  let css = '';
  for (let k = 0; k < PHASE_LEVELS; k++) css += `.ph${k}{fill:${phaseLevelColour(k)}}`;
  return css;
}

/** Categorical colours for layers (schedule lanes, legends); cycled. Tableau 10. */
export const LAYER_COLOURS: readonly string[] = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function layerColour(layer: number): string {
  return LAYER_COLOURS[layer % LAYER_COLOURS.length];
}
