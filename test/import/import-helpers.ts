/**
 * Shared helpers for the import tests: error assertions, model patching (decode → edit plain object →
 * encode), a tiny model around extra initializers, and a seeded PRNG. Test-only code.
 */
import assert from 'node:assert/strict';
import { FoundryError, OnnxImportError, type ErrorCode } from '../../src/core/errors.js';
import { MODEL_PROTO } from '../../src/import/onnx/onnx-schema.js';
import { buildModel, tensorProto, type ModelSpec, type TensorSpec } from '../helpers/onnx-builder.js';

export { MODELS_DIR } from '../helpers/paths.js';

/** Runs `fn`, asserts it throws `cls` with `code`, a one-line message matching every pattern; returns the error. */
export function expectImportError(
  fn: () => unknown,
  code: ErrorCode,
  patterns: RegExp | RegExp[],
  cls: new (...args: never[]) => FoundryError = OnnxImportError,
): FoundryError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected ${code}, but nothing was thrown`);
  assert.ok(caught instanceof cls, `expected ${cls.name}, got ${String(caught)}`);
  const err = caught as FoundryError;
  assert.equal(err.code, code, `wrong code for: ${err.message}`);
  assertOneLine(err.message);
  for (const p of Array.isArray(patterns) ? patterns : [patterns]) assert.match(err.message, p);
  return err;
}

export function assertOneLine(message: string): void {
  assert.ok(message.length > 0, 'empty message');
  assert.ok(!/[\r\n]/.test(message), `message is not one line: ${JSON.stringify(message)}`);
  assert.ok(!/\bat .+:\d+:\d+/.test(message), `message leaks a stack: ${message}`);
}

/** Plain-object view of a ModelProto (Longs stay Long, bytes stay Uint8Array). */
export type ModelObject = Record<string, any>;

/** Decodes `bytes`, lets `edit` change the plain object, and encodes it again. */
export function patchModel(bytes: Uint8Array, edit: (m: ModelObject) => void): Uint8Array {
  const obj = MODEL_PROTO.toObject(MODEL_PROTO.decode(bytes), { arrays: true, objects: true }) as ModelObject;
  edit(obj);
  return MODEL_PROTO.encode(MODEL_PROTO.fromObject(obj)).finish();
}

/** A valid model x → Identity → y, plus the given initializers (TensorSpecs or raw TensorProto objects). */
export function modelWithInitializers(
  inits: ((TensorSpec & { name: string }) | { proto: Record<string, unknown> })[],
  spec: Partial<ModelSpec> = {},
): Uint8Array {
  const base = buildModel({
    inputs: [{ name: 'x', dims: [1] }],
    outputs: [{ name: 'y', dims: [1] }],
    nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
    ...spec,
  });
  return patchModel(base, (m) => {
    for (const t of inits) m.graph.initializer.push('proto' in t ? t.proto : tensorProto(t));
  });
}

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Little-endian bytes of uint16 values (float16 / bfloat16 bit patterns). */
export function u16Bytes(values: number[]): Uint8Array {
  return new Uint8Array(Uint16Array.from(values).buffer);
}
