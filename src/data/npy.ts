/**
 * NumPy .npy reader (format versions 1.0, 2.0 and 3.0).
 * Layout: "\x93NUMPY", major, minor, header length (uint16 LE for v1, uint32 LE for v2/v3), then a Python dict
 * literal {'descr': '<f8', 'fortran_order': False, 'shape': (n, ...)} padded with spaces and '\n', then the data.
 * Supported dtypes: f4 f8 u1 i1 i2 u2 i4 u4 i8 u8 b1, little- ('<'), big- ('>') or native-endian ('='), '|' for
 * single bytes. Structured, string, object, complex and float16 dtypes, and fortran_order True, are refused.
 * Data (X) and labels are two separate files: readNpy gives the samples (first axis = samples) and
 * readNpyLabels the class indices (shape [n] or [n, 1]).
 */
import { endianness } from 'node:os';
import { DatasetError } from '../core/errors.js';
import { isNpy } from './bytes.js';
import type { Dataset } from './dataset.js';

export interface NpyArray {
  /** The descr string as written in the header, e.g. '<f4'. */
  readonly descr: string;
  readonly shape: number[];
  readonly data: Float64Array;
}

// ---------------------------------------------------------------- header (Python literal) parsing

type PyValue = string | number | boolean | null | PyValue[] | { [k: string]: PyValue };

class PyLiteralParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly source: string,
  ) {}

  private fail(what: string): never {
    throw new DatasetError(`${this.source}: malformed npy header (${what} at character ${this.i}): ${JSON.stringify(this.s.trim().slice(0, 120))}`);
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  parseTop(): PyValue {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) this.fail('unexpected text after the dictionary');
    return v;
  }

  private value(): PyValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.dict();
    if (c === '(' || c === '[') return this.seq(c === '(' ? ')' : ']');
    if (c === "'" || c === '"') return this.str();
    if (c !== undefined && /[-+0-9]/.test(c)) return this.num();
    const m = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      if (m[0] === 'True') return true;
      if (m[0] === 'False') return false;
      if (m[0] === 'None') return null;
      this.fail(`unknown name '${m[0]}'`);
    }
    this.fail(c === undefined ? 'unexpected end' : `unexpected '${c}'`);
  }

  private dict(): PyValue {
    this.i++; // {
    const out: { [k: string]: PyValue } = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const k = this.value();
      if (typeof k !== 'string') this.fail('dictionary key is not a string');
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      out[k] = this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') this.fail("expected ',' or '}'");
    }
  }

  private seq(close: string): PyValue {
    this.i++;
    const out: PyValue[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== close) this.fail(`expected ',' or '${close}'`);
    }
  }

  private str(): string {
    const q = this.s[this.i++];
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail('unterminated string');
      if (c === q) return out;
      if (c === '\\') {
        const e = this.s[this.i++];
        if (e === undefined) this.fail('unterminated string');
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      } else out += c;
    }
  }

  private num(): number {
    const m = /^[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?[lL]?/.exec(this.s.slice(this.i));
    if (!m) this.fail('bad number');
    this.i += m[0].length;
    return Number(m[0].replace(/[lL]$/, ''));
  }
}

// ---------------------------------------------------------------- dtypes

interface NpyType {
  readonly kind: string; // 'f4', 'u1', ...
  readonly size: number;
  readonly little: boolean;
}

const SUPPORTED = ['f4', 'f8', 'u1', 'i1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'b1'];

function parseDescr(descr: PyValue, source: string): NpyType {
  if (typeof descr !== 'string') {
    throw new DatasetError(`${source}: unsupported npy dtype (structured array ${JSON.stringify(descr)}); expected a plain numeric array`);
  }
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const kind = m ? `${m[2]}${m[3]}` : '';
  if (!m || !SUPPORTED.includes(kind)) {
    throw new DatasetError(`${source}: unsupported npy dtype '${descr}' (supported: float32, float64, uint8, int8, int16, uint16, int32, uint32, int64, uint64, bool)`);
  }
  const order = m[1];
  const little = order === '<' || order === '|' || order === '' ? true : order === '>' ? false : endianness() === 'LE';
  return { kind, size: Number(m[3]), little };
}

function reader(t: NpyType): (v: DataView, o: number) => number {
  const le = t.little;
  switch (t.kind) {
    case 'f4':
      return (v, o) => v.getFloat32(o, le);
    case 'f8':
      return (v, o) => v.getFloat64(o, le);
    case 'u1':
    case 'b1':
      return (v, o) => v.getUint8(o);
    case 'i1':
      return (v, o) => v.getInt8(o);
    case 'i2':
      return (v, o) => v.getInt16(o, le);
    case 'u2':
      return (v, o) => v.getUint16(o, le);
    case 'i4':
      return (v, o) => v.getInt32(o, le);
    case 'u4':
      return (v, o) => v.getUint32(o, le);
    case 'i8':
      return (v, o) => Number(v.getBigInt64(o, le));
    default: // 'u8'
      return (v, o) => Number(v.getBigUint64(o, le));
  }
}

// ---------------------------------------------------------------- public API

/** Decodes a .npy file into its descr, shape and float64 values (C order). */
export function parseNpy(bytes: Uint8Array, source: string): NpyArray {
  if (!isNpy(bytes)) throw new DatasetError(`${source}: not an npy file (missing the "\\x93NUMPY" magic)`);
  if (bytes.length < 10) throw new DatasetError(`${source}: truncated npy file (${bytes.length} bytes, no header)`);
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3) throw new DatasetError(`${source}: unsupported npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new DatasetError(`${source}: truncated npy file (${bytes.length} bytes, no header)`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lenBytes + headerLen;
  if (bytes.length < dataStart) {
    throw new DatasetError(`${source}: truncated npy file (header says ${headerLen} header bytes, file has ${bytes.length - 8 - lenBytes})`);
  }
  const headerBytes = bytes.subarray(8 + lenBytes, dataStart);
  const headerText = major === 3 ? new TextDecoder('utf-8').decode(headerBytes) : new TextDecoder('latin1').decode(headerBytes);
  const header = new PyLiteralParser(headerText, source).parseTop();
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new DatasetError(`${source}: malformed npy header (not a dictionary)`);
  }
  const h = header as { [k: string]: PyValue };
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!(key in h)) throw new DatasetError(`${source}: malformed npy header (no '${key}' key)`);
  }
  if (h['fortran_order'] !== false) {
    if (h['fortran_order'] === true) {
      throw new DatasetError(`${source}: npy array is stored in Fortran order (fortran_order: True), only C order is supported; save it with np.ascontiguousarray(x)`);
    }
    throw new DatasetError(`${source}: malformed npy header ('fortran_order' is not True/False)`);
  }
  const shapeV = h['shape'];
  if (!Array.isArray(shapeV) || !shapeV.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new DatasetError(`${source}: malformed npy header ('shape' is not a tuple of non-negative integers)`);
  }
  const shape = shapeV as number[];
  const type = parseDescr(h['descr'], source);
  let count = 1;
  for (const d of shape) count *= d;
  const expected = count * type.size;
  const actual = bytes.length - dataStart;
  if (actual < expected) {
    throw new DatasetError(`${source}: truncated npy file: shape (${shape.join(', ')}) of '${h['descr']}' needs ${expected} data bytes, found ${actual}`);
  }
  if (actual > expected) {
    throw new DatasetError(`${source}: npy file has ${actual - expected} unexpected trailing bytes after the data of shape (${shape.join(', ')})`);
  }
  const data = new Float64Array(count);
  if (type.kind === 'u1' || type.kind === 'b1') {
    for (let i = 0; i < count; i++) data[i] = bytes[dataStart + i];
  } else {
    const read = reader(type);
    for (let i = 0, o = dataStart; i < count; i++, o += type.size) data[i] = read(view, o);
  }
  return { descr: h['descr'] as string, shape, data };
}

/** Reads a .npy array as samples: the first axis is the sample axis (a 1-D array gives sampleDims [1]). */
export function readNpy(bytes: Uint8Array, source: string): Dataset {
  const arr = parseNpy(bytes, source);
  if (arr.shape.length === 0) throw new DatasetError(`${source}: npy array is a scalar, expected an array of samples`);
  const n = arr.shape[0];
  if (n === 0) throw new DatasetError(`${source}: npy array has no samples (shape (${arr.shape.join(', ')}))`);
  const sampleDims = arr.shape.length === 1 ? [1] : arr.shape.slice(1);
  if (sampleDims.some((d) => d === 0)) throw new DatasetError(`${source}: npy samples are empty (shape (${arr.shape.join(', ')}))`);
  return {
    n,
    sampleDims,
    dtype: /u1$/.test(arr.descr) ? 'uint8' : 'float64',
    data: arr.data,
    labels: null,
    source,
  };
}

/** Reads a .npy labels array (shape [n] or [n, 1]; integer values, or floats holding integers). */
export function readNpyLabels(bytes: Uint8Array, source: string): Int32Array {
  const arr = parseNpy(bytes, source);
  const s = arr.shape;
  if (!(s.length === 1 || (s.length === 2 && s[1] === 1))) {
    throw new DatasetError(`${source}: npy labels must have shape (n,) or (n, 1), found (${s.join(', ')})`);
  }
  const out = new Int32Array(arr.data.length);
  for (let i = 0; i < arr.data.length; i++) {
    const v = arr.data[i];
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new DatasetError(`${source}: label ${v} at index ${i} is not a class index (a non-negative integer)`);
    }
    out[i] = v;
  }
  return out;
}
