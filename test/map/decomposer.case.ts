/**
 * Conformance suite every Decomposer runs (like Hono's common.case.test.ts): the mesh rebuilds its target
 * (through the composed transfer matrix and through the exported mesh-phases JSON), has N(N−1)/2 MZIs on
 * adjacent modes, wrapped phases and a valid column schedule.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { cmatFromReal, cmatFromRows, identityCMat, maxAbsDiff, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarOrthogonal, haarUnitary } from '../../src/core/linalg/haar.js';
import { createRng } from '../../src/core/rng.js';
import { emitMeshPhases, rebuildUnitary, stringifyMeshPhases } from '../../src/emit/mesh-phases/index.js';
import type { Decomposer, MziMesh } from '../../src/map/index.js';
import { meshDepth } from '../../src/map/index.js';
import { composeTransferMatrix } from '../../src/sim/index.js';

/** Reconstruction tolerance max|U − U_rec| for N ≤ 256 (issue 3). */
export const RECON_TOL = 1e-12;

export function checkMeshShape(mesh: MziMesh, N: number): void {
  assert.equal(mesh.N, N);
  assert.equal(mesh.mzis.length, (N * (N - 1)) / 2);
  assert.equal(mesh.phasesOut.length, N);
  const lastCol = new Int32Array(N).fill(-1);
  let prevCol = 0;
  for (const z of mesh.mzis) {
    assert.ok(Number.isInteger(z.top) && z.top >= 0 && z.top + 1 < N);
    for (const p of [z.theta, z.phi]) assert.ok(p >= 0 && p < 2 * Math.PI);
    assert.ok(z.col >= prevCol, 'sorted by column');
    prevCol = z.col;
    assert.ok(z.col > lastCol[z.top] && z.col > lastCol[z.top + 1], 'MZIs sharing a mode are in increasing columns');
    lastCol[z.top] = lastCol[z.top + 1] = z.col;
  }
  for (const p of mesh.phasesOut) assert.ok(p >= 0 && p < 2 * Math.PI);
}

export function checkRebuild(u: CMat, mesh: MziMesh, tol: number, viaJson = true): void {
  const direct = maxAbsDiff(u, composeTransferMatrix(mesh));
  assert.ok(direct <= tol, `${mesh.topology} N=${mesh.N}: max|U − U_rec| = ${direct}`);
  if (viaJson) {
    const json = JSON.parse(stringifyMeshPhases(emitMeshPhases(mesh)));
    const viaFile = maxAbsDiff(u, rebuildUnitary(json));
    assert.ok(viaFile <= tol, `${mesh.topology} N=${mesh.N} via mesh-phases: max|U − U_rec| = ${viaFile}`);
  }
}

function permutation(perm: readonly number[]): CMat {
  const n = perm.length;
  const p = zerosCMat(n, n);
  perm.forEach((j, i) => (p.re[i * n + j] = 1));
  return p;
}

/** Registers the shared tests for one decomposer. `expectedDepth(N)` is the topology's column count. */
export function runDecomposerSuite(decomposer: Decomposer, expectedDepth: (N: number) => number): void {
  const name = decomposer.topology;
  for (const N of [1, 2, 3, 4, 5, 8, 16, 64, 256]) {
    it(`${name}: Haar-random N=${N} rebuilds to ${RECON_TOL}, N(N−1)/2 MZIs, depth ${expectedDepth(N)}`, () => {
      const u = haarUnitary(N, createRng(2024, N));
      const mesh = decomposer.decompose(u);
      assert.equal(mesh.topology, name);
      checkMeshShape(mesh, N);
      assert.equal(meshDepth(mesh), expectedDepth(N));
      checkRebuild(u, mesh, RECON_TOL);
    });
  }

  it(`${name}: identity, exact zeros, permutations, real orthogonal, diagonal`, () => {
    const i = Math.SQRT1_2;
    const specials: CMat[] = [
      identityCMat(1),
      identityCMat(2),
      identityCMat(7),
      permutation([1, 0]),
      permutation([2, 0, 1]),
      permutation([4, 3, 2, 1, 0, 5]),
      permutation([5, 0, 4, 1, 3, 2, 7, 6]),
      cmatFromRows([[i, i], [i, -i]]),
      cmatFromRows([[0, 0], [0, 0]], [[0, 1], [1, 0]]),
      cmatFromRows([[Math.cos(1), 0, 0], [0, 0, -1], [0, 0, 0]], [[Math.sin(1), 0, 0], [0, 0, 0], [0, -1, 0]]),
      cmatFromReal(haarOrthogonal(9, createRng(5))),
      cmatFromReal(haarOrthogonal(16, createRng(6))),
    ];
    // block-diagonal with exact zeros: two Haar blocks
    const a = haarUnitary(3, createRng(1));
    const b = haarUnitary(4, createRng(2));
    const blk = zerosCMat(7, 7);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) ((blk.re[r * 7 + c] = a.re[r * 3 + c]), (blk.im[r * 7 + c] = a.im[r * 3 + c]));
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) ((blk.re[(r + 3) * 7 + c + 3] = b.re[r * 4 + c]), (blk.im[(r + 3) * 7 + c + 3] = b.im[r * 4 + c]));
    specials.push(blk);
    for (const u of specials) {
      const mesh = decomposer.decompose(u);
      checkMeshShape(mesh, u.rows);
      checkRebuild(u, mesh, RECON_TOL);
    }
  });

  it(`${name}: rejects non-square, non-finite and non-unitary input`, () => {
    assert.throws(() => decomposer.decompose(zerosCMat(2, 3)), { code: 'PF_ERR_SHAPE' });
    assert.throws(() => decomposer.decompose(cmatFromRows([[1, Number.NaN], [0, 1]])), { code: 'PF_ERR_INVALID_INPUT' });
    assert.throws(() => decomposer.decompose(cmatFromRows([[1, 1], [0, 1]])), { code: 'PF_ERR_INVALID_INPUT', message: /not unitary/ });
    assert.throws(() => decomposer.decompose(zerosCMat(3, 3)), { code: 'PF_ERR_INVALID_INPUT' });
    const u = haarUnitary(6, createRng(3));
    u.re[7] += 1e-6;
    assert.throws(() => decomposer.decompose(u), /not unitary/);
    assert.doesNotThrow(() => decomposer.decompose(u, { unitaryTolAbs: 1e-3 }));
  });
}
