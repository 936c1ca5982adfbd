/**
 * Ideal photonic eval on every shared real model, full-size and with --core-size 16: the photonic circuit
 * reproduces the digital accuracy exactly on all 10,000 MNIST test images (which is the manifest's reference
 * accuracy), with max |Δlogit| ≤ 1e-6 · max |digital output|.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runFoundry } from '../helpers/cli.js';
import { MNIST_IMAGES, MNIST_LABELS, sharedMnistModels } from '../helpers/paths.js';

let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-eval-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const model of sharedMnistModels()) {
  for (const core of [null, 16]) {
    test(`eval ${model.file}${core ? ` --core-size ${core}` : ''}: photonic = digital = reference on 10,000 images`, () => {
      const saved = path.join(dir, `${model.file}-${core ?? 'full'}.json`);
      const args = ['eval', model.path, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, ...model.flags, '--json', '--save-outputs', saved];
      if (core) args.push('--core-size', String(core));
      const run = runFoundry(args);
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout);
      assert.deepEqual(Object.keys(r), ['model', 'n', 'digital', 'photonic', 'agreement', 'logit_diff']);
      assert.equal(r.n, 10000);
      assert.deepEqual(r.digital, { accuracy: model.referenceAccuracy, correct: model.referenceCorrect });
      assert.deepEqual(r.photonic, r.digital);
      assert.equal(r.agreement, 1);
      const out = JSON.parse(readFileSync(saved, 'utf8'));
      assert.deepEqual(Object.keys(out), ['labels', 'digital', 'photonic']);
      assert.equal(out.labels.length, 10000);
      let maxDigital = 0;
      let maxDiff = 0;
      for (let i = 0; i < out.digital.length; i++) {
        for (let c = 0; c < out.digital[i].length; c++) {
          maxDigital = Math.max(maxDigital, Math.abs(out.digital[i][c]));
          maxDiff = Math.max(maxDiff, Math.abs(out.digital[i][c] - out.photonic[i][c]));
        }
      }
      assert.ok(maxDiff <= 1e-6 * maxDigital, `max |Δlogit| ${maxDiff} > 1e-6 · ${maxDigital}`);
      assert.ok(Math.abs(r.logit_diff.max_abs - maxDiff) <= 1e-15 * Math.max(1, maxDiff));
      // the saved digital outputs are the reference executor's: first 8 match the manifest's logits
      for (const ref of model.reference.samples) {
        const d = Math.max(...out.digital[ref.index].map((v: number, i: number) => Math.abs(v - ref.output[i])));
        assert.ok(d <= 1e-4, `sample ${ref.index}: ${d}`);
      }
    });
  }
}
