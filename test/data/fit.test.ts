import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetError, UsageError } from '../../src/core/errors.js';
import { batchData, fitToInput, fixedBatchSize, makeBatches } from '../../src/data/fit.js';
import { throwsWith } from './_helpers.js';

describe('fitToInput', () => {
  it('a 28×28 sample fits NCHW, NHWC, HW and flat inputs', () => {
    assert.deepEqual(fitToInput([28, 28], 784, ['batch_size', 1, 28, 28]), [1, 28, 28]);
    assert.deepEqual(fitToInput([28, 28], 784, [10, 1, 28, 28]), [1, 28, 28]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 28, 28, 1]), [28, 28, 1]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 28, 28]), [28, 28]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 784]), [784]);
    assert.deepEqual(fitToInput([784], 784, [null, 1, 28, 28]), [1, 28, 28]);
  });

  it('symbolic per-sample dims are filled from the sample shape', () => {
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 1, 'H', 'W']), [1, 28, 28]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 'H', 'W', 1]), [28, 28, 1]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 'C', 'H', 'W']), [1, 28, 28]);
    assert.deepEqual(fitToInput([28, 28], 784, ['N', 'D']), [784]);
    assert.deepEqual(fitToInput([4], 4, ['N', -1]), [4]);
    assert.deepEqual(fitToInput([3, 8, 8], 192, ['N', 3, 'H', 8]), [3, 8, 8]);
    assert.deepEqual(fitToInput([192], 192, ['N', 3, 'H', 8]), [3, 8, 8]);
    assert.deepEqual(fitToInput([1], 1, ['N']), []);
  });

  it('mismatch → DatasetError with a --resize hint', () => {
    throwsWith(
      () => fitToInput([28, 28], 784, ['batch', 1, 32, 32], 'x'),
      DatasetError,
      /^dataset samples have 784 values \(28×28\) but the model input 'x' \[batch,1,32,32\] needs 1024 — try --resize 32x32$/,
    );
    throwsWith(() => fitToInput([28, 28], 784, [1, 32, 32, 1], 'in'), DatasetError, /\[1,32,32,1\] needs 1024 — try --resize 32x32$/);
    throwsWith(() => fitToInput([28, 28], 784, ['N', 1024], 'in'), DatasetError, /needs 1024 — try --resize 32x32$/);
    throwsWith(() => fitToInput([4], 4, ['N', 3], 'x'), DatasetError, /^dataset samples have 4 values but the model input 'x' \[N,3\] needs 3$/);
    throwsWith(() => fitToInput([28, 28], 784, ['N', 3, 'H', 'W'], 'x'), DatasetError, /784 values \(28×28\) which cannot be reshaped to the model input 'x' \[N,3,H,W\] \(it needs a multiple of 3\)/);
    throwsWith(() => fitToInput([2, 3], 6, [], 'x'), DatasetError, /is a scalar/);
  });
});

describe('batching', () => {
  it('fixedBatchSize', () => {
    assert.equal(fixedBatchSize([10, 1, 28, 28]), 10);
    assert.equal(fixedBatchSize(['batch_size', 1, 28, 28]), null);
    assert.equal(fixedBatchSize([null, 4]), null);
    assert.equal(fixedBatchSize([0, 4]), null);
  });

  it('dynamic batch: up to maxBatch, no padding', () => {
    assert.deepEqual(makeBatches(10, null, 4), [
      { start: 0, end: 4, size: 4, real: 4 },
      { start: 4, end: 8, size: 4, real: 4 },
      { start: 8, end: 10, size: 2, real: 2 },
    ]);
    assert.deepEqual(makeBatches(0, null, 4), []);
  });

  it('fixed batch: exactly that size, last batch padded; 10,000 in batches of 10 and of 1', () => {
    const b = makeBatches(25, 10, 1000);
    assert.deepEqual(b.map((x) => [x.start, x.end, x.size, x.real]), [[0, 10, 10, 10], [10, 20, 10, 10], [20, 25, 10, 5]]);
    const data = Float64Array.from({ length: 25 * 2 }, (_, i) => i + 1);
    const last = batchData(data, 2, b[2]);
    assert.equal(last.length, 20);
    assert.deepEqual([...last.slice(0, 10)], [41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
    assert.ok(last.slice(10).every((v) => v === 0));
    assert.equal(makeBatches(10000, 10, 64).length, 1000);
    const ones = makeBatches(10000, 1, 64);
    assert.equal(ones.length, 10000);
    assert.ok(ones.every((x) => x.size === 1 && x.real === 1));
  });

  it('bad arguments → UsageError', () => {
    throwsWith(() => makeBatches(5, null, 0), UsageError, /--batch: 0 must be a positive integer/);
    throwsWith(() => makeBatches(5, 0, 4), UsageError, /fixed batch size 0/);
    throwsWith(() => makeBatches(-1, null, 4), UsageError, /sample count -1/);
  });
});
