/**
 * Robustness: real models with one byte changed (200 seeded corruptions) or cut at a random length either
 * import or fail with a FoundryError (never another exception type, never PF_ERR_INTERNAL), one-line message.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FoundryError } from '../../src/core/errors.js';
import { importOnnx } from '../../src/import/index.js';
import { assertOneLine, MODELS_DIR, seededRandom } from './import-helpers.js';

const FILES = ['mnist_lenet5_pytorch.onnx', 'mnist_lenet5_batchnorm1d_pytorch.onnx', 'mnist_lenet5_tanh_32x32_pytorch.onnx'];
const MODELS = FILES.map((f) => new Uint8Array(readFileSync(join(MODELS_DIR, f))));

/** Imports `bytes`; returns 'ok' or the error code, failing the test on anything but a FoundryError. */
function outcome(bytes: Uint8Array, what: string): string {
  try {
    importOnnx(bytes, { source: 'corrupt.onnx' });
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof FoundryError, `${what}: threw a non-FoundryError: ${String(err)}`);
    assert.notEqual(err.code, 'PF_ERR_INTERNAL', `${what}: internal error: ${err.message}`);
    assertOneLine(err.message);
    return err.code;
  }
}

describe('corrupted real models', () => {
  it('200 single-byte corruptions import or fail with a FoundryError', () => {
    const rnd = seededRandom(20240607);
    const counts: Record<string, number> = {};
    for (let trial = 0; trial < 200; trial++) {
      const model = MODELS[trial % MODELS.length];
      const bytes = model.slice();
      // half anywhere (mostly weights), half in the structural head (nodes) and tail (inputs/outputs)
      const region = rnd();
      const pos = region < 0.5 ? Math.floor(rnd() * bytes.length)
        : region < 0.8 ? Math.floor(rnd() * Math.min(2048, bytes.length))
        : bytes.length - 1 - Math.floor(rnd() * 1024);
      bytes[pos] ^= 1 + Math.floor(rnd() * 255);
      const code = outcome(bytes, `trial ${trial} (byte ${pos} of ${FILES[trial % MODELS.length]})`);
      counts[code] = (counts[code] ?? 0) + 1;
    }
    assert.ok(counts.ok > 0, 'no corruption imported');
    assert.ok(200 - counts.ok > 0, 'no corruption was detected');
  });

  it('random truncations fail with a FoundryError', () => {
    const rnd = seededRandom(7);
    for (let trial = 0; trial < 30; trial++) {
      const model = MODELS[trial % MODELS.length];
      const cut = 1 + Math.floor(rnd() * (model.length - 2));
      assert.notEqual(outcome(model.subarray(0, cut), `cut at ${cut}`), 'ok', `cut at ${cut} imported`);
    }
  });
});
