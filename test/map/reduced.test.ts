import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { cmatFromReal, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarOrthogonal, haarUnitary } from '../../src/core/linalg/haar.js';
import { createRng } from '../../src/core/rng.js';
import { emitMeshPhases, rebuildUnitary } from '../../src/emit/mesh-phases/index.js';
import type { MziMesh } from '../../src/map/index.js';
import { decomposeReduced, meshDepth, reducedMziCount } from '../../src/map/index.js';
import { composeTransferMatrix } from '../../src/sim/index.js';
import { checkMeshShape } from './decomposer.case.js';

/** Tolerance on the used rows / columns (issue 3). */
const RECON_TOL = 1e-12;

/** max |U_ij − M_ij| over the used rows (or columns) only. */
function usedError(u: CMat, m: CMat, kind: 'rows' | 'cols', r: number): number {
  const N = u.rows;
  let worst = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if ((kind === 'rows' ? i : j) >= r) continue;
      worst = Math.max(worst, Math.hypot(u.re[i * N + j] - m.re[i * N + j], u.im[i * N + j] - m.im[i * N + j]));
    }
  }
  return worst;
}

function checkReduced(u: CMat, kind: 'rows' | 'cols', r: number): MziMesh {
  const N = u.rows;
  const mesh = decomposeReduced(u, { kind, count: r });
  assert.equal(mesh.mzis.length, reducedMziCount(N, r));
  assert.deepEqual(mesh.reduced, { kind, count: r });
  const m = composeTransferMatrix(mesh);
  const err = usedError(u, m, kind, r);
  assert.ok(err <= RECON_TOL, `N=${N} ${kind} r=${r}: ${err}`);
  assert.ok(usedError(u, rebuildUnitary(emitMeshPhases(mesh)), kind, r) <= RECON_TOL);
  return mesh;
}

describe('reduced meshes', () => {
  it('count formula r(2N − r − 1)/2', () => {
    assert.equal(reducedMziCount(5, 5), 10);
    assert.equal(reducedMziCount(5, 4), 10); // the last row comes free
    assert.equal(reducedMziCount(5, 1), 4);
    assert.equal(reducedMziCount(400, 120), 40740);
  });

  for (const [N, r] of [[1, 1], [2, 1], [3, 1], [5, 2], [8, 3], [16, 16], [33, 10], [64, 1], [64, 63], [128, 40]] as const) {
    for (const kind of ['rows', 'cols'] as const) {
      it(`Haar N=${N}, first ${r} ${kind}`, () => {
        checkReduced(haarUnitary(N, createRng(N, r)), kind, r);
      });
    }
  }

  it('r = N is a full Reck mesh; r = 0 is an empty mesh', () => {
    const u = haarUnitary(6, createRng(4));
    const mesh = checkReduced(u, 'rows', 6);
    checkMeshShape(mesh, 6);
    assert.equal(meshDepth(mesh), 9);
    assert.equal(decomposeReduced(u, { kind: 'cols', count: 0 }).mzis.length, 0);
  });

  it('reads only the used rows / columns (the rest may be garbage)', () => {
    const N = 10;
    const r = 4;
    const u = haarUnitary(N, createRng(8));
    for (const kind of ['rows', 'cols'] as const) {
      const partial = zerosCMat(N, N);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const used = (kind === 'rows' ? i : j) < r;
          partial.re[i * N + j] = used ? u.re[i * N + j] : 1e9;
          partial.im[i * N + j] = used ? u.im[i * N + j] : -7;
        }
      }
      const mesh = decomposeReduced(partial, { kind, count: r });
      assert.ok(usedError(u, composeTransferMatrix(mesh), kind, r) <= RECON_TOL);
    }
  });

  it("real orthogonal used rows", () => {
    checkReduced(cmatFromReal(haarOrthogonal(12, createRng(12))), "rows", 5);
  });

  it('rejects non-orthonormal used rows and bad counts', () => {
    const u = haarUnitary(5, createRng(1));
    u.re[1] *= 1.01;
    assert.throws(() => decomposeReduced(u, { kind: 'rows', count: 2 }), /not unitary/);
    assert.throws(() => decomposeReduced(u, { kind: 'rows', count: 6 }), { code: 'PF_ERR_INVALID_INPUT' });
    assert.throws(() => decomposeReduced(u, { kind: 'rows', count: 1.5 }), { code: 'PF_ERR_INVALID_INPUT' });
  });
});
