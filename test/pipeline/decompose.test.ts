/**
 * pipeline/decompose.ts in process: the timing policy, decomposeUnitary (document, reconstruction error, Y
 * through the programmed mesh, timing), and reading mesh-phases files with null timing entries.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createRng,
  DEFAULT_TIMING_POLICY,
  decomposeUnitary,
  FoundryError,
  haarUnitary,
  meshPhasesDepth,
  readMeshPhasesFile,
  timeRepeats,
} from '../../src/index.js';
import { randomBatch } from '../helpers/meshes.js';

let dir = '';
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'foundry-pipeline-decompose-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function busy(seconds: number): void {
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    // spin
  }
}

test('timeRepeats: 5 runs when fast, 1 when the first run is long, budget caps the total', () => {
  let calls = 0;
  const fast = timeRepeats(() => ++calls);
  assert.equal(fast.repeats, 5);
  assert.equal(fast.value, 5);
  assert.ok(fast.medianS >= 0);
  assert.deepEqual(DEFAULT_TIMING_POLICY, { maxRepeats: 5, singleRunS: 1, budgetS: 3 });

  const slow = timeRepeats(() => busy(0.03), { maxRepeats: 5, singleRunS: 0.02, budgetS: 10 });
  assert.equal(slow.repeats, 1);
  assert.ok(slow.medianS >= 0.03);

  const budget = timeRepeats(() => busy(0.02), { maxRepeats: 5, singleRunS: 1, budgetS: 0.05 });
  assert.ok(budget.repeats >= 2 && budget.repeats <= 3, String(budget.repeats)); // stops once ≥ 0.05 s were spent

  // median of an even count: mean of the middle two
  const times = [0.004, 0.001, 0.003, 0.002];
  let k = 0;
  const even = timeRepeats(() => busy(times[k++]), { maxRepeats: 4, singleRunS: 1, budgetS: 1 });
  assert.equal(even.repeats, 4);
  assert.ok(even.medianS >= 0.0025 && even.medianS < 0.1, String(even.medianS));
});

test('decomposeUnitary: document, reconstruction from the written text, Y = U·X through the mesh', () => {
  for (const mesh of ['clements', 'reck'] as const) {
    const n = 16;
    const u = haarUnitary(n, createRng(21));
    const x = randomBatch(n, 7, createRng(3));
    const r = decomposeUnitary(u, { mesh, x });
    assert.equal(r.mesh.topology, mesh);
    assert.equal(r.document.mzi_count, (n * (n - 1)) / 2);
    assert.equal(r.depth, mesh === 'clements' ? n : 2 * n - 3);
    assert.ok(r.maxReconstructionError <= 1e-12);
    assert.ok(r.y !== null && r.y.rows === n && r.y.cols === 7);
    assert.ok(r.maxForwardError !== null && r.maxForwardError <= 1e-12);
    assert.equal(r.timing.decompose_repeats, 5);
    assert.equal(r.timing.forward_repeats, 5);
    assert.equal(typeof r.timing.forward_s, 'number');
    const written = JSON.parse(r.phasesText);
    assert.deepEqual(written.timing, { decompose_s: r.timing.decompose_s, forward_s: r.timing.forward_s });
    assert.deepEqual(Object.keys(written), [
      'format', 'version', 'N', 'vector_convention', 'mzi_convention', 'mzi_convention_formula', 'phases_in', 'elements', 'phases_out', 'mzi_count', 'timing',
    ]);
  }
});

test('decomposeUnitary without a batch: forward_s null; with a wrong-size batch: error', () => {
  const u = haarUnitary(3, createRng(1));
  const r = decomposeUnitary(u);
  assert.equal(r.mesh.topology, 'clements');
  assert.equal(r.y, null);
  assert.equal(r.maxForwardError, null);
  assert.equal(r.timing.forward_s, null);
  assert.equal(r.timing.forward_repeats, null);
  assert.equal(JSON.parse(r.phasesText).timing.forward_s, null);
  assert.throws(() => decomposeUnitary(u, { x: randomBatch(4, 1, createRng(1)) }), (e: unknown) => e instanceof FoundryError && /batch has 4 rows/.test(e.message));
});

test('readMeshPhasesFile: accepts null timing entries, prefixes errors with the file; meshPhasesDepth', () => {
  const u = haarUnitary(5, createRng(2));
  const r = decomposeUnitary(u);
  const p = path.join(dir, 'P.json');
  writeFileSync(p, r.phasesText);
  const doc = readMeshPhasesFile(p);
  assert.equal(doc.N, 5);
  assert.deepEqual(doc.timing, { decompose_s: r.timing.decompose_s });
  assert.equal(meshPhasesDepth(doc), 5);

  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...JSON.parse(r.phasesText), timing: { decompose_s: 'fast' } }));
  assert.throws(() => readMeshPhasesFile(bad), (e: unknown) => e instanceof FoundryError && /^.*bad\.json: mesh-phases: timing\.decompose_s must be a finite number$/.test(e.message));

  const withPs = { format: 'mesh-phases', version: 1, N: 3, mzi_convention: 'clements_T', phases_in: null, phases_out: null, elements: [{ ps: 0, phi: 1 }, { modes: [1, 2], theta: 1, phi: 0 }, { ps: 2, phi: 1 }, { modes: [0, 1], theta: 1, phi: 0 }] };
  const q = path.join(dir, 'ps.json');
  writeFileSync(q, JSON.stringify(withPs));
  assert.equal(meshPhasesDepth(readMeshPhasesFile(q)), 2);
});
