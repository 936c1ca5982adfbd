import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../../src/core/errors.js';
import type { CMat } from '../../src/core/linalg/cmat.js';
import { identityCMat, maxAbsDiff, multiplyCMat, zerosCMat } from '../../src/core/linalg/cmat.js';
import { haarUnitary } from '../../src/core/linalg/haar.js';
import { createRng } from '../../src/core/rng.js';
import { decomposeClements, decomposeReck } from '../../src/map/index.js';
import type { MeshPropagator } from '../../src/sim/index.js';
import { buildMeshKernel, composeKernel, createMeshPropagator, propagateKernel } from '../../src/sim/index.js';
import { createNativeRunner, loadNativeAddon } from '../../src/sim/kernels/native.js';
import { randomBatch, randomMesh, randomParams } from '../helpers/meshes.js';

/**
 * Native (C, AVX2) backend vs the TypeScript reference. MZI-by-MZI ('mzi'): bit-identical (same operations in
 * the same order, no FMA). Compose + GEMM ('compose', and 'auto' where it picks it): within 1e-12 relative.
 */
const TOL = 1e-12;
const load = loadNativeAddon();
const skipNative = load.addon === null ? `native kernels unavailable: ${load.reason}` : false;

function maxAbs(x: CMat): number {
  let s = 1;
  for (let k = 0; k < x.re.length; k++) s = Math.max(s, Math.abs(x.re[k]), Math.abs(x.im[k]));
  return s;
}

/** Runs `fn` with environment variables set (undefined = unset), restoring them afterwards. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>): void => {
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined) delete process.env[k];
      else process.env[k] = val;
    }
  };
  set(vars);
  try {
    return fn();
  } finally {
    set(saved);
  }
}

const NS = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64];
const BS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 37];

describe('native kernels', { skip: skipNative }, () => {
  const rng = createRng(2024);
  const native = (nativeStrategy: 'auto' | 'mzi' | 'compose'): MeshPropagator => createMeshPropagator({ backend: 'native', nativeStrategy });
  const mzi = skipNative ? null : native('mzi');
  const compose = skipNative ? null : native('compose');
  const auto = skipNative ? null : native('auto');

  it('is the default backend when built (FOUNDRY_KERNELS unset)', () => {
    assert.equal(withEnv({ FOUNDRY_KERNELS: undefined }, () => createMeshPropagator().backend), 'native');
    assert.equal(mzi?.backend, 'native');
  });

  for (const withParams of [false, true]) {
    it(`MZI by MZI is bit-identical to TypeScript, both forms, N = 1…64, B = 1…37${withParams ? ', with imperfections' : ''}`, () => {
      for (const N of NS) {
        const meshes = [randomMesh(N, 2 * N, rng), (N % 2 ? decomposeReck : decomposeClements)(haarUnitary(N, rng))];
        for (const mesh of meshes) {
          const params = withParams ? randomParams(mesh.mzis.length, N, rng) : {};
          for (const form of ['auto', 'general'] as const) {
            const kernel = buildMeshKernel(mesh, params, { form });
            for (const B of BS) {
              const x = randomBatch(N, B, rng);
              assert.equal(maxAbsDiff(propagateKernel(kernel, x, mzi!), propagateKernel(kernel, x)), 0, `N=${N} B=${B} ${kernel.form}`);
            }
          }
        }
      }
    });

    it(`compose + GEMM equals TypeScript within 1e-12, both forms, N = 1…64, B = 1…37${withParams ? ', with imperfections' : ''}`, () => {
      for (const N of NS) {
        const mesh = randomMesh(N, Math.max(1, (N * (N - 1)) / 2), rng);
        const params = withParams ? randomParams(mesh.mzis.length, N, rng) : {};
        for (const form of ['auto', 'general'] as const) {
          const kernel = buildMeshKernel(mesh, params, { form });
          for (const B of BS) {
            const x = randomBatch(N, B, rng);
            const ref = propagateKernel(kernel, x);
            for (const p of [compose!, auto!]) assert.ok(maxAbsDiff(propagateKernel(kernel, x, p), ref) <= TOL * maxAbs(x), `N=${N} B=${B} ${kernel.form}`);
          }
        }
      }
    });
  }

  it('auto: MZI by MZI for narrow batches, compose + GEMM for wide ones (within 1e-12); composeKernel matches', () => {
    const N = 48;
    const mesh = decomposeClements(haarUnitary(N, rng));
    const kernel = buildMeshKernel(mesh, randomParams(mesh.mzis.length, N, rng));
    const runner = createNativeRunner(load.addon!);
    for (const [B, expected] of [[8, 'mzi'], [700, 'compose']] as const) {
      const x = randomBatch(N, B, rng);
      const ref = propagateKernel(kernel, x);
      assert.ok(maxAbsDiff(propagateKernel(kernel, x, auto!), ref) <= TOL * maxAbs(x));
      const y = { ...x, re: Float64Array.from(x.re), im: Float64Array.from(x.im) };
      assert.equal(runner.applyMzis(kernel.form, y.re, y.im, N, B, kernel.tops, kernel.coeffs), expected);
    }
    assert.ok(maxAbsDiff(composeKernel(kernel, mzi!), composeKernel(kernel)) <= TOL);
    assert.ok(maxAbsDiff(composeKernel(kernel, compose!), composeKernel(kernel)) <= TOL);
  });

  it('the cached transfer matrix follows the kernel (new kernel, or coefficients changed in place)', () => {
    const N = 12;
    const p = native('compose');
    const mesh = randomMesh(N, 60, rng);
    const x = randomBatch(N, 9, rng);
    const k1 = buildMeshKernel(mesh);
    assert.ok(maxAbsDiff(propagateKernel(k1, x, p), propagateKernel(k1, x)) <= TOL * maxAbs(x));
    assert.ok(maxAbsDiff(propagateKernel(k1, x, p), propagateKernel(k1, x)) <= TOL * maxAbs(x)); // cached
    const k2 = buildMeshKernel(mesh, randomParams(mesh.mzis.length, N, rng));
    assert.ok(maxAbsDiff(propagateKernel(k2, x, p), propagateKernel(k2, x)) <= TOL * maxAbs(x));
    k2.coeffs[0] *= -1; // mutated in place: same arrays, different contents
    assert.ok(maxAbsDiff(propagateKernel(k2, x, p), propagateKernel(k2, x)) <= TOL * maxAbs(x));
  });

  it('cgemm equals multiplyCMat within 1e-12 (odd sizes, in place)', () => {
    const addon = load.addon!;
    for (const [M, K, N] of [[1, 1, 1], [3, 5, 7], [7, 4, 13], [13, 13, 5], [20, 31, 66], [64, 64, 130]] as const) {
      const a = randomBatch(M, K, rng);
      const x = randomBatch(K, N, rng);
      const y = zerosCMat(M, N);
      addon.cgemm(a.re, a.im, x.re, x.im, y.re, y.im, M, K, N);
      const ref = multiplyCMat(a, x);
      assert.ok(maxAbsDiff(y, ref) <= TOL * K, `${M}×${K}×${N}`);
      if (M === K) {
        addon.cgemm(a.re, a.im, x.re, x.im, x.re, x.im, M, K, N);
        assert.ok(maxAbsDiff(x, ref) <= TOL * K, `in place ${M}×${K}×${N}`);
      }
    }
    const id = identityCMat(4);
    const y = zerosCMat(4, 3);
    addon.cgemm(id.re, id.im, new Float64Array(0), new Float64Array(0), y.re, y.im, 4, 0, 3);
    assert.deepEqual(Array.from(y.re), new Array<number>(12).fill(0));
  });

  it('rejects bad arguments from JavaScript with an exception, not a crash', () => {
    const addon = load.addon!;
    const re = new Float64Array(8);
    const im = new Float64Array(8);
    assert.throws(() => addon.applyMzis(1, re, im, 4, 2, Int32Array.of(3), new Float64Array(6)), RangeError); // mode 3, 4 out of range
    assert.throws(() => addon.applyMzis(1, re, im, 4, 4, Int32Array.of(0), new Float64Array(6)), RangeError); // batch too short
    assert.throws(() => addon.applyMzis(0, re, im, 4, 2, Int32Array.of(0), new Float64Array(6)), RangeError); // coeffs too short
    assert.throws(() => addon.applyMzis(1, new Float32Array(8) as unknown as Float64Array, im, 4, 2, Int32Array.of(0), new Float64Array(6)), TypeError);
    assert.throws(() => addon.cgemm(re, im, re, im, re, im, 3, 3, 3), RangeError);
  });
});

describe('backend selection and fallback', () => {
  const rng = createRng(99);
  const mesh = randomMesh(6, 20, rng);
  const kernel = buildMeshKernel(mesh, randomParams(mesh.mzis.length, 6, rng));
  const x = randomBatch(6, 5, rng);
  const ref = propagateKernel(kernel, x);

  it('without the addon: auto falls back to WebAssembly, native asked for explicitly throws', () => {
    withEnv({ FOUNDRY_NATIVE_ADDON: '/nonexistent/mesh_kernels.node', FOUNDRY_KERNELS: undefined }, () => {
      const missing = loadNativeAddon();
      assert.equal(missing.addon, null);
      assert.match(missing.reason ?? '', /not found/);
      const p = createMeshPropagator();
      assert.equal(p.backend, 'wasm');
      assert.equal(maxAbsDiff(propagateKernel(kernel, x, p), ref), 0);
      assert.throws(() => createMeshPropagator({ backend: 'native' }), (e: unknown) => e instanceof InvalidInputError && /native kernels are not available/.test(e.message));
      assert.throws(() => withEnv({ FOUNDRY_KERNELS: 'native' }, () => createMeshPropagator()), /native kernels are not available/);
    });
  });

  it('FOUNDRY_KERNELS forces the backend of auto; explicit backends win; bad values throw', () => {
    for (const b of ['ts', 'wasm'] as const) {
      const p = withEnv({ FOUNDRY_KERNELS: b }, () => createMeshPropagator());
      assert.equal(p.backend, b);
      assert.equal(maxAbsDiff(propagateKernel(kernel, x, p), ref), 0);
    }
    assert.equal(withEnv({ FOUNDRY_KERNELS: 'ts' }, () => createMeshPropagator({ backend: 'wasm' }).backend), 'wasm');
    assert.throws(() => withEnv({ FOUNDRY_KERNELS: 'gpu' }, () => createMeshPropagator()), InvalidInputError);
  });

  it('the build script never fails: a missing compiler is one line and exit code 0', () => {
    const script = fileURLToPath(new URL('../../scripts/build-native.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, CC: '/nonexistent/cc' } });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^native kernels not built \(.+\); using WebAssembly\n$/);
  });
});
