/**
 * The loss of a mesh's loss-matched dummies (physics/placement/loss-dummies.ts), folded into the coefficients the
 * simulation already applies: a dummy on mode m before MZI k multiplies that MZI's input column for m by the
 * dummy's field amplitude; dummies after a mode's last MZI multiply its output-screen factor. Exact (the dummies
 * are passive scalars on one mode), and free at propagation time.
 */
import type { MeshDummies } from '../physics/placement/index.js';

/**
 * Scales general-form MZI coefficients (8 per MZI, mziMatrix layout: t00, t01, t10, t11 as re/im pairs; column 0 =
 * the upper input) and the output screen by amplitude^(dummies crossed), in place.
 */
export function foldDummyLoss(coeffs: Float64Array, screenRe: Float64Array, screenIm: Float64Array, dummies: MeshDummies, amplitude: number): void {
  const K = dummies.beforeMzi.length / 2;
  for (let k = 0; k < K; k++) {
    const upper = amplitude ** dummies.beforeMzi[2 * k];
    const lower = amplitude ** dummies.beforeMzi[2 * k + 1];
    const o = 8 * k;
    coeffs[o] *= upper; // t00
    coeffs[o + 1] *= upper;
    coeffs[o + 4] *= upper; // t10
    coeffs[o + 5] *= upper;
    coeffs[o + 2] *= lower; // t01
    coeffs[o + 3] *= lower;
    coeffs[o + 6] *= lower; // t11
    coeffs[o + 7] *= lower;
  }
  for (let m = 0; m < screenRe.length; m++) {
    const f = amplitude ** dummies.afterMesh[m];
    screenRe[m] *= f;
    screenIm[m] *= f;
  }
}
