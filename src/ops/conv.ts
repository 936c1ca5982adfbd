/**
 * Conv, 2-D, group=1 (other groups and 1-D/3-D convolutions are unsupported): pads, strides, dilations,
 * auto_pad NOTSET/VALID/SAME_UPPER/SAME_LOWER, optional bias. Implemented as im2col + matrix product, one
 * image at a time with reused buffers: with the WebAssembly SIMD kernel (ctx.simd) B = im2col[C·kh·kw, P] and
 * C = the image's output directly; without it, a register-blocked TypeScript product W × im2colᵀ. Both give
 * bit-identical results (same summation order).
 */
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrInt, attrInts, type NodeIR } from '../ir/graph.js';
import { matmulABt } from './kernels.js';
import type { MatmulWorkspace, WasmMatmul } from './wasm-matmul.js';
import { spatialGeometry, type SpatialGeometry } from './spatial.js';
import type { CheckContext, OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, shapeError, tensor, unsupportedError } from './util.js';

function unsupportedReason(node: NodeIR, weightRank: number | undefined): string | undefined {
  const group = attrInt(node, 'group', 1);
  if (group !== 1) return `group=${group} convolution is not supported (only group=1)`;
  const ks = attrInts(node, 'kernel_shape');
  const nd = ks && ks.length > 0 ? ks.length : weightRank !== undefined ? weightRank - 2 : 2;
  if (nd !== 2) return `${nd}-D convolution is not supported (only 2-D)`;
  return undefined;
}

interface ConvGeom extends SpatialGeometry { N: number; C: number; H: number; W: number; M: number }

function geometry(x: readonly number[], w: readonly number[], b: readonly number[] | undefined, node: NodeIR): ConvGeom {
  const reason = unsupportedReason(node, w.length);
  if (reason) throw unsupportedError(node, reason);
  if (x.length !== 4 || w.length !== 4) throw unsupportedError(node, `only 2-D convolution is supported (input ${formatDims(x)}, weight ${formatDims(w)})`);
  const [N, C, H, W] = x;
  const [M, Cw, kh, kw] = w;
  if (Cw !== C) throw shapeError(node, `weight ${formatDims(w)} expects ${Cw} input channels, input ${formatDims(x)} has ${C}`);
  const ks = attrInts(node, 'kernel_shape');
  if (ks && ks.length > 0 && (ks[0] !== kh || ks[1] !== kw)) throw shapeError(node, `kernel_shape [${ks.join(', ')}] does not match weight ${formatDims(w)}`);
  if (b && sizeOf(b) !== M) throw shapeError(node, `bias ${formatDims(b)} should have ${M} values`);
  const g = spatialGeometry(node, [H, W], [kh, kw], { ceil: false, dilations: true });
  return { ...g, N, C, H, W, M };
}

/** cols[p·K + (c·kh + i)·kw + j] = X[xOff + c·H·W + ih·W + iw] (0 outside the input), p = oh·OW + ow. */
function im2col(
  X: Float64Array, xOff: number, C: number, H: number, W: number, kh: number, kw: number,
  sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, OH: number, OW: number, cols: Float64Array,
): void {
  xOff |= 0; C |= 0; H |= 0; W |= 0; kh |= 0; kw |= 0; sh |= 0; sw |= 0; dh |= 0; dw |= 0; pt |= 0; pl |= 0; OH |= 0; OW |= 0;
  let q = 0;
  for (let oh = 0; oh < OH; oh++) {
    const ih0 = oh * sh - pt;
    for (let ow = 0; ow < OW; ow++) {
      const iw0 = ow * sw - pl;
      const inside = iw0 >= 0 && iw0 + (kw - 1) * dw < W;
      for (let c = 0; c < C; c++) {
        const xc = xOff + c * H * W;
        for (let i = 0; i < kh; i++) {
          const ih = ih0 + i * dh;
          if (ih < 0 || ih >= H) {
            for (let j = 0; j < kw; j++) cols[q++] = 0;
            continue;
          }
          const row = xc + ih * W + iw0;
          if (inside) {
            for (let j = 0; j < kw; j++) cols[q++] = X[row + j * dw];
          } else {
            for (let j = 0; j < kw; j++) {
              const iw = iw0 + j * dw;
              cols[q++] = iw >= 0 && iw < W ? X[row + j * dw] : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * The outputs ow ∈ [lo, hi) ⊆ [0, OW) whose input column iw = ow·sw + off lies inside [0, W) (hi = lo when there
 * are none): one kernel column's in-bounds run of an im2col row.
 */
function insideRun(off: number, sw: number, W: number, OW: number): { lo: number; hi: number } {
  const lo = Math.min(off >= 0 ? 0 : Math.floor((sw - 1 - off) / sw), OW);
  const hi = Math.min(W - 1 - off < 0 ? 0 : Math.floor((W - 1 - off) / sw) + 1, OW);
  return { lo, hi: Math.max(hi, lo) };
}

/**
 * The transposed im2col in TypeScript: B[r·ldb + oh·OW + ow] = X[xOff + c·H·W + ih·W + iw] (0 outside the input),
 * r = (c·kh + i)·kw + j. Rows are built as zeros | strided copy | zeros. (Used by the photonic simulator.)
 */
export function im2colRows(
  X: Float64Array, xOff: number, C: number, H: number, W: number, kh: number, kw: number,
  sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, OH: number, OW: number, B: Float64Array, ldb: number,
): void {
  xOff |= 0; C |= 0; H |= 0; W |= 0; kh |= 0; kw |= 0; sh |= 0; sw |= 0; dh |= 0; dw |= 0; pt |= 0; pl |= 0; OH |= 0; OW |= 0; ldb |= 0;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xOff + c * H * W;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, r++) {
        const off = j * dw - pl; // iw = ow·sw + off
        const { lo, hi } = insideRun(off, sw, W, OW);
        const rowBase = r * ldb;
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - pt + i * dh;
          const dst = rowBase + oh * OW;
          if (ih < 0 || ih >= H) {
            for (let ow = 0; ow < OW; ow++) B[dst + ow] = 0;
            continue;
          }
          const src = xc + ih * W + off;
          for (let ow = 0; ow < lo; ow++) B[dst + ow] = 0;
          if (sw === 1) for (let ow = lo; ow < hi; ow++) B[dst + ow] = X[src + ow];
          else for (let ow = lo; ow < hi; ow++) B[dst + ow] = X[src + ow * sw];
          for (let ow = hi; ow < OW; ow++) B[dst + ow] = 0;
        }
      }
    }
  }
}

/**
 * The in-bounds runs of the transposed im2col B[r·ldb + oh·OW + ow] = X[c·H·W + ih·W + iw], r = (c·kh + i)·kw + j,
 * as (dst, src, n) byte-address segments for the SIMD kernel's gather (source step sw·8 bytes). Returns the count.
 */
function im2colSegments(
  segs: Int32Array, bPtr: number, ldb: number, xPtr: number, C: number, H: number, W: number, kh: number, kw: number,
  sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, OH: number, OW: number,
): number {
  let r = 0, q = 0;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, r++) {
        const off = j * dw - pl; // iw = ow·sw + off
        const { lo, hi } = insideRun(off, sw, W, OW);
        if (hi === lo) continue;
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - pt + i * dh;
          if (ih < 0 || ih >= H) continue;
          segs[q++] = bPtr + (r * ldb + oh * OW + lo) * 8;
          segs[q++] = xPtr + (c * H * W + ih * W + off + lo * sw) * 8;
          segs[q++] = hi - lo;
        }
      }
    }
  }
  return q / 3;
}

/** Y[yOff + m·P + p] = src[m·lds + p]. */
function copyRows(src: Float64Array, lds: number, Y: Float64Array, yOff: number, M: number, P: number): void {
  if (lds === P) { Y.set(src.subarray(0, M * P), yOff); return; }
  for (let m = 0; m < M; m++) Y.set(src.subarray(m * lds, m * lds + P), yOff + m * P);
}

function tryPrepare(simd: WasmMatmul, M: number, N: number, K: number, xDoubles: number, segments: number): MatmulWorkspace | undefined {
  try {
    return simd.prepare(M, N, K, { xDoubles, segments });
  } catch {
    return undefined; // memory cannot grow this far: TypeScript path
  }
}

/** Y[off + m·P + p] += bias[m]. */
function addRowBias(Y: Float64Array, off: number, M: number, P: number, bias: Float64Array): void {
  off |= 0; M |= 0; P |= 0;
  for (let m = 0; m < M; m++) {
    const b = bias[m];
    const base = off + m * P;
    for (let p = 0; p < P; p++) Y[base + p] += b;
  }
}

export const conv: OpDefinition = {
  opType: 'Conv',
  domain: 'ai.onnx',
  hardware: 'optical-matrix',
  weightInputs: [1],
  check(node: NodeIR, ctx: CheckContext): string | undefined {
    return unsupportedReason(node, ctx.graph.initializers.get(node.inputs[1])?.dims.length);
  },
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    const g = geometry(x.dims, need(inputs, 1, node).dims, inputs[2]?.dims, node);
    return [{ dims: [g.N, g.M, ...g.out], dtype: x.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const x = need(inputs, 0, node);
    const w = need(inputs, 1, node);
    const bias = inputs[2]?.data;
    const g = geometry(x.dims, w.dims, inputs[2]?.dims, node);
    const { N, C, H, W, M } = g;
    const [kh, kw] = g.kernel;
    const [sh, sw] = g.strides;
    const [dh, dw] = g.dilations;
    const [pt, pl] = g.padBegin;
    const [OH, OW] = g.out;
    const P = OH * OW;
    const K = C * kh * kw;
    const Y = new Float64Array(N * M * P);
    const ws = ctx.simd && M * P * K >= 4096 ? tryPrepare(ctx.simd, M, P, K, C * H * W, K * OH) : undefined;
    if (ws) {
      // SIMD kernel: B = im2col in [K, P] layout (row (c, i, j), one column per output pixel), C = Y[n] directly.
      // The zeros of B (padding) are the same for every image: B is zeroed once and each image only copies
      // its in-bounds runs, precomputed as (dst, src, n) segments run by the kernel's `gather`.
      ws.a.set(w.data);
      ws.b.fill(0);
      const nSeg = im2colSegments(ws.segs, ws.bPtr, ws.Np, ws.xPtr, C, H, W, kh, kw, sh, sw, dh, dw, pt, pl, OH, OW);
      const img = C * H * W;
      for (let n = 0; n < N; n++) {
        ws.x.set(x.data.subarray(n * img, (n + 1) * img));
        ws.gather(nSeg, sw * 8);
        ws.run();
        copyRows(ws.c, ws.Np, Y, n * M * P, M, P);
        if (bias) addRowBias(Y, n * M * P, M, P, bias);
      }
      return [tensor(x.dtype, [N, M, OH, OW], Y)];
    }
    const cols = new Float64Array(P * K); // row p = the receptive field of output pixel p, in W's (c, i, j) order
    for (let n = 0; n < N; n++) {
      im2col(x.data, n * C * H * W, C, H, W, kh, kw, sh, sw, dh, dw, pt, pl, OH, OW, cols);
      matmulABt(w.data, 0, cols, 0, Y, n * M * P, M, P, K);
      if (bias) addRowBias(Y, n * M * P, M, P, bias);
    }
    return [tensor(x.dtype, [N, M, OH, OW], Y)];
  },
};
