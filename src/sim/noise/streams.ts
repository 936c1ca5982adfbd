/**
 * Detector-noise streams whose generator state is visible: core/rng.ts's StateRng seeded like createRng(seed,
 * stream), so stream (seed, k) gives exactly createRng(seed, k)'s numbers, but the four 32-bit state words of a
 * batch's streams live in one shared Int32Array. The native detection kernel
 * (detect-native.ts) then draws the normals of a whole chunk of samples itself, advancing the same states,
 * and the TypeScript / WebAssembly paths keep drawing through `nextUint32` — every path gives the same numbers
 * (test/sim/detector-streams.test.ts checks against createRng).
 */
import { seedState, StateRng, type Rng } from '../../core/rng.js';

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
