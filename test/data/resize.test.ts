import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { DatasetError, UsageError } from '../../src/core/errors.js';
import { bilinearCoefficients, resizeBilinearU8 } from '../../src/data/resize.js';
import { MNIST_IMAGES, throwsWith } from './_helpers.js';

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomImage(h: number, w: number, c: number, seed: number): Uint8Array {
  const r = rand(seed);
  return Uint8Array.from({ length: h * w * c }, () => Math.floor(r() * 256));
}

function transpose(img: Uint8Array, h: number, w: number): Uint8Array {
  const out = new Uint8Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + y] = img[y * w + x];
  return out;
}

describe('resizeBilinearU8 (Pillow BILINEAR on uint8)', () => {
  it('identity when sizes are equal (a copy, not the same array)', () => {
    const img = randomImage(5, 7, 1, 1);
    const out = resizeBilinearU8(img, 5, 7, 5, 7);
    assert.deepEqual(out, img);
    assert.notEqual(out, img);
    const rgb = randomImage(4, 3, 3, 2);
    assert.deepEqual(resizeBilinearU8(Float64Array.from(rgb), 4, 3, 4, 3, 3), rgb);
  });

  it('constant images stay constant, up and down, any size', () => {
    for (const v of [0, 1, 77, 128, 254, 255]) {
      for (const [h, w, oh, ow] of [[28, 28, 32, 32], [28, 28, 7, 5], [3, 5, 11, 2], [1, 1, 9, 4], [10, 3, 1, 1]]) {
        const out = resizeBilinearU8(new Uint8Array(h * w).fill(v), h, w, oh, ow);
        assert.ok(out.every((x) => x === v), `${v} ${h}x${w}→${oh}x${ow}`);
      }
    }
  });

  it('symmetry: left-right and up-down mirroring commute exactly; transposing commutes up to ±1', () => {
    const mirrorX = (x: Uint8Array, h: number, w: number) =>
      Uint8Array.from({ length: h * w }, (_, i) => x[Math.floor(i / w) * w + (w - 1 - (i % w))]);
    const mirrorY = (x: Uint8Array, h: number, w: number) =>
      Uint8Array.from({ length: h * w }, (_, i) => x[(h - 1 - Math.floor(i / w)) * w + (i % w)]);
    for (const [h, w, oh, ow] of [[28, 28, 32, 32], [9, 9, 4, 4], [5, 7, 13, 3], [28, 28, 20, 20], [7, 6, 3, 11]]) {
      const img = randomImage(h, w, 1, h * 31 + ow);
      const a = resizeBilinearU8(img, h, w, oh, ow);
      assert.deepEqual(resizeBilinearU8(mirrorX(img, h, w), h, w, oh, ow), mirrorX(a, oh, ow), `${h}x${w}→${oh}x${ow} mirror x`);
      assert.deepEqual(resizeBilinearU8(mirrorY(img, h, w), h, w, oh, ow), mirrorY(a, oh, ow), `${h}x${w}→${oh}x${ow} mirror y`);
      // Pillow always runs the horizontal pass first and rounds to uint8 in between, so a transposed image
      // gives the transposed result only up to one grey level.
      const b = transpose(resizeBilinearU8(transpose(img, h, w), w, h, ow, oh), ow, oh);
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1, `${h}x${w}→${oh}x${ow} transpose at ${i}`);
    }
  });

  it('channels are resampled independently (interleaved H×W×C)', () => {
    const h = 5, w = 6, c = 3;
    const img = randomImage(h, w, c, 9);
    const out = resizeBilinearU8(img, h, w, 8, 4, c);
    for (let ch = 0; ch < c; ch++) {
      const plane = Uint8Array.from({ length: h * w }, (_, i) => img[i * c + ch]);
      const r = resizeBilinearU8(plane, h, w, 8, 4);
      assert.deepEqual(Uint8Array.from({ length: 32 }, (_, i) => out[i * c + ch]), r);
    }
  });

  /*
   * Golden 1: 3×3 → 4×4 upscale. scale = 3/4 = 0.75, filterscale = 1, support = 1.
   *   out 0: center 0.375, taps x ∈ [trunc(-0.125)=0, trunc(1.875)=1) → {0}: w = 1−|0−0.375+0.5| = 0.875 → normalised [1]
   *   out 1: center 1.125, taps [trunc(0.625)=0, trunc(2.625)=2) → x=0: 1−0.625 = 0.375, x=1: 1−0.375 = 0.625 (sum 1)
   *   out 2: center 1.875, taps [trunc(1.375)=1, 3) → x=1: 0.625, x=2: 0.375
   *   out 3: center 2.625, taps [2, min(trunc(4.125),3)=3) → {2}: [1]
   * Fixed point (×2^22) is exact here: 0.375 → 1572864, 0.625 → 2621440; out = floor(Σ + 0.5) (round half up).
   * Horizontal pass on rows [0,100,200], [50,150,250], [10,20,255]:
   *   [0, 0.375·0+0.625·100 = 62.5 → 63, 0.625·100+0.375·200 = 137.5 → 138, 200]
   *   [50, 18.75+93.75 = 112.5 → 113, 93.75+93.75 = 187.5 → 188, 250]
   *   [10, 3.75+12.5 = 16.25 → 16, 12.5+95.625 = 108.125 → 108, 255]
   * Vertical pass on that uint8 intermediate (same coefficients):
   *   row 0 = intermediate row 0 = [0, 63, 138, 200]
   *   row 1 = .375·r0 + .625·r1 = [31.25 → 31, 23.625+70.625 = 94.25 → 94, 51.75+117.5 = 169.25 → 169, 75+156.25 = 231.25 → 231]
   *   row 2 = .625·r1 + .375·r2 = [31.25+3.75 = 35, 70.625+6 = 76.625 → 77, 117.5+40.5 = 158, 156.25+95.625 = 251.875 → 252]
   *   row 3 = intermediate row 2 = [10, 16, 108, 255]
   * (Pillow 12.3.0 `Image.fromarray(a).resize((4,4), Image.BILINEAR)` gives the same.)
   */
  it('golden: 3×3 → 4×4 upscale, computed by hand', () => {
    const src = Uint8Array.from([0, 100, 200, 50, 150, 250, 10, 20, 255]);
    const k = bilinearCoefficients(3, 4);
    assert.deepEqual([...k.start], [0, 0, 1, 2]);
    assert.deepEqual([...k.count], [1, 2, 2, 1]);
    assert.deepEqual([k.weights[1 * k.ksize], k.weights[1 * k.ksize + 1]], [1572864, 2621440]);
    assert.deepEqual(
      [...resizeBilinearU8(src, 3, 3, 4, 4)],
      [0, 63, 138, 200, 31, 94, 169, 231, 35, 77, 158, 252, 10, 16, 108, 255],
    );
  });

  /*
   * Golden 2: 4×4 → 2×2 downscale. scale = 2, filterscale = 2, support = 2, weights w(x) = 1 − |(x − center + 0.5)/2|.
   *   out 0: center 1, taps [trunc(−0.5)=0, trunc(3.5)=3) → x=0: 1−|−0.25| = 0.75, x=1: 0.75, x=2: 1−0.75 = 0.25;
   *          sum 1.75 → [3/7, 3/7, 1/7] → fixed point trunc(0.5 + w·2^22) = [1797559, 1797559, 599186] (sum 2^22)
   *   out 1: center 3, taps [trunc(1.5)=1, min(trunc(5.5),4)=4) → x=1: 0.25, x=2: 0.75, x=3: 0.75 → [599186, 1797559, 1797559]
   * out = (2^21 + Σ p·k) >> 22. Rows [0,10,20,30], [40,50,60,70], [80,90,100,110], [120,130,140,250]:
   *   row 0: (2097152 + 10·1797559 + 20·599186) = 32056462 >> 22 = 7;   (2097152 + 10·599186 + 20·1797559 + 30·1797559) = 97966962 >> 22 = 23
   *   row 1: 199828622 >> 22 = 47;  265739122 >> 22 = 63
   *   row 2: 367600782 >> 22 = 87;  433511282 >> 22 = 103
   *   row 3: 535372942 >> 22 = 127; (2097152 + 130·599186 + 140·1797559 + 250·1797559) = 781039342 >> 22 = 186
   * Vertical on columns [7,47,87,127] and [23,63,103,186]:
   *   col 0: 151294520 >> 22 = 36 (exact 35.57), 414936520 >> 22 = 98 (exact 98.43)
   *   col 1: 218403384 >> 22 = 52, 559340421 >> 22 = 133
   * (Pillow 12.3.0 gives [[36, 52], [98, 133]].)
   */
  it('golden: 4×4 → 2×2 downscale, computed by hand', () => {
    const src = Uint8Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 250]);
    const k = bilinearCoefficients(4, 2);
    assert.deepEqual([...k.start], [0, 1]);
    assert.deepEqual([...k.count], [3, 3]);
    assert.deepEqual([...k.weights.slice(0, 3)], [1797559, 1797559, 599186]);
    assert.deepEqual([...k.weights.slice(k.ksize, k.ksize + 3)], [599186, 1797559, 1797559]);
    assert.deepEqual([...resizeBilinearU8(src, 4, 4, 2, 2)], [36, 52, 98, 133]);
  });

  /*
   * Golden 3: 2×2 → 4×4: scale 0.5; outputs use [1] on 0, [0.75, 0.25], [0.25, 0.75], [1] on 1.
   *   rows [0,255] → [0, 63.75 → 64, 191.25 → 191, 255]; [255,0] → [255, 191, 64, 0]
   *   row 1 = .75·r0 + .25·r1 = [63.75 → 64, 48+47.75 = 95.75 → 96, 143.25+16 = 159.25 → 159, 191.25 → 191]
   */
  it('golden: 2×2 → 4×4 upscale, computed by hand', () => {
    assert.deepEqual(
      [...resizeBilinearU8(Uint8Array.from([0, 255, 255, 0]), 2, 2, 4, 4)],
      [0, 64, 191, 255, 64, 96, 159, 191, 191, 159, 96, 64, 255, 191, 64, 0],
    );
  });

  /*
   * Golden 4: 28 → 32 (the tanh LeNet preprocessing). scale = 0.875, support 1, e.g.
   *   out 1: center 1.3125, taps [trunc(0.8125)=0, trunc(2.8125)=2) → 1−0.8125 = 0.1875, 1−0.1875 = 0.8125
   *   out 16: center 14.4375, taps [13, 15) → 0.0625, 0.9375
   *   out 31: center 27.5625, taps [27, 28) → [1]
   * On a row gradient p[x] = 9x: out1 = 0.8125·9 = 7.3125 → 7; out16 = 0.0625·117 + 0.9375·126 = 125.4375 → 125; out31 = 243.
   * Rows are constant along y, so every output row is the same. Full expected row from Pillow 12.3.0.
   */
  it('golden: 28×28 → 32×32 horizontal gradient', () => {
    const src = new Uint8Array(28 * 28);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) src[y * 28 + x] = 9 * x;
    const out = resizeBilinearU8(src, 28, 28, 32, 32);
    const row = [0, 7, 15, 23, 31, 39, 47, 55, 62, 70, 78, 86, 94, 102, 110, 118, 125, 133, 141, 149, 157, 165, 173, 181, 188, 196, 204, 212, 220, 228, 236, 243];
    for (let y = 0; y < 32; y++) assert.deepEqual([...out.subarray(y * 32, y * 32 + 32)], row, `row ${y}`);
    const k = bilinearCoefficients(28, 32);
    assert.deepEqual([k.weights[k.ksize], k.weights[k.ksize + 1]], [786432, 3407872]); // 0.1875·2^22, 0.8125·2^22
  });

  it('all 10,000 MNIST test images 28→32 match Pillow 12.3.0 byte for byte (sha256 of the output)', () => {
    const raw = gunzipSync(readFileSync(MNIST_IMAGES));
    const out = new Uint8Array(10000 * 1024);
    for (let i = 0; i < 10000; i++) {
      out.set(resizeBilinearU8(raw.subarray(16 + i * 784, 16 + (i + 1) * 784), 28, 28, 32, 32), i * 1024);
    }
    // Reference: np.stack([np.asarray(Image.fromarray(im, 'L').resize((32, 32), Image.BILINEAR)) for im in imgs]).tobytes()
    assert.equal(createHash('sha256').update(out).digest('hex'), '750966a83c3f66b21f310636df69984b116407e280d0e2fc2f606aa33c6749cc');
    assert.deepEqual([...out.subarray(8 * 32 + 8, 8 * 32 + 16)], [168, 154, 144, 94, 47, 23, 0, 0]);
  });

  it('bad arguments → UsageError / DatasetError', () => {
    throwsWith(() => resizeBilinearU8(new Uint8Array(4), 2, 2, 0, 3), UsageError, /output height must be a positive integer/);
    throwsWith(() => resizeBilinearU8(new Uint8Array(5), 2, 2, 3, 3), DatasetError, /image has 5 values, 2×2×1 needs 4/);
    throwsWith(() => resizeBilinearU8(Float64Array.from([0, 0.5, 1, 1]), 2, 2, 3, 3), DatasetError, /pixel value 0\.5 at index 1 is not an 8-bit integer/);
    throwsWith(() => resizeBilinearU8(Float64Array.from([0, 256, 1, 1]), 2, 2, 3, 3), DatasetError, /pixel value 256/);
  });
});
