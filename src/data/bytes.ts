/**
 * Byte-level helpers shared by the readers: gzip detection/inflation and format sniffing by content
 * (never by file extension).
 */
import { gunzipSync } from 'node:zlib';
import { DatasetError, errorMessage } from '../core/errors.js';

export type SniffedFormat = 'gzip' | 'idx' | 'npy' | 'json' | 'csv';

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when the bytes start with the NumPy magic "\x93NUMPY". */
export function isNpy(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 6 &&
    bytes[0] === 0x93 &&
    bytes[1] === 0x4e && // N
    bytes[2] === 0x55 && // U
    bytes[3] === 0x4d && // M
    bytes[4] === 0x50 && // P
    bytes[5] === 0x59 // Y
  );
}

/** Inflates gzip data, or returns the bytes unchanged when they are not gzip. */
export function maybeGunzip(bytes: Uint8Array, source: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    throw new DatasetError(`${source}: corrupt or truncated gzip data (${errorMessage(err)})`, { cause: err });
  }
}

/**
 * Guesses the format from the first bytes: gzip magic, IDX (two zero bytes — no text file starts with NUL),
 * npy magic, JSON ('{' or '[' after optional BOM/whitespace), else CSV.
 */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (isGzip(bytes)) return 'gzip';
  if (isNpy(bytes)) return 'npy';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] === 0) return 'idx';
  let i = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (i < bytes.length && (bytes[i] === 0x7b || bytes[i] === 0x5b)) return 'json';
  return 'csv';
}

/** Decodes UTF-8 text (BOM stripped); binary content is refused with a DatasetError. */
export function decodeText(bytes: Uint8Array, source: string, what: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(`${source}: not a recognised dataset format (binary data, not IDX, npy or UTF-8 ${what})`);
  }
  if (text.includes('\u0000')) {
    throw new DatasetError(`${source}: not a recognised dataset format (binary data, not IDX, npy or UTF-8 ${what})`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
