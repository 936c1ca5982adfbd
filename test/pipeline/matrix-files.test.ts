/**
 * pipeline/matrix-files.ts in process: unitary and batch parsing (shapes, messages), JSON text round trip, and
 * atomic writing (no temporary file left, missing directory, existing file kept on failure).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  batchJson,
  createRng,
  FoundryError,
  haarUnitary,
  parseBatchMatrix,
  parseUnitaryMatrix,
  readUnitaryFile,
  UNITARY_FILE_TOL,
  unitaryJson,
  writeFilesAtomic,
} from '../../src/index.js';

let dir = '';
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'foundry-matrix-files-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function invalid(fn: () => unknown, pattern: RegExp, code = 'PF_ERR_INVALID_INPUT'): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof FoundryError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

test('unitary: values, optional im, deviation, other keys ignored', () => {
  const r = parseUnitaryMatrix({ N: 2, re: [[0, 1], [1, 0]], extra: 'x' }, 'U.json');
  assert.deepEqual(Array.from(r.matrix.re), [0, 1, 1, 0]);
  assert.deepEqual(Array.from(r.matrix.im), [0, 0, 0, 0]);
  assert.equal(r.deviation, 0);
  const s = Math.SQRT1_2;
  const c = parseUnitaryMatrix({ N: 2, re: [[s, 0], [0, s]], im: [[0, s], [s, 0]] }, 'U.json');
  assert.deepEqual(Array.from(c.matrix.im), [0, s, s, 0]);
  assert.ok(c.deviation < 1e-15);
  assert.equal(UNITARY_FILE_TOL, 1e-10);
});

test('unitary: every kind of bad input names the source and the field', () => {
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0.0032], [0, 1]] }, 'U.json'), /^U\.json: U is not unitary: max \|U†U − I\| = 3\.2e-3 \(tolerance 1e-10\)$/);
  assert.equal(parseUnitaryMatrix({ N: 2, re: [[2, 0], [0, 1]] }, 'U.json', 5).deviation, 3); // a looser tolerance
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[2, 0], [0, 1]] }, 'U.json', 1), /^U\.json: U is not unitary: max \|U†U − I\| = 3e\+0 \(tolerance 1e\+0\)$/);
  invalid(() => parseUnitaryMatrix(null, 'U.json'), /U\.json: must be a JSON object/);
  invalid(() => parseUnitaryMatrix({ N: '2', re: [] }, 'U.json'), /N must be a positive integer, got "2"/);
  invalid(() => parseUnitaryMatrix({ N: 0, re: [] }, 'U.json'), /N must be a positive integer, got 0/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: 'abc' }, 'U.json'), /re must be an array of N = 2 rows, got "abc"/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0]] }, 'U.json'), /re has 1 row, expected N = 2/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0], [0, 1, 2]] }, 'U.json'), /re\[1\] has 3 entries, expected N = 2/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0], [0, true]] }, 'U.json'), /re\[1\]\[1\] must be a finite number, got true/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0], [0, 1]], im: [[0, 0]] }, 'U.json'), /im has 1 row, expected N = 2/);
  invalid(() => parseUnitaryMatrix({ N: 2, re: [[1, 0], [0, 1]], im: { a: 1 } }, 'U.json'), /im must be an array/);
  invalid(() => parseUnitaryMatrix({ N: 1, re: [['a very long string that goes on and on and on and on']] }, 'U.json'), /got "a very long string that goes on and \.\.\.$/);
});

test('batch: N × B, optional im, shape errors', () => {
  const x = parseBatchMatrix({ re: [[1, 2, 3], [4, 5, 6]], im: [[0, 0, 1], [0, 0, 0]], N: 99 }, 'X.json', 2);
  assert.equal(x.rows, 2);
  assert.equal(x.cols, 3);
  assert.deepEqual(Array.from(x.re), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(x.im), [0, 0, 1, 0, 0, 0]);
  const empty = parseBatchMatrix({ re: [[], []] }, 'X.json', 2);
  assert.equal(empty.cols, 0);
  invalid(() => parseBatchMatrix({ re: [[1], [2], [3]] }, 'X.json', 2), /^X\.json: re has 3 rows, expected N = 2 \(the unitary's size\)$/);
  invalid(() => parseBatchMatrix({ re: [[1, 2], [3]] }, 'X.json', 2), /re\[1\] has 1 entry, expected B = 2/);
  invalid(() => parseBatchMatrix({ re: [5, [3]] }, 'X.json', 2), /re\[0\] must be an array of numbers, got 5/);
  invalid(() => parseBatchMatrix({ re: [[1, 2], [3, 4]], im: [[0, 0], [0]] }, 'X.json', 2), /im\[1\] has 1 entry, expected B = 2 \(as re\)/);
  invalid(() => parseBatchMatrix({ im: [[0]] }, 'X.json', 1), /re must be an array/);
});

test('JSON text round trip is exact', () => {
  const u = haarUnitary(5, createRng(11));
  const p = path.join(dir, 'U.json');
  writeFileSync(p, unitaryJson(u));
  const back = readUnitaryFile(p);
  assert.deepEqual(back.matrix.re, u.re);
  assert.deepEqual(back.matrix.im, u.im);
  const y = parseBatchMatrix(JSON.parse(batchJson({ rows: 2, cols: 2, re: Float64Array.of(0.1, 1 / 3, -2e-300, 5), im: Float64Array.of(0, -0, 1e300, Math.PI) })), 'Y', 2);
  assert.deepEqual(Array.from(y.re), [0.1, 1 / 3, -2e-300, 5]);
  assert.deepEqual(Array.from(y.im), [0, 0, 1e300, Math.PI]);
});

test('readUnitaryFile: missing file, directory, garbage', () => {
  invalid(() => readUnitaryFile(path.join(dir, 'nope.json')), /cannot read '.*nope\.json': no such file/, 'PF_ERR_FILE_NOT_FOUND');
  invalid(() => readUnitaryFile(dir), /it is a directory/);
  const g = path.join(dir, 'garbage.json');
  writeFileSync(g, 'not json at all\n{');
  invalid(() => readUnitaryFile(g), /garbage\.json: not valid JSON/);
});

test('writeFilesAtomic: writes, replaces, leaves no temporary file; missing dir and duplicates fail before writing', () => {
  const d = path.join(dir, 'atomic');
  mkdirSync(d);
  const a = path.join(d, 'a.json');
  const b = path.join(d, 'b.json');
  writeFileSync(a, 'old');
  writeFilesAtomic([{ path: a, text: 'new a' }, { path: b, text: 'new b' }]);
  assert.equal(readFileSync(a, 'utf8'), 'new a');
  assert.equal(readFileSync(b, 'utf8'), 'new b');
  assert.deepEqual(readdirSync(d).sort(), ['a.json', 'b.json']);

  invalid(() => writeFilesAtomic([{ path: a, text: 'x' }, { path: path.join(d, 'missing', 'c.json'), text: 'y' }]), /cannot write '.*c\.json': directory '.*missing' does not exist/);
  invalid(() => writeFilesAtomic([{ path: a, text: 'x' }, { path: path.join(d, '.', 'a.json'), text: 'y' }]), /given twice/);
  invalid(() => writeFilesAtomic([{ path: a, text: 'x' }, { path: d, text: 'y' }]), /it is a directory/);
  assert.equal(readFileSync(a, 'utf8'), 'new a');
  assert.deepEqual(readdirSync(d).sort(), ['a.json', 'b.json']);
});
