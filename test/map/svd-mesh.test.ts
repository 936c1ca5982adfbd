import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zerosCMat } from '../../src/core/linalg/cmat.js';
import { gaussianRMat } from '../../src/core/linalg/haar.js';
import type { RMat } from '../../src/core/linalg/rmat.js';
import { maxAbsRMat, multiplyRMat, zerosRMat } from '../../src/core/linalg/rmat.js';
import { createRng } from '../../src/core/rng.js';
import type { SvdMesh } from '../../src/map/index.js';
import { decomposeSvd, reducedMziCount } from '../../src/map/index.js';
import { propagateMesh } from '../../src/sim/index.js';

const EPS = Number.EPSILON;
const SLACK = 100;

/** y = M_U · pad(σ ⊙ first_r(M_V · x)) for a batch X (n × B real); returns the m × B complex result. */
function runOptics(mapped: SvdMesh, x: RMat): { re: Float64Array; im: Float64Array } {
  const { rows: m, cols: n } = mapped;
  const B = x.cols;
  const r = mapped.singularValues.length;
  const xin = zerosCMat(n, B);
  xin.re.set(x.data);
  const mid = propagateMesh(mapped.inputMesh, xin);
  const att = zerosCMat(m, B);
  for (let i = 0; i < r; i++) {
    for (let b = 0; b < B; b++) {
      att.re[i * B + b] = mapped.singularValues[i] * mid.re[i * B + b];
      att.im[i * B + b] = mapped.singularValues[i] * mid.im[i * B + b];
    }
  }
  return propagateMesh(mapped.outputMesh, att);
}

function check(w: RMat, topology: 'clements' | 'reck' = 'clements'): SvdMesh {
  const rng = createRng(w.rows * 1000 + w.cols);
  const mapped = decomposeSvd(w, { topology });
  const x = gaussianRMat(w.cols, 5, rng);
  const y = runOptics(mapped, x);
  const ref = multiplyRMat(w, x);
  const scale = Math.max(maxAbsRMat(ref), 1);
  let err = 0;
  for (let k = 0; k < ref.data.length; k++) err = Math.max(err, Math.hypot(y.re[k] - ref.data[k], y.im[k]));
  assert.ok(err <= SLACK * EPS * Math.max(w.rows, w.cols) * scale, `${w.rows}×${w.cols}: ${err}`);
  return mapped;
}

describe('svd mapping of real weights', () => {
  const rng = createRng(99);
  for (const [m, n] of [[1, 1], [3, 3], [7, 4], [4, 7], [1, 6], [6, 1], [16, 16]] as const) {
    it(`W ${m}×${n}: optics reproduce W·x`, () => {
      check(gaussianRMat(m, n, rng));
      check(gaussianRMat(m, n, rng), 'reck');
    });
  }

  it('rank-deficient and zero weights', () => {
    check(multiplyRMat(gaussianRMat(9, 2, rng), gaussianRMat(2, 6, rng)));
    check(zerosRMat(3, 5));
  });

  it('400 → 120 layer: reduced meshes, MZI count far below two full meshes', () => {
    const w = gaussianRMat(120, 400, rng); // W[out, in]
    const mapped = check(w);
    assert.equal(mapped.inputMesh.N, 400);
    assert.equal(mapped.inputMesh.mzis.length, reducedMziCount(400, 120)); // 40 740
    assert.equal(mapped.outputMesh.mzis.length, (120 * 119) / 2); // 7 140, full Clements
    const total = mapped.inputMesh.mzis.length + mapped.outputMesh.mzis.length;
    assert.equal(total, 47880);
    assert.ok(total < 0.6 * ((400 * 399) / 2 + (120 * 119) / 2));
  });
});
