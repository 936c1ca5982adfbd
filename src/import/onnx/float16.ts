/** IEEE half (float16) and bfloat16 bit patterns → float64, exactly (both are subsets of float64). */

/** float16 bits (low 16 bits of `bits`) → number. */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // zero / subnormal
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

const U32 = new Uint32Array(1);
const F32 = new Float32Array(U32.buffer);

/** bfloat16 bits (low 16 bits of `bits`) → number: the top half of a float32. */
export function bfloat16BitsToNumber(bits: number): number {
  U32[0] = (bits & 0xffff) << 16;
  return F32[0];
}
