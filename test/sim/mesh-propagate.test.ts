import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError, ShapeError } from '../../src/core/errors.js';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { cmatFromRows, maxAbsDiff, multiplyCMat, unitarityDeviation, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { mziMatrix } from '../../src/core/linalg/mzi.js';
import { createRng } from '../../src/core/rng.js';
import type { MziMesh } from '../../src/map/index.js';
import { decomposeClements, decomposeReck } from '../../src/map/index.js';
import { composeTransferMatrix, mziMatrixImperfect, propagateMesh } from '../../src/sim/index.js';
import { randomBatch, randomMesh } from '../helpers/meshes.js';

/** MZI-by-MZI propagation vs composed matrix times batch (issue 3). */
const PROPAGATION_TOL = 1e-12;
const TOL_2X2 = 1e-15;

function mat2(t: Float64Array): CMat {
  return { rows: 2, cols: 2, re: Float64Array.of(t[0], t[2], t[4], t[6]), im: Float64Array.of(t[1], t[3], t[5], t[7]) };
}

describe('mesh propagation', () => {
  const rng = createRng(404);

  it('MZI by MZI equals composeTransferMatrix · X', () => {
    for (const [N, B] of [[2, 1], [3, 5], [8, 64], [16, 3], [64, 100]] as const) {
      const x = randomBatch(N, B, rng);
      const meshes = [decomposeClements(haarUnitary(N, rng)), decomposeReck(haarUnitary(N, rng)), randomMesh(N, 3 * N, rng)];
      for (const mesh of meshes) {
        const y = propagateMesh(mesh, x);
        const scale = Math.max(...Array.from(x.re, Math.abs), 1);
        assert.ok(maxAbsDiff(y, multiplyCMat(composeTransferMatrix(mesh), x)) <= PROPAGATION_TOL * scale);
      }
    }
  });

  it('composeTransferMatrix of a decomposition is the target; unitary for ideal meshes', () => {
    const u = haarUnitary(20, rng);
    const m = composeTransferMatrix(decomposeClements(u));
    assert.ok(maxAbsDiff(m, u) <= PROPAGATION_TOL);
    assert.ok(unitarityDeviation(composeTransferMatrix(randomMesh(9, 50, rng))) <= PROPAGATION_TOL);
  });

  it('N = 1: only the output screen', () => {
    const mesh: MziMesh = { N: 1, topology: 'clements', mzis: [], phasesOut: Float64Array.of(Math.PI / 2) };
    const y = propagateMesh(mesh, cmatFromRows([[1, 2]]));
    assert.ok(maxAbsDiff(y, cmatFromRows([[0, 0]], [[1, 2]])) <= TOL_2X2);
  });

  it('does not mutate the mesh or the batch', () => {
    const mesh = decomposeClements(haarUnitary(5, rng));
    const before = JSON.stringify({ ...mesh, phasesOut: Array.from(mesh.phasesOut) });
    const x = randomBatch(5, 4, rng);
    const xCopy = Float64Array.from(x.re);
    propagateMesh(mesh, x, { thetaOffsetRad: new Float64Array(mesh.mzis.length).fill(0.1) });
    assert.equal(JSON.stringify({ ...mesh, phasesOut: Array.from(mesh.phasesOut) }), before);
    assert.deepEqual(x.re, xCopy);
  });

  it('rejects a batch with the wrong number of rows', () => {
    assert.throws(() => propagateMesh(randomMesh(4, 3, rng), zerosCMat(3, 2)), ShapeError);
  });
});

describe('MziParams (imperfection seam)', () => {
  const rng = createRng(505);
  const N = 7;
  const mesh = randomMesh(N, 30, rng);
  const K = mesh.mzis.length;
  const x = randomBatch(N, 4, rng);

  it('all-zero parameter arrays give the ideal mesh', () => {
    const zeros = new Float64Array(K);
    const y = propagateMesh(mesh, x, {
      thetaOffsetRad: zeros,
      phiOffsetRad: zeros,
      couplerInErrorRad: zeros,
      couplerOutErrorRad: zeros,
      lossDb: zeros,
      phasesOutOffsetRad: new Float64Array(N),
    });
    assert.ok(maxAbsDiff(y, propagateMesh(mesh, x)) <= PROPAGATION_TOL);
  });

  it('phase offsets equal a mesh with shifted phases', () => {
    const dTheta = Float64Array.from({ length: K }, () => rng.normal() * 0.1);
    const dPhi = Float64Array.from({ length: K }, () => rng.normal() * 0.1);
    const dOut = Float64Array.from({ length: N }, () => rng.normal() * 0.1);
    const shifted: MziMesh = {
      ...mesh,
      mzis: mesh.mzis.map((z, k) => ({ ...z, theta: z.theta + dTheta[k], phi: z.phi + dPhi[k] })),
      phasesOut: mesh.phasesOut.map((p, m) => p + dOut[m]),
    };
    const y = propagateMesh(mesh, x, { thetaOffsetRad: dTheta, phiOffsetRad: dPhi, phasesOutOffsetRad: dOut });
    assert.ok(maxAbsDiff(y, propagateMesh(shifted, x)) <= PROPAGATION_TOL);
  });

  it('coupler errors: matches B(δout)·diag(e^{iθ},1)·B(δin)·diag(e^{iφ},1) and stays unitary', () => {
    const coupler = (d: number): CMat => cmatFromRows([[Math.cos(Math.PI / 4 + d), 0], [0, Math.cos(Math.PI / 4 + d)]], [[0, Math.sin(Math.PI / 4 + d)], [Math.sin(Math.PI / 4 + d), 0]]);
    const ph = (a: number): CMat => cmatFromRows([[Math.cos(a), 0], [0, 1]], [[Math.sin(a), 0], [0, 0]]);
    for (let trial = 0; trial < 10; trial++) {
      const [theta, phi, dIn, dOut] = [rng.nextFloat() * 7, rng.nextFloat() * 7, rng.normal() * 0.1, rng.normal() * 0.1];
      const t = new Float64Array(8);
      mziMatrixImperfect(theta, phi, dIn, dOut, t, 0);
      const ref = [coupler(dOut), ph(theta), coupler(dIn), ph(phi)].reduce((a, b) => multiplyCMat(a, b));
      assert.ok(maxAbsDiff(mat2(t), ref) <= TOL_2X2 * 10);
      mziMatrixImperfect(theta, phi, 0, 0, t, 0);
      assert.ok(maxAbsDiff(mat2(t), mat2(mziMatrix(theta, phi))) <= TOL_2X2 * 10);
    }
    const errs = Float64Array.from({ length: K }, () => rng.normal() * 0.05);
    const u = composeTransferMatrix(mesh, { couplerInErrorRad: errs, couplerOutErrorRad: errs.map((e) => -e) });
    assert.ok(unitarityDeviation(u) <= PROPAGATION_TOL);
    assert.ok(maxAbsDiff(u, composeTransferMatrix(mesh)) > 1e-3, 'errors change the transfer matrix');
  });

  it('loss scales each MZI by 10^(−dB/20) and never adds power', () => {
    const one: MziMesh = { N: 2, topology: 'clements', mzis: [{ top: 0, theta: 1, phi: 2, col: 0 }], phasesOut: new Float64Array(2) };
    const u = composeTransferMatrix(one, { lossDb: Float64Array.of(3) });
    const ideal = composeTransferMatrix(one);
    const a = 10 ** (-3 / 20);
    assert.ok(maxAbsDiff(u, { ...ideal, re: ideal.re.map((v) => v * a), im: ideal.im.map((v) => v * a) }) <= TOL_2X2);
    const lossDb = Float64Array.from({ length: K }, () => rng.nextFloat() * 0.5);
    const y = propagateMesh(mesh, x, { lossDb });
    for (let b = 0; b < x.cols; b++) {
      let pin = 0;
      let pout = 0;
      for (let m = 0; m < N; m++) {
        pin += x.re[m * x.cols + b] ** 2 + x.im[m * x.cols + b] ** 2;
        pout += y.re[m * x.cols + b] ** 2 + y.im[m * x.cols + b] ** 2;
      }
      assert.ok(pout < pin);
    }
  });

  it('rejects parameter arrays of the wrong length', () => {
    assert.throws(() => propagateMesh(mesh, x, { thetaOffsetRad: new Float64Array(K + 1) }), (e: unknown) => e instanceof InvalidInputError && /thetaOffsetRad/.test(e.message));
    assert.throws(() => propagateMesh(mesh, x, { phasesOutOffsetRad: new Float64Array(K) }), /phasesOutOffsetRad/);
  });
});
