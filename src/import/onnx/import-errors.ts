/**
 * Small helpers for the importer's errors: every message is one line, and names taken from the file are
 * quoted with control characters escaped and very long names shortened, so a hostile file cannot break that.
 */
import { OnnxImportError, type FoundryErrorOptions } from '../../core/errors.js';

/** A string from the model made safe for a one-line message: control characters escaped, at most ~100 characters. */
export function clean(text: string): string {
  let s = String(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (s.length > 100) s = s.slice(0, 97) + '…';
  return s;
}

/** Quotes a name from the model for an error message: 'name' (see `clean`). */
export function q(name: string): string {
  return `'${clean(name)}'`;
}

/** PF_ERR_ONNX_INVALID: the model decodes but is structurally invalid. */
export function invalid(message: string, options: FoundryErrorOptions = {}): OnnxImportError {
  return new OnnxImportError('PF_ERR_ONNX_INVALID', message, options);
}
