/** Test helpers for the dataset tests: temp files, tiny IDX / npy writers, error assertions. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoundryError } from '../../src/core/errors.js';

export { MODELS_DIR as SHARED, MNIST_IMAGES, MNIST_LABELS, IRIS_JSON as IRIS } from '../helpers/paths.js';

let dir: string | null = null;
/** A per-test-file temp directory, removed when the process exits. */
export function tmpDir(): string {
  if (dir === null) {
    const d = mkdtempSync(join(tmpdir(), 'pf-data-test-'));
    dir = d;
    process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  }
  return dir;
}

/** Writes a file in the temp dir and returns its path. */
export function writeTmp(name: string, content: string | Uint8Array): string {
  const p = join(tmpDir(), name);
  writeFileSync(p, content);
  return p;
}

/** Asserts that fn throws the given FoundryError class with a one-line message matching re. */
export function throwsWith(fn: () => unknown, cls: abstract new (...args: never[]) => FoundryError, re: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
    const msg = (err as Error).message;
    assert.ok(!msg.includes('\n'), `message should be one line: ${msg}`);
    assert.match(msg, re);
    return true;
  });
}

/** Builds an IDX file: magic 00 00 <type> <ndims>, big-endian dims, data (uint8 type 0x08 by default). */
export function makeIdx(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const header = 4 + 4 * dims.length;
  const size = type === 0x08 || type === 0x09 ? 1 : type === 0x0b ? 2 : type === 0x0e ? 8 : 4;
  const out = new Uint8Array(header + data.length * size);
  const v = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < data.length; i++) {
    const o = header + i * size;
    if (type === 0x08) v.setUint8(o, data[i]);
    else if (type === 0x09) v.setInt8(o, data[i]);
    else if (type === 0x0b) v.setInt16(o, data[i], false);
    else if (type === 0x0c) v.setInt32(o, data[i], false);
    else if (type === 0x0d) v.setFloat32(o, data[i], false);
    else v.setFloat64(o, data[i], false);
  }
  return out;
}

export interface NpySpec {
  descr: string;
  shape: number[];
  data: ArrayLike<number>;
  fortran?: boolean;
  version?: 1 | 2 | 3;
  /** Override the header dict text entirely. */
  header?: string;
}

/** A minimal .npy writer (numpy's layout: header padded with spaces to a multiple of 64, ending in '\n'). */
export function makeNpy(spec: NpySpec): Uint8Array {
  const version = spec.version ?? 1;
  const shapeText = spec.shape.length === 1 ? `(${spec.shape[0]},)` : `(${spec.shape.join(', ')})`;
  let dict = spec.header ?? `{'descr': '${spec.descr}', 'fortran_order': ${spec.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const pre = 6 + 2 + (version === 1 ? 2 : 4);
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  dict = dict + ' '.repeat(total - pre - dict.length - 1) + '\n';
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(spec.descr);
  if (!m) throw new Error(`test npy writer: bad descr ${spec.descr}`);
  const le = m[1] !== '>';
  const kind = m[2] + m[3];
  const size = Number(m[3]);
  const out = new Uint8Array(total + spec.data.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const v = new DataView(out.buffer);
  if (version === 1) v.setUint16(8, dict.length, true);
  else v.setUint32(8, dict.length, true);
  out.set(new TextEncoder().encode(dict), pre);
  for (let i = 0; i < spec.data.length; i++) {
    const o = total + i * size;
    const x = spec.data[i];
    switch (kind) {
      case 'f4': v.setFloat32(o, x, le); break;
      case 'f8': v.setFloat64(o, x, le); break;
      case 'u1': case 'b1': v.setUint8(o, x); break;
      case 'i1': v.setInt8(o, x); break;
      case 'i2': v.setInt16(o, x, le); break;
      case 'u2': v.setUint16(o, x, le); break;
      case 'i4': v.setInt32(o, x, le); break;
      case 'u4': v.setUint32(o, x, le); break;
      case 'i8': v.setBigInt64(o, BigInt(x), le); break;
      case 'u8': v.setBigUint64(o, BigInt(x), le); break;
      default: break; // unsupported kinds: leave zero bytes (the reader must refuse the descr anyway)
    }
  }
  return out;
}
