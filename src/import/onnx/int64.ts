/**
 * int64 / uint64 → JS number. Exact for magnitudes up to Number.MAX_SAFE_INTEGER (2^53 − 1); larger
 * magnitudes SATURATE to ±Number.MAX_SAFE_INTEGER. ONNX uses INT64_MAX / INT64_MIN as "unbounded"
 * sentinels (Slice ends, Clip ...); saturation keeps them recognisable as huge values while staying exact
 * integers, so consumers must treat |v| ≥ MAX_SAFE_INTEGER as "unbounded", never as a real count.
 */
import type { Int64Like } from './proto-types.js';

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);
const TWO_32 = 4294967296;

function saturate(x: number): number {
  if (Number.isNaN(x)) return 0;
  return x > MAX ? MAX : x < -MAX ? -MAX : x;
}

/** A protobufjs int64/uint64 value (Long, number, bigint or decimal string) as a saturated number. */
export function int64ToNumber(v: Int64Like | null | undefined): number {
  if (typeof v === 'number') return saturate(Math.trunc(v));
  if (typeof v === 'bigint') return bigintToNumber(v);
  if (typeof v === 'string') return /^-?\d+$/.test(v) ? bigintToNumber(BigInt(v)) : 0;
  if (v !== null && typeof v === 'object') {
    const lo = v.low >>> 0;
    const hi = v.unsigned ? v.high >>> 0 : v.high | 0;
    // Exact whenever the true value is a safe integer; larger values may round here but then saturate.
    return saturate(hi * TWO_32 + lo);
  }
  return 0;
}

/** A bigint (from raw int64/uint64 data) as a saturated number. */
export function bigintToNumber(v: bigint): number {
  return v > MAX_BIG ? MAX : v < -MAX_BIG ? -MAX : Number(v);
}
