/** Parsing of the mapping options shared by `compile` and `eval` (--mesh, --core-size). */
import { UsageError, type MeshTopology } from '../index.js';

export function meshOption(text: string | undefined): MeshTopology | undefined {
  if (text === undefined) return undefined;
  if (text !== 'clements' && text !== 'reck') throw new UsageError(`--mesh must be 'clements' or 'reck', got '${text}'`);
  return text;
}

export function parseCoreSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const k = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(k) || k < 1 || k > 4096) {
    throw new UsageError(`--core-size must be an integer from 1 to 4096, got '${text}'`);
  }
  return k;
}
