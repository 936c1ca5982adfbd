import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/core/errors.js';
import { loadDataset } from '../../src/data/load.js';
import { parseNpy, readNpy, readNpyLabels } from '../../src/data/npy.js';
import { makeNpy, throwsWith, writeTmp } from './_helpers.js';

describe('npy reader', () => {
  it('round trip X + labels as two files (float32 [n,2,3] + int64 labels)', () => {
    const X = Array.from({ length: 12 }, (_, i) => i / 4 - 1);
    const xp = writeTmp('x.npy', makeNpy({ descr: '<f4', shape: [2, 2, 3], data: X }));
    const yp = writeTmp('y.npy', makeNpy({ descr: '<i8', shape: [2], data: [9, 4] }));
    const ds = loadDataset({ data: xp, labels: yp });
    assert.equal(ds.n, 2);
    assert.deepEqual(ds.sampleDims, [2, 3]);
    assert.equal(ds.dtype, 'float64');
    assert.deepEqual([...ds.data], X);
    assert.deepEqual([...ds.labels!], [9, 4]);
  });

  it('every supported dtype, both byte orders, versions 1/2/3', () => {
    const vals = [0, 1, 2, 100];
    for (const descr of ['<f4', '>f4', '<f8', '>f8', '|u1', '|i1', '<i2', '>u2', '<i4', '>i4', '<u4', '<i8', '>i8', '<u8', '=f8']) {
      for (const version of [1, 2, 3] as const) {
        const a = parseNpy(makeNpy({ descr, shape: [2, 2], data: vals, version }), descr);
        assert.deepEqual(a.shape, [2, 2], `${descr} v${version}`);
        assert.deepEqual([...a.data], vals, `${descr} v${version}`);
      }
    }
    assert.deepEqual([...parseNpy(makeNpy({ descr: '|i1', shape: [2], data: [-128, 127] }), 'i1').data], [-128, 127]);
    assert.deepEqual([...parseNpy(makeNpy({ descr: '>i8', shape: [1], data: [-5] }), 'i8').data], [-5]);
    assert.deepEqual([...parseNpy(makeNpy({ descr: '|b1', shape: [2], data: [1, 0] }), 'b1').data], [1, 0]);
    const u8 = readNpy(makeNpy({ descr: '|u1', shape: [1, 2, 2], data: [0, 255, 7, 8] }), 'u8');
    assert.equal(u8.dtype, 'uint8');
  });

  it('header parsing is robust: double quotes, key order, no trailing comma, Python 2 "L" ints, list shape', () => {
    for (const header of [
      `{"shape": (2, 2), "fortran_order": False, "descr": "<f8"}`,
      `{'descr':'<f8','fortran_order':False,'shape':(2L, 2L)}`,
      `{ 'descr' : '<f8' , 'fortran_order' : False , 'shape' : [2, 2] , }`,
    ]) {
      const a = parseNpy(makeNpy({ descr: '<f8', shape: [2, 2], data: [1, 2, 3, 4], header }), 'h');
      assert.deepEqual(a.shape, [2, 2], header);
      assert.deepEqual([...a.data], [1, 2, 3, 4], header);
    }
  });

  it('1-D data gives sampleDims [1]; labels may be [n,1] or integer-valued floats', () => {
    const ds = readNpy(makeNpy({ descr: '<f8', shape: [3], data: [1, 2, 3] }), 'v');
    assert.deepEqual(ds.sampleDims, [1]);
    assert.equal(ds.n, 3);
    assert.deepEqual([...readNpyLabels(makeNpy({ descr: '<f4', shape: [2, 1], data: [3, 0] }), 'l')], [3, 0]);
  });

  it('fortran order → DatasetError', () => {
    throwsWith(
      () => readNpy(makeNpy({ descr: '<f8', shape: [2, 2], data: [1, 2, 3, 4], fortran: true }), 'f.npy'),
      DatasetError,
      /f\.npy: npy array is stored in Fortran order/,
    );
  });

  it('unsupported dtypes → DatasetError naming the dtype', () => {
    for (const descr of ['<f2', '<c16', '<U5', '|O8', '|S3']) {
      throwsWith(() => parseNpy(makeNpy({ descr, shape: [1], data: [0] }), 'd.npy'), DatasetError, new RegExp(`unsupported npy dtype '${descr.replace('|', '\\|')}'`));
    }
    const structured = makeNpy({ descr: '<f8', shape: [1], data: [0], header: `{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}` });
    throwsWith(() => parseNpy(structured, 's.npy'), DatasetError, /unsupported npy dtype \(structured array/);
  });

  it('truncated / malformed → DatasetError', () => {
    const full = makeNpy({ descr: '<f8', shape: [2, 2], data: [1, 2, 3, 4] });
    throwsWith(() => parseNpy(full.subarray(0, full.length - 1), 't.npy'), DatasetError, /truncated npy file: shape \(2, 2\) of '<f8' needs 32 data bytes, found 31/);
    throwsWith(() => parseNpy(full.subarray(0, 30), 't.npy'), DatasetError, /truncated npy file \(header says/);
    throwsWith(() => parseNpy(full.subarray(0, 8), 't.npy'), DatasetError, /truncated npy file/);
    throwsWith(() => parseNpy(new Uint8Array([...full, 0]), 't.npy'), DatasetError, /1 unexpected trailing bytes/);
    const bad = makeNpy({ descr: '<f8', shape: [1], data: [0], header: `{'descr': '<f8', 'fortran_order': False, 'shape': (1,` });
    throwsWith(() => parseNpy(bad, 'm.npy'), DatasetError, /malformed npy header/);
    const noShape = makeNpy({ descr: '<f8', shape: [1], data: [0], header: `{'descr': '<f8', 'fortran_order': False}` });
    throwsWith(() => parseNpy(noShape, 'm.npy'), DatasetError, /no 'shape' key/);
    const v9 = makeNpy({ descr: '<f8', shape: [1], data: [0] });
    v9[6] = 9;
    throwsWith(() => parseNpy(v9, 'v.npy'), DatasetError, /unsupported npy format version 9\.0/);
    throwsWith(() => readNpyLabels(makeNpy({ descr: '<f8', shape: [2], data: [1, 1.5] }), 'l.npy'), DatasetError, /label 1\.5 at index 1/);
    throwsWith(() => readNpyLabels(makeNpy({ descr: '<i4', shape: [2, 2], data: [1, 1, 1, 1] }), 'l.npy'), DatasetError, /shape \(n,\) or \(n, 1\), found \(2, 2\)/);
    throwsWith(() => readNpy(makeNpy({ descr: '<f8', shape: [], data: [1] }), 's.npy'), DatasetError, /scalar/);
  });

  it('X/labels count mismatch across two npy files → DatasetError', () => {
    const xp = writeTmp('x3.npy', makeNpy({ descr: '<f8', shape: [3, 1], data: [1, 2, 3] }));
    const yp = writeTmp('y2.npy', makeNpy({ descr: '<i4', shape: [2], data: [0, 1] }));
    throwsWith(() => loadDataset({ data: xp, labels: yp }), DatasetError, /has 2 labels but the data .* has 3 samples/);
  });
});
