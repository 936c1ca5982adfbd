/**
 * `foundry decompose` and `foundry rebuild` as real CLI processes: Haar-random round trips for both meshes,
 * MZI counts and depths, propagation of a batch through the programmed mesh, a hand-written clements_T file
 * with phase shifters and an input screen, and bad inputs (exit 2, one stderr line, no output left behind).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCliError, runFoundry, type CliRun } from '../helpers/cli.js';
import { createRng, haarUnitary, type CMat } from '../../src/index.js';

let dir = '';
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'foundry-decompose-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

type C = [number, number];
type Dense = C[][];

function rowsOf(m: CMat, part: Float64Array): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(part.subarray(i * m.cols, (i + 1) * m.cols)));
}

function dense(re: number[][], im: number[][]): Dense {
  return re.map((row, i) => row.map((x, j): C => [x, im[i][j]]));
}

function denseOf(m: CMat): Dense {
  return dense(rowsOf(m, m.re), rowsOf(m, m.im));
}

function readDense(file: string): Dense {
  const v = JSON.parse(readFileSync(file, 'utf8'));
  return dense(v.re, v.im);
}

/** Plain O(n³) complex product, independent of the library. */
function mul(a: Dense, b: Dense): Dense {
  return a.map((row) =>
    b[0].map((_, j) => {
      let r = 0;
      let i = 0;
      for (let k = 0; k < row.length; k++) {
        r += row[k][0] * b[k][j][0] - row[k][1] * b[k][j][1];
        i += row[k][0] * b[k][j][1] + row[k][1] * b[k][j][0];
      }
      return [r, i];
    }),
  );
}

function maxDiff(a: Dense, b: Dense): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  a.forEach((row, i) => {
    assert.equal(row.length, b[i].length);
    row.forEach((x, j) => (worst = Math.max(worst, Math.hypot(x[0] - b[i][j][0], x[1] - b[i][j][1]))));
  });
  return worst;
}

/** A fresh sub-directory of the test's temp dir. */
let counter = 0;
function subdir(name: string): string {
  const d = path.join(dir, `${name}-${counter++}`);
  mkdirSync(d);
  return d;
}

function writeJson(d: string, name: string, value: unknown): string {
  const p = path.join(d, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

function unitaryDoc(u: CMat): { N: number; re: number[][]; im: number[][] } {
  return { N: u.rows, re: rowsOf(u, u.re), im: rowsOf(u, u.im) };
}

function ok(run: CliRun): CliRun {
  assert.equal(run.code, 0, `exit ${run.code}: ${run.stderr}`);
  assert.equal(run.stderr, '');
  return run;
}

const EXPECTED_DEPTH = {
  clements: (n: number) => (n === 1 ? 0 : n === 2 ? 1 : n),
  reck: (n: number) => (n === 1 ? 0 : 2 * n - 3),
};

for (const mesh of ['clements', 'reck'] as const) {
  for (const n of [1, 2, 8, 64]) {
    test(`${mesh} N = ${n}: decompose → rebuild round trip, counts, depth, --x propagation`, () => {
      const d = subdir(`${mesh}-${n}`);
      const u = haarUnitary(n, createRng(1000 + n, mesh === 'clements' ? 0 : 1));
      const uFile = writeJson(d, 'U.json', unitaryDoc(u));
      const B = 5;
      const rng = createRng(7, n);
      const xRe = Array.from({ length: n }, () => Array.from({ length: B }, () => rng.normal()));
      const xIm = Array.from({ length: n }, () => Array.from({ length: B }, () => rng.normal()));
      const xFile = writeJson(d, 'X.json', { re: xRe, im: xIm, note: 'other keys are ignored' });
      const phases = path.join(d, 'P.json');
      const yFile = path.join(d, 'Y.json');

      const run = ok(runFoundry(['decompose', '--unitary', uFile, '--out', phases, '--mesh', mesh, '--x', xFile, '--y', yFile, '--json']));
      const s = JSON.parse(run.stdout);
      const K = (n * (n - 1)) / 2;
      assert.equal(s.N, n);
      assert.equal(s.mesh, mesh);
      assert.equal(s.mzi_count, K);
      assert.equal(s.depth, EXPECTED_DEPTH[mesh](n));
      assert.ok(s.max_reconstruction_error <= 1e-12, `reconstruction ${s.max_reconstruction_error}`);
      assert.equal(s.batch, B);
      assert.ok(s.max_forward_error <= 1e-12);

      const doc = JSON.parse(readFileSync(phases, 'utf8'));
      assert.equal(doc.format, 'mesh-phases');
      assert.equal(doc.version, 1);
      assert.equal(doc.N, n);
      assert.equal(doc.mzi_convention, 'mzi_bs_in');
      assert.equal(doc.phases_in, null);
      assert.equal(doc.mzi_count, K);
      assert.equal(doc.elements.length, K);
      assert.equal(doc.elements.reduce((m: number, e: { col: number }) => Math.max(m, e.col + 1), 0), EXPECTED_DEPTH[mesh](n));
      assert.equal(typeof doc.timing.decompose_s, 'number');
      assert.ok(doc.timing.decompose_s >= 0);
      assert.equal(typeof doc.timing.forward_s, 'number');
      assert.ok(doc.timing.forward_s >= 0);

      // Y from the mesh equals U·X
      const y = readDense(yFile);
      assert.equal(y.length, n);
      assert.equal(y[0].length, B);
      assert.ok(maxDiff(y, mul(denseOf(u), dense(xRe, xIm))) <= 1e-12);

      // rebuild
      const uBack = path.join(d, 'U_rec.json');
      const rb = JSON.parse(ok(runFoundry(['rebuild', phases, '--out', uBack, '--json'])).stdout);
      assert.deepEqual(
        { N: rb.N, mzi_convention: rb.mzi_convention, mzi_count: rb.mzi_count, phase_shifters: rb.phase_shifters, depth: rb.depth },
        { N: n, mzi_convention: 'mzi_bs_in', mzi_count: K, phase_shifters: 0, depth: EXPECTED_DEPTH[mesh](n) },
      );
      const rec = JSON.parse(readFileSync(uBack, 'utf8'));
      assert.equal(rec.N, n);
      const err = maxDiff(denseOf(u), dense(rec.re, rec.im));
      assert.ok(err <= 1e-12, `max |U − U_rec| = ${err}`);
      // nothing but our files in the directory (no temp files left)
      assert.deepEqual(readdirSync(d).sort(), ['P.json', 'U.json', 'U_rec.json', 'X.json', 'Y.json']);
    });
  }
}

test('without --x: forward_s is null, human summary, and the file still rebuilds', () => {
  const d = subdir('nox');
  const u = haarUnitary(4, createRng(3));
  const uFile = writeJson(d, 'U.json', unitaryDoc(u));
  const phases = path.join(d, 'P.json');
  const run = ok(runFoundry(['decompose', '--unitary', uFile, '--out', phases]));
  assert.match(run.stdout, /N = 4/);
  assert.match(run.stdout, /clements: 6 MZIs, depth 4/);
  assert.match(run.stdout, /max \|U − U_rec\| = (0|\d\.\de-\d+)/);
  assert.match(run.stdout, /decompose .*s \(median of \d\)/);
  const doc = JSON.parse(readFileSync(phases, 'utf8'));
  assert.equal(doc.timing.forward_s, null);
  assert.equal(typeof doc.timing.decompose_s, 'number');
  const uBack = path.join(d, 'U2.json');
  const rb = ok(runFoundry(['rebuild', phases, '--out', uBack]));
  assert.match(rb.stdout, /6 MZIs, 0 phase shifters, depth 4/);
  const rec = JSON.parse(readFileSync(uBack, 'utf8'));
  assert.ok(maxDiff(denseOf(u), dense(rec.re, rec.im)) <= 1e-12);
});

test('a real U without "im" is accepted (im = 0)', () => {
  const d = subdir('real');
  const c = Math.cos(0.3);
  const s = Math.sin(0.3);
  const uFile = writeJson(d, 'U.json', { N: 2, re: [[c, -s], [s, c]], comment: 'ignored' });
  const phases = path.join(d, 'P.json');
  ok(runFoundry(['decompose', '--unitary', uFile, '--out', phases, '--mesh', 'reck']));
  const uBack = path.join(d, 'U2.json');
  ok(runFoundry(['rebuild', phases, '--out', uBack]));
  const rec = JSON.parse(readFileSync(uBack, 'utf8'));
  assert.ok(maxDiff(dense([[c, -s], [s, c]], [[0, 0], [0, 0]]), dense(rec.re, rec.im)) <= 1e-12);
});

/** e^{ia} */
function cis(a: number): C {
  return [Math.cos(a), Math.sin(a)];
}

function identity(n: number): Dense {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): C => (i === j ? [1, 0] : [0, 0])));
}

test('rebuild of a hand-written clements_T file with phase shifters and phases_in matches the direct product', () => {
  const N = 4;
  const phasesIn = [0.3, -1.1, 2.5, 0.7];
  const phasesOut = [1.9, 0.2, -0.4, 3.3];
  type El = { modes: [number, number]; theta: number; phi: number; col?: number } | { ps: number; phi: number };
  const elements: El[] = [
    { modes: [0, 1], theta: 0.4, phi: 1.2 },
    { ps: 3, phi: 0.9 },
    { modes: [2, 3], theta: 1.3, phi: -0.6, col: 0 },
    { modes: [1, 2], theta: 2.2, phi: 4.1 },
    { ps: 0, phi: -2.0 },
    { modes: [0, 1], theta: -0.7, phi: 0.35 },
    { modes: [2, 3], theta: 0.05, phi: 5.9 },
  ];
  // U = diag(e^{i out}) · E_K ⋯ E_1 · diag(e^{i in}), E as full N × N matrices (spec's clements_T formula)
  let u = identity(N).map((row, i) => row.map((x, j): C => (i === j ? cis(phasesIn[i]) : x)));
  for (const e of elements) {
    const E = identity(N);
    if ('ps' in e) {
      E[e.ps][e.ps] = cis(e.phi);
    } else {
      const [m, m1] = e.modes;
      const ep = cis(e.phi);
      const c = Math.cos(e.theta);
      const s = Math.sin(e.theta);
      E[m][m] = [ep[0] * c, ep[1] * c];
      E[m][m1] = [-s, 0];
      E[m1][m] = [ep[0] * s, ep[1] * s];
      E[m1][m1] = [c, 0];
    }
    u = mul(E, u);
  }
  const D = identity(N).map((row, i) => row.map((x, j): C => (i === j ? cis(phasesOut[i]) : x)));
  u = mul(D, u);

  const d = subdir('clementsT');
  const phases = writeJson(d, 'P.json', {
    format: 'mesh-phases',
    version: 1,
    N,
    mzi_convention: 'clements_T',
    phases_in: phasesIn,
    elements,
    phases_out: phasesOut,
    mzi_count: 5,
    timing: { decompose_s: 0.001, forward_s: 0.002 },
    producer: 'hand-written test file',
  });
  const out = path.join(d, 'U.json');
  const s = JSON.parse(ok(runFoundry(['rebuild', phases, '--out', out, '--json'])).stdout);
  assert.deepEqual(
    { N: s.N, mzi_convention: s.mzi_convention, mzi_count: s.mzi_count, phase_shifters: s.phase_shifters, depth: s.depth },
    { N, mzi_convention: 'clements_T', mzi_count: 5, phase_shifters: 2, depth: 3 },
  );
  assert.ok(s.unitarity_deviation <= 1e-14);
  const rec = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(rec.N, N);
  assert.ok(maxDiff(u, dense(rec.re, rec.im)) <= 1e-14);
  // and it decomposes back to a mesh that reproduces it
  const again = path.join(d, 'P2.json');
  const ds = JSON.parse(ok(runFoundry(['decompose', '--unitary', out, '--out', again, '--json'])).stdout);
  assert.ok(ds.max_reconstruction_error <= 1e-12);
});

// ---------------------------------------------------------------- bad input

/** Runs a failing command in a fresh dir holding `inputs`, checks exit 2 + one line, and that no file appeared. */
function failsCleanly(name: string, inputs: Record<string, unknown>, args: (d: string) => string[], pattern: RegExp): void {
  const d = subdir(name);
  for (const [file, value] of Object.entries(inputs)) writeJson(d, file, value);
  const before = readdirSync(d).sort();
  const run = runFoundry(args(d));
  assertCliError(run, 2, pattern);
  assert.equal(run.stdout, '');
  assert.deepEqual(readdirSync(d).sort(), before, 'no output (or temporary) file may be left behind');
}

const U2 = { N: 2, re: [[1, 0], [0, 1]], im: [[0, 0], [0, 0]] };
const dec = (extra: string[] = []) => (d: string) => ['decompose', '--unitary', path.join(d, 'U.json'), '--out', path.join(d, 'P.json'), ...extra];

test('non-unitary U: exit 2 with the measured deviation', () => {
  failsCleanly('nonunitary', { 'U.json': { N: 2, re: [[1, 0.0032], [0, 1]] } }, dec(), /U\.json: U is not unitary: max \|U†U − I\| = 3\.2e-3 \(tolerance 1e-10\)/);
  // just above the tolerance
  failsCleanly('nonunitary2', { 'U.json': { N: 1, re: [[1 + 1e-9]] } }, dec(), /not unitary: max \|U†U − I\| = 2(\.0)?e-9 \(tolerance 1e-10\)/);
});

test('wrong shapes, ragged rows, non-numbers, N mismatch: exit 2 naming the field', () => {
  failsCleanly('rows', { 'U.json': { N: 3, re: [[1, 0], [0, 1]] } }, dec(), /U\.json: re has 2 rows, expected N = 3/);
  failsCleanly('cols', { 'U.json': { N: 2, re: [[1, 0, 0], [0, 1, 0]] } }, dec(), /U\.json: re\[0\] has 3 entries, expected N = 2/);
  failsCleanly('ragged', { 'U.json': { N: 2, re: [[1, 0], [0]] } }, dec(), /U\.json: re\[1\] has 1 entry, expected N = 2/);
  failsCleanly('ragged-im', { 'U.json': { N: 2, re: [[1, 0], [0, 1]], im: [[0, 0], [0, 0, 0]] } }, dec(), /U\.json: im\[1\] has 3 entries/);
  failsCleanly('string', { 'U.json': { N: 2, re: [[1, '0'], [0, 1]] } }, dec(), /U\.json: re\[0\]\[1\] must be a finite number, got "0"/);
  failsCleanly('null', { 'U.json': { N: 2, re: [[1, 0], [null, 1]] } }, dec(), /re\[1\]\[0\] must be a finite number, got null/);
  failsCleanly('row-not-array', { 'U.json': { N: 2, re: [[1, 0], 5] } }, dec(), /re\[1\] must be an array/);
  failsCleanly('no-re', { 'U.json': { N: 2, im: [[0, 0], [0, 0]] } }, dec(), /U\.json: re must be an array of N = 2 rows/);
  failsCleanly('no-N', { 'U.json': { re: [[1, 0], [0, 1]] } }, dec(), /U\.json: N must be a positive integer, got nothing/);
  failsCleanly('bad-N', { 'U.json': { N: 2.5, re: [[1, 0], [0, 1]] } }, dec(), /U\.json: N must be a positive integer, got 2\.5/);
  failsCleanly('array', { 'U.json': [[1, 0], [0, 1]] }, dec(), /U\.json: must be a JSON object/);
  failsCleanly('huge', { 'U.json': '{"N": 1, "re": [[1e999]]}' }, dec(), /re\[0\]\[0\] must be a finite number/);
});

test('missing file, garbage JSON: exit 2', () => {
  failsCleanly('missing', {}, dec(), /cannot read '.*U\.json': no such file/);
  failsCleanly('garbage', { 'U.json': '{"N": 2, "re": [[1, 0], [0, 1]' }, dec(), /U\.json: not valid JSON/);
  failsCleanly('binary', { 'U.json': '\u0000\u0001garbage' }, dec(), /U\.json: not valid JSON/);
  failsCleanly('missing-x', { 'U.json': U2 }, (d) => dec(['--x', path.join(d, 'X.json'), '--y', path.join(d, 'Y.json')])(d), /cannot read '.*X\.json': no such file/);
});

test('X with the wrong N, ragged X, strings in X: exit 2', () => {
  const withX = (d: string) => dec(['--x', path.join(d, 'X.json'), '--y', path.join(d, 'Y.json')])(d);
  failsCleanly('x-rows', { 'U.json': U2, 'X.json': { re: [[1], [2], [3]], im: [[0], [0], [0]] } }, withX, /X\.json: re has 3 rows, expected N = 2/);
  failsCleanly('x-ragged', { 'U.json': U2, 'X.json': { re: [[1, 2], [3]] } }, withX, /X\.json: re\[1\] has 1 entry, expected B = 2/);
  failsCleanly('x-im', { 'U.json': U2, 'X.json': { re: [[1, 2], [3, 4]], im: [[0, 0]] } }, withX, /X\.json: im has 1 row, expected N = 2/);
  failsCleanly('x-string', { 'U.json': U2, 'X.json': { re: [[1, 2], [3, 'x']] } }, withX, /X\.json: re\[1\]\[1\] must be a finite number, got "x"/);
});

test('--x without --y and vice versa: usage error exit 2', () => {
  failsCleanly('x-only', { 'U.json': U2, 'X.json': { re: [[1], [0]] } }, (d) => dec(['--x', path.join(d, 'X.json')])(d), /--x needs --y/);
  failsCleanly('y-only', { 'U.json': U2 }, (d) => dec(['--y', path.join(d, 'Y.json')])(d), /--y needs --x/);
  failsCleanly('bad-mesh', { 'U.json': U2 }, dec(['--mesh', 'triangle']), /--mesh/);
  failsCleanly('no-out', { 'U.json': U2 }, (d) => ['decompose', '--unitary', path.join(d, 'U.json')], /--out/);
  failsCleanly('rebuild-no-out', {}, (d) => ['rebuild', path.join(d, 'P.json')], /--out/);
});

test('output in a missing directory: exit 2, nothing written', () => {
  failsCleanly('out-dir', { 'U.json': U2 }, (d) => ['decompose', '--unitary', path.join(d, 'U.json'), '--out', path.join(d, 'nope', 'P.json')], /cannot write '.*nope\/P\.json': directory '.*nope' does not exist/);
  // Y in a missing directory: the phases file is not written either
  failsCleanly(
    'y-dir',
    { 'U.json': U2, 'X.json': { re: [[1], [0]] } },
    (d) => dec(['--x', path.join(d, 'X.json'), '--y', path.join(d, 'nope', 'Y.json')])(d),
    /cannot write '.*nope\/Y\.json': directory/,
  );
  const d = subdir('rebuild-out');
  const u = haarUnitary(3, createRng(5));
  writeJson(d, 'U.json', unitaryDoc(u));
  ok(runFoundry(['decompose', '--unitary', path.join(d, 'U.json'), '--out', path.join(d, 'P.json')]));
  const run = runFoundry(['rebuild', path.join(d, 'P.json'), '--out', path.join(d, 'missing', 'U2.json')]);
  assertCliError(run, 2, /cannot write '.*missing\/U2\.json': directory/);
  assert.equal(existsSync(path.join(d, 'missing')), false);
  // an output path that is a directory
  assertCliError(runFoundry(['rebuild', path.join(d, 'P.json'), '--out', d]), 2, /cannot write .*: it is a directory/);
  assert.deepEqual(readdirSync(d).sort(), ['P.json', 'U.json']);
});

test('a failing run leaves an existing output file untouched', () => {
  const d = subdir('keep');
  writeJson(d, 'U.json', { N: 2, re: [[1, 1], [0, 1]] });
  const phases = writeJson(d, 'P.json', 'previous content');
  assertCliError(runFoundry(['decompose', '--unitary', path.join(d, 'U.json'), '--out', phases]), 2, /not unitary/);
  assert.equal(readFileSync(phases, 'utf8'), 'previous content');
  assert.deepEqual(readdirSync(d).sort(), ['P.json', 'U.json']);
});

test('corrupted mesh-phases files: exit 2 naming the file and field', () => {
  const good = {
    format: 'mesh-phases',
    version: 1,
    N: 3,
    mzi_convention: 'mzi_bs_in',
    phases_in: null,
    elements: [
      { modes: [0, 1], theta: 0.5, phi: 1.0, col: 0 },
      { modes: [1, 2], theta: 1.5, phi: 2.0, col: 1 },
    ],
    phases_out: [0, 0.1, 0.2],
    mzi_count: 2,
  };
  const rebuild = (d: string) => ['rebuild', path.join(d, 'P.json'), '--out', path.join(d, 'U.json')];
  // sanity: the good file rebuilds
  const d = subdir('good');
  writeJson(d, 'P.json', good);
  ok(runFoundry(rebuild(d)));

  failsCleanly('convention', { 'P.json': { ...good, mzi_convention: 'clements' } }, rebuild, /P\.json: mesh-phases: mzi_convention must be "mzi_bs_in" or "clements_T", got "clements"/);
  failsCleanly('mode-range', { 'P.json': { ...good, elements: [{ modes: [2, 3], theta: 0.5, phi: 1.0 }], mzi_count: 1 } }, rebuild, /P\.json: mesh-phases: elements\[0\]\.modes\[0\] must be an integer in \[0, 1\]/);
  failsCleanly('ps-range', { 'P.json': { ...good, elements: [...good.elements, { ps: 3, phi: 1 }] } }, rebuild, /elements\[2\]\.ps must be an integer in \[0, 2\]/);
  failsCleanly('no-theta', { 'P.json': { ...good, elements: [good.elements[0], { modes: [1, 2], phi: 2.0 }] } }, rebuild, /P\.json: mesh-phases: elements\[1\]\.theta must be a finite number/);
  failsCleanly('format', { 'P.json': { ...good, format: 'phases' } }, rebuild, /mesh-phases: format must be "mesh-phases"/);
  failsCleanly('count', { 'P.json': { ...good, mzi_count: 3 } }, rebuild, /mzi_count is 3 but elements hold 2 MZIs/);
  failsCleanly('screen', { 'P.json': { ...good, phases_out: [0, 1] } }, rebuild, /phases_out has 2 entries, expected N = 3/);
  failsCleanly('garbage', { 'P.json': '{"format": "mesh-phases", "N": ' }, rebuild, /P\.json: not valid JSON/);
  failsCleanly('missing', {}, rebuild, /cannot read '.*P\.json': no such file/);
});
