/**
 * Phase-shifter holding power and its optimisation with the equivalent MZI setting (θ, φ) → (−θ, φ − π):
 * the identity itself, a hand case where the flip pays, and on random meshes (both topologies, many sizes)
 * that the optimised mesh rebuilds the same unitary and never needs more power.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mziMatrix } from '../../src/core/linalg/mzi.js';
import { haarUnitary, maxAbsDiff, type CMat } from '../../src/core/linalg/index.js';
import { createRng } from '../../src/core/rng.js';
import { decomposeClements, decomposeReck } from '../../src/map/index.js';
import { emitMeshPhases, rebuildUnitary } from '../../src/emit/mesh-phases/index.js';
import { attenuatorPhaseRad, meshPhasePower, optimiseMeshPhasePower, tileHeaterPower } from '../../src/cost/index.js';
import type { MziMesh } from '../../src/ir/circuit.js';
import { gemmReluCircuit, ROUND_PDK } from './fixtures.js';

const EPS = Number.EPSILON;

function rebuild(mesh: MziMesh): CMat {
  return rebuildUnitary(emitMeshPhases(mesh));
}

test('T(θ, φ) = diag(e^{iθ}, e^{i(θ+π)}) · T(−θ, φ − π)', () => {
  const rng = createRng(5);
  for (let k = 0; k < 50; k++) {
    const theta = 2 * Math.PI * rng.nextFloat();
    const phi = 2 * Math.PI * rng.nextFloat();
    const t = mziMatrix(theta, phi);
    const f = mziMatrix(-theta, phi - Math.PI);
    // row r of diag(d)·F is d_r times row r of F
    const d = [[Math.cos(theta), Math.sin(theta)], [-Math.cos(theta), -Math.sin(theta)]];
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 2; c++) {
        const i = 4 * r + 2 * c;
        const re = d[r][0] * f[i] - d[r][1] * f[i + 1];
        const im = d[r][0] * f[i + 1] + d[r][1] * f[i];
        assert.ok(Math.abs(re - t[i]) < 16 * EPS && Math.abs(im - t[i + 1]) < 16 * EPS, `entry ${r}${c}`);
      }
    }
  }
});

test('hand case: one MZI (3π/2, 3π/2) with screen (π/2, 3π/2) costs 50 mW naive, 10 mW flipped', () => {
  const mesh: MziMesh = {
    N: 2, topology: 'clements',
    mzis: [{ top: 0, col: 0, theta: 1.5 * Math.PI, phi: 1.5 * Math.PI }],
    phasesOut: Float64Array.from([0.5 * Math.PI, 1.5 * Math.PI]),
  };
  // P_π = 10 mW: θ 15 + φ 15 + screen 5 + 15
  assert.ok(Math.abs(meshPhasePower(mesh, ROUND_PDK).totalMw - 50) < 1e-12);
  const o = optimiseMeshPhasePower(mesh, ROUND_PDK);
  assert.equal(o.flippedMzis, 1);
  // flipped: θ' = π/2, φ' = π/2 (10 mW); the screen gains (3π/2, 5π/2) → (0, 0)
  assert.ok(Math.abs(o.optimised.totalMw - 10) < 1e-9, `${o.optimised.totalMw}`);
  assert.ok(maxAbsDiff(rebuild(o.mesh), rebuild(mesh)) < 16 * EPS);
  assert.equal(mesh.mzis[0].theta, 1.5 * Math.PI, 'input mesh left alone');
});

test('random meshes: the optimised mesh rebuilds the same unitary and never needs more power', () => {
  let saved = 0;
  for (const N of [2, 3, 4, 7, 16, 33]) {
    for (const [name, decompose] of [['clements', decomposeClements], ['reck', decomposeReck]] as const) {
      for (let seed = 0; seed < 3; seed++) {
        const u = haarUnitary(N, createRng(100 * N + seed));
        const mesh = decompose(u);
        const o = optimiseMeshPhasePower(mesh, ROUND_PDK);
        assert.ok(o.optimised.totalMw <= o.naive.totalMw, `${name} N=${N}: ${o.optimised.totalMw} > ${o.naive.totalMw}`);
        assert.ok(Math.abs(o.naive.totalMw - meshPhasePower(mesh, ROUND_PDK).totalMw) < 1e-9);
        const tol = 64 * EPS * N;
        const diff = maxAbsDiff(rebuild(o.mesh), rebuild(mesh));
        assert.ok(diff < tol, `${name} N=${N} seed ${seed}: max |ΔU| = ${diff}`);
        for (const z of o.mesh.mzis) assert.ok(z.theta >= 0 && z.theta < 2 * Math.PI && z.phi >= 0 && z.phi < 2 * Math.PI);
        saved += o.naive.totalMw - o.optimised.totalMw;
      }
    }
  }
  assert.ok(saved > 0, 'the optimisation saves power somewhere');
});

test('tile heater power: attenuators cost P_π·2·acos(a)/π; optimised ≤ naive on compiled tiles', () => {
  assert.equal(attenuatorPhaseRad(1), 0);
  assert.ok(Math.abs(attenuatorPhaseRad(0) - Math.PI) < 1e-15);
  for (const [m, n, k] of [[3, 3, null], [5, 8, null], [9, 6, 4]] as const) {
    for (const tile of gemmReluCircuit(m, n, k).layers[0].tiles) {
      const h = tileHeaterPower(tile, ROUND_PDK);
      assert.ok(h.optimisedMw <= h.naiveMw);
      const att = Array.from(tile.attenuation).reduce((s, a) => s + (10 * 2 * Math.acos(a)) / Math.PI, 0);
      assert.ok(Math.abs(h.attenuatorsMw - att) < 1e-9);
    }
  }
});
