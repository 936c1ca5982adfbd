import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../src/core/errors.js';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { identityCMat, maxAbsDiff, multiplyCMat, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { createRng } from '../../src/core/rng.js';
import {
  MZI_CONVENTION_FORMULAS,
  VECTOR_CONVENTION,
  emitMeshPhases,
  parseMeshPhases,
  parseMeshPhasesText,
  rebuildUnitary,
  stringifyMeshPhases,
} from '../../src/emit/mesh-phases/index.js';
import type { MziMesh } from '../../src/map/index.js';
import { decomposeClements } from '../../src/map/index.js';

const TOL = 1e-13;

/** Naive reference: U = diag(out)·E_K⋯E_1·diag(in) with every element embedded as a full N × N matrix. */
function naiveRebuild(doc: {
  N: number;
  mzi_convention: string;
  phases_in: number[] | null;
  phases_out: number[] | null;
  elements: ({ modes: number[]; theta: number; phi: number } | { ps: number; phi: number })[];
}): CMat {
  const N = doc.N;
  const screen = (p: number[] | null): CMat => {
    const d = identityCMat(N);
    if (p) p.forEach((x, m) => ((d.re[m * N + m] = Math.cos(x)), (d.im[m * N + m] = Math.sin(x))));
    return d;
  };
  let u = screen(doc.phases_in);
  for (const e of doc.elements) {
    const g = identityCMat(N);
    const set = (i: number, j: number, re: number, im: number): void => {
      g.re[i * N + j] = re;
      g.im[i * N + j] = im;
    };
    if ('ps' in e) {
      set(e.ps, e.ps, Math.cos(e.phi), Math.sin(e.phi));
    } else {
      const [m] = e.modes;
      const { theta: t, phi: p } = e;
      const ep = [Math.cos(p), Math.sin(p)];
      if (doc.mzi_convention === 'clements_T') {
        set(m, m, ep[0] * Math.cos(t), ep[1] * Math.cos(t));
        set(m, m + 1, -Math.sin(t), 0);
        set(m + 1, m, ep[0] * Math.sin(t), ep[1] * Math.sin(t));
        set(m + 1, m + 1, Math.cos(t), 0);
      } else {
        // i e^{iθ/2} [[e^{iφ} s, c], [e^{iφ} c, −s]]
        const s = Math.sin(t / 2);
        const c = Math.cos(t / 2);
        const g0 = [-Math.sin(t / 2), Math.cos(t / 2)];
        const gp = [g0[0] * ep[0] - g0[1] * ep[1], g0[0] * ep[1] + g0[1] * ep[0]];
        set(m, m, gp[0] * s, gp[1] * s);
        set(m, m + 1, g0[0] * c, g0[1] * c);
        set(m + 1, m, gp[0] * c, gp[1] * c);
        set(m + 1, m + 1, -g0[0] * s, -g0[1] * s);
      }
    }
    u = multiplyCMat(g, u);
  }
  return multiplyCMat(screen(doc.phases_out), u);
}

function randomDoc(N: number, convention: 'mzi_bs_in' | 'clements_T', seed: number) {
  const rng = createRng(seed);
  const angle = (): number => (rng.nextFloat() - 0.3) * 10;
  const elements: ({ modes: number[]; theta: number; phi: number } | { ps: number; phi: number })[] = [];
  for (let k = 0; k < 3 * N; k++) {
    if (rng.nextFloat() < 0.25) elements.push({ ps: rng.nextUint32() % N, phi: angle() });
    else {
      const m = rng.nextUint32() % (N - 1);
      elements.push({ modes: [m, m + 1], theta: angle(), phi: angle() });
    }
  }
  return {
    format: 'mesh-phases',
    version: 1,
    N,
    mzi_convention: convention,
    phases_in: Array.from({ length: N }, angle),
    elements,
    phases_out: Array.from({ length: N }, angle),
  };
}

describe('mesh-phases v1', () => {
  const mesh: MziMesh = {
    N: 3,
    topology: 'clements',
    mzis: [
      { top: 0, theta: 1.5, phi: 0.25, col: 0 },
      { top: 1, theta: 0.5, phi: 2, col: 1 },
    ],
    phasesOut: Float64Array.of(0.125, 0, 3),
  };

  it('writes the exact keys and convention strings (golden text)', () => {
    const doc = emitMeshPhases(mesh, { timing: { decompose_s: 0.5 } });
    assert.deepEqual(Object.keys(doc), [
      'format', 'version', 'N', 'vector_convention', 'mzi_convention', 'mzi_convention_formula',
      'phases_in', 'elements', 'phases_out', 'mzi_count', 'timing',
    ]);
    const golden = [
      '{',
      '  "format": "mesh-phases",',
      '  "version": 1,',
      '  "N": 3,',
      '  "vector_convention": "column: y = U @ x, U[out, in]; modes 0-indexed; elements applied in list order (first acts first on the input)",',
      '  "mzi_convention": "mzi_bs_in",',
      '  "mzi_convention_formula": "T(theta,phi) = B . diag(e^{i theta}, 1) . B . diag(e^{i phi}, 1), B = [[1, i], [i, 1]] / sqrt(2)",',
      '  "phases_in": null,',
      '  "elements": [',
      '    {"modes":[0,1],"theta":1.5,"phi":0.25,"col":0},',
      '    {"modes":[1,2],"theta":0.5,"phi":2,"col":1}',
      '  ],',
      '  "phases_out": [0.125,0,3],',
      '  "mzi_count": 2,',
      '  "timing": {"decompose_s":0.5}',
      '}',
      '',
    ].join('\n');
    assert.equal(stringifyMeshPhases(doc), golden);
    assert.ok(!('timing' in emitMeshPhases(mesh)));
    assert.equal(emitMeshPhases(mesh).vector_convention, VECTOR_CONVENTION);
  });

  it('round-trips a decomposition through JSON text', () => {
    const u = haarUnitary(12, createRng(12));
    const text = stringifyMeshPhases(emitMeshPhases(decomposeClements(u)));
    const doc = parseMeshPhasesText(text);
    assert.equal(doc.mzi_count, 66);
    assert.ok(maxAbsDiff(rebuildUnitary(doc), u) <= TOL);
    assert.ok(maxAbsDiff(rebuildUnitary(JSON.parse(text)), naiveRebuild(JSON.parse(text))) <= TOL);
  });

  it('clements_T: hand-checked element', () => {
    // θ = π/2, φ = 0: [[0, −1], [1, 0]]
    const u = rebuildUnitary({ format: 'mesh-phases', version: 1, N: 2, mzi_convention: 'clements_T', phases_in: null, elements: [{ modes: [0, 1], theta: Math.PI / 2, phi: 0 }], phases_out: null });
    const expected = zerosCMat(2, 2);
    expected.re[1] = -1;
    expected.re[2] = 1;
    assert.ok(maxAbsDiff(u, expected) <= TOL);
  });

  for (const convention of ['mzi_bs_in', 'clements_T'] as const) {
    it(`${convention} with phase shifters and a non-null phases_in matches a naive product`, () => {
      for (const N of [2, 3, 7]) {
        const doc = randomDoc(N, convention, N * 17);
        const u = rebuildUnitary(doc);
        assert.ok(maxAbsDiff(u, naiveRebuild(doc)) <= TOL);
        assert.equal(parseMeshPhases(doc).mzi_convention_formula, MZI_CONVENTION_FORMULAS[convention]);
      }
    });
  }

  it('N = 1: screens and phase shifters only', () => {
    const u = rebuildUnitary({ format: 'mesh-phases', version: 1, N: 1, mzi_convention: 'mzi_bs_in', phases_in: [1], elements: [{ ps: 0, phi: 2 }], phases_out: [0.5] });
    assert.ok(Math.abs(u.re[0] - Math.cos(3.5)) < TOL && Math.abs(u.im[0] - Math.sin(3.5)) < TOL);
  });

  it('rejects invalid documents with one-line messages naming the field', () => {
    const good = emitMeshPhases(mesh) as unknown as Record<string, unknown>;
    const bad: [Record<string, unknown> | unknown, RegExp][] = [
      [null, /document/],
      [[], /document/],
      [{ ...good, format: 'mesh' }, /format/],
      [{ ...good, version: 2 }, /version/],
      [{ ...good, N: 0 }, /N must/],
      [{ ...good, N: 2.5 }, /N must/],
      [{ ...good, mzi_convention: 'other' }, /mzi_convention/],
      [{ ...good, elements: {} }, /elements must be an array/],
      [{ ...good, elements: [{ modes: [1, 3], theta: 0, phi: 0 }] }, /elements\[0\]\.modes/],
      [{ ...good, elements: [{ modes: [2, 3], theta: 0, phi: 0 }] }, /elements\[0\]\.modes\[0\]/],
      [{ ...good, elements: [{ modes: [0, 1], theta: 'x', phi: 0 }] }, /elements\[0\]\.theta/],
      [{ ...good, elements: [{ modes: [0, 1], theta: 0 }] }, /elements\[0\]\.phi/],
      [{ ...good, elements: [{ ps: 3, phi: 0 }] }, /elements\[0\]\.ps/],
      [{ ...good, elements: [{ theta: 1 }] }, /elements\[0\] needs/],
      [{ ...good, elements: [{ ps: 0, modes: [0, 1], phi: 0 }] }, /elements\[0\] has both/],
      [{ ...good, elements: [{ modes: [0, 1], theta: 0, phi: 0, col: -1 }] }, /elements\[0\]\.col/],
      [{ ...good, phases_out: [0, 1] }, /phases_out has 2 entries/],
      [{ ...good, phases_in: [0, 1, Number.NaN] }, /phases_in\[2\]/],
      [{ ...good, phases_in: 'none' }, /phases_in must be null/],
      [{ ...good, mzi_count: 3 }, /mzi_count/],
      [{ ...good, timing: { decompose_s: 'fast' } }, /timing\.decompose_s/],
      [{ ...good, vector_convention: 3 }, /vector_convention/],
    ];
    for (const [doc, pattern] of bad) {
      assert.throws(
        () => rebuildUnitary(doc),
        (err: unknown) => err instanceof InvalidInputError && pattern.test(err.message) && !err.message.includes('\n') && err.message.startsWith('mesh-phases: '),
        `${JSON.stringify(doc)} should fail with ${pattern}`,
      );
    }
    assert.throws(() => parseMeshPhasesText('{"format":'), InvalidInputError);
  });
});
