/**
 * Finding a PDK: the built-in profiles by name, or a PDK JSON file by path (`loadPdk`). Every PDK returned has
 * passed parsePdk (schema, ranges, a source per numeric field) and is a fresh object the caller may keep.
 */
import { readFileSync } from 'node:fs';
import { PdkError } from '../core/errors.js';
import { BUILTIN_PROFILES } from './profiles/index.js';
import { parsePdk } from './schema.js';
import type { Pdk } from './types.js';

/** The PDK used when none is given. */
export const DEFAULT_PDK_NAME = 'soi-thermo';

/** Names of the built-in PDKs, in listing order. */
export const BUILTIN_PDK_NAMES: readonly string[] = BUILTIN_PROFILES.map((p) => p.name);

/** The built-in PDKs: name and one-line description, in listing order. */
export function listPdks(): { name: string; description: string }[] {
  return BUILTIN_PROFILES.map((p) => ({ name: p.name, description: p.description }));
}

function builtinList(): string {
  return BUILTIN_PDK_NAMES.join(', ');
}

/** A built-in PDK by name (validated, a fresh copy); unknown name → PdkError. */
export function builtinPdk(name: string): Pdk {
  const profile = BUILTIN_PROFILES.find((p) => p.name === name);
  if (!profile) throw new PdkError(`unknown built-in PDK '${name}' (built-in: ${builtinList()})`);
  return parsePdk(structuredClone(profile), `built-in PDK '${name}'`);
}

/**
 * A built-in PDK when `nameOrFile` is one's name, else the PDK JSON file at that path. Errors (PdkError, one
 * line): neither a built-in name nor an existing file; a directory; unreadable; not JSON; invalid (parsePdk).
 */
export function loadPdk(nameOrFile: string): Pdk {
  if (BUILTIN_PDK_NAMES.includes(nameOrFile)) return builtinPdk(nameOrFile);
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new PdkError(`unknown PDK '${nameOrFile}' (built-in: ${builtinList()}) and no such file`, { cause: err });
    }
    if (code === 'EISDIR') throw new PdkError(`${nameOrFile}: is a directory, not a PDK JSON file`, { cause: err });
    throw new PdkError(`cannot read PDK file '${nameOrFile}': ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new PdkError(`${nameOrFile}: not valid JSON (${why})`, { cause: err });
  }
  return parsePdk(json, nameOrFile);
}
