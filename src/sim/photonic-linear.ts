/**
 * The `photonic-foundry.PhotonicLinear` op: a linear layer run through a chip's optical layer.
 *
 * Activations are arranged as one optical pass per column (X: cols × P, P passes), every tile's detected
 * response R multiplies its slice of the inputs, tile outputs are summed electronically (Y: rows × P), then
 * the bias and Gemm's alpha/beta are applied electronically:
 *   conv    X = im2col(x) per image (P = N·H_out·W_out), y = Y + b[c]
 *   gemm    X = op(A)ᵀ (P = batch rows),                y = alpha·Yᵀ + beta·C
 *   matmul  X = A reshaped to rows of K, transposed,    y = Yᵀ
 */
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrFloat, attrInt, attrInts, attrString, type NodeIR } from '../ir/graph.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import { im2colRows } from '../ops/conv.js';
import { matmulInto, transpose2d } from '../ops/kernels.js';
import { spatialGeometry } from '../ops/spatial.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from '../ops/types.js';
import { need, shapeError } from '../ops/util.js';
import type { ChipLayer, PhotonicChip } from './chip.js';

/** Y (rows × P) = Σ_tiles R_t · X[colStart_t …, :] placed at rows rowStart_t. */
export function applyChipLayer(layer: ChipLayer, x: Float64Array, passes: number, ctx: OpContext): Float64Array {
  const y = new Float64Array(layer.rows * passes);
  const single = layer.tiles.length === 1;
  let tmp: Float64Array | undefined;
  for (const t of layer.tiles) {
    const xs = x.subarray(t.colStart * passes, (t.colStart + t.cols) * passes);
    if (single) {
      matmulInto(ctx.simd, t.readout, 0, xs, 0, false, y, t.rowStart * passes, t.rows, passes, t.cols);
      continue;
    }
    tmp = tmp && tmp.length >= t.rows * passes ? tmp : new Float64Array(t.rows * passes);
    matmulInto(ctx.simd, t.readout, 0, xs, 0, false, tmp, 0, t.rows, passes, t.cols);
    const base = t.rowStart * passes;
    const n = t.rows * passes;
    for (let i = 0; i < n; i++) y[base + i] += tmp[i];
  }
  return y;
}

interface ConvGeometry {
  N: number; C: number; H: number; W: number; kh: number; kw: number; OH: number; OW: number;
  sh: number; sw: number; dh: number; dw: number; pt: number; pl: number;
}

function convGeometry(x: readonly number[], node: NodeIR, cols: number): ConvGeometry {
  const ks = attrInts(node, 'kernel_shape');
  if (x.length !== 4 || !ks || ks.length !== 2) throw shapeError(node, `expects a 4-D input and a 2-D kernel_shape, got ${formatDims(x)}`);
  const [N, C, H, W] = x;
  if (C * ks[0] * ks[1] !== cols) throw shapeError(node, `input ${formatDims(x)} has ${C} channels; the optical layer expects ${cols / (ks[0] * ks[1])}`);
  const g = spatialGeometry(node, [H, W], ks, { ceil: false, dilations: true });
  return {
    N, C, H, W, kh: ks[0], kw: ks[1], OH: g.out[0], OW: g.out[1],
    sh: g.strides[0], sw: g.strides[1], dh: g.dilations[0], dw: g.dilations[1], pt: g.padBegin[0], pl: g.padBegin[1],
  };
}

function runConv(x: Tensor, bias: Tensor | undefined, node: NodeIR, layer: ChipLayer, ctx: OpContext): Tensor {
  const g = convGeometry(x.dims, node, layer.cols);
  const P = g.OH * g.OW;
  const NP = g.N * P;
  const cols = new Float64Array(layer.cols * NP);
  for (let n = 0; n < g.N; n++) {
    im2colRows(x.data, n * g.C * g.H * g.W, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.pt, g.pl, g.OH, g.OW, cols.subarray(n * P), NP);
  }
  const y = applyChipLayer(layer, cols, NP, ctx); // rows × (N·P)
  const M = layer.rows;
  const out = new Float64Array(g.N * M * P);
  for (let m = 0; m < M; m++) {
    const b = bias ? bias.data[m] : 0;
    for (let n = 0; n < g.N; n++) {
      const src = m * NP + n * P;
      const dst = (n * M + m) * P;
      for (let p = 0; p < P; p++) out[dst + p] = y[src + p] + b;
    }
  }
  return { dtype: x.dtype, dims: [g.N, M, g.OH, g.OW], data: out };
}

/** Rows of activations (R × K, row-major) → photonic outputs (R × rows, row-major). */
function runRows(a: Float64Array, R: number, layer: ChipLayer, ctx: OpContext): Float64Array {
  const xt = transpose2d(a, 0, R, layer.cols); // K × R
  const y = applyChipLayer(layer, xt, R, ctx); // rows × R
  return transpose2d(y, 0, layer.rows, R);
}

function runGemm(a: Tensor, c: Tensor | undefined, node: NodeIR, layer: ChipLayer, ctx: OpContext): Tensor {
  if (a.dims.length !== 2) throw shapeError(node, `Gemm needs a 2-D input, got ${formatDims(a.dims)}`);
  const transA = attrInt(node, 'transA', 0) !== 0;
  const [R, K] = transA ? [a.dims[1], a.dims[0]] : [a.dims[0], a.dims[1]];
  if (K !== layer.cols) throw shapeError(node, `input ${formatDims(a.dims)} has ${K} features; the optical layer expects ${layer.cols}`);
  const rowsA = transA ? transpose2d(a.data, 0, K, R) : a.data;
  const y = runRows(rowsA, R, layer, ctx);
  const alpha = attrFloat(node, 'alpha', 1);
  const beta = attrFloat(node, 'beta', 1);
  const N = layer.rows;
  if (alpha !== 1) for (let i = 0; i < y.length; i++) y[i] *= alpha;
  if (c && beta !== 0) {
    // C broadcasts unidirectionally to [R, N]
    const cd = c.dims;
    const cm = cd.length === 2 ? cd[0] : 1;
    const cn = cd.length >= 1 ? cd[cd.length - 1] : 1;
    if (cd.length > 2 || (cm !== 1 && cm !== R) || (cn !== 1 && cn !== N)) throw shapeError(node, `C ${formatDims(cd)} cannot be broadcast to [${R}, ${N}]`);
    for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) y[r * N + n] += beta * c.data[(cm === 1 ? 0 : r) * cn + (cn === 1 ? 0 : n)];
  }
  return { dtype: a.dtype, dims: [R, N], data: y };
}

function runMatMul(a: Tensor, node: NodeIR, layer: ChipLayer, ctx: OpContext): Tensor {
  const K = a.dims[a.dims.length - 1];
  if (K !== layer.cols) throw shapeError(node, `input ${formatDims(a.dims)} has ${K} features; the optical layer expects ${layer.cols}`);
  const R = sizeOf(a.dims) / K;
  const lead = a.dims.length === 1 ? [] : a.dims.slice(0, -1);
  return { dtype: a.dtype, dims: [...lead, layer.rows], data: runRows(a.data, R, layer, ctx) };
}

function outputDims(x: readonly number[], node: NodeIR, rows: number, cols: number): number[] {
  const kind = attrString(node, 'linear_kind', '');
  if (kind === 'conv') {
    const g = convGeometry(x, node, cols);
    return [g.N, rows, g.OH, g.OW];
  }
  if (kind === 'gemm') return [attrInt(node, 'transA', 0) !== 0 ? x[1] : x[0], rows];
  return [...(x.length === 1 ? [] : x.slice(0, -1)), rows];
}

/** The PhotonicLinear op of one chip: a registry entry for the executor (see sim/circuit-runner.ts). */
export function photonicLinearOp(circuit: CircuitIR, chip: PhotonicChip): OpDefinition {
  const layerOf = (node: NodeIR): ChipLayer => {
    const l = attrInt(node, 'layer', -1);
    const layer = chip.layers[l];
    if (!layer || !circuit.layers[l]) throw shapeError(node, `refers to optical layer ${l}, which the circuit does not have`);
    return layer;
  };
  return {
    opType: PHOTONIC_LINEAR_OP,
    domain: PHOTONIC_DOMAIN,
    hardware: 'optical-matrix',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
      const x = need(inputs, 0, node);
      const layer = layerOf(node);
      return [{ dims: outputDims(x.dims, node, layer.rows, layer.cols), dtype: x.dtype }];
    },
    run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
      const x = need(inputs, 0, node);
      const layer = layerOf(node);
      const kind = attrString(node, 'linear_kind', '');
      if (kind === 'conv') return [runConv(x, inputs[1], node, layer, ctx)];
      if (kind === 'gemm') return [runGemm(x, inputs[1], node, layer, ctx)];
      return [runMatMul(x, node, layer, ctx)];
    },
  };
}
