/**
 * Detector-noise streams whose generator state is visible: the same generator and seeding as
 * core/rng.ts's createRng(seed, stream) — xoshiro128** 1.1 seeded by SplitMix64 from mix64(seed) +
 * stream·2^64/φ — so stream (seed, k) gives exactly createRng(seed, k)'s numbers, but its four 32-bit state
 * words live in an Int32Array shared by the streams of a batch. The native detection kernel
 * (detect-native.ts) then draws the normals of a whole chunk of samples itself, advancing the same states,
 * and the TypeScript / WebAssembly paths keep drawing through `nextUint32` — every path gives the same numbers
 * (test/sim/detector-streams.test.ts checks against createRng).
 */
import { InvalidInputError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const TWO_PI = 2 * Math.PI;
const TWO_POW_26 = 2 ** 26;
const TWO_POW_M53 = 2 ** -53;

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

/** Writes createRng(seed, stream)'s initial state into words[at … at + 4). */
export function seedState(seed: number, stream: number, words: Int32Array, at: number): void {
  const base = mix64(checkSeed('seed', seed));
  let x = (base + checkSeed('stream', stream) * GOLDEN_GAMMA) & MASK64;
  for (let k = 0; k < 2; k++) {
    x = (x + GOLDEN_GAMMA) & MASK64;
    const z = mix64(x);
    words[at + 2 * k] = Number(z & 0xffffffffn) | 0;
    words[at + 2 * k + 1] = Number(z >> 32n) | 0;
  }
  if ((words[at] | words[at + 1] | words[at + 2] | words[at + 3]) === 0) words[at] = 1;
}

/** A generator whose state is words[offset … offset + 4) (see the module comment). */
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
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_M53;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.nextFloat();
    const u2 = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = TWO_PI * u2;
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }
}

/** Streams createRng(seed, first + i), i < count, sharing one state array (stream i at words[4i …]). */
export function createStreams(seed: number, first: number, count: number): StateRng[] {
  const words = new Int32Array(4 * count);
  const out: StateRng[] = [];
  for (let i = 0; i < count; i++) {
    seedState(seed, first + i, words, 4 * i);
    out.push(new StateRng(words, 4 * i));
  }
  return out;
}

/**
 * The shared state array of `streams` when they are StateRngs over one array at consecutive offsets (stream
 * i at words[4·(first + i) …]), else null (any other Rng: the kernels then draw through nextUint32).
 */
export function sharedStates(streams: readonly Rng[]): { readonly words: Int32Array; readonly first: number } | null {
  if (streams.length === 0) return null;
  const s0 = streams[0];
  if (!(s0 instanceof StateRng) || s0.offset % 4 !== 0) return null;
  const words = s0.words;
  for (let i = 1; i < streams.length; i++) {
    const s = streams[i];
    if (!(s instanceof StateRng) || s.words !== words || s.offset !== s0.offset + 4 * i) return null;
  }
  return { words, first: s0.offset / 4 };
}
