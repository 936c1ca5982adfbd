/**
 * Bounding boxes of GDSII geometry in database units, computed the way KLayout does for the shapes this package
 * writes: polygons by their points, texts as points, paths as the union of their segment rectangles (half the
 * width on each side; ends flush for pathtype 0, extended by half the width for pathtypes 1 and 2; interior
 * vertices extended by half the width, which is the exact miter corner of a 90° bend). Paths with non-Manhattan
 * bends are only approximated at their corners — the layout keeps those strictly inside other geometry, so the
 * box of a cell is exact.
 */

/** Axis-aligned box [x0, x1] × [y0, y1] (dbu). */
export interface Bbox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export class BboxAccumulator {
  private x0 = Infinity;
  private y0 = Infinity;
  private x1 = -Infinity;
  private y1 = -Infinity;

  addPoint(x: number, y: number): void {
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }

  /** [x0, y0, x1, y1, …]. */
  addPoints(xy: ArrayLike<number>): void {
    for (let i = 0; i + 1 < xy.length; i += 2) this.addPoint(xy[i], xy[i + 1]);
  }

  addBox(b: Bbox): void {
    this.addPoint(b.x0, b.y0);
    this.addPoint(b.x1, b.y1);
  }

  /** A path of centre line `xy`, width `width` and GDSII pathtype (0 flush, 1 round, 2 extended ends). */
  addPath(xy: ArrayLike<number>, width: number, pathtype = 0): void {
    const hw = width / 2;
    const endExtension = pathtype === 0 ? 0 : hw;
    // drop repeated points
    const pts: number[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const k = pts.length;
      if (k >= 2 && pts[k - 2] === xy[i] && pts[k - 1] === xy[i + 1]) continue;
      pts.push(xy[i], xy[i + 1]);
    }
    const n = pts.length / 2;
    if (n < 2) {
      if (n === 1) this.addPoint(pts[0], pts[1]);
      return;
    }
    const unit = (i: number): [number, number] => {
      const dx = pts[2 * i + 2] - pts[2 * i];
      const dy = pts[2 * i + 3] - pts[2 * i + 1];
      const len = Math.hypot(dx, dy);
      return [dx / len, dy / len];
    };
    // flush (or extended) ends: the two corners of the end cross-sections
    const end = (i: number, u: [number, number], sign: number): void => {
      const x = pts[2 * i] + sign * u[0] * endExtension;
      const y = pts[2 * i + 1] + sign * u[1] * endExtension;
      this.addPoint(x - u[1] * hw, y + u[0] * hw);
      this.addPoint(x + u[1] * hw, y - u[0] * hw);
    };
    end(0, unit(0), -1);
    end(n - 1, unit(n - 2), 1);
    // interior vertices: the miter points, where the offset lines of the two segments meet
    for (let i = 1; i + 1 < n; i++) {
      const [ax, ay] = unit(i - 1);
      const [bx, by] = unit(i);
      const nx = -ay - by;
      const ny = ax + bx;
      const scale = hw / (1 + (-ay * -by + ax * bx));
      this.addPoint(pts[2 * i] + nx * scale, pts[2 * i + 1] + ny * scale);
      this.addPoint(pts[2 * i] - nx * scale, pts[2 * i + 1] - ny * scale);
    }
  }

  /** Another box translated by (dx, dy) (an unrotated reference). */
  addTranslated(b: Bbox | null, dx: number, dy: number): void {
    if (!b) return;
    this.addPoint(b.x0 + dx, b.y0 + dy);
    this.addPoint(b.x1 + dx, b.y1 + dy);
  }

  /** The box so far (null when nothing was added). */
  bbox(): Bbox | null {
    if (this.x0 > this.x1) return null;
    return { x0: this.x0, y0: this.y0, x1: this.x1, y1: this.y1 };
  }
}
