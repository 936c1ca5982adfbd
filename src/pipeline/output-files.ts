/**
 * Writing results without ever leaving half-written output.
 *
 * Directories: built in a temporary `photonic_*` directory next to the target, then renamed into place. An
 * existing target is refused unless `force`; with `force` it is moved aside, the new one renamed in, and the
 * old one removed. Files: each written to a temporary file in its own directory, then all renamed; a missing
 * directory is an error (never created silently).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FoundryError, InvalidInputError } from '../core/errors.js';

function outputError(message: string, cause?: unknown): FoundryError {
  return new FoundryError('PF_ERR_INVALID_INPUT', message, { stage: 'emit', cause });
}

function ensureParent(target: string): string {
  const parent = path.dirname(path.resolve(target));
  try {
    mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw outputError(`cannot create the directory '${path.dirname(target)}': ${(err as NodeJS.ErrnoException).code ?? 'error'}`, err);
  }
  return parent;
}

/** Builds `dir` atomically: `build(tmpDir)` writes everything into a fresh temporary directory. */
export function writeOutputDir(dir: string, force: boolean, build: (tmpDir: string) => void): void {
  const exists = existsSync(dir);
  if (exists && !statSync(dir).isDirectory()) throw outputError(`output '${dir}' exists and is not a directory`);
  if (exists && !force) {
    throw new FoundryError('PF_ERR_OUTPUT_EXISTS', `output directory '${dir}' already exists; use --force to replace it`, { stage: 'emit' });
  }
  const parent = ensureParent(dir);
  const tmp = mkdtempSync(path.join(parent, 'photonic_'));
  try {
    chmodSync(tmp, 0o755); // mkdtemp makes it owner-only; the result is an ordinary output directory
    build(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (exists) {
    const aside = mkdtempSync(path.join(parent, 'photonic_old_'));
    const old = path.join(aside, 'previous');
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(aside, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}

/** Throws an InvalidInputError when an output file cannot be created: missing directory, or a directory at the path. */
export function checkOutputPath(file: string): void {
  const dir = path.dirname(path.resolve(file));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new InvalidInputError(`cannot write '${file}': directory '${path.dirname(file)}' does not exist`);
  try {
    if (statSync(file).isDirectory()) throw new InvalidInputError(`cannot write '${file}': it is a directory`);
  } catch (err) {
    if (err instanceof FoundryError) throw err;
    // does not exist yet: fine
  }
}

/** Checks several output paths, and that they are distinct. */
export function checkOutputPaths(files: readonly string[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const key = path.resolve(f);
    if (seen.has(key)) throw new InvalidInputError(`output '${f}' is given twice`);
    seen.add(key);
    checkOutputPath(f);
  }
}

export interface OutputFile {
  readonly path: string;
  readonly text: string;
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Writes every file atomically (temporary file in the same directory, then rename); see the module doc. */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  checkOutputPaths(files.map((f) => f.path));
  const temps: string[] = [];
  try {
    for (const f of files) {
      const abs = path.resolve(f.path);
      const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push(tmp);
      try {
        writeFileSync(tmp, f.text, { flag: 'wx' });
      } catch (err) {
        throw new InvalidInputError(`cannot write '${f.path}': ${(err as Error).message}`, { cause: err });
      }
    }
    files.forEach((f, i) => {
      try {
        renameSync(temps[i], f.path);
      } catch (err) {
        throw new InvalidInputError(`cannot write '${f.path}': ${(err as Error).message}`, { cause: err });
      }
      temps[i] = '';
    });
  } finally {
    for (const t of temps) if (t !== '') unlinkQuietly(t);
  }
}
