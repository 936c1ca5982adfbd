/**
 * Test helper: random inputs for the mesh simulation tests (seeded through core/rng, so reproducible):
 * complex batches, MZI imperfection parameters and random (non-rectangular) MZI meshes.
 */
import type { CMat } from '../../src/core/linalg/cmat.js';
import { zerosCMat } from '../../src/core/linalg/cmat.js';
import type { Rng } from '../../src/core/rng.js';
import type { MziMesh } from '../../src/map/index.js';
import { scheduleMesh } from '../../src/map/index.js';
import type { MziParams } from '../../src/sim/index.js';

/** An N × B complex batch of standard-normal real and imaginary parts. */
export function randomBatch(N: number, B: number, rng: Rng): CMat {
  const x = zerosCMat(N, B);
  for (let k = 0; k < N * B; k++) {
    x.re[k] = rng.normal();
    x.im[k] = rng.normal();
  }
  return x;
}

/** Small random imperfections for K MZIs on N modes. */
export function randomParams(K: number, N: number, rng: Rng): MziParams {
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

/** A mesh with arbitrary phases and a random (dependent, not rectangular) sequence of K MZIs (none for N = 1). */
export function randomMesh(N: number, K: number, rng: Rng): MziMesh {
  const ordered = Array.from({ length: N > 1 ? K : 0 }, () => ({ top: rng.nextUint32() % (N - 1), theta: rng.nextFloat() * 7, phi: rng.nextFloat() * 7 }));
  return { N, topology: 'clements', mzis: scheduleMesh(N, ordered), phasesOut: Float64Array.from({ length: N }, () => rng.nextFloat() * 6) };
}
