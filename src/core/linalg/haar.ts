/**
 * Haar-random unitary and orthogonal matrices.
 *
 * Method: Mezzadri, "How to generate random matrices from the classical compact groups", Notices AMS 54,
 * 592 (2007): QR-factorise a matrix of i.i.d. standard complex Gaussians Z = (X + iY)/√2 and return
 * Q·Λ with Λ = diag(R_jj / |R_jj|). The phase fix makes the QR unique (R with positive diagonal), without it
 * the distribution of Q depends on the QR algorithm and is not Haar. The real orthogonal case is the same with
 * real Gaussians and Λ = diag(sign R_jj). Randomness comes only from the `rng` argument.
 */
import type { Rng } from '../rng.js';
import type { CMat } from './cmat.js';
import { zerosCMat } from './cmat.js';
import type { RMat } from './rmat.js';
import { qrHouseholder } from './qr.js';

function phaseFixed(z: CMat): CMat {
  const n = z.rows;
  const { q, r } = qrHouseholder(z);
  for (let j = 0; j < n; j++) {
    const dr = r.re[j * n + j];
    const di = r.im[j * n + j];
    const abs = Math.hypot(dr, di);
    const lr = abs === 0 ? 1 : dr / abs;
    const li = abs === 0 ? 0 : di / abs;
    for (let i = 0; i < n; i++) {
      const k = i * n + j;
      const xr = q.re[k];
      const xi = q.im[k];
      q.re[k] = xr * lr - xi * li;
      q.im[k] = xr * li + xi * lr;
    }
  }
  return q;
}

/** n × n unitary drawn from the Haar measure on U(n). */
export function haarUnitary(n: number, rng: Rng): CMat {
  const z = zerosCMat(n, n);
  for (let k = 0; k < n * n; k++) {
    z.re[k] = rng.normal() * Math.SQRT1_2;
    z.im[k] = rng.normal() * Math.SQRT1_2;
  }
  return phaseFixed(z);
}

/** n × n real orthogonal matrix drawn from the Haar measure on O(n). */
export function haarOrthogonal(n: number, rng: Rng): RMat {
  const z = zerosCMat(n, n);
  for (let k = 0; k < n * n; k++) z.re[k] = rng.normal();
  const q = phaseFixed(z); // real input: every step stays real, im is exactly zero
  return { rows: n, cols: n, data: q.re };
}

/** m × n matrix of i.i.d. standard normal entries (test and benchmark data). */
export function gaussianRMat(rows: number, cols: number, rng: Rng): RMat {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = rng.normal();
  return { rows, cols, data };
}
