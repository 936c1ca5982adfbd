/**
 * Writing results without ever leaving half-written output.
 *
 * Directories: built in a temporary `photonic_*` directory next to the target, then renamed into place. An
 * existing target is refused unless `force`; with `force` it is moved aside, the new one renamed in, and the
 * old one removed. Files: written to a temporary file in the same directory, then renamed.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FoundryError } from '../core/errors.js';

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

/** Writes `content` to `file` atomically (temporary file in the same directory, then rename). */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const parent = path.dirname(path.resolve(file));
  if (!existsSync(parent)) throw outputError(`cannot write '${file}': the directory '${path.dirname(file)}' does not exist`);
  const tmp = path.join(parent, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw outputError(`cannot write '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, err);
  }
}
