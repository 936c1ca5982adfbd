import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DatasetError } from '../../src/core/errors.js';
import { readCsv, readCsvLabels } from '../../src/data/csv.js';
import { loadDataset } from '../../src/data/load.js';
import { throwsWith, writeTmp } from './_helpers.js';

describe('CSV reader', () => {
  it('round trip: integer labels in the last column, no header', () => {
    const p = writeTmp('a.csv', '1.5,2,0\n-3,4e-1,2\n0,0,1\n');
    const ds = loadDataset({ data: p });
    assert.equal(ds.n, 3);
    assert.deepEqual(ds.sampleDims, [2]);
    assert.equal(ds.dtype, 'float64');
    assert.deepEqual([...ds.data], [1.5, 2, -3, 0.4, 0, 0]);
    assert.deepEqual([...ds.labels!], [0, 2, 1]);
    assert.equal(ds.classes, undefined);
    assert.equal(ds.source, p);
  });

  it('header detected; class names mapped in sorted order; CRLF, quotes, blank lines', () => {
    const text =
      '"sepal length",sepal_width,species\r\n5.1,3.5,"virginica"\r\n4.9,3,setosa\r\n\r\n6.0,2.2,versicolor\r\n7,3,setosa\r\n';
    const ds = readCsv(text, 't.csv');
    assert.equal(ds.n, 4);
    assert.deepEqual(ds.classes, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual([...ds.labels!], [2, 0, 1, 0]);
    assert.deepEqual([...ds.data], [5.1, 3.5, 4.9, 3, 6, 2.2, 7, 3]);
  });

  it('labelColumn none reads every column; integer pixels 0..255 give dtype uint8', () => {
    const ds = readCsv('0,255,3\n4,5,6\n', 'p.csv', { labelColumn: 'none' });
    assert.equal(ds.labels, null);
    assert.deepEqual(ds.sampleDims, [3]);
    assert.equal(ds.dtype, 'uint8');
  });

  it('tab and semicolon delimiters; gzip-compressed CSV', () => {
    assert.deepEqual([...readCsv('1\t2\t1\n3\t4\t0\n', 't').data], [1, 2, 3, 4]);
    assert.deepEqual([...readCsv('1;2;1\n3;4;0\n', 's').labels!], [1, 0]);
    const p = writeTmp('z.csv.gz', gzipSync('1,2,3\n4,5,6\n'));
    assert.deepEqual([...loadDataset({ data: p }).labels!], [3, 6]);
  });

  it('labels-only CSV: a single column, optional header before integer labels', () => {
    assert.deepEqual([...readCsvLabels('label\n3\n1\n', 'l').labels], [3, 1]);
    const names = readCsvLabels('cat\ndog\ncat\n', 'l');
    assert.deepEqual([...names.labels], [0, 1, 0]);
    assert.deepEqual(names.classes, ['cat', 'dog']);
  });

  it('ragged row → DatasetError naming the line', () => {
    throwsWith(() => readCsv('1,2,0\n3,4,1\n\n5,6\n', 'r.csv'), DatasetError, /r\.csv: CSV line 4 has 2 fields, expected 3/);
    throwsWith(() => readCsv('a,b,y\n1,2,0\n3,4,5,1\n', 'r.csv'), DatasetError, /CSV line 3 has 4 fields, expected 3 \(as on line 1\)/);
  });

  it('other bad CSV → DatasetError', () => {
    throwsWith(() => readCsv('', 'e.csv'), DatasetError, /empty/);
    throwsWith(() => readCsv('x,y\n', 'h.csv'), DatasetError, /header but no data rows/);
    throwsWith(() => readCsv('1,2,0\n3,abc,1\n', 'n.csv'), DatasetError, /line 2, column 2: 'abc' is not a number/);
    throwsWith(() => readCsv('1,2,0.5\n', 'f.csv'), DatasetError, /label "0\.5"|label.*0\.5.*line 1/);
    throwsWith(() => readCsv('1,2,\n', 'f.csv'), DatasetError, /line 1: the label .* is empty/);
    throwsWith(() => readCsv('1\n2\n', 'one.csv'), DatasetError, /1 column; need at least one feature column/);
    throwsWith(() => readCsv('1,"abc\n', 'q.csv'), DatasetError, /line 1 has an unterminated quoted field/);
    throwsWith(() => readCsvLabels('1,2\n', 'l.csv'), DatasetError, /line 1 has 2 fields, expected a single column/);
  });
});
