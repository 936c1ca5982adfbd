/**
 * A small GDSII reader for tests and tools: parses the records GdsWriter writes (and the same elements from
 * other writers; NODE and BOX elements and unknown records are skipped) into plain data, and checks the file's
 * framing: every record length even, ≥ 4 and inside the file, HEADER first, ENDLIB last, elements closed by
 * ENDEL, structures by ENDSTR. A truncated or corrupt file is an InvalidInputError naming the byte offset.
 *
 * Helpers: `flattenTexts` (every TEXT in the coordinates of a top structure, through SREF/AREF transforms) and
 * `structureBbox` (bounding box through the hierarchy, as KLayout computes it: texts count as points).
 */
import { InvalidInputError } from '../../core/errors.js';
import { BboxAccumulator, type Bbox } from './bbox.js';
import { GDS_RECORD, STRANS_REFLECT } from './records.js';
import { readGdsReal8 } from './real8.js';

export interface GdsBoundary {
  readonly layer: number;
  readonly datatype: number;
  /** Closed polygon, dbu: [x0, y0, …, x0, y0] as in the file. */
  readonly xy: Int32Array;
}

export interface GdsPath {
  readonly layer: number;
  readonly datatype: number;
  readonly pathtype: number;
  readonly width: number;
  readonly xy: Int32Array;
}

export interface GdsText {
  readonly layer: number;
  readonly texttype: number;
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface GdsReference {
  readonly kind: 'sref' | 'aref';
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly angleDeg: number;
  readonly mag: number;
  readonly reflect: boolean;
  /** AREF only: columns, rows and the column/row step vectors (dbu). */
  readonly cols?: number;
  readonly rows?: number;
  readonly colStep?: readonly [number, number];
  readonly rowStep?: readonly [number, number];
}

export interface GdsStructure {
  readonly name: string;
  readonly boundaries: GdsBoundary[];
  readonly paths: GdsPath[];
  readonly texts: GdsText[];
  readonly references: GdsReference[];
}

export interface GdsLibrary {
  readonly version: number;
  readonly libName: string;
  readonly userUnitsPerDbu: number;
  readonly metersPerDbu: number;
  /** In file order. */
  readonly structures: GdsStructure[];
}

interface ElementDraft {
  kind: 'boundary' | 'path' | 'text' | 'sref' | 'aref' | 'other';
  layer: number;
  datatype: number;
  pathtype: number;
  width: number;
  xy: Int32Array;
  text: string;
  name: string;
  strans: number;
  mag: number;
  angleDeg: number;
  cols: number;
  rows: number;
}

function newElement(kind: ElementDraft['kind']): ElementDraft {
  return { kind, layer: 0, datatype: 0, pathtype: 0, width: 0, xy: new Int32Array(0), text: '', name: '', strans: 0, mag: 1, angleDeg: 0, cols: 1, rows: 1 };
}

const ELEMENT_START = new Map<number, ElementDraft['kind']>([
  [GDS_RECORD.BOUNDARY, 'boundary'],
  [GDS_RECORD.PATH, 'path'],
  [GDS_RECORD.TEXT, 'text'],
  [GDS_RECORD.SREF, 'sref'],
  [GDS_RECORD.AREF, 'aref'],
  [0x1500, 'other'], // NODE
  [0x2d00, 'other'], // BOX
]);

/** Parses a whole GDSII file. `source` names it in error messages. */
export function readGds(bytes: Uint8Array, source = 'GDSII data'): GdsLibrary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (offset: number, why: string): never => {
    throw new InvalidInputError(`${source}: not a valid GDSII file (${why} at byte ${offset})`, { stage: 'import', details: { offset } });
  };
  const ascii = (at: number, n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = bytes[at + i];
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  };

  let version = -1;
  let libName = '';
  let userUnitsPerDbu = NaN;
  let metersPerDbu = NaN;
  const structures: GdsStructure[] = [];
  let current: GdsStructure | null = null;
  let element: ElementDraft | null = null;
  let ended = false;
  let pos = 0;
  let index = 0;

  while (pos < bytes.length) {
    if (ended) fail(pos, 'data after ENDLIB');
    if (pos + 4 > bytes.length) fail(pos, 'truncated record header');
    const length = view.getUint16(pos);
    const type = view.getUint16(pos + 2);
    if (length < 4 || length % 2 !== 0) fail(pos, `record length ${length} is not an even number ≥ 4`);
    if (pos + length > bytes.length) fail(pos, `record of ${length} bytes runs past the end of the file (truncated)`);
    const at = pos + 4;
    const n = length - 4;
    if (index === 0 && type !== GDS_RECORD.HEADER) fail(pos, 'the first record is not HEADER');

    const need = (bytesNeeded: number): void => {
      if (n < bytesNeeded) fail(pos, `record 0x${type.toString(16).padStart(4, '0')} has ${n} payload bytes, needs ${bytesNeeded}`);
    };
    const inElement = (): ElementDraft => element ?? fail(pos, `record 0x${type.toString(16).padStart(4, '0')} outside an element`);

    switch (type) {
      case GDS_RECORD.HEADER:
        need(2);
        version = view.getInt16(at);
        break;
      case GDS_RECORD.BGNLIB:
      case GDS_RECORD.BGNSTR:
        need(24);
        if (type === GDS_RECORD.BGNSTR) {
          if (current || element) fail(pos, 'BGNSTR inside a structure');
          current = { name: '', boundaries: [], paths: [], texts: [], references: [] };
        }
        break;
      case GDS_RECORD.LIBNAME:
        libName = ascii(at, n);
        break;
      case GDS_RECORD.UNITS:
        need(16);
        userUnitsPerDbu = readGdsReal8(view, at);
        metersPerDbu = readGdsReal8(view, at + 8);
        break;
      case GDS_RECORD.STRNAME:
        if (!current) fail(pos, 'STRNAME outside a structure');
        (current as { name: string }).name = ascii(at, n);
        break;
      case GDS_RECORD.ENDSTR:
        if (!current || element) fail(pos, 'ENDSTR without an open structure');
        structures.push(current!);
        current = null;
        break;
      case GDS_RECORD.ENDLIB:
        if (current) fail(pos, 'ENDLIB inside a structure');
        ended = true;
        break;
      case GDS_RECORD.ENDEL: {
        const e = inElement();
        const s = current!;
        if (e.kind === 'boundary') s.boundaries.push({ layer: e.layer, datatype: e.datatype, xy: e.xy });
        else if (e.kind === 'path') s.paths.push({ layer: e.layer, datatype: e.datatype, pathtype: e.pathtype, width: e.width, xy: e.xy });
        else if (e.kind === 'text') s.texts.push({ layer: e.layer, texttype: e.datatype, x: e.xy[0], y: e.xy[1], text: e.text });
        else if (e.kind === 'sref' || e.kind === 'aref') {
          if (e.xy.length < (e.kind === 'sref' ? 2 : 6)) fail(pos, `${e.kind.toUpperCase()} without its XY points`);
          const base = { name: e.name, x: e.xy[0], y: e.xy[1], angleDeg: e.angleDeg, mag: e.mag, reflect: (e.strans & STRANS_REFLECT) !== 0 };
          if (e.kind === 'sref') s.references.push({ kind: 'sref', ...base });
          else {
            const colStep: [number, number] = [(e.xy[2] - e.xy[0]) / e.cols, (e.xy[3] - e.xy[1]) / e.cols];
            const rowStep: [number, number] = [(e.xy[4] - e.xy[0]) / e.rows, (e.xy[5] - e.xy[1]) / e.rows];
            s.references.push({ kind: 'aref', ...base, cols: e.cols, rows: e.rows, colStep, rowStep });
          }
        }
        element = null;
        break;
      }
      case GDS_RECORD.LAYER:
        need(2);
        inElement().layer = view.getInt16(at);
        break;
      case GDS_RECORD.DATATYPE:
      case GDS_RECORD.TEXTTYPE:
        need(2);
        inElement().datatype = view.getInt16(at);
        break;
      case GDS_RECORD.PATHTYPE:
        need(2);
        inElement().pathtype = view.getInt16(at);
        break;
      case GDS_RECORD.WIDTH:
        need(4);
        inElement().width = view.getInt32(at);
        break;
      case GDS_RECORD.XY: {
        const e = inElement();
        if (n % 8 !== 0) fail(pos, `XY record of ${n} bytes is not a whole number of points`);
        const xy = new Int32Array(n / 4);
        for (let i = 0; i < xy.length; i++) xy[i] = view.getInt32(at + 4 * i);
        e.xy = xy;
        break;
      }
      case GDS_RECORD.SNAME:
        inElement().name = ascii(at, n);
        break;
      case GDS_RECORD.STRING:
        inElement().text = ascii(at, n);
        break;
      case GDS_RECORD.STRANS:
        need(2);
        inElement().strans = view.getUint16(at);
        break;
      case GDS_RECORD.MAG:
        need(8);
        inElement().mag = readGdsReal8(view, at);
        break;
      case GDS_RECORD.ANGLE:
        need(8);
        inElement().angleDeg = readGdsReal8(view, at);
        break;
      case GDS_RECORD.COLROW:
        need(4);
        inElement().cols = view.getInt16(at);
        inElement().rows = view.getInt16(at + 2);
        break;
      default: {
        const kind = ELEMENT_START.get(type);
        if (kind !== undefined) {
          if (!current) fail(pos, 'element outside a structure');
          if (element) fail(pos, 'element started before the previous one ended (no ENDEL)');
          element = newElement(kind);
        }
        // other records (PRESENTATION, PROPATTR, …) are skipped
      }
    }
    pos += length;
    index++;
  }
  if (!ended) fail(bytes.length, index === 0 ? 'empty file' : 'no ENDLIB: the file is truncated');
  return { version, libName, userUnitsPerDbu, metersPerDbu, structures };
}

/** Affine transform x' = a·x + b·y + tx, y' = c·x + d·y + ty. */
interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly tx: number;
  readonly ty: number;
}

const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 };

/** The transform of one placed copy of a reference (GDSII order: reflect about x, magnify, rotate, translate). */
function referenceAffine(r: GdsReference, dx: number, dy: number): Affine {
  const rad = (r.angleDeg * Math.PI) / 180;
  // exact for multiples of 90°
  const quarter = r.angleDeg / 90;
  const cos = Number.isInteger(quarter) ? [1, 0, -1, 0][((quarter % 4) + 4) % 4] : Math.cos(rad);
  const sin = Number.isInteger(quarter) ? [0, 1, 0, -1][((quarter % 4) + 4) % 4] : Math.sin(rad);
  const f = r.reflect ? -1 : 1;
  return { a: r.mag * cos, b: -r.mag * sin * f, c: r.mag * sin, d: r.mag * cos * f, tx: r.x + dx, ty: r.y + dy };
}

function compose(outer: Affine, inner: Affine): Affine {
  return {
    a: outer.a * inner.a + outer.b * inner.c,
    b: outer.a * inner.b + outer.b * inner.d,
    c: outer.c * inner.a + outer.d * inner.c,
    d: outer.c * inner.b + outer.d * inner.d,
    tx: outer.a * inner.tx + outer.b * inner.ty + outer.tx,
    ty: outer.c * inner.tx + outer.d * inner.ty + outer.ty,
  };
}

/** Every placed copy of a reference (one for SREF, cols × rows for AREF). */
function placements(r: GdsReference): Affine[] {
  if (r.kind === 'sref') return [referenceAffine(r, 0, 0)];
  const out: Affine[] = [];
  for (let row = 0; row < r.rows!; row++) {
    for (let col = 0; col < r.cols!; col++) {
      out.push(referenceAffine(r, col * r.colStep![0] + row * r.rowStep![0], col * r.colStep![1] + row * r.rowStep![1]));
    }
  }
  return out;
}

function structureMap(lib: GdsLibrary): Map<string, GdsStructure> {
  return new Map(lib.structures.map((s) => [s.name, s]));
}

/** Structures that no other structure references. */
export function topStructures(lib: GdsLibrary): GdsStructure[] {
  const referenced = new Set<string>();
  for (const s of lib.structures) for (const r of s.references) referenced.add(r.name);
  return lib.structures.filter((s) => !referenced.has(s.name));
}

/** A text placed in the top structure's coordinates (dbu, not rounded). */
export interface PlacedText extends GdsText {
  /** Names of the structures from the top down to the one holding the text. */
  readonly path: readonly string[];
}

/** Every TEXT under `top` (default: the single top structure), transformed into its coordinates. */
export function flattenTexts(lib: GdsLibrary, top?: string): PlacedText[] {
  const byName = structureMap(lib);
  const root = top ? byName.get(top) : topStructures(lib)[0];
  if (!root) throw new InvalidInputError(`GDSII library has no structure '${top ?? '(top)'}'`);
  const out: PlacedText[] = [];
  const visit = (s: GdsStructure, t: Affine, path: string[]): void => {
    for (const text of s.texts) {
      out.push({ ...text, x: t.a * text.x + t.b * text.y + t.tx, y: t.c * text.x + t.d * text.y + t.ty, path });
    }
    for (const r of s.references) {
      const child = byName.get(r.name);
      if (!child) throw new InvalidInputError(`GDSII structure '${s.name}' references undefined structure '${r.name}'`);
      for (const p of placements(r)) visit(child, compose(t, p), [...path, child.name]);
    }
  };
  visit(root, IDENTITY, [root.name]);
  return out;
}

/** Bounding box of a structure through its hierarchy, dbu (null when empty). Texts count as points. */
export function structureBbox(lib: GdsLibrary, name: string): Bbox | null {
  const byName = structureMap(lib);
  const memo = new Map<string, Bbox | null>();
  const bboxOf = (s: GdsStructure): Bbox | null => {
    if (memo.has(s.name)) return memo.get(s.name)!;
    const acc = new BboxAccumulator();
    for (const b of s.boundaries) acc.addPoints(b.xy);
    for (const p of s.paths) acc.addPath(p.xy, p.width, p.pathtype);
    for (const t of s.texts) acc.addPoint(t.x, t.y);
    for (const r of s.references) {
      const child = byName.get(r.name);
      if (!child) throw new InvalidInputError(`GDSII structure '${s.name}' references undefined structure '${r.name}'`);
      const cb = bboxOf(child);
      if (!cb) continue;
      for (const t of placements(r)) {
        for (const [x, y] of [[cb.x0, cb.y0], [cb.x1, cb.y0], [cb.x1, cb.y1], [cb.x0, cb.y1]]) {
          acc.addPoint(t.a * x + t.b * y + t.tx, t.c * x + t.d * y + t.ty);
        }
      }
    }
    const box = acc.bbox();
    memo.set(s.name, box);
    return box;
  };
  const s = byName.get(name);
  if (!s) throw new InvalidInputError(`GDSII library has no structure '${name}'`);
  return bboxOf(s);
}
