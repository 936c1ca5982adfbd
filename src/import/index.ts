/**
 * The import stage: ONNX bytes or file → GraphIR. Every failure is a FoundryError: PF_ERR_FILE_NOT_FOUND
 * (missing/unreadable file), PF_ERR_ONNX_PARSE, PF_ERR_ONNX_INVALID, PF_ERR_ONNX_EXTERNAL_DATA,
 * PF_ERR_UNSUPPORTED_OPSET; anything unexpected is wrapped as PF_ERR_INTERNAL (a bug).
 */
import { errorMessage, FoundryError } from '../core/errors.js';
import { readInputFile } from '../core/files.js';
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

/** Reads an ONNX file; a missing or unreadable file is a PF_ERR_FILE_NOT_FOUND error. */
export function readModelFile(path: string): Uint8Array {
  return readInputFile(path, { what: 'an ONNX file', stage: 'import' });
}

/** Reads and imports an ONNX file (synchronously). */
export function importOnnxFile(path: string): GraphIR {
  return importOnnx(readModelFile(path), { source: path });
}
