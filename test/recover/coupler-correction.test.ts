/**
 * Issue 4 (src/recover/coupler-correction.ts): error-corrected programming of meshes with splitting errors
 * (Bandyopadhyay et al., Optica 2021).
 * - one MZI: the corrected MZI has the designed power splitting, and the phase it adds is carried forward;
 * - Haar-random Clements meshes (N = 8, 16) on couplers with 1 % spread: the corrected mesh realises the designed
 *   unitary to rounding when every MZI is reachable, and always far better than the design's phases;
 * - an unreachable MZI (full cross asked of unbalanced couplers) is counted and left as designed, never NaN;
 * - calibrate on a splitting-only chip reduces every tile's transfer-matrix error (LeNet-5-like small circuit).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { maxAbsDiff, type CMat } from '../../src/core/linalg/cmat.js';
import { mziMatrix } from '../../src/core/linalg/mzi.js';
import type { MziMesh } from '../../src/ir/circuit.js';
import { decomposeClements } from '../../src/map/decompose/index.js';
import { composeTransferMatrix } from '../../src/sim/mesh-propagate.js';
import { mziMatrixImperfect } from '../../src/sim/mzi-imperfect.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { IMPERFECTIONS, composeChip, planChips, resolveNoiseModel, sampleChip } from '../../src/sim/noise/index.js';
import { calibratePlan } from '../../src/recover/index.js';
import { correctMeshForCouplers, correctedThetaRad } from '../../src/recover/coupler-correction.js';
import { Rng } from '../helpers/random.js';
import { convGemmCircuit } from './fixtures.js';

/** The mesh with its phases replaced by a correction's. */
function withPhases(mesh: MziMesh, c: { theta: Float64Array; phi: Float64Array; phasesOut: Float64Array }): MziMesh {
  return { ...mesh, mzis: mesh.mzis.map((z, k) => ({ ...z, theta: c.theta[k], phi: c.phi[k] })), phasesOut: c.phasesOut };
}

const onChip = (mesh: MziMesh, dIn: Float64Array, dOut: Float64Array): CMat =>
  composeTransferMatrix(mesh, { couplerInErrorRad: dIn, couplerOutErrorRad: dOut });

test('one MZI: the corrected θ gives the designed power splitting on unbalanced couplers', () => {
  const M = new Float64Array(8);
  const T = new Float64Array(8);
  for (const theta of [0.3, 1, Math.PI / 2, 2.5, 4, 5.9]) {
    const { theta: t, reachable } = correctedThetaRad(theta, 0.02, -0.013);
    assert.ok(reachable);
    mziMatrixImperfect(t, 0, 0.02, -0.013, M, 0);
    mziMatrix(theta, 0, T, 0);
    assert.ok(Math.abs(M[0] ** 2 + M[1] ** 2 - (T[0] ** 2 + T[1] ** 2)) < 1e-14, `θ=${theta}: bar power`);
    // the uncorrected MZI misses it by far more
    mziMatrixImperfect(theta, 0, 0.02, -0.013, M, 0);
    assert.ok(Math.abs(M[0] ** 2 + M[1] ** 2 - (T[0] ** 2 + T[1] ** 2)) > 1e-6, `θ=${theta}: uncorrected bar power should be off`);
  }
});

for (const N of [8, 16]) {
  test(`Clements N=${N} on couplers with 1 % spread: corrected mesh realises the design`, () => {
    const rng = createRng(N, 3);
    let exact = 0;
    for (let trial = 0; trial < 6; trial++) {
      const U = haarUnitary(N, rng);
      const mesh = decomposeClements(U);
      const K = mesh.mzis.length;
      const dIn = Float64Array.from({ length: K }, () => 0.01 * rng.normal());
      const dOut = Float64Array.from({ length: K }, () => 0.01 * rng.normal());
      const before = maxAbsDiff(onChip(mesh, dIn, dOut), U);
      const corrected = correctMeshForCouplers(mesh, dIn, dOut);
      const after = maxAbsDiff(onChip(withPhases(mesh, corrected), dIn, dOut), U);
      assert.ok(before > 1e-3, `uncorrected error ${before}`);
      if (corrected.unreachable === 0) {
        assert.ok(after < 1e-12, `trial ${trial}: every MZI reachable, corrected error ${after}`);
        exact++;
      } else {
        assert.ok(after < before / 2, `trial ${trial}: ${corrected.unreachable} unreachable, corrected error ${after} vs ${before}`);
      }
    }
    assert.ok(exact >= 3, `only ${exact} of 6 meshes had every MZI reachable`);
  });
}

test('an MZI set to full cross (θ = 0) on unbalanced couplers is unreachable: counted and left as designed', () => {
  const mesh: MziMesh = { N: 2, topology: 'clements', mzis: [{ top: 0, theta: 0, phi: 0.4, col: 0 }], phasesOut: new Float64Array([0.1, 0.2]) };
  const dIn = new Float64Array([0.05]);
  const dOut = new Float64Array([0.05]);
  const c = correctMeshForCouplers(mesh, dIn, dOut);
  assert.equal(c.unreachable, 1);
  assert.ok([...c.theta, ...c.phi, ...c.phasesOut].every(Number.isFinite));
  // left as designed (its error stays in the quadrature homodyne detection does not read): the design's phases
  assert.deepEqual([...c.theta, ...c.phi, ...c.phasesOut], [0, 0.4, 0.1, 0.2]);
  // the same MZI with balanced couplers is reachable
  assert.equal(correctMeshForCouplers(mesh, new Float64Array([0.05]), new Float64Array([-0.05])).unreachable, 0);
});

test('calibrate on a splitting-only chip reduces the tile transfer-matrix error', () => {
  // 10 outputs on 8 × 8 cores: the Gemm's first row block fills the core (18 full tiles), the rest is padded
  const { circuit } = convGemmCircuit(new Rng(11), { channels: 4, outputs: 10, bias: false });
  const model = resolveNoiseModel(builtinPdk('soi-thermo'), { disable: IMPERFECTIONS.filter((n) => n !== 'splitting'), splitRatioSigma: 0.005 });
  const plan = planChips(circuit, model);
  let full = 0;
  for (let k = 0; k < 3; k++) {
    const sample = sampleChip(plan, 4, k);
    const before = composeChip(plan, sample, circuit);
    const after = composeChip(calibratePlan(circuit, plan, sample), sample, circuit);
    let sum0 = 0;
    let sum1 = 0;
    circuit.layers.forEach((layer, l) =>
      layer.tiles.forEach((tile, i) => {
        const ideal = plan.idealChip.layers[l].tiles[i].readout;
        const err = (chip: typeof before): number => chip.layers[l].tiles[i].readout.reduce((s, v, j) => s + (v - ideal[j]) ** 2, 0);
        const e0 = err(before);
        const e1 = err(after);
        sum0 += e0;
        sum1 += e1;
        assert.ok(e0 > 1e-10, `chip ${k} layer ${l} tile ${i}: uncorrected squared error ${e0}`);
        // a tile that fills the core has no forced full-bar/cross MZIs: every MZI is reachable at 0.5 % spread
        if (tile.rows === 8 && tile.cols === 8) {
          assert.ok(e1 < e0 / 100, `chip ${k} layer ${l} tile ${i}: calibrated squared error ${e1} vs uncorrected ${e0}`);
          full++;
        }
      }),
    );
    assert.ok(sum1 < sum0, `chip ${k}: total squared tile error ${sum1} after calibration vs ${sum0} before`);
  }
  assert.ok(full >= 3 * 10, `${full} full tiles checked`);
});
