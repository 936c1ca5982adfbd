/**
 * The device cells of the layout, each defined once and referenced wherever the placement puts that device:
 *
 *   PF_MZI  2×2 MZI. Origin: the cell's left edge on its upper mode (mode `top`, y = 0); mode top + 1 at y = p.
 *           Along x (L = pdk.mzi.lengthUm): input half [0, L/2] with the φ heater on the upper input arm centred
 *           at L/4, then directional coupler 1 in [L/2 − d, L/2]; internal half with the θ heater on the upper
 *           internal arm centred at 3L/4, then coupler 2 in [L − d, L] (d = L/10: cosine S-bends bring both
 *           waveguides to the coupling gap around y = p/2). Heater centres are the placement's (x + L/4, x + 3L/4).
 *   PF_PS   output-screen phase shifter (length pdk.phaseShifter.lengthUm), heater over its whole length.
 *   PF_ATT  MZI variable attenuator on one mode (length L): the main waveguide carries the heater at L/2, a
 *           second arm couples in and out near the ends.
 *   PF_MOD  input modulator: waveguide between two metal electrodes.
 *   PF_EC / PF_GC  input port: edge coupler (inverse taper to a 0.2 µm tip at the chip facet, x = 0) or grating
 *           coupler (teeth, then a taper to the waveguide).
 *   PF_PD   photodetector: input waveguide into the absorber, two metal contacts.
 *   PF_PAD  bond pad: metal square with a pad opening (origin at its centre).
 * Single-mode cells have their origin at their left edge on the mode's centre line, so every cell's SREF origin
 * is (element x, mode y). Every cell draws its PDK footprint (length × width from the PDK and the placement) as
 * a box on the footprint layer, and a TEXT naming each heater at its centre ('phi', 'theta', 'screen',
 * 'attenuator'), which tests use to check heater positions against the placement.
 *
 * Heaters are drawn min(PDK length, what fits) long: in an MZI both heaters and both couplers share L, so the
 * drawn length is min(pdk.phaseShifter.lengthUm, L/2 − 2d − 2·clearance). The drawing is schematic (exact
 * positions, plausible shapes); it is not DRC-clean for any foundry.
 */
import type { Pdk } from '../../pdk/types.js';
import type { InputCoupler } from '../../physics/placement/index.js';
import { FoundryError } from '../../core/errors.js';
import type { CellEmitter, LayoutBook } from './cell-emitter.js';
import type { GdsLayer, ResolvedLayoutOptions } from './options.js';

export const CELL_NAMES = {
  mzi: 'PF_MZI',
  screen: 'PF_PS',
  attenuator: 'PF_ATT',
  lossDummy: 'PF_DUMMY',
  modulator: 'PF_MOD',
  edgeCoupler: 'PF_EC',
  gratingCoupler: 'PF_GC',
  detector: 'PF_PD',
  pad: 'PF_PAD',
} as const;

/** Heater text labels, by placement heater kind. */
export const HEATER_LABELS = { phi: 'phi', theta: 'theta', screen: 'screen', attenuator: 'attenuator' } as const;

/** A drawn heater: its length and the side of the metal contact squares at its two ends, µm. */
export interface HeaterShape {
  readonly lengthUm: number;
  readonly contactUm: number;
}

/** Sizes of every drawn device, µm, from the PDK, the placement options and the layout options. */
export interface DeviceGeometry {
  readonly pitchUm: number;
  readonly mziLengthUm: number;
  readonly mziWidthUm: number;
  /** Directional-coupler zone of an MZI (bends + coupling length). */
  readonly couplerZoneUm: number;
  readonly screenLengthUm: number;
  readonly modulatorLengthUm: number;
  readonly detectorLengthUm: number;
  readonly couplerLengthUm: number;
  readonly inputCoupler: InputCoupler;
  readonly heaters: { readonly mzi: HeaterShape; readonly screen: HeaterShape; readonly attenuator: HeaterShape };
  readonly layers: {
    readonly waveguide: GdsLayer;
    readonly heater: GdsLayer;
    readonly metal: GdsLayer;
    readonly pad: GdsLayer;
    readonly text: GdsLayer;
    readonly footprint: GdsLayer;
  };
  readonly options: ResolvedLayoutOptions;
}

/** Points of a cosine S-bend from (x0, y0) to (x1, y1), without its first point. */
function sBend(x0: number, y0: number, x1: number, y1: number, segments = 8): number[] {
  const out: number[] = [];
  for (let k = 1; k <= segments; k++) {
    const t = k / segments;
    out.push(x0 + (x1 - x0) * t, y0 + ((y1 - y0) * (1 - Math.cos(Math.PI * t))) / 2);
  }
  return out;
}

function heaterShape(lengthUm: number, contactSizeUm: number, what: string): HeaterShape {
  if (!(lengthUm > 0)) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `the ${what} is too short to hold its heater (drawn heater length ${lengthUm} µm)`, { stage: 'emit' });
  }
  return { lengthUm, contactUm: Math.min(contactSizeUm, lengthUm / 6) };
}

export function deviceGeometry(
  pdk: Pdk, pitchUm: number, placement: { inputCoupler: InputCoupler; couplerLengthUm: number; modulatorLengthUm: number; detectorLengthUm: number },
  o: ResolvedLayoutOptions,
): DeviceGeometry {
  const L = pdk.mzi.lengthUm;
  const Lps = pdk.phaseShifter.lengthUm;
  const clearanceUm = Math.min(1, L / 100);
  const couplerZoneUm = L / 10;
  return {
    pitchUm,
    mziLengthUm: L,
    mziWidthUm: pdk.mzi.widthUm,
    couplerZoneUm,
    screenLengthUm: Lps,
    modulatorLengthUm: placement.modulatorLengthUm,
    detectorLengthUm: placement.detectorLengthUm,
    couplerLengthUm: placement.couplerLengthUm,
    inputCoupler: placement.inputCoupler,
    heaters: {
      mzi: heaterShape(Math.min(Lps, L / 2 - 2 * couplerZoneUm - 2 * clearanceUm), o.contactSizeUm, 'MZI'),
      screen: heaterShape(Lps, o.contactSizeUm, 'phase shifter'),
      attenuator: heaterShape(Math.min(Lps, 0.7 * L - 2 * clearanceUm), o.contactSizeUm, 'attenuator'),
    },
    layers: { ...pdk.layers, footprint: o.footprintLayer },
    options: o,
  };
}

/** Heater strip centred at (xc, 0) with a metal contact square at each end, and its TEXT label. */
function drawHeater(e: CellEmitter, g: DeviceGeometry, shape: HeaterShape, xc: number, label: string): void {
  const hw = g.options.heaterWidthUm / 2;
  const x0 = xc - shape.lengthUm / 2;
  const x1 = xc + shape.lengthUm / 2;
  const c = shape.contactUm;
  e.box(g.layers.heater, x0, -hw, x1, hw);
  e.box(g.layers.metal, x0, -c / 2, x0 + c, c / 2);
  e.box(g.layers.metal, x1 - c, -c / 2, x1, c / 2);
  e.text(g.layers.text, xc, 0, label);
}

function defineMzi(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.mzi);
  const L = g.mziLengthUm;
  const p = g.pitchUm;
  const s = L / 2;
  const d = g.couplerZoneUm;
  const b = d / 4;
  const o = g.options;
  // centre lines of the two waveguides inside the couplers, the coupling gap apart around y = p/2
  const yUpper = p / 2 - (o.waveguideWidthUm + o.couplingGapUm) / 2;
  const arm = (y0: number, yc: number): number[] => [
    0, y0,
    s - d, y0, ...sBend(s - d, y0, s - d + b, yc), s - b, yc, ...sBend(s - b, yc, s, y0),
    L - d, y0, ...sBend(L - d, y0, L - d + b, yc), L - b, yc, ...sBend(L - b, yc, L, y0),
  ];
  e.box(g.layers.footprint, 0, p / 2 - g.mziWidthUm / 2, L, p / 2 + g.mziWidthUm / 2);
  e.path(g.layers.waveguide, o.waveguideWidthUm, arm(0, yUpper));
  e.path(g.layers.waveguide, o.waveguideWidthUm, arm(p, p - yUpper));
  drawHeater(e, g, g.heaters.mzi, L / 4, HEATER_LABELS.phi);
  drawHeater(e, g, g.heaters.mzi, (3 * L) / 4, HEATER_LABELS.theta);
  e.end();
}

function singleModeFootprint(e: CellEmitter, g: DeviceGeometry, lengthUm: number): void {
  e.box(g.layers.footprint, 0, -g.pitchUm / 2, lengthUm, g.pitchUm / 2);
}

function defineScreen(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.screen);
  const Lps = g.screenLengthUm;
  singleModeFootprint(e, g, Lps);
  e.path(g.layers.waveguide, g.options.waveguideWidthUm, [0, 0, Lps, 0]);
  drawHeater(e, g, g.heaters.screen, Lps / 2, HEATER_LABELS.screen);
  e.end();
}

/**
 * Loss-matched dummy (placement 'loss-dummy'): the MZI's length on one mode, drawn as a straight waveguide in its
 * footprint — a placeholder for the foundry's loss-matched cell (e.g. an unheated MZI with a terminated port).
 */
function defineLossDummy(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.lossDummy);
  const L = g.mziLengthUm;
  singleModeFootprint(e, g, L);
  e.path(g.layers.waveguide, g.options.waveguideWidthUm, [0, 0, L, 0]);
  e.end();
}

function defineAttenuator(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.attenuator);
  const L = g.mziLengthUm;
  const o = g.options;
  const step = L / 20; // lead-in, coupling length and bend length of the second arm
  const yc = o.waveguideWidthUm + o.couplingGapUm;
  const yArm = g.pitchUm / 4;
  singleModeFootprint(e, g, L);
  e.path(g.layers.waveguide, o.waveguideWidthUm, [0, 0, L, 0]);
  e.path(g.layers.waveguide, o.waveguideWidthUm, [
    step, yc, 2 * step, yc, ...sBend(2 * step, yc, 3 * step, yArm),
    L - 3 * step, yArm, ...sBend(L - 3 * step, yArm, L - 2 * step, yc), L - step, yc,
  ]);
  drawHeater(e, g, g.heaters.attenuator, L / 2, HEATER_LABELS.attenuator);
  e.end();
}

function defineModulator(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.modulator);
  const Lm = g.modulatorLengthUm;
  const o = g.options;
  const margin = Lm / 20;
  const gapUm = 1.5;
  const electrodeUm = Math.min(8, g.pitchUm / 4);
  const y0 = o.waveguideWidthUm / 2 + gapUm;
  singleModeFootprint(e, g, Lm);
  e.path(g.layers.waveguide, o.waveguideWidthUm, [0, 0, Lm, 0]);
  e.box(g.layers.metal, margin, y0, Lm - margin, y0 + electrodeUm);
  e.box(g.layers.metal, margin, -y0 - electrodeUm, Lm - margin, -y0);
  e.end();
}

function defineInputCoupler(book: LayoutBook, g: DeviceGeometry): void {
  const Lc = g.couplerLengthUm;
  const w = g.options.waveguideWidthUm;
  if (g.inputCoupler === 'edge-coupler') {
    const e = book.begin(CELL_NAMES.edgeCoupler);
    const tip = Math.min(0.2, w);
    singleModeFootprint(e, g, Lc);
    e.polygon(g.layers.waveguide, [0, -tip / 2, Lc, -w / 2, Lc, w / 2, 0, tip / 2]);
    e.end();
    return;
  }
  const e = book.begin(CELL_NAMES.gratingCoupler);
  const gratingUm = 0.4 * Lc;
  const widthUm = Math.min(12, 0.8 * g.pitchUm);
  const periodUm = 0.63;
  singleModeFootprint(e, g, Lc);
  for (let k = 0; (k + 1) * periodUm <= gratingUm; k++) {
    e.box(g.layers.waveguide, k * periodUm, -widthUm / 2, k * periodUm + periodUm / 2, widthUm / 2);
  }
  e.polygon(g.layers.waveguide, [gratingUm, -widthUm / 2, Lc, -w / 2, Lc, w / 2, gratingUm, widthUm / 2]);
  e.end();
}

function defineDetector(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.detector);
  const Ld = g.detectorLengthUm;
  const margin = Ld / 25;
  const bodyUm = Math.min(10, g.pitchUm / 3);
  const contactUm = Math.max(0.5, Math.min(4, g.pitchUm / 2 - bodyUm / 2 - 1.5));
  singleModeFootprint(e, g, Ld);
  e.path(g.layers.waveguide, g.options.waveguideWidthUm, [0, 0, 0.3 * Ld, 0]);
  e.box(g.layers.waveguide, 0.3 * Ld, -bodyUm / 2, Ld - margin, bodyUm / 2);
  e.box(g.layers.metal, 0.35 * Ld, bodyUm / 2 + 1, Ld - 2 * margin, bodyUm / 2 + 1 + contactUm);
  e.box(g.layers.metal, 0.35 * Ld, -bodyUm / 2 - 1 - contactUm, Ld - 2 * margin, -bodyUm / 2 - 1);
  e.end();
}

function definePad(book: LayoutBook, g: DeviceGeometry): void {
  const e = book.begin(CELL_NAMES.pad);
  const a = g.options.bondPadSizeUm / 2;
  const inset = Math.min(5, a / 5);
  e.box(g.layers.metal, -a, -a, a, a);
  e.box(g.layers.pad, -a + inset, -a + inset, a - inset, a - inset);
  e.end();
}

/** Which device cells a layout needs. */
export interface CellsUsed {
  readonly mzi: boolean;
  readonly screen: boolean;
  readonly attenuator: boolean;
  readonly lossDummy: boolean;
  readonly modulator: boolean;
  readonly inputCoupler: boolean;
  readonly detector: boolean;
  readonly pad: boolean;
}

/** Writes the device cells the layout uses (leaf cells first, so every reference resolves in one pass). */
export function defineDeviceCells(book: LayoutBook, g: DeviceGeometry, used: CellsUsed): void {
  if (used.mzi) defineMzi(book, g);
  if (used.screen) defineScreen(book, g);
  if (used.attenuator) defineAttenuator(book, g);
  if (used.lossDummy) defineLossDummy(book, g);
  if (used.modulator) defineModulator(book, g);
  if (used.inputCoupler) defineInputCoupler(book, g);
  if (used.detector) defineDetector(book, g);
  if (used.pad) definePad(book, g);
}

/** Cell name of the input coupler in use. */
export function inputCouplerCell(g: DeviceGeometry): string {
  return g.inputCoupler === 'edge-coupler' ? CELL_NAMES.edgeCoupler : CELL_NAMES.gratingCoupler;
}
