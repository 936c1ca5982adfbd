import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/core/errors.js';
import { readJson, readJsonLabels } from '../../src/data/json.js';
import { loadDataset } from '../../src/data/load.js';
import { IRIS, SHARED, throwsWith, writeTmp } from './_helpers.js';

describe('JSON reader', () => {
  it('real Iris (shared iris.json: X, y indices, classes, features, source)', () => {
    const ds = loadDataset({ data: IRIS });
    assert.equal(ds.n, 150);
    assert.deepEqual(ds.sampleDims, [4]);
    assert.equal(ds.dtype, 'float64');
    assert.deepEqual([...ds.data.slice(0, 4)], [5.1, 3.5, 1.4, 0.2]);
    assert.deepEqual(ds.classes, ['setosa', 'versicolor', 'virginica']);
    const counts = [0, 0, 0];
    for (const l of ds.labels!) counts[l]++;
    assert.deepEqual(counts, [50, 50, 50]);
    assert.equal(ds.labels![0], 0);
    assert.equal(ds.labels![149], 2);
    const manifest = JSON.parse(readFileSync(`${SHARED}/MANIFEST.json`, 'utf8'));
    assert.deepEqual(ds.classes, manifest.test_data.iris.classes);
  });

  it('round trip: nested X [n][2][3], string labels mapped in sorted order', () => {
    const X = [
      [[1, 2, 3], [4, 5, 6]],
      [[7, 8, 9], [10, 11, 12.5]],
      [[0, 0, 0], [0, 0, 0]],
    ];
    const p = writeTmp('n.json', JSON.stringify({ X, y: ['zebra', 'ant', 'zebra'] }));
    const ds = loadDataset({ data: p });
    assert.equal(ds.n, 3);
    assert.deepEqual(ds.sampleDims, [2, 3]);
    assert.deepEqual([...ds.data], X.flat(2));
    assert.deepEqual([...ds.labels!], [1, 0, 1]);
    assert.deepEqual(ds.classes, ['ant', 'zebra']);
  });

  it('y optional; bare array; uint8 detection; declared classes fix the name order', () => {
    const a = readJson('[[0,255],[3,4]]', 'a');
    assert.equal(a.labels, null);
    assert.equal(a.dtype, 'uint8');
    assert.deepEqual(a.sampleDims, [2]);
    const b = readJson('{"X":[1,2,3]}', 'b');
    assert.deepEqual(b.sampleDims, [1]);
    const c = readJson('{"X":[[1],[2]],"y":["virginica","setosa"],"classes":["virginica","setosa"]}', 'c');
    assert.deepEqual([...c.labels!], [0, 1]);
    assert.deepEqual(c.classes, ['virginica', 'setosa']);
  });

  it('labels JSON: array or {"y": ...}', () => {
    assert.deepEqual([...readJsonLabels('[2, 0, 1]', 'l').labels], [2, 0, 1]);
    assert.deepEqual([...readJsonLabels('{"y": ["b", "a"]}', 'l').labels], [1, 0]);
  });

  it('bad JSON → DatasetError', () => {
    throwsWith(() => readJson('{"y":[1,2]}', 'noX.json'), DatasetError, /noX\.json: JSON has no "X" array of samples \(found keys "y"\)/);
    throwsWith(() => readJson('{"X":[[1,2],[3]]}', 'r.json'), DatasetError, /X\[1\] has 1 values, expected 2 \(ragged X\)/);
    throwsWith(() => readJson('{"X":[[1,"a"]]}', 's.json'), DatasetError, /X\[0\]\[1\] is string "a", expected a number/);
    throwsWith(() => readJson('{"X":[[1],[2]],"y":[0]}', 'm.json'), DatasetError, /"y" has 1 labels but "X" has 2 samples/);
    throwsWith(() => readJson('{"X":[[1],[2]],"y":[0, -1]}', 'neg.json'), DatasetError, /label -1 at y\[1\]/);
    throwsWith(() => readJson('{"X":[[1],[2]],"y":[0, [1]]}', 'o.json'), DatasetError, /y\[1\] is an array of 1; labels must be integers or class names/);
    throwsWith(() => readJson('{"X":[[1],[2]],"y":[0, "cat"]}', 'mix.json'), DatasetError, /mix class names and numbers/);
    throwsWith(() => readJson('{"X": [1, 2', 't.json'), DatasetError, /t\.json: invalid JSON/);
    throwsWith(() => readJson('{"X": []}', 'e.json'), DatasetError, /has no samples/);
    throwsWith(() => readJson('"hello"', 'str.json'), DatasetError, /top level is string/);
  });
});
