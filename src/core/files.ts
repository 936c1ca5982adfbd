/**
 * Reading the user's input files (models, datasets, matrix files) with one set of one-line errors:
 * a missing path is a FileNotFoundError ("cannot read 'p': no such file"); a directory, a file without read
 * permission or any other read failure is "cannot read 'p': <why>" in the error class of the caller.
 */
import { readFileSync, statSync } from 'node:fs';
import { errorMessage, FileNotFoundError, FoundryError, type FoundryErrorOptions } from './errors.js';

/** What kind of input file a caller reads, for its messages and error class. */
export interface InputFileKind {
  /** What the file should be, named when the path is a directory: 'a dataset file', 'an ONNX file'. */
  readonly what: string;
  /** Pipeline stage recorded on the errors (default: that of the error class). */
  readonly stage?: string;
  /** The error for a file that exists but cannot be read (default: a PF_ERR_FILE_NOT_FOUND FoundryError). */
  readonly unreadable?: (message: string, options: FoundryErrorOptions) => FoundryError;
}

/** Reads a whole input file (the Buffer of readFileSync). */
export function readInputFile(path: string, kind: InputFileKind): Buffer {
  const stage = kind.stage === undefined ? {} : { stage: kind.stage };
  const unreadable = (why: string, cause?: unknown): FoundryError => {
    const message = `cannot read '${path}': ${why}`;
    const options = { ...stage, cause, details: { path } };
    return kind.unreadable ? kind.unreadable(message, options) : new FoundryError('PF_ERR_FILE_NOT_FOUND', message, options);
  };
  const isDirectory = `it is a directory, not ${kind.what}`;
  try {
    if (statSync(path).isDirectory()) throw unreadable(isDirectory);
    return readFileSync(path);
  } catch (err) {
    if (err instanceof FoundryError) throw err;
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileNotFoundError(path, { ...stage, cause: err });
    if (code === 'EISDIR') throw unreadable(isDirectory, err);
    if (code === 'EACCES' || code === 'EPERM') throw unreadable('permission denied', err);
    if (code === 'ERR_FS_FILE_TOO_LARGE') throw unreadable('file too large', err);
    throw unreadable(errorMessage(err), err);
  }
}
