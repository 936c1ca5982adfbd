/**
 * Layout options: the drawing choices that neither the PDK nor the placement fixes, with documented defaults.
 * Lengths in µm. Every device position comes from the placement (physics/placement); these only size the
 * drawn shapes inside the cells and the electrical routing around the cores.
 */
import type { Pdk } from '../../pdk/types.js';
import { GDS_DEFAULT_TIMESTAMP } from './writer.js';

export type GdsLayer = readonly [number, number];

export interface LayoutOptions {
  /** Waveguide core width, µm. Default 0.5 (a 500 × 220 nm SOI strip). */
  readonly waveguideWidthUm?: number;
  /** Gap between the two waveguides of a directional coupler, µm. Default 0.2. */
  readonly couplingGapUm?: number;
  /** Heater (TiN strip) width, µm. Default 2. */
  readonly heaterWidthUm?: number;
  /** Metal contact square at each heater end, µm. Default 4. */
  readonly contactSizeUm?: number;
  /** Widest heater trace, µm. Default 2; a lane that holds many traces uses narrower ones (summary.minTraceWidthUm). */
  readonly maxTraceWidthUm?: number;
  /**
   * Bond pads at the chip edge are drawn when the chip has at most this many heaters (and at most two cores,
   * one routed to each long edge). Default 256: a 26 mm reticle edge holds ≈ 260 wire-bond pads at 100 µm pitch.
   * Above it every core ends its heater traces in a labelled electrical port row (an interface for flip-chip
   * bumps or an interposer). 0 forces port rows.
   */
  readonly maxBondPads?: number;
  /** Bond pad side (metal), µm. Default 80. */
  readonly bondPadSizeUm?: number;
  /** Bond pad pitch, µm. Default 100. */
  readonly bondPadPitchUm?: number;
  /** Distance from a core's edge to its electrical port row (or to its routing channel), µm. Default 20. */
  readonly portRowOffsetUm?: number;
  /**
   * Layer of the cell footprint outlines (the PDK footprints the cost model uses). Default: the PDK's text layer,
   * a documentation layer no mask is made from (the PDK has no floorplan layer).
   */
  readonly footprintLayer?: GdsLayer;
  /** GDS library name. Default 'PHOTONIC_FOUNDRY'. */
  readonly libName?: string;
  /** Name of the top structure. Default 'PF_TOP'. */
  readonly topCellName?: string;
  /** BGNLIB/BGNSTR timestamps. Default 2000-01-01 (reproducible files). */
  readonly timestamp?: Date;
}

export type ResolvedLayoutOptions = Required<LayoutOptions>;

export const DEFAULT_LAYOUT_OPTIONS = {
  waveguideWidthUm: 0.5,
  couplingGapUm: 0.2,
  heaterWidthUm: 2,
  contactSizeUm: 4,
  maxTraceWidthUm: 2,
  maxBondPads: 256,
  bondPadSizeUm: 80,
  bondPadPitchUm: 100,
  portRowOffsetUm: 20,
  libName: 'PHOTONIC_FOUNDRY',
  topCellName: 'PF_TOP',
} as const;

export function resolveLayoutOptions(pdk: Pdk, options: LayoutOptions = {}): ResolvedLayoutOptions {
  return {
    ...DEFAULT_LAYOUT_OPTIONS,
    footprintLayer: pdk.layers.text,
    timestamp: GDS_DEFAULT_TIMESTAMP,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as ResolvedLayoutOptions;
}
