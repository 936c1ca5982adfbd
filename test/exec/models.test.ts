/**
 * The real third-party models in /work/shared/models reproduce onnxruntime's reference outputs
 * (*.ref.json: first 8 MNIST test images, preprocessing /255) within 1e-4, and LeNet-5 runs the whole
 * 10,000-image test set quickly with the reference accuracy.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Executor } from '../../src/exec/index.js';
import { importOnnx } from '../../src/import/index.js';
import { checkConstantWeights, checkSupport } from '../../src/ops/index.js';
import { loadMnistTest, mnistBatch, MODELS_DIR } from './mnist.js';

interface RefFile {
  model: string;
  input: { name: string; shape: (number | string)[] };
  outputName: string;
  samples: { index: number; label: number; output: number[] }[];
}

const available = existsSync(`${MODELS_DIR}/MANIFEST.json`);

function argmax(a: ArrayLike<number>, off: number, n: number): number {
  let b = 0;
  for (let k = 1; k < n; k++) if (a[off + k] > a[off + b]) b = k;
  return b;
}

describe('real models vs reference outputs', { skip: available ? false : 'shared models not present' }, () => {
  const mnist = available ? loadMnistTest() : undefined;

  for (const file of ['mnist_lenet5_pytorch', 'mnist_lenet5_batchnorm1d_pytorch']) {
    test(`${file}: first 8 images within 1e-4 of onnxruntime`, () => {
      const ref = JSON.parse(readFileSync(`${MODELS_DIR}/${file}.ref.json`, 'utf8')) as RefFile;
      const graph = importOnnx(readFileSync(`${MODELS_DIR}/${file}.onnx`));
      assert.deepEqual(checkSupport(graph), []);
      checkConstantWeights(graph);
      const fixed = ref.input.shape[0];
      const batch = typeof fixed === 'number' ? fixed : 8; // the batchnorm model has a fixed batch of 10: pad
      const x = mnistBatch(mnist!, 0, 8, batch);
      const out = new Executor(graph).run({ [ref.input.name]: { dtype: 'float32', dims: [batch, 1, 28, 28], data: x } });
      const y = out[ref.outputName];
      assert.deepEqual(y.dims, [batch, 10]);
      let worst = 0;
      for (const s of ref.samples) {
        s.output.forEach((v, k) => { worst = Math.max(worst, Math.abs(y.data[s.index * 10 + k] - v)); });
        assert.equal(argmax(y.data, s.index * 10, 10), argmax(s.output, 0, 10), `class of image ${s.index}`);
      }
      assert.ok(worst <= 1e-4, `max abs diff ${worst}`);
    });
  }

  test.skip('mnist_lenet5_tanh_32x32_pytorch: needs the PIL bilinear 28→32 resize (tested with the datasets)');

  test('LeNet-5 on all 10,000 test images: reference accuracy 98.13%, a few seconds', () => {
    const graph = importOnnx(readFileSync(`${MODELS_DIR}/mnist_lenet5_pytorch.onnx`));
    const N = mnist!.count;
    const x = mnistBatch(mnist!, 0, N);
    const t0 = performance.now();
    const y = new Executor(graph).run({ input: { dtype: 'float32', dims: [N, 1, 28, 28], data: x } }).output;
    const seconds = (performance.now() - t0) / 1000;
    let correct = 0;
    for (let i = 0; i < N; i++) if (argmax(y.data, i * 10, 10) === mnist!.labels[i]) correct++;
    assert.equal(correct, 9813);
    console.log(`# LeNet-5, ${N} images: ${seconds.toFixed(2)} s`);
    assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
  });
});
