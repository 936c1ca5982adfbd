/**
 * Reading the user's input files (models, datasets, matrix files) with one set of one-line errors:
 * a missing path is a FileNotFoundError ("cannot read 'p': no such file"); a directory, a file without read
 * permission or any other read failure is "cannot read 'p': <why>" in the error class of the caller.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
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

/** A file sink that can be closed (flushes and closes the file). */
export interface ClosableSink {
  close(): void;
}

/**
 * Streams an output file: opens `path` with `open`, lets `write` fill it, closes it. A file that cannot be opened is
 * a one-line error naming it; a failed write closes the sink, removes the partial file and rethrows the first error,
 * so no half-written output is left behind.
 */
export function streamToFile<S extends ClosableSink, T>(path: string, open: (path: string) => S, write: (sink: S) => T, stage: FoundryErrorOptions['stage']): T {
  let sink: S;
  try {
    sink = open(path);
  } catch (err) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `cannot write '${path}': ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`, { stage, cause: err });
  }
  try {
    const result = write(sink);
    sink.close();
    return result;
  } catch (err) {
    try {
      sink.close();
    } catch {
      // already failing: keep the first error
    }
    rmSync(path, { force: true });
    throw err;
  }
}
