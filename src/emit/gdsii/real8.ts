/**
 * GDSII 8-byte real ("excess-64, base-16"): bit 63 sign, bits 62–56 a base-16 exponent biased by 64, bits 55–0
 * a mantissa fraction normalised to 1/16 ≤ f < 1, so |x| = f · 16^(e − 64) with f = mantissa / 2^56.
 *
 * A float64 converts EXACTLY: its 53-bit significand shifted left by (binary exponent mod 4) ≤ 3 bits fits the
 * 56-bit mantissa. So encode∘decode is the identity on every float64 in the format's range (≈ 5.4e-79 to
 * 7.2e75), and the encoding of 1e-3 is 3E 41 89 37 4B C6 A7 F0 (the correctly rounded one, as KLayout writes
 * it; the often-quoted …A7 EF is 0.001 truncated to 56 bits). BigInt arithmetic keeps every step exact.
 */
import { FoundryError } from '../../core/errors.js';

const MANTISSA_BITS = 56n;
const EXPONENT_BIAS = 64;

/** Writes `value` as a GDSII 8-byte real at `offset` of `view` (big-endian). */
export function writeGdsReal8(view: DataView, offset: number, value: number): void {
  if (!Number.isFinite(value)) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `GDSII reals must be finite, got ${value}`, { stage: 'emit' });
  }
  if (value === 0) {
    view.setBigUint64(offset, 0n);
    return;
  }
  // float64 bits → sign, unbiased binary exponent e2 and integer significand m (value = m · 2^(e2 − 52))
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, value);
  const raw = bits.getBigUint64(0);
  const negative = raw >> 63n === 1n;
  const biased = Number((raw >> 52n) & 0x7ffn);
  let significand = raw & 0xfffffffffffffn;
  let e2: number;
  if (biased === 0) {
    // subnormal: normalise so that the leading 1 sits at bit 52
    e2 = -1022;
    while ((significand & (1n << 52n)) === 0n) {
      significand <<= 1n;
      e2 -= 1;
    }
  } else {
    significand |= 1n << 52n;
    e2 = biased - 1023;
  }
  // 2^e2 ≤ |value| < 2^(e2+1); choose e16 with 16^(e16−1) ≤ |value| < 16^e16 → e16 = floor(e2 / 4) + 1
  const q = Math.floor(e2 / 4);
  const e16 = q + 1;
  const mantissa = significand << BigInt(e2 - 4 * q); // shift 0…3: 2^52 ≤ mantissa < 2^56
  const exponent = e16 + EXPONENT_BIAS;
  if (exponent < 0 || exponent > 127) {
    throw new FoundryError('PF_ERR_INVALID_INPUT', `${value} is outside the range of a GDSII real`, { stage: 'emit' });
  }
  const word = (negative ? 1n << 63n : 0n) | (BigInt(exponent) << MANTISSA_BITS) | mantissa;
  view.setBigUint64(offset, word);
}

/** Reads a GDSII 8-byte real at `offset` of `view` (rounded once to the nearest float64). */
export function readGdsReal8(view: DataView, offset: number): number {
  const word = view.getBigUint64(offset);
  const mantissa = word & ((1n << MANTISSA_BITS) - 1n);
  if (mantissa === 0n) return 0;
  const exponent = Number((word >> MANTISSA_BITS) & 0x7fn) - EXPONENT_BIAS;
  const sign = word >> 63n === 1n ? -1 : 1;
  // Number(mantissa) rounds once to 53 bits; the power of two scales exactly (normal range)
  return sign * Number(mantissa) * 2 ** (4 * exponent - Number(MANTISSA_BITS));
}

/** The 8 bytes of `value` as a GDSII real (for tests and tools). */
export function gdsReal8Bytes(value: number): Uint8Array {
  const out = new Uint8Array(8);
  writeGdsReal8(new DataView(out.buffer), 0, value);
  return out;
}
