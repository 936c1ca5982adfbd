/**
 * Writes one GDSII structure from shapes in µm: converts to database units (1 nm) in one place, and tracks the
 * structure's bounding box and reference counts as it goes, so the layout summary needs no second pass.
 */
import type { Bbox } from './bbox.js';
import { BboxAccumulator } from './bbox.js';
import type { GdsLayer } from './options.js';
import type { GdsWriter } from './writer.js';

/** Database units per µm (1 dbu = 1 nm). */
export const DBU_PER_UM = 1000;

/** µm → dbu, rounded to the 1 nm grid. */
export function toDbu(um: number): number {
  return Math.round(um * DBU_PER_UM);
}

/** A width in dbu, rounded to an even number of nm (so half-widths stay on the grid), at least 2 nm. */
export function widthDbu(um: number): number {
  return Math.max(2, 2 * Math.round((um * DBU_PER_UM) / 2));
}

/** What the layout has written so far: cell boxes (for references) and counts for the summary. */
export class LayoutBook {
  readonly cellBoxes = new Map<string, Bbox | null>();
  /** How many times each structure is referenced (SREF records). */
  readonly referenceCounts = new Map<string, number>();
  references = 0;

  constructor(readonly writer: GdsWriter) {}

  get cells(): number {
    return this.cellBoxes.size;
  }

  /** Starts a structure; `emit.end()` closes it. */
  begin(name: string): CellEmitter {
    this.writer.beginStructure(name);
    return new CellEmitter(this, name);
  }
}

export class CellEmitter {
  private readonly acc = new BboxAccumulator();

  constructor(private readonly book: LayoutBook, readonly name: string) {}

  /** Rectangle [x0, x1] × [y0, y1], µm. */
  box(layer: GdsLayer, x0: number, y0: number, x1: number, y1: number): void {
    const xy = [toDbu(x0), toDbu(y0), toDbu(x1), toDbu(y0), toDbu(x1), toDbu(y1), toDbu(x0), toDbu(y1)];
    this.book.writer.boundary(layer[0], layer[1], xy);
    this.acc.addPoints(xy);
  }

  /** Polygon from [x0, y0, x1, y1, …], µm. */
  polygon(layer: GdsLayer, pointsUm: readonly number[]): void {
    const xy = pointsUm.map(toDbu);
    this.book.writer.boundary(layer[0], layer[1], xy);
    this.acc.addPoints(xy);
  }

  /** Path of width `widthUm` through [x0, y0, x1, y1, …] µm, flush ends (points repeated after rounding dropped). */
  path(layer: GdsLayer, widthUm: number, pointsUm: readonly number[]): void {
    const xy: number[] = [];
    for (let i = 0; i + 1 < pointsUm.length; i += 2) {
      const x = toDbu(pointsUm[i]);
      const y = toDbu(pointsUm[i + 1]);
      const k = xy.length;
      if (k >= 2 && xy[k - 2] === x && xy[k - 1] === y) continue;
      xy.push(x, y);
    }
    if (xy.length < 4) return;
    const w = widthDbu(widthUm);
    this.book.writer.path(layer[0], layer[1], w, xy);
    this.acc.addPath(xy, w, 0);
  }

  text(layer: GdsLayer, xUm: number, yUm: number, text: string): void {
    const x = toDbu(xUm);
    const y = toDbu(yUm);
    this.book.writer.text(layer[0], layer[1], x, y, text);
    this.acc.addPoint(x, y);
  }

  /** A reference to an already written structure, origin at (x, y) µm. */
  sref(cell: string, xUm: number, yUm: number): void {
    const x = toDbu(xUm);
    const y = toDbu(yUm);
    this.book.writer.sref(cell, x, y);
    this.acc.addTranslated(this.book.cellBoxes.get(cell) ?? null, x, y);
    this.book.referenceCounts.set(cell, (this.book.referenceCounts.get(cell) ?? 0) + 1);
    this.book.references++;
  }

  /** Closes the structure and records its bounding box (dbu). */
  end(): Bbox | null {
    this.book.writer.endStructure();
    const box = this.acc.bbox();
    this.book.cellBoxes.set(this.name, box);
    return box;
  }
}
