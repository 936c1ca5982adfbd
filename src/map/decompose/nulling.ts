/**
 * Nulling kernels shared by the Clements, Reck and reduced decompositions.
 *
 * A decomposition works on a row-major working copy (re/im) of the target U and nulls one entry at a time
 * with a 2×2 MZI T(θ, φ) (core/linalg/mzi.ts convention) acting on two adjacent modes:
 *  - right op: U ← U · T⁻¹ on columns (c, c+1); each row's pair (x0, x1) becomes (x0, x1) · T†;
 *  - left op:  U ← T · U on rows (m, m+1) (core/linalg/mzi.ts `apply2x2Rows`).
 * Only 2×2 updates are ever applied, never an N × N product. Right ops of one diagonal (Clements) or one
 * row (Reck) form a chain over adjacent column pairs (c, c+1), (c−1, c), …; a chain is applied to each row in
 * one right-to-left pass over that row's contiguous memory, which keeps the O(N³) work
 * cache-friendly in row-major storage.
 *
 * Angle formulas (a, b are the two entries, s = sin(θ/2), c = cos(θ/2); derivations in the function docs):
 * each returns θ ∈ [0, π] and φ; an entry that is already 0 gives θ ∈ {0, π} and leaves it 0.
 */
import { InvalidInputError, ShapeError } from '../../core/errors.js';
import type { CMat } from '../../core/linalg/cmat.js';
import { modulus } from '../../core/linalg/cmat.js';

/**
 * Default tolerance on the unitarity of a decomposition's input, checked for free on the nulled matrix
 * (which must end as a unitary diagonal): √eps ≈ 1.5e-8, loose enough for matrices written with ~15 digits,
 * tight enough to reject a matrix that is not unitary at all.
 */
export const DEFAULT_UNITARY_TOL = Math.sqrt(Number.EPSILON);

export interface DecomposeOptions {
  /** Largest accepted deviation of the input from unitarity (max-abs of the nulled residual). */
  readonly unitaryTolAbs?: number;
}

export interface Angles {
  theta: number;
  phi: number;
}

/** Validates a square, finite matrix and returns N. */
export function checkSquareFinite(u: CMat, who: string): number {
  if (u.rows !== u.cols) throw new ShapeError(`${who}: matrix must be square, got ${u.rows}×${u.cols}`);
  if (u.rows < 1) throw new ShapeError(`${who}: matrix must have at least one row`);
  for (let k = 0; k < u.re.length; k++) {
    if (!Number.isFinite(u.re[k]) || !Number.isFinite(u.im[k])) {
      throw new InvalidInputError(`${who}: matrix entry (${Math.floor(k / u.cols)}, ${k % u.cols}) is not finite`);
    }
  }
  return u.rows;
}

/** Throws when the residual of a nulled matrix shows that the input was not unitary. */
export function checkResidual(residual: number, tol: number, who: string): void {
  if (!(residual <= tol)) {
    throw new InvalidInputError(`${who}: matrix is not unitary (residual ${residual.toExponential(2)} > tolerance ${tol.toExponential(2)})`);
  }
}

/**
 * Right op nulling the LEFT column: (a, b)·T† has first entry −i e^{−iθ/2}(a e^{−iφ} s + b c) = 0
 * ⇒ tan(θ/2) = |b|/|a|, φ = arg a − arg b − π.
 */
export function anglesNullLeftColumn(ar: number, ai: number, br: number, bi: number, out: Angles): void {
  out.theta = 2 * Math.atan2(modulus(br, bi), modulus(ar, ai));
  out.phi = Math.atan2(ai, ar) - Math.atan2(bi, br) - Math.PI;
}

/**
 * Right op nulling the RIGHT column: (a, b)·T† has second entry −i e^{−iθ/2}(a e^{−iφ} c − b s) = 0
 * ⇒ tan(θ/2) = |a|/|b|, φ = arg a − arg b.
 */
export function anglesNullRightColumn(ar: number, ai: number, br: number, bi: number, out: Angles): void {
  out.theta = 2 * Math.atan2(modulus(ar, ai), modulus(br, bi));
  out.phi = Math.atan2(ai, ar) - Math.atan2(bi, br);
}

/**
 * Left op nulling the LOWER row: T·(a, b)ᵀ has second entry i e^{iθ/2}(e^{iφ} c a − s b) = 0
 * ⇒ tan(θ/2) = |a|/|b|, φ = arg b − arg a.
 */
export function anglesNullLowerRow(ar: number, ai: number, br: number, bi: number, out: Angles): void {
  out.theta = 2 * Math.atan2(modulus(ar, ai), modulus(br, bi));
  out.phi = Math.atan2(bi, br) - Math.atan2(ai, ar);
}

/**
 * Applies a chain of right ops to one row: op j (entries t[8j .. 8j+7] of T_j, mziMatrix layout) acts on
 * columns (cStart − j, cStart − j + 1), j = 0 … count−1, in that order: (x0, x1) ← (x0, x1)·T_j†, i.e.
 * x0' = x0 conj(t00) + x1 conj(t01), x1' = x0 conj(t10) + x1 conj(t11).
 */
export function applyRightChain(re: Float64Array, im: Float64Array, rowOffset: number, t: Float64Array, cStart: number, count: number): void {
  if (count <= 0) return;
  let x1r = re[rowOffset + cStart + 1];
  let x1i = im[rowOffset + cStart + 1];
  for (let j = 0; j < count; j++) {
    const c = rowOffset + cStart - j;
    const x0r = re[c];
    const x0i = im[c];
    const o = 8 * j;
    const t00r = t[o], t00i = t[o + 1], t01r = t[o + 2], t01i = t[o + 3];
    const t10r = t[o + 4], t10i = t[o + 5], t11r = t[o + 6], t11i = t[o + 7];
    // y = x · conj(t): (xr + i xi)(tr − i ti) = (xr tr + xi ti) + i (xi tr − xr ti)
    re[c + 1] = x0r * t10r + x0i * t10i + x1r * t11r + x1i * t11i;
    im[c + 1] = x0i * t10r - x0r * t10i + x1i * t11r - x1r * t11i;
    const y0r = x0r * t00r + x0i * t00i + x1r * t01r + x1i * t01i;
    const y0i = x0i * t00r - x0r * t00i + x1i * t01r - x1r * t01i;
    x1r = y0r;
    x1i = y0i;
  }
  re[rowOffset + cStart - count + 1] = x1r;
  im[rowOffset + cStart - count + 1] = x1i;
}
