/**
 * The real third-party models in ../shared/models reproduce onnxruntime's reference outputs
 * (*.ref.json: first 8 MNIST test images, preprocessing /255) within 1e-4, and LeNet-5 runs the whole
 * 10,000-image test set in one batch with the reference accuracy (speed is measured in bench/, not here).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Executor } from '../../src/exec/index.js';
import { importOnnx } from '../../src/import/index.js';
import { checkConstantWeights, checkSupport } from '../../src/ops/index.js';
import { resizeBilinearU8 } from '../../src/data/index.js';
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

  test('mnist_lenet5_tanh_32x32_pytorch: first 8 images (PIL bilinear 28→32, /255) within 1e-4 of onnxruntime', () => {
    const file = 'mnist_lenet5_tanh_32x32_pytorch';
    const ref = JSON.parse(readFileSync(`${MODELS_DIR}/${file}.ref.json`, 'utf8')) as RefFile;
    const graph = importOnnx(readFileSync(`${MODELS_DIR}/${file}.onnx`));
    const exec = new Executor(graph);
    let worst = 0;
    for (const s of ref.samples) {
      const px = mnist!.rows * mnist!.cols;
      const img = mnist!.images.subarray(s.index * px, (s.index + 1) * px);
      const resized = resizeBilinearU8(img, mnist!.rows, mnist!.cols, 32, 32);
      const x = Float64Array.from(resized, (v) => v / 255);
      const y = exec.run({ [ref.input.name]: { dtype: 'float32', dims: [1, 1, 32, 32], data: x } })[ref.outputName];
      s.output.forEach((v, k) => { worst = Math.max(worst, Math.abs(y.data[k] - v)); });
      assert.equal(argmax(y.data, 0, 10), argmax(s.output, 0, 10), `class of image ${s.index}`);
    }
    assert.ok(worst <= 1e-4, `max abs diff ${worst}`);
  });

  test('LeNet-5 on all 10,000 test images in one batch: reference accuracy 98.13%', () => {
    const graph = importOnnx(readFileSync(`${MODELS_DIR}/mnist_lenet5_pytorch.onnx`));
    const N = mnist!.count;
    const x = mnistBatch(mnist!, 0, N);
    const y = new Executor(graph).run({ input: { dtype: 'float32', dims: [N, 1, 28, 28], data: x } }).output;
    let correct = 0;
    for (let i = 0; i < N; i++) if (argmax(y.data, i * 10, 10) === mnist!.labels[i]) correct++;
    assert.equal(correct, 9813);
  });
});
