/**
 * The import stage: ONNX bytes or file → GraphIR. Every failure is a FoundryError: PF_ERR_FILE_NOT_FOUND
 * (missing/unreadable file), PF_ERR_ONNX_PARSE, PF_ERR_ONNX_INVALID, PF_ERR_ONNX_EXTERNAL_DATA,
 * PF_ERR_UNSUPPORTED_OPSET; anything unexpected is wrapped as PF_ERR_INTERNAL (a bug).
 */
import { readFileSync, statSync } from 'node:fs';
import { errorMessage, FileNotFoundError, FoundryError } from '../core/errors.js';
import type { GraphIR } from '../ir/graph.js';
import { decodeModel } from './onnx/decode.js';
import { parseModelBytes } from './onnx/parse.js';

export { SUPPORTED_IR_VERSIONS, SUPPORTED_OPSETS } from './onnx/versions.js';

export interface ImportOptions {
  /** Names the model in error messages (a file path); default 'input'. */
  readonly source?: string;
}

/** Decodes an ONNX ModelProto into GraphIR. */
export function importOnnx(bytes: Uint8Array, options: ImportOptions = {}): GraphIR {
  const source = options.source ?? 'input';
  try {
    return decodeModel(parseModelBytes(bytes, source));
  } catch (err) {
    if (err instanceof FoundryError) throw err;
    throw new FoundryError('PF_ERR_INTERNAL', `internal error while importing ${source}: ${errorMessage(err)}`, {
      stage: 'import',
      cause: err,
    });
  }
}

function unreadable(path: string, why: string, cause?: unknown): FoundryError {
  return new FoundryError('PF_ERR_FILE_NOT_FOUND', `cannot read '${path}': ${why}`, { stage: 'import', cause, details: { path } });
}

export function readModelFile(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw unreadable(path, 'it is a directory, not an ONNX file');
    return readFileSync(path);
  } catch (err) {
    if (err instanceof FoundryError) throw err;
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileNotFoundError(path, { stage: 'import', cause: err });
    if (code === 'EACCES' || code === 'EPERM') throw unreadable(path, 'permission denied', err);
    if (code === 'EISDIR') throw unreadable(path, 'it is a directory, not an ONNX file', err);
    if (code === 'ERR_FS_FILE_TOO_LARGE') throw unreadable(path, 'file too large', err);
    throw unreadable(path, code ?? errorMessage(err), err);
  }
}

/** Reads and imports an ONNX file (synchronously). */
export function importOnnxFile(path: string): GraphIR {
  return importOnnx(readModelFile(path), { source: path });
}
