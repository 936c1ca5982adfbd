/**
 * Standard normals from a seeded Rng, two ways.
 *
 * `fillNormalsTable` — the detector-noise path, where hundreds of millions of draws are made per Monte-Carlo
 * run: each 32-bit word gives two draws, each 16 bits indexing a table of the 2^16 equiprobable quantiles
 * Φ⁻¹((i + ½)/2^16) (Acklam's inverse-normal algorithm, relative error < 1.2e-9), rescaled to unit variance.
 * That is N(0, 1) discretised to 65,536 equally likely values with the tails cut at ±4.33σ (probability
 * 1.5e-5 beyond), symmetric, mean 0, variance 1, kurtosis ≈ 2.998 — faithful for noise that is summed and
 * quantised further on, at about a third of the cost of an exact draw. The native detection kernel
 * (native/mesh_kernels.c, sim/noise/detect-native.ts) draws exactly the same values from the same table.
 *
 * `normalZiggurat` / `fillNormals` — exact: the ziggurat method of Marsaglia & Tsang, "The Ziggurat Method for
 * Generating Random Variables", J. Stat. Software 5(8) (2000), 128 layers. Exact N(0, 1) (up to the 25-bit
 * resolution of the uniform inside a layer); ≈ 98.8 % of draws use one 32-bit word, a multiply and a compare,
 * versus two words and four transcendental calls for Rng.normal()'s Box–Muller. Used for detector noise, where
 * hundreds of millions of draws are made per Monte-Carlo run.
 *
 * Each 32-bit word is split (Doornik, "An Improved Ziggurat Method", 2005): the low 7 bits pick the layer and the
 * upper 25 bits (signed) are the uniform, so layer and value are independent. The tables are computed once at
 * load (constants, not state).
 */
import type { Rng } from '../../core/rng.js';

const LAYERS = 128;
const R = 3.442619855899; // right edge of the base layer
const V = 9.91256303526217e-3; // area of each layer
const M = 2 ** 24; // |signed 25-bit uniform| < 2^24

const KN = new Float64Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * M;
  KN[1] = 0;
  WN[0] = q / M;
  WN[LAYERS - 1] = dn / M;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * M;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M;
  }
}

/** Slow path: the base strip's tail or the wedge of layer iz (Marsaglia & Tsang's nfix). */
function fix(rng: Rng, hz: number, iz: number): number {
  for (;;) {
    const x = hz * WN[iz];
    if (iz === 0) {
      // tail beyond R (Marsaglia 1964)
      let tx: number;
      let ty: number;
      do {
        tx = -Math.log(1 - rng.nextFloat()) / R;
        ty = -Math.log(1 - rng.nextFloat());
      } while (ty + ty < tx * tx);
      return hz > 0 ? R + tx : -R - tx;
    }
    if (FN[iz] + rng.nextFloat() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
    const u = rng.nextUint32();
    iz = u & (LAYERS - 1);
    hz = (u | 0) >> 7;
    if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
  }
}

/** One N(0, 1) draw from `rng`. */
export function normalZiggurat(rng: Rng): number {
  const u = rng.nextUint32();
  const iz = u & (LAYERS - 1);
  const hz = (u | 0) >> 7;
  if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
  return fix(rng, hz, iz);
}

/** Fills `out` with N(0, 1) draws from `rng` (in index order). */
export function fillNormals(rng: Rng, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = normalZiggurat(rng);
  return out;
}

// ------------------------------------------------------------------ 16-bit inverse-CDF table

/** Φ⁻¹(p) for p in (0, 1): P. J. Acklam's rational approximation (2003), relative error < 1.15e-9. */
export function inverseNormalCdf(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < pLow ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

const TABLE_BITS = 16;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;
const QUANTILES = new Float64Array(TABLE_SIZE);
{
  let sumSq = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    // symmetric by construction: entry i and TABLE_SIZE − 1 − i are exact negatives
    const v = i < TABLE_SIZE / 2 ? inverseNormalCdf((i + 0.5) / TABLE_SIZE) : -QUANTILES[TABLE_SIZE - 1 - i];
    QUANTILES[i] = v;
    sumSq += v * v;
  }
  const scale = 1 / Math.sqrt(sumSq / TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i++) QUANTILES[i] *= scale;
}

/**
 * The table itself (2^16 entries; entry u indexes a 16-bit half word), for kernels that draw the same normals
 * outside TypeScript (native/mesh_kernels.c). Never modify it.
 */
export function normalTable(): Float64Array {
  return QUANTILES;
}

/**
 * Fills out[offset … offset + count) (default: all of `out`) with (discretised, see the module comment) N(0, 1)
 * draws, two per 32-bit word, in index order.
 */
export function fillNormalsTable(rng: Rng, out: Float64Array, count = out.length, offset = 0): Float64Array {
  const n = offset + count;
  let i = offset;
  for (; i + 1 < n; i += 2) {
    const u = rng.nextUint32();
    out[i] = QUANTILES[u & TABLE_MASK];
    out[i + 1] = QUANTILES[u >>> TABLE_BITS];
  }
  if (i < n) out[i] = QUANTILES[rng.nextUint32() & TABLE_MASK];
  return out;
}
