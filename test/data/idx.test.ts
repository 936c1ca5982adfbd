import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DatasetError } from '../../src/core/errors.js';
import { parseIdx, readIdxImages, readIdxLabels } from '../../src/data/idx.js';
import { loadDataset } from '../../src/data/load.js';
import { MNIST_IMAGES, MNIST_LABELS, SHARED, makeIdx, throwsWith, writeTmp } from './_helpers.js';

describe('IDX reader: real MNIST t10k', () => {
  it('the shared files match the md5/sha256 of MANIFEST.json', () => {
    const manifest = JSON.parse(readFileSync(`${SHARED}/MANIFEST.json`, 'utf8'));
    const m = manifest.test_data.mnist;
    for (const path of [MNIST_IMAGES, MNIST_LABELS]) {
      const name = path.split('/').pop()!;
      const bytes = readFileSync(path);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), m.sha256[name], `sha256 of ${name}`);
      assert.equal(createHash('md5').update(bytes).digest('hex'), m.md5[name], `md5 of ${name}`);
    }
  });

  it('loads 10,000 images of 28×28 with labels 0–9, first label 7', () => {
    const ds = loadDataset({ data: MNIST_IMAGES, labels: MNIST_LABELS });
    assert.equal(ds.n, 10000);
    assert.deepEqual(ds.sampleDims, [28, 28]);
    assert.equal(ds.dtype, 'uint8');
    assert.equal(ds.data.length, 10000 * 784);
    assert.ok(ds.labels);
    assert.equal(ds.labels.length, 10000);
    assert.equal(ds.labels[0], 7);
    assert.deepEqual([...ds.labels.slice(0, 10)], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const counts = new Array(10).fill(0);
    for (const l of ds.labels) counts[l]++;
    assert.deepEqual(counts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    let min = 255;
    let max = 0;
    for (const v of ds.data) {
      assert.ok(Number.isInteger(v));
      if (v < min) min = v;
      if (v > max) max = v;
    }
    assert.equal(min, 0);
    assert.equal(max, 255);
    assert.match(ds.source, /t10k-images.*labels: .*t10k-labels/);
  });

  it('reads the raw (uncompressed) file identically: gzip is detected by magic, not by name', () => {
    const gz = readFileSync(MNIST_LABELS);
    const raw = parseIdx(new Uint8Array(gz), 'gz');
    const plainPath = writeTmp('labels-without-gz-ext.gz', gunzipSync(gz)); // misleading extension on purpose
    const plain = readIdxLabels(readFileSync(plainPath), plainPath);
    assert.deepEqual([...plain], [...raw.data]);
  });
});

describe('IDX reader: small files', () => {
  it('reads images and labels, also other element types (int16/float32/float64)', () => {
    const img = readIdxImages(makeIdx([2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]), 'img');
    assert.equal(img.n, 2);
    assert.deepEqual(img.sampleDims, [2, 3]);
    assert.deepEqual([...img.data], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    assert.equal(img.dtype, 'uint8');
    const f = readIdxImages(makeIdx([1, 2], [0.5, -1.25], 0x0d), 'f32');
    assert.equal(f.dtype, 'float64');
    assert.deepEqual([...f.data], [0.5, -1.25]);
    assert.deepEqual([...readIdxImages(makeIdx([1, 2], [-300, 300], 0x0b), 'i16').data], [-300, 300]);
    assert.deepEqual([...readIdxImages(makeIdx([1, 1], [Math.PI], 0x0e), 'f64').data], [Math.PI]);
    assert.deepEqual([...readIdxLabels(gzipSync(makeIdx([3], [7, 0, 9])), 'lab')], [7, 0, 9]);
  });

  it('truncated data → DatasetError naming the byte counts', () => {
    const full = makeIdx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    throwsWith(() => readIdxImages(full.subarray(0, full.length - 3), 'x.idx'), DatasetError, /truncated IDX file.*need 8 data bytes, found 5/);
    throwsWith(() => readIdxImages(full.subarray(0, 9), 'x.idx'), DatasetError, /truncated IDX file.*header/);
    throwsWith(() => readIdxImages(full.subarray(0, 2), 'x.idx'), DatasetError, /truncated IDX file/);
  });

  it('truncated gzip → DatasetError', () => {
    const gz = gzipSync(makeIdx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
    throwsWith(() => readIdxImages(gz.subarray(0, gz.length - 10), 'x.gz'), DatasetError, /corrupt or truncated gzip/);
  });

  it('trailing bytes → DatasetError', () => {
    const b = new Uint8Array([...makeIdx([1, 2], [1, 2]), 0, 0]);
    throwsWith(() => readIdxImages(b, 'x'), DatasetError, /2 unexpected trailing bytes/);
  });

  it('wrong magic / unknown type byte / zero dims → DatasetError', () => {
    throwsWith(() => readIdxImages(new Uint8Array([0x12, 0x34, 8, 3, 0, 0, 0, 0]), 'x'), DatasetError, /not an IDX file \(magic 0x12340803/);
    const b = makeIdx([1, 2], [1, 2]);
    b[2] = 0x07;
    throwsWith(() => readIdxImages(b, 'x'), DatasetError, /unknown IDX element type 0x07/);
    throwsWith(() => readIdxImages(new Uint8Array([0, 0, 8, 0]), 'x'), DatasetError, /0 dimensions/);
  });

  it('a labels file where images are expected (and the reverse) → DatasetError', () => {
    throwsWith(() => readIdxImages(makeIdx([3], [1, 2, 3]), 'lab.idx'), DatasetError, /this is an IDX labels file.*expected images/);
    throwsWith(() => readIdxLabels(makeIdx([1, 2, 2], [1, 2, 3, 4]), 'img.idx'), DatasetError, /this is an IDX images file.*expected labels/);
    throwsWith(() => loadDataset({ data: MNIST_LABELS }), DatasetError, /t10k-labels.*this is an IDX labels file, expected images|labels file.*expected images/);
    throwsWith(() => loadDataset({ data: MNIST_IMAGES, labels: MNIST_IMAGES }), DatasetError, /images file.*expected labels/);
  });

  it('images/labels count mismatch → DatasetError naming both files', () => {
    const imgs = writeTmp('three.idx', makeIdx([3, 2, 2], new Array(12).fill(1)));
    const labs = writeTmp('two.idx', makeIdx([2], [1, 2]));
    throwsWith(() => loadDataset({ data: imgs, labels: labs }), DatasetError, /labels file '.*two\.idx' has 2 labels but the data '.*three\.idx' has 3 samples/);
    throwsWith(() => loadDataset({ data: imgs, labels: MNIST_LABELS }), DatasetError, /has 10000 labels but .* has 3 samples/);
  });
});
