/**
 * A streaming GDSII writer: records are packed big-endian into a reusable buffer and handed to a sink (memory
 * or a file descriptor) whenever it fills, so a layout of any size is written with constant memory.
 *
 * Units (UNITS record): one database unit (dbu) is 1 nm = 1e-9 m, and the user unit is the µm, so a dbu is
 * 1e-3 user units. Every coordinate and width passed to this writer is an integer number of nm (int32 range,
 * ±2.147 m). The library's timestamps are fixed (default 2000-01-01 00:00:00) so the same layout gives the
 * same bytes; pass `timestamp` for the wall clock.
 *
 * Elements: BOUNDARY (closed polygon), PATH (with WIDTH and PATHTYPE), TEXT, SREF (with optional STRANS,
 * MAG, ANGLE) and AREF. The writer checks the format's limits (record length, points per XY record, name
 * characters, int32 coordinates) and throws a FoundryError naming the offending value.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { FoundryError } from '../../core/errors.js';
import {
  GDS_MAX_NAME_LENGTH, GDS_MAX_RECORD_BYTES, GDS_MAX_TEXT_LENGTH, GDS_MAX_XY_POINTS, GDS_RECORD, GDS_VERSION, STRANS_REFLECT,
} from './records.js';
import { writeGdsReal8 } from './real8.js';

/** Where the writer's bytes go. */
export interface GdsSink {
  write(chunk: Uint8Array): void;
}

/** Collects the whole file in memory (`bytes()` concatenates the chunks). */
export class MemoryGdsSink implements GdsSink {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  write(chunk: Uint8Array): void {
    this.chunks.push(chunk.slice());
    this.length += chunk.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Writes straight to a file (opened here, closed by `close()`). */
export class FileGdsSink implements GdsSink {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) at += writeSync(this.fd, chunk, at, chunk.length - at);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Default GDS timestamp: fixed, so identical layouts give identical files. */
export const GDS_DEFAULT_TIMESTAMP = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export interface GdsLibraryOptions {
  /** LIBNAME (default 'PHOTONIC_FOUNDRY'). */
  readonly libName?: string;
  /** Size of a database unit in user units (default 1e-3: user unit µm, dbu nm). */
  readonly userUnitsPerDbu?: number;
  /** Size of a database unit in metres (default 1e-9). */
  readonly metersPerDbu?: number;
  /** Modification/access time written in BGNLIB and BGNSTR (default GDS_DEFAULT_TIMESTAMP). */
  readonly timestamp?: Date;
}

/** Placement of a referenced structure: rotation (degrees, counter-clockwise), magnification, x-reflection. */
export interface GdsTransform {
  readonly angleDeg?: number;
  readonly mag?: number;
  /** Reflect about the x axis before rotating. */
  readonly reflect?: boolean;
}

export type GdsPoints = ArrayLike<number>;

function emitError(message: string): FoundryError {
  return new FoundryError('PF_ERR_INVALID_INPUT', message, { stage: 'emit' });
}

const NAME_PATTERN = /^[A-Za-z0-9_?$]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Streams one GDSII library: `beginLibrary`, then for every structure `beginStructure` … elements …
 * `endStructure`, then `endLibrary` (which flushes). Structures must be defined before or after they are
 * referenced — the format allows both; define leaf cells first so readers can resolve references in one pass.
 */
export class GdsWriter {
  private readonly buffer: Uint8Array;
  private readonly view: DataView;
  private pos = 0;
  private written = 0;
  private state: 'start' | 'library' | 'structure' | 'done' = 'start';
  private timestamp = GDS_DEFAULT_TIMESTAMP;

  constructor(private readonly sink: GdsSink, bufferBytes = 1 << 20) {
    this.buffer = new Uint8Array(Math.max(bufferBytes, GDS_MAX_RECORD_BYTES + 1));
    this.view = new DataView(this.buffer.buffer);
  }

  /** Bytes written so far (flushed or buffered). */
  get bytesWritten(): number {
    return this.written + this.pos;
  }

  beginLibrary(options: GdsLibraryOptions = {}): void {
    this.expect('start', 'beginLibrary');
    this.timestamp = options.timestamp ?? GDS_DEFAULT_TIMESTAMP;
    this.int2Record(GDS_RECORD.HEADER, [GDS_VERSION]);
    this.int2Record(GDS_RECORD.BGNLIB, [...this.dateWords(), ...this.dateWords()]);
    this.asciiRecord(GDS_RECORD.LIBNAME, this.checkName(options.libName ?? 'PHOTONIC_FOUNDRY', 'library name', 1024));
    const at = this.begin(GDS_RECORD.UNITS, 16);
    writeGdsReal8(this.view, at, options.userUnitsPerDbu ?? 1e-3);
    writeGdsReal8(this.view, at + 8, options.metersPerDbu ?? 1e-9);
    this.state = 'library';
  }

  beginStructure(name: string): void {
    this.expect('library', 'beginStructure');
    this.int2Record(GDS_RECORD.BGNSTR, [...this.dateWords(), ...this.dateWords()]);
    this.asciiRecord(GDS_RECORD.STRNAME, this.checkName(name, 'structure name', GDS_MAX_NAME_LENGTH));
    this.state = 'structure';
  }

  endStructure(): void {
    this.expect('structure', 'endStructure');
    this.begin(GDS_RECORD.ENDSTR, 0);
    this.state = 'library';
  }

  /** Ends the library and flushes everything to the sink. */
  endLibrary(): void {
    this.expect('library', 'endLibrary');
    this.begin(GDS_RECORD.ENDLIB, 0);
    this.flush();
    this.state = 'done';
  }

  /** A closed polygon from `xy` = [x0, y0, x1, y1, …] in dbu (the closing point is added here). */
  boundary(layer: number, datatype: number, xy: GdsPoints): void {
    this.expect('structure', 'boundary');
    const n = xy.length / 2;
    if (!Number.isInteger(n) || n < 3) throw emitError(`a BOUNDARY needs at least 3 points, got ${xy.length} coordinates`);
    if (n + 1 > GDS_MAX_XY_POINTS) throw emitError(`a BOUNDARY has at most ${GDS_MAX_XY_POINTS - 1} points, got ${n}`);
    this.begin(GDS_RECORD.BOUNDARY, 0);
    this.layerRecords(layer, GDS_RECORD.DATATYPE, datatype);
    const at = this.begin(GDS_RECORD.XY, 8 * (n + 1));
    for (let i = 0; i < 2 * n; i++) this.view.setInt32(at + 4 * i, this.coord(xy[i]));
    this.view.setInt32(at + 8 * n, this.coord(xy[0]));
    this.view.setInt32(at + 8 * n + 4, this.coord(xy[1]));
    this.begin(GDS_RECORD.ENDEL, 0);
  }

  /** An axis-aligned rectangle [x0, x1] × [y0, y1] in dbu. */
  box(layer: number, datatype: number, x0: number, y0: number, x1: number, y1: number): void {
    this.boundary(layer, datatype, [x0, y0, x1, y0, x1, y1, x0, y1]);
  }

  /**
   * A path (centre line `xy` in dbu, `width` in dbu). pathtype 0: flush ends (the default), 1: round, 2: ends
   * extended by half the width.
   */
  path(layer: number, datatype: number, width: number, xy: GdsPoints, pathtype: 0 | 1 | 2 = 0): void {
    this.expect('structure', 'path');
    const n = xy.length / 2;
    if (!Number.isInteger(n) || n < 2) throw emitError(`a PATH needs at least 2 points, got ${xy.length} coordinates`);
    if (n > GDS_MAX_XY_POINTS) throw emitError(`a PATH has at most ${GDS_MAX_XY_POINTS} points, got ${n}`);
    this.begin(GDS_RECORD.PATH, 0);
    this.layerRecords(layer, GDS_RECORD.DATATYPE, datatype);
    if (pathtype !== 0) this.int2Record(GDS_RECORD.PATHTYPE, [pathtype]);
    this.view.setInt32(this.begin(GDS_RECORD.WIDTH, 4), this.coord(width));
    this.xyRecord(xy);
    this.begin(GDS_RECORD.ENDEL, 0);
  }

  /** A text label anchored at (x, y) dbu. */
  text(layer: number, texttype: number, x: number, y: number, text: string): void {
    this.expect('structure', 'text');
    if (text.length > GDS_MAX_TEXT_LENGTH || !PRINTABLE_ASCII.test(text)) {
      throw emitError(`GDSII text must be printable ASCII of at most ${GDS_MAX_TEXT_LENGTH} characters: '${text.slice(0, 40)}'`);
    }
    this.begin(GDS_RECORD.TEXT, 0);
    this.layerRecords(layer, GDS_RECORD.TEXTTYPE, texttype);
    this.xyRecord([x, y]);
    this.asciiRecord(GDS_RECORD.STRING, text);
    this.begin(GDS_RECORD.ENDEL, 0);
  }

  /** A reference to structure `name` with its origin at (x, y) dbu. */
  sref(name: string, x: number, y: number, transform: GdsTransform = {}): void {
    this.expect('structure', 'sref');
    this.begin(GDS_RECORD.SREF, 0);
    this.asciiRecord(GDS_RECORD.SNAME, this.checkName(name, 'referenced structure name', GDS_MAX_NAME_LENGTH));
    this.strans(transform);
    this.xyRecord([x, y]);
    this.begin(GDS_RECORD.ENDEL, 0);
  }

  /**
   * An array reference: `cols` × `rows` copies of `name`; the first at (x, y), columns stepping by
   * (colStepX, colStepY) and rows by (rowStepX, rowStepY), all in dbu. XY holds the origin, the origin displaced
   * by cols column steps, and by rows row steps (the format's convention).
   */
  aref(
    name: string, cols: number, rows: number, x: number, y: number,
    colStep: readonly [number, number], rowStep: readonly [number, number], transform: GdsTransform = {},
  ): void {
    this.expect('structure', 'aref');
    for (const [what, v] of [['columns', cols], ['rows', rows]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > 32767) throw emitError(`AREF ${what} must be an integer from 1 to 32767, got ${v}`);
    }
    this.begin(GDS_RECORD.AREF, 0);
    this.asciiRecord(GDS_RECORD.SNAME, this.checkName(name, 'referenced structure name', GDS_MAX_NAME_LENGTH));
    this.strans(transform);
    this.int2Record(GDS_RECORD.COLROW, [cols, rows]);
    this.xyRecord([x, y, x + cols * colStep[0], y + cols * colStep[1], x + rows * rowStep[0], y + rows * rowStep[1]]);
    this.begin(GDS_RECORD.ENDEL, 0);
  }

  // --- record packing -------------------------------------------------------------------------------

  private expect(state: GdsWriter['state'], what: string): void {
    if (this.state !== state) throw new FoundryError('PF_ERR_INTERNAL', `GdsWriter.${what} called in state '${this.state}'`, { stage: 'emit' });
  }

  private checkName(name: string, what: string, maxLength: number): string {
    if (name.length === 0 || name.length > maxLength || !NAME_PATTERN.test(name)) {
      throw emitError(`GDSII ${what} '${name}' must be 1–${maxLength} characters from A–Z a–z 0–9 _ ? $`);
    }
    return name;
  }

  private coord(v: number): number {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
      throw emitError(`layout coordinate ${v} dbu is not an integer within the GDSII int32 range (±2.147 m at 1 nm)`);
    }
    return v;
  }

  private dateWords(): number[] {
    const t = this.timestamp;
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  }

  private strans(t: GdsTransform): void {
    const angle = t.angleDeg ?? 0;
    const mag = t.mag ?? 1;
    if (!t.reflect && angle === 0 && mag === 1) return;
    this.view.setUint16(this.begin(GDS_RECORD.STRANS, 2), t.reflect ? STRANS_REFLECT : 0);
    if (mag !== 1) writeGdsReal8(this.view, this.begin(GDS_RECORD.MAG, 8), mag);
    if (angle !== 0) writeGdsReal8(this.view, this.begin(GDS_RECORD.ANGLE, 8), angle);
  }

  private layerRecords(layer: number, typeRecord: number, type: number): void {
    for (const [what, v] of [['layer', layer], ['datatype', type]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 32767) throw emitError(`GDSII ${what} must be an integer from 0 to 32767, got ${v}`);
    }
    this.int2Record(GDS_RECORD.LAYER, [layer]);
    this.int2Record(typeRecord, [type]);
  }

  private xyRecord(xy: GdsPoints): void {
    const at = this.begin(GDS_RECORD.XY, 4 * xy.length);
    for (let i = 0; i < xy.length; i++) this.view.setInt32(at + 4 * i, this.coord(xy[i]));
  }

  private int2Record(type: number, values: readonly number[]): void {
    const at = this.begin(type, 2 * values.length);
    values.forEach((v, i) => this.view.setInt16(at + 2 * i, v));
  }

  /** ASCII payload padded with one NUL to an even length. */
  private asciiRecord(type: number, text: string): void {
    const length = text.length + (text.length % 2);
    const at = this.begin(type, length);
    for (let i = 0; i < text.length; i++) this.buffer[at + i] = text.charCodeAt(i);
    if (length > text.length) this.buffer[at + text.length] = 0;
  }

  /** Writes a record header for a payload of `payloadBytes` (even) and returns the payload offset. */
  private begin(type: number, payloadBytes: number): number {
    const length = 4 + payloadBytes;
    if (length > GDS_MAX_RECORD_BYTES) throw emitError(`GDSII record of ${length} bytes exceeds the 65535-byte limit`);
    if (this.pos + length > this.buffer.length) this.flush();
    this.view.setUint16(this.pos, length);
    this.view.setUint16(this.pos + 2, type);
    const at = this.pos + 4;
    this.pos += length;
    return at;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.sink.write(this.buffer.subarray(0, this.pos));
    this.written += this.pos;
    this.pos = 0;
  }
}
