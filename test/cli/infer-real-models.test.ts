/**
 * `foundry infer` on every shared real model with its manifest preprocessing reproduces the manifest's
 * onnxruntime reference accuracy on all 10,000 MNIST test images exactly, and the first 8 outputs within 1e-4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFoundry } from '../helpers/cli.js';
import { MNIST_IMAGES, MNIST_LABELS, sharedMnistModels } from '../helpers/paths.js';

for (const model of sharedMnistModels()) {
  test(`infer ${model.file}: reference accuracy on 10,000 images and first 8 logits`, () => {
    const run = runFoundry(['infer', model.path, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, ...model.flags, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(result), ['model', 'n', 'correct', 'accuracy', 'labels', 'logits']);
    assert.equal(result.n, 10000);
    assert.equal(result.labels.length, 10000);
    assert.equal(result.logits.length, 10000);
    assert.equal(result.correct, model.referenceCorrect);
    assert.equal(result.accuracy, model.referenceAccuracy);
    for (const ref of model.reference.samples) {
      assert.equal(result.labels[ref.index], ref.label);
      const got: number[] = result.logits[ref.index];
      assert.equal(got.length, ref.output.length);
      const maxDiff = Math.max(...got.map((g, i) => Math.abs(g - ref.output[i])));
      assert.ok(maxDiff <= 1e-4, `${model.file} sample ${ref.index}: max |Δ| = ${maxDiff}`);
    }
  });
}

test('infer --limit runs only the first N samples and without labels reports null accuracy', () => {
  const [model] = sharedMnistModels();
  const run = runFoundry(['infer', model.path, '--data', MNIST_IMAGES, ...model.flags, '--limit', '8', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.n, 8);
  assert.equal(result.correct, null);
  assert.equal(result.accuracy, null);
  assert.equal(result.labels, null);
  for (const ref of model.reference.samples) {
    const maxDiff = Math.max(...result.logits[ref.index].map((g: number, i: number) => Math.abs(g - ref.output[i])));
    assert.ok(maxDiff <= 1e-4);
  }
});

test('infer on a fixed-batch model pads the last batch and drops the padding (13 samples, batch 10)', () => {
  const model = sharedMnistModels().find((m) => m.file.includes('batchnorm'))!;
  const run = runFoundry(['infer', model.path, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, ...model.flags, '--limit', '13', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.n, 13);
  assert.equal(result.logits.length, 13);
  assert.equal(result.labels.length, 13);
});

test('infer prints a human summary without --json', () => {
  const [model] = sharedMnistModels();
  const run = runFoundry(['infer', model.path, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, ...model.flags, '--limit', '100']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /samples\s+100/);
  assert.match(run.stdout, /accuracy\s+\d+\.\d\d %/);
});
