import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxAbsDiff } from '../../src/core/linalg/cmat.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { createRng } from '../../src/core/rng.js';
import { sleb, uleb } from '../../src/core/wasm/assembler.js';
import { webAssembly } from '../../src/core/wasm/types.js';
import { decomposeClements, decomposeReck } from '../../src/map/index.js';
import { buildMeshKernel, composeKernel, createMeshPropagator, propagateKernel } from '../../src/sim/index.js';
import { mziSimdModuleBytes } from '../../src/sim/kernels/mzi-simd.js';
import { toPhaseReal } from '../../src/sim/kernels/phase-real.js';
import { randomBatch, randomParams } from '../helpers/meshes.js';

const TOL = 1e-12;

describe('kernel forms and backends', () => {
  const rng = createRng(77);
  const wasm = createMeshPropagator({ backend: 'wasm' });

  it('wasm module validates; LEB128 encoders', () => {
    const api = webAssembly()!;
    assert.ok(api.validate(mziSimdModuleBytes()));
    assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
    assert.deepEqual(sleb(63), [0x3f]);
    assert.deepEqual(sleb(64), [0xc0, 0x00]);
    assert.equal(wasm.backend, 'wasm');
    assert.equal(createMeshPropagator({ backend: 'ts' }).backend, 'ts');
  });

  for (const withParams of [false, true]) {
    it(`phase-real form equals the general form${withParams ? ' (with imperfections)' : ''}`, () => {
      for (const N of [2, 3, 16, 64]) {
        const mesh = (N % 2 ? decomposeReck : decomposeClements)(haarUnitary(N, rng));
        const params = withParams ? randomParams(mesh.mzis.length, N, rng) : {};
        const general = buildMeshKernel(mesh, params, { form: 'general' });
        const fast = buildMeshKernel(mesh, params);
        assert.equal(general.form, 'general');
        assert.equal(fast.form, 'phase-real');
        const x = randomBatch(N, 9, rng);
        assert.ok(maxAbsDiff(propagateKernel(fast, x), propagateKernel(general, x)) <= TOL);
        assert.ok(maxAbsDiff(composeKernel(fast), composeKernel(general)) <= TOL);
      }
    });
  }

  it('wasm SIMD gives bit-identical results to the TypeScript loops (both forms, odd and even B)', () => {
    for (const [N, B] of [[2, 1], [5, 3], [16, 64], [33, 17], [64, 128]] as const) {
      const mesh = decomposeClements(haarUnitary(N, rng));
      const params = randomParams(mesh.mzis.length, N, rng);
      const x = randomBatch(N, B, rng);
      for (const form of ['auto', 'general'] as const) {
        const kernel = buildMeshKernel(mesh, params, { form });
        const ts = propagateKernel(kernel, x);
        const simd = propagateKernel(kernel, x, wasm);
        assert.equal(maxAbsDiff(ts, simd), 0, `N=${N} B=${B} ${kernel.form}`);
        assert.ok(maxAbsDiff(composeKernel(kernel, wasm), composeKernel(kernel)) <= TOL);
      }
    }
  });

  it('a wasm propagator is reusable across sizes (memory grows)', () => {
    for (const [N, B] of [[4, 4], [128, 512], [3, 2]] as const) {
      const mesh = decomposeReck(haarUnitary(N, rng));
      const kernel = buildMeshKernel(mesh);
      const x = randomBatch(N, B, rng);
      assert.equal(maxAbsDiff(propagateKernel(kernel, x, wasm), propagateKernel(kernel, x)), 0);
    }
  });

  it('toPhaseReal refuses a 2×2 that is not unitary up to scale', () => {
    // [[1, i], [1, 1]]
    const t = Float64Array.of(1, 0, 0, 1, 1, 0, 1, 0);
    assert.equal(toPhaseReal(2, Int32Array.of(0), t, Float64Array.of(1, 1), Float64Array.of(0, 0)), null);
  });
});
