import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { maxAbsDiff, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import type { Rng } from '../../src/core/rng.js';
import { createRng } from '../../src/core/rng.js';
import { decomposeClements, decomposeReck } from '../../src/map/index.js';
import type { MziParams } from '../../src/sim/index.js';
import { buildMeshKernel, composeKernel, createMeshPropagator, propagateKernel } from '../../src/sim/index.js';
import { mziSimdModuleBytes } from '../../src/sim/kernels/mzi-simd.js';
import { toPhaseReal } from '../../src/sim/kernels/phase-real.js';
import { sleb, uleb } from '../../src/sim/kernels/wasm-asm.js';

const TOL = 1e-12;

function randomBatch(N: number, B: number, rng: Rng): CMat {
  const x = zerosCMat(N, B);
  for (let k = 0; k < N * B; k++) {
    x.re[k] = rng.normal();
    x.im[k] = rng.normal();
  }
  return x;
}

function randomParams(K: number, N: number, rng: Rng): MziParams {
  const arr = (n: number, s: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal() * s);
  return {
    thetaOffsetRad: arr(K, 0.05),
    phiOffsetRad: arr(K, 0.05),
    couplerInErrorRad: arr(K, 0.03),
    couplerOutErrorRad: arr(K, 0.03),
    lossDb: Float64Array.from({ length: K }, () => rng.nextFloat() * 0.2),
    phasesOutOffsetRad: arr(N, 0.1),
  };
}

describe('kernel forms and backends', () => {
  const rng = createRng(77);
  const wasm = createMeshPropagator({ backend: 'wasm' });

  it('wasm module validates; LEB128 encoders', () => {
    const api = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
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
