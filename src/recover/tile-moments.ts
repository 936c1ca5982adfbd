/**
 * Second moments of every tile's inputs over the calibration set (for the data-weighted phase fine-tuning,
 * phase-finetune.ts): C_t = E[x̂ x̂ᵀ] (cols × cols) with x̂ = x/‖x‖∞ the tile's slice of one optical pass as the
 * optics see it (sim/noise/detection.ts: each tile's slice is sent normalised to its own ‖x‖∞), the mean taken
 * over every pass of the calibration samples (dark passes, x = 0, count with x̂ = 0).
 *
 * The inputs are those of the IDEAL chip: the circuit's graph runs on the executor with the ideal chip's ops and
 * every PhotonicLinear node's input tensor is captured (Executor `override`, returning undefined so the op itself
 * still runs); conv inputs go through the op's im2col (ops/conv.ts im2colRows), Gemm inputs are op(A)ᵀ, MatMul
 * inputs their rows. Tiles that share a column block share one matrix. The result depends only on the circuit and
 * the calibration set (not on the chip), so it is computed once per (circuit, set) and cached.
 */
import { InvalidInputError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { Executor } from '../exec/index.js';
import { attrInt, attrInts, attrString, type NodeIR } from '../ir/graph.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import { im2colRows } from '../ops/conv.js';
import { spatialGeometry } from '../ops/spatial.js';
import type { PhotonicChip } from '../sim/chip.js';
import { chipOps } from '../sim/circuit-runner.js';
import { batchInput, type SampleSet } from '../sim/noise/chip-run.js';

/** [layer][tile]: E[x̂ x̂ᵀ] of the tile's inputs, cols × cols row-major (symmetric). */
export type TileMoments = readonly (readonly Float64Array[])[];

const cache = new WeakMap<SampleSet, WeakMap<CircuitIR, TileMoments>>();

/** Column blocks [start, start + size) of a layer's tiles, deduplicated; per tile the index of its block. */
function blocksOf(circuit: CircuitIR, l: number): { starts: number[]; sizes: number[]; tileBlock: number[] } {
  const starts: number[] = [];
  const sizes: number[] = [];
  const key = new Map<string, number>();
  const tileBlock = circuit.layers[l].tiles.map((t) => {
    const k = `${t.colStart}/${t.cols}`;
    let b = key.get(k);
    if (b === undefined) {
      b = starts.length;
      key.set(k, b);
      starts.push(t.colStart);
      sizes.push(t.cols);
    }
    return b;
  });
  return { starts, sizes, tileBlock };
}

/** Adds Σ x̂ x̂ᵀ (upper triangle) of the passes X (cols × P, row-major) to each block's sums. */
function accumulate(x: Float64Array, P: number, starts: number[], sizes: number[], sums: Float64Array[], col: Float64Array): void {
  for (let b = 0; b < starts.length; b++) {
    const c0 = starts[b];
    const n = sizes[b];
    const s = sums[b];
    for (let p = 0; p < P; p++) {
      let m = 0;
      for (let j = 0; j < n; j++) {
        const v = x[(c0 + j) * P + p];
        col[j] = v;
        const a = v < 0 ? -v : v;
        if (a > m) m = a;
      }
      if (m === 0) continue;
      const inv = 1 / m;
      for (let j = 0; j < n; j++) col[j] *= inv;
      for (let i = 0; i < n; i++) {
        const ci = col[i];
        if (ci === 0) continue;
        const row = i * n;
        for (let j = i; j < n; j++) s[row + j] += ci * col[j];
      }
    }
  }
}

/**
 * Calls `use(X, P)` with the passes (X: cols × P, row-major) of the first `samples` samples of a PhotonicLinear
 * node's input — a conv image by image (its im2col), Gemm/MatMul at once.
 */
function forEachPasses(x: Tensor, node: NodeIR, cols: number, samples: number, use: (data: Float64Array, passes: number) => void): void {
  const kind = attrString(node, 'linear_kind', '');
  if (kind === 'conv') {
    const ks = attrInts(node, 'kernel_shape');
    if (x.dims.length !== 4 || !ks || ks.length !== 2) throw new InvalidInputError(`${node.name}: expects a 4-D input and a 2-D kernel_shape`);
    const [, C, H, W] = x.dims;
    const g = spatialGeometry(node, [H, W], ks, { ceil: false, dilations: true });
    const [OH, OW] = g.out;
    const P = OH * OW;
    const buf = new Float64Array(cols * P);
    for (let n = 0; n < samples; n++) {
      im2colRows(x.data, n * C * H * W, C, H, W, ks[0], ks[1], g.strides[0], g.strides[1], g.dilations[0], g.dilations[1], g.padBegin[0], g.padBegin[1], OH, OW, buf, P);
      use(buf, P);
    }
    return;
  }
  const { data, passes } = rowPasses(x, kind, attrInt(node, 'transA', 0) !== 0, cols, samples);
  use(data, passes);
}

/** Gemm / MatMul passes (cols × P) of the first `samples` samples. */
function rowPasses(x: Tensor, kind: string, transA: boolean, cols: number, samples: number): { data: Float64Array; passes: number } {
  // gemm: the rows of op(A) are the passes (one per sample); matmul: the input's rows of `cols` (per sample: the
  // rows of one leading index)
  if (kind === 'gemm' && transA) {
    const Rt = x.dims[1];
    const R = Math.min(Rt, samples);
    const out = new Float64Array(cols * R); // A is cols × Rt, i.e. X already
    for (let c = 0; c < cols; c++) out.set(x.data.subarray(c * Rt, c * Rt + R), c * R);
    return { data: out, passes: R };
  }
  const total = x.data.length / cols;
  const perSample = kind === 'gemm' || x.dims.length <= 1 ? 1 : total / x.dims[0];
  const R = x.dims.length <= 1 ? total : Math.min(total, samples * perSample);
  const out = new Float64Array(cols * R);
  for (let r = 0; r < R; r++) for (let c = 0; c < cols; c++) out[c * R + r] = x.data[r * cols + c];
  return { data: out, passes: R };
}

/** E[x̂ x̂ᵀ] of every tile's inputs on the ideal chip over `set` (cached per (circuit, set)). */
export function tileMoments(circuit: CircuitIR, idealChip: PhotonicChip, set: SampleSet): TileMoments {
  let byCircuit = cache.get(set);
  const hit = byCircuit?.get(circuit);
  if (hit) return hit;
  const L = circuit.layers.length;
  const blocks = circuit.layers.map((_, l) => blocksOf(circuit, l));
  const sums = blocks.map((b) => b.sizes.map((n) => new Float64Array(n * n)));
  const count = new Float64Array(L);
  const maxCols = Math.max(1, ...circuit.layers.map((l) => l.matrix.cols));
  const col = new Float64Array(maxCols);
  const executor = new Executor(circuit.graph, chipOps(circuit, idealChip));
  for (const batch of set.batches) {
    executor.run(
      { [set.inputName]: batchInput(set, batch) },
      {
        chunkSize: 0,
        override: (step, inputs) => {
          const node = step.node;
          if (node.opType !== PHOTONIC_LINEAR_OP || node.domain !== PHOTONIC_DOMAIN || !inputs[0]) return undefined;
          const l = attrInt(node, 'layer', -1);
          if (!(l >= 0 && l < L)) return undefined;
          forEachPasses(inputs[0], node, circuit.layers[l].matrix.cols, batch.real, (data, passes) => {
            accumulate(data, passes, blocks[l].starts, blocks[l].sizes, sums[l], col);
            count[l] += passes;
          });
          return undefined;
        },
      },
    );
  }
  const moments: TileMoments = circuit.layers.map((_, l) => {
    const full = sums[l].map((s, b) => {
      const n = blocks[l].sizes[b];
      const c = new Float64Array(n * n);
      const inv = count[l] > 0 ? 1 / count[l] : 0;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const v = s[i * n + j] * inv;
          c[i * n + j] = v;
          c[j * n + i] = v;
        }
      }
      return c;
    });
    return blocks[l].tileBlock.map((b) => full[b]);
  });
  if (!byCircuit) {
    byCircuit = new WeakMap();
    cache.set(set, byCircuit);
  }
  byCircuit.set(circuit, moments);
  return moments;
}
