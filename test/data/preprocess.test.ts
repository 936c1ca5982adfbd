import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetError, UsageError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/data/dataset.js';
import { loadDataset } from '../../src/data/load.js';
import { parseNumber, parseNumberList, parseResize, preprocess } from '../../src/data/preprocess.js';
import { resizeBilinearU8 } from '../../src/data/resize.js';
import { IRIS, MNIST_IMAGES, MNIST_LABELS, throwsWith } from './_helpers.js';

function ds(sampleDims: number[], values: number[], dtype: 'uint8' | 'float64' = 'uint8'): Dataset {
  const per = sampleDims.reduce((a, b) => a * b, 1);
  return { n: values.length / per, sampleDims, dtype, data: Float64Array.from(values), labels: null, source: 'mem' };
}

describe('preprocess', () => {
  it('MNIST: resize 28→32 then /255 (the tanh LeNet preprocessing)', () => {
    const mnist = loadDataset({ data: MNIST_IMAGES, labels: MNIST_LABELS });
    const first = { ...mnist, n: 3, data: mnist.data.slice(0, 3 * 784), labels: mnist.labels!.slice(0, 3) };
    const p = preprocess(first, { resize: [32, 32], scale: 1 / 255 });
    assert.equal(p.dtype, 'float64');
    assert.deepEqual(p.sampleDims, [32, 32]);
    assert.equal(p.data.length, 3 * 1024);
    assert.deepEqual([...p.labels!], [7, 2, 1]);
    const r = resizeBilinearU8(first.data.subarray(784, 2 * 784), 28, 28, 32, 32);
    for (let i = 0; i < 1024; i++) assert.equal(p.data[1024 + i], r[i] * (1 / 255));
    assert.ok(Math.max(...p.data) <= 1 && Math.min(...p.data) >= 0);
  });

  it('order: scale, offset, then (x − mean)/std; MNIST "norm" key', () => {
    const d = ds([1, 2], [0, 255]);
    const p = preprocess(d, { scale: 1 / 255, mean: [0.1307], std: [0.3081] });
    assert.deepEqual([...p.data], [(0 - 0.1307) / 0.3081, (255 / 255 - 0.1307) / 0.3081]);
    const q = preprocess(d, { scale: 2, offset: -1, mean: [1], std: [2] });
    assert.deepEqual([...q.data], [(0 * 2 - 1 - 1) / 2, (255 * 2 - 1 - 1) / 2]);
    assert.deepEqual([...d.data], [0, 255], 'input untouched');
  });

  it('per-channel mean/std: [C,H,W], [H,W,C] with channelsLast, and per-feature on flat samples', () => {
    const chw = preprocess(ds([2, 1, 2], [1, 2, 3, 4]), { mean: [1, 3], std: [1, 2] });
    assert.deepEqual([...chw.data], [0, 1, 0, 0.5]);
    const hwc = preprocess(ds([1, 2, 2], [1, 3, 2, 4]), { mean: [1, 3], std: [1, 2], channelsLast: true });
    assert.deepEqual([...hwc.data], [0, 0, 1, 0.5]);
    const iris = loadDataset({ data: IRIS });
    const z = preprocess(iris, { mean: [5.1, 3.5, 1.4, 0.2], std: [1, 1, 1, 0.1] });
    assert.deepEqual([...z.data.slice(0, 4)], [0, 0, 0, 0]);
    throwsWith(() => preprocess(iris, { mean: [1, 2] }), UsageError, /--mean has 2 values but the samples \[4\] have 4 channels; give 1 or 4 values/);
    throwsWith(() => preprocess(ds([28, 28], new Array(784).fill(0)), { std: [1, 1, 1] }), UsageError, /--std has 3 values .* 1 channel/);
    throwsWith(() => preprocess(iris, { std: [0] }), UsageError, /standard deviation of 0/);
  });

  it('resize of [C,H,W] resizes each plane; [H,W,C] interleaved', () => {
    const planeA = Array.from({ length: 9 }, (_, i) => i * 20);
    const planeB = Array.from({ length: 9 }, (_, i) => 255 - i * 10);
    const chw = preprocess(ds([2, 3, 3], [...planeA, ...planeB]), { resize: [4, 4] });
    assert.deepEqual(chw.sampleDims, [2, 4, 4]);
    assert.deepEqual([...chw.data.slice(0, 16)], [...resizeBilinearU8(Float64Array.from(planeA), 3, 3, 4, 4)]);
    assert.deepEqual([...chw.data.slice(16)], [...resizeBilinearU8(Float64Array.from(planeB), 3, 3, 4, 4)]);
    const hwcVals = planeA.flatMap((a, i) => [a, planeB[i]]);
    const hwc = preprocess(ds([3, 3, 2], hwcVals), { resize: [4, 4], channelsLast: true });
    assert.deepEqual(hwc.sampleDims, [4, 4, 2]);
    assert.deepEqual([...hwc.data.filter((_, i) => i % 2 === 0)], [...chw.data.slice(0, 16)]);
  });

  it('refuses resize on float data and on non-image samples', () => {
    throwsWith(() => preprocess(ds([2, 2], [0.5, 1, 1, 1], 'float64'), { resize: [4, 4] }), DatasetError, /cannot resize float64 data; resize works on 8-bit images/);
    throwsWith(() => preprocess(loadDataset({ data: IRIS }), { resize: [4, 4] }), DatasetError, /iris\.json: cannot resize float64 data/);
    throwsWith(() => preprocess(ds([4], [1, 2, 3, 4]), { resize: [2, 2] }), DatasetError, /cannot resize samples of shape \[4\]/);
  });
});

describe('CLI option parsers', () => {
  it('parseResize', () => {
    assert.deepEqual(parseResize('32x32'), [32, 32]);
    assert.deepEqual(parseResize(' 24X16 '), [24, 16]);
    assert.deepEqual(parseResize('8×4'), [8, 4]);
    assert.deepEqual(parseResize('28'), [28, 28]);
    for (const bad of ['', 'x32', '32x', '32x32x3', '-1x4', '3.5x4', 'abc', '0x4', '70000x2']) {
      throwsWith(() => parseResize(bad), UsageError, /--resize: '.*' (is not a size; expected HxW|is out of range)/);
    }
  });

  it('parseNumberList / parseNumber', () => {
    assert.deepEqual(parseNumberList('0.1307,0.2'), [0.1307, 0.2]);
    assert.deepEqual(parseNumberList(' 0.5 , -1e-3 ,2'), [0.5, -0.001, 2]);
    throwsWith(() => parseNumberList('', 'mean'), UsageError, /--mean: empty value/);
    throwsWith(() => parseNumberList('0.1,,0.2', 'mean'), UsageError, /--mean: item 2 is empty in '0\.1,,0\.2'/);
    throwsWith(() => parseNumberList('0.1,abc', 'std'), UsageError, /--std: 'abc' is not a number/);
    throwsWith(() => parseNumberList('Infinity', 'std'), UsageError, /not a number/);
    assert.equal(parseNumber('1/255', 'scale'), 1 / 255);
    assert.equal(parseNumber('-0.5', 'offset'), -0.5);
    throwsWith(() => parseNumber('1/0', 'scale'), UsageError, /--scale: '1\/0' is not a number/);
    throwsWith(() => parseNumber('two', 'scale'), UsageError, /--scale/);
  });
});
