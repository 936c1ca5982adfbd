import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DatasetError, FileNotFoundError } from '../../src/core/errors.js';
import { loadDataset } from '../../src/data/load.js';
import { makeIdx, makeNpy, throwsWith, tmpDir, writeTmp } from './_helpers.js';

describe('loadDataset: dispatch on content', () => {
  it('names do not matter: IDX called .csv, npy called .json, JSON called .bin, gzipped npy', () => {
    const idx = writeTmp('really-idx.csv', makeIdx([2, 1, 2], [1, 2, 3, 4]));
    assert.deepEqual(loadDataset({ data: idx }).sampleDims, [1, 2]);
    const npy = writeTmp('really-npy.json', makeNpy({ descr: '<f8', shape: [2, 2], data: [1, 2, 3, 4] }));
    assert.deepEqual([...loadDataset({ data: npy }).data], [1, 2, 3, 4]);
    const json = writeTmp('really-json.bin', '\n  {"X": [[1], [2]], "y": [1, 0]}');
    assert.deepEqual([...loadDataset({ data: json }).labels!], [1, 0]);
    const npyGz = writeTmp('x.dat', gzipSync(makeNpy({ descr: '|u1', shape: [1, 3], data: [1, 2, 3] })));
    assert.equal(loadDataset({ data: npyGz }).dtype, 'uint8');
  });

  it('labels from every kind of file: IDX, npy, JSON array, single-column CSV', () => {
    const data = writeTmp('d.csv', '1,2\n3,4\n5,6\n');
    const expectLabels = [2, 0, 1];
    const files = [
      writeTmp('l.idx', makeIdx([3], expectLabels)),
      writeTmp('l.npy', makeNpy({ descr: '<i8', shape: [3], data: expectLabels })),
      writeTmp('l.json', JSON.stringify(expectLabels)),
      writeTmp('l.csv', 'label\n2\n0\n1\n'),
    ];
    for (const labels of files) {
      const ds = loadDataset({ data, labels });
      // with a labels file, the CSV's columns are all features
      assert.deepEqual(ds.sampleDims, [2], labels);
      assert.deepEqual([...ds.labels!], expectLabels, labels);
      assert.match(ds.source, /d\.csv \(labels: .*l\./);
    }
    const withNames = loadDataset({ data, labels: writeTmp('names.csv', 'b\na\nb\n') });
    assert.deepEqual([...withNames.labels!], [1, 0, 1]);
    assert.deepEqual(withNames.classes, ['a', 'b']);
    const lastCol = loadDataset({ data, labels: files[0], labelColumn: 'last' });
    assert.deepEqual(lastCol.sampleDims, [1]);
  });

  it('missing file → FileNotFoundError; directory / empty / binary junk → DatasetError', () => {
    throwsWith(() => loadDataset({ data: '/nonexistent/mnist.gz' }), FileNotFoundError, /cannot read '\/nonexistent\/mnist\.gz': no such file/);
    const data = writeTmp('ok.csv', '1,0\n');
    throwsWith(() => loadDataset({ data, labels: '/nonexistent/labels.idx' }), FileNotFoundError, /labels\.idx/);
    throwsWith(() => loadDataset({ data: tmpDir() }), DatasetError, /is a directory/);
    throwsWith(() => loadDataset({ data: writeTmp('empty.csv', '') }), DatasetError, /file is empty/);
    throwsWith(() => loadDataset({ data: writeTmp('junk.bin', new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80])) }), DatasetError, /not a recognised dataset format/);
    throwsWith(() => loadDataset({ data: writeTmp('bad.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3])) }), DatasetError, /corrupt or truncated gzip/);
  });
});
