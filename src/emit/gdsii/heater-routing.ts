/**
 * Heater metal routing of one core: every heater (MZI θ and φ, screen phase shifters, attenuators — the
 * placement's `heaters`) gets one metal trace from the signal contact at its left end to the core's edge; the
 * contact at its right end is the return, taken to a ground plane that is not drawn.
 *
 * Planar by construction, on one metal layer:
 * - heaters with the same centre x form a stack (an MZI column's φ heaters, its θ heaters, a screen column, the
 *   attenuator column). Each stack routes inside its own lane — the x span between its heaters' contacts — so
 *   stacks never meet. A trace rises from its contact, runs along x just beside its heater to its lane slot,
 *   then straight to the edge; the heater farthest from the edge takes the slot farthest from the contacts,
 *   so the runs of heaters behind a heater pass beyond the end of its stub and no two traces cross. Trace width: min(maxTraceWidthUm, lane pitch / 3) — at large cores far below any
 *   metal rule (a real chip would use several metal levels); the summary reports the narrowest.
 * - port row (the default for large chips): each trace ends `portRowOffsetUm` beyond the core's edge in a metal
 *   pin with a TEXT label `c<core>.<V|U>.<phi|theta|screen><index>` or `c<core>.att<index>` (index: the MZI index in
 *   its mesh, or the mode).
 * - bond pads (chips with at most `maxBondPads` heaters and at most two cores): beyond the edge, the traces fan
 *   out in a channel to a row of pads at the chip edge (river routing: traces and pads in the same x order;
 *   those moving right take tracks nearer the edge the further right they start, those moving left the further
 *   left they start, so no two cross). One core routes to the top edge; with two cores the lower one routes to
 *   the bottom edge.
 */
import type { HeaterPlacement, TilePlacement } from '../../physics/placement/index.js';
import type { CellEmitter } from './cell-emitter.js';
import { widthDbu, DBU_PER_UM } from './cell-emitter.js';
import { CELL_NAMES, type DeviceGeometry, type HeaterShape } from './device-cells.js';

export type ElectricalInterface = 'port-row' | 'bond-pads';

export interface HeaterRoutingOptions {
  readonly core: number;
  /** +1: route towards +y (the core's top edge); −1: towards −y. */
  readonly direction: 1 | -1;
  readonly interface: ElectricalInterface;
}

export interface HeaterRoutingResult {
  readonly traces: number;
  readonly pins: number;
  readonly pads: number;
  /** Narrowest trace drawn, µm (Infinity when there are no heaters). */
  readonly minTraceWidthUm: number;
}

/** The TEXT label of a heater's pin or pad. */
export function heaterPinName(core: number, h: HeaterPlacement): string {
  if (h.kind === 'attenuator') return `c${core}.att${h.index}`;
  return `c${core}.${h.mesh === 'input' ? 'V' : 'U'}.${h.kind}${h.index}`;
}

function shapeOf(g: DeviceGeometry, h: HeaterPlacement): HeaterShape {
  return h.kind === 'theta' || h.kind === 'phi' ? g.heaters.mzi : g.heaters[h.kind];
}

interface Trace {
  readonly heater: HeaterPlacement;
  /** Centre line so far in routing coordinates (x, u = direction · y), µm. */
  readonly points: number[];
  /** Lane position of the vertical run. */
  readonly xUm: number;
  readonly widthUm: number;
}

/** Routes every heater of `tile` (core-local coordinates) and draws traces, pins or pads into `e`. */
export function routeHeaters(e: CellEmitter, tile: TilePlacement, g: DeviceGeometry, options: HeaterRoutingOptions): HeaterRoutingResult {
  const s = options.direction;
  const o = g.options;
  const y0 = tile.bbox.yUm;
  const y1 = tile.bbox.yUm + tile.bbox.heightUm;
  const uEdge = s > 0 ? y1 : -y0;

  // stacks: heaters sharing a centre x
  const stacks = new Map<number, HeaterPlacement[]>();
  for (const h of tile.heaters) {
    const list = stacks.get(h.xUm);
    if (list) list.push(h);
    else stacks.set(h.xUm, [h]);
  }
  const traces: Trace[] = [];
  for (const [xc, heaters] of stacks) {
    const shape = shapeOf(g, heaters[0]);
    const cs = shape.contactUm;
    const laneLeft = xc - shape.lengthUm / 2 + 1.5 * cs;
    const laneRight = xc + shape.lengthUm / 2 - 1.5 * cs;
    const pitch = (laneRight - laneLeft) / heaters.length;
    const widthUm = Math.min(o.maxTraceWidthUm, pitch / 3);
    const contactX = xc - shape.lengthUm / 2 + cs / 2;
    // farthest from the routing edge (smallest u) first: it takes the slot farthest from the contacts
    heaters.sort((a, b) => s * a.yUm - s * b.yUm);
    heaters.forEach((h, k) => {
      const u = s * h.yUm;
      const x = laneRight - (k + 0.5) * pitch;
      traces.push({ heater: h, xUm: x, widthUm, points: [contactX, u, contactX, u + cs, x, u + cs] });
    });
  }

  const uChannel = uEdge + o.portRowOffsetUm;
  let pins = 0;
  let pads = 0;
  if (options.interface === 'port-row') {
    for (const t of traces) {
      t.points.push(t.xUm, uChannel);
      const half = t.widthUm;
      e.box(g.layers.metal, t.xUm - half, s * uChannel - half, t.xUm + half, s * uChannel + half);
      e.text(g.layers.text, t.xUm, s * uChannel, heaterPinName(options.core, t.heater));
      pins++;
    }
  } else {
    traces.sort((a, b) => a.xUm - b.xUm);
    const n = traces.length;
    const xMid = tile.bbox.xUm + tile.bbox.widthUm / 2;
    const padX = traces.map((_, i) => xMid + (i - (n - 1) / 2) * o.bondPadPitchUm);
    // tracks: right-movers (incl. straight) lower the further right they start; left-movers lower the further left
    const rank = new Array<number>(n).fill(0);
    let right = 0;
    for (let i = n - 1; i >= 0; i--) if (padX[i] >= traces[i].xUm) rank[i] = right++;
    let left = 0;
    for (let i = 0; i < n; i++) if (padX[i] < traces[i].xUm) rank[i] = left++;
    const trackPitch = 3 * o.maxTraceWidthUm;
    const uPad = uChannel + (Math.max(right, left) + 1) * trackPitch + o.bondPadSizeUm / 2;
    traces.forEach((t, i) => {
      const uTrack = uChannel + (rank[i] + 1) * trackPitch;
      t.points.push(t.xUm, uTrack, padX[i], uTrack, padX[i], uPad - o.bondPadSizeUm / 4);
      e.sref(CELL_NAMES.pad, padX[i], s * uPad);
      e.text(g.layers.text, padX[i], s * uPad, heaterPinName(options.core, t.heater));
      pads++;
    });
  }

  let minTraceWidthUm = Infinity;
  for (const t of traces) {
    const xy = t.points.map((v, i) => (i % 2 === 1 ? s * v : v));
    e.path(g.layers.metal, t.widthUm, xy);
    minTraceWidthUm = Math.min(minTraceWidthUm, widthDbu(t.widthUm) / DBU_PER_UM);
  }
  return { traces: traces.length, pins, pads, minTraceWidthUm };
}
