/**
 * Where tests find things: the repo root, the built CLI, and the shared real models and data (`../shared/`
 * beside the clone, as on developer machines and in CI; FOUNDRY_SHARED_DIR overrides it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
export const MODELS_DIR = path.join(SHARED_DIR, 'models');
export const DATA_DIR = path.join(MODELS_DIR, 'data');
export const MNIST_IMAGES = path.join(DATA_DIR, 't10k-images-idx3-ubyte.gz');
export const MNIST_LABELS = path.join(DATA_DIR, 't10k-labels-idx1-ubyte.gz');
export const IRIS_JSON = path.join(DATA_DIR, 'iris.json');
export const FOUNDRY_BIN = path.join(REPO_ROOT, 'bin', 'foundry.js');

if (!existsSync(MODELS_DIR)) {
  throw new Error(`shared models not found at ${MODELS_DIR} (set FOUNDRY_SHARED_DIR)`);
}

/** One shared model with its manifest entry and its reference outputs (first 8 MNIST test images). */
export interface SharedModel {
  readonly file: string;
  readonly path: string;
  /** CLI preprocessing flags reproducing the manifest's reference preprocessing. */
  readonly flags: readonly string[];
  readonly referenceCorrect: number;
  readonly referenceAccuracy: number;
  readonly reference: { samples: { index: number; label: number; output: number[] }[] };
}

/** CLI flags for the manifest's preprocessing keys (MANIFEST.json "preprocessing_keys"). */
const PREPROCESSING_FLAGS: Record<string, string[]> = {
  raw255: [],
  unit: ['--scale', '1/255'],
  norm: ['--scale', '1/255', '--mean', '0.1307', '--std', '0.3081'],
  pm1: ['--scale', '1/255', '--mean', '0.5', '--std', '0.5'],
};

/** The shared MNIST models of MANIFEST.json with their reference accuracy and reference logits. */
export function sharedMnistModels(): SharedModel[] {
  const manifest = JSON.parse(readFileSync(path.join(MODELS_DIR, 'MANIFEST.json'), 'utf8')) as {
    models: { file: string; preprocessing_key: string; reference_accuracy: { correct: number; accuracy: number }; reference_outputs: string; resize?: { to: number[] } }[];
  };
  return manifest.models.map((m) => {
    const key = m.preprocessing_key.split('+')[0];
    const flags = [...(m.resize ? ['--resize', `${m.resize.to[0]}x${m.resize.to[1]}`] : []), ...PREPROCESSING_FLAGS[key]];
    return {
      file: m.file,
      path: path.join(MODELS_DIR, m.file),
      flags,
      referenceCorrect: m.reference_accuracy.correct,
      referenceAccuracy: m.reference_accuracy.accuracy,
      reference: JSON.parse(readFileSync(path.join(MODELS_DIR, m.reference_outputs), 'utf8')),
    };
  });
}
