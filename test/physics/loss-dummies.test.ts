/**
 * Issue 4: loss-balanced meshes. The placement fills every empty (column, mode) of a mesh grid with a loss-matched
 * dummy; the simulation folds their loss into the MZIs (sim/dummy-loss.ts). With a uniform MZI loss a, every
 * path then crosses `depth` lossy elements, so a Clements or Reck mesh is exactly a^depth times its ideal
 * unitary — the loss costs signal, not accuracy — while without the dummies its edge modes are favoured.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { maxAbsDiff, type CMat } from '../../src/core/linalg/cmat.js';
import { meshDepth } from '../../src/ir/circuit.js';
import { decomposeClements, decomposeReck } from '../../src/map/decompose/index.js';
import { meshDummies } from '../../src/physics/placement/index.js';
import { composeTransferMatrix } from '../../src/sim/mesh-propagate.js';

const scaled = (u: CMat, f: number): CMat => ({ ...u, re: u.re.map((v) => v * f), im: u.im.map((v) => v * f) });

for (const [name, decompose] of [['clements', decomposeClements], ['reck', decomposeReck]] as const) {
  test(`${name} N=8: with loss dummies a uniformly lossy mesh is a^depth · U; without, it is not`, () => {
    const rng = createRng(21, 0);
    const U = haarUnitary(8, rng);
    const mesh = decompose(U);
    const K = mesh.mzis.length;
    const lossDb = 0.5;
    const a = 10 ** (-lossDb / 20);
    const depth = meshDepth(mesh);
    const balanced = composeTransferMatrix(mesh, { lossDb: new Float64Array(K).fill(lossDb), dummyLossDb: lossDb });
    assert.ok(maxAbsDiff(balanced, scaled(U, a ** depth)) < 1e-13, `balanced: ${maxAbsDiff(balanced, scaled(U, a ** depth))}`);
    const unbalanced = composeTransferMatrix(mesh, { lossDb: new Float64Array(K).fill(lossDb) });
    assert.ok(maxAbsDiff(unbalanced, scaled(U, a ** depth)) > 1e-2, 'without dummies the edge modes lose less');
    // dummies + MZI inputs fill the grid
    assert.equal(meshDummies(mesh).total + 2 * K, depth * mesh.N);
  });
}
