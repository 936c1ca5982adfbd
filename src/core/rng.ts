/**
 * Seeded pseudo-random numbers: the only source of randomness in src/.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47 (2021); reference code at prng.di.unimi.it). It works on 32-bit words, so it runs on plain JS
 * numbers with `Math.imul` (no BigInt in the hot path); period 2^128 − 1.
 *
 * Seeding: the 128-bit state is filled by SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) started from
 * mix64(seed) + stream · 2^64/φ, so stream k of a seed depends only on (seed, k): chip k of a Monte-Carlo run
 * gets the same numbers however many chips run and in whatever order. BigInt is used only while seeding.
 *
 * Normals: Box–Muller (polar-free form), the second value of each pair is kept for the next call.
 */
import { InvalidInputError } from './errors.js';

/** A stateful generator; not shared between threads or chips (make one per stream instead). */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n; // 2^64 / golden ratio, SplitMix64's increment
const TWO_PI = 2 * Math.PI;
const TWO_POW_26 = 2 ** 26;
const TWO_POW_M53 = 2 ** -53;

/** SplitMix64 output function (Stafford variant 13). */
function mix64(z0: bigint): bigint {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

function checkSeed(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new InvalidInputError(`rng ${name} must be a safe integer, got ${value}`);
  return BigInt.asUintN(64, BigInt(value));
}

/** Writes the initial state of stream `stream` of `seed` (see the module comment) into words[at … at + 4). */
export function seedState(seed: number, stream: number, words: Int32Array, at: number): void {
  let x = (mix64(checkSeed('seed', seed)) + checkSeed('stream', stream) * GOLDEN_GAMMA) & MASK64;
  for (let k = 0; k < 2; k++) {
    x = (x + GOLDEN_GAMMA) & MASK64;
    const z = mix64(x);
    words[at + 2 * k] = Number(z & 0xffffffffn) | 0;
    words[at + 2 * k + 1] = Number(z >> 32n) | 0;
  }
  // the all-zero state is a fixed point; probability 2^-128
  if ((words[at] | words[at + 1] | words[at + 2] | words[at + 3]) === 0) words[at] = 1;
}

/**
 * The generator with its four 32-bit state words at words[offset … offset + 4): several generators may share one
 * array (sim/noise/streams.ts hands a batch's detector streams to a native kernel that advances them in place).
 */
export class StateRng implements Rng {
  private spare = 0;
  private hasSpare = false;

  constructor(
    readonly words: Int32Array,
    readonly offset: number,
  ) {}

  nextUint32(): number {
    const w = this.words;
    const o = this.offset;
    let s0 = w[o];
    let s1 = w[o + 1];
    let s2 = w[o + 2];
    let s3 = w[o + 3];
    const t = s1 << 9;
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    w[o] = s0;
    w[o + 1] = s1;
    w[o + 2] = s2;
    w[o + 3] = s3;
    return r >>> 0;
  }

  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * TWO_POW_26 + lo) * TWO_POW_M53;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.nextFloat(); // (0, 1]: log is finite
    const u2 = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = TWO_PI * u2;
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }
}

/**
 * Creates a generator for stream `stream` of `seed` (both safe integers; negative values are taken modulo 2^64).
 * Streams of one seed are statistically independent; `createRng(s)` is `createRng(s, 0)`.
 */
export function createRng(seed: number, stream = 0): Rng {
  const words = new Int32Array(4);
  seedState(seed, stream, words, 0);
  return new StateRng(words, 0);
}
