/**
 * Conv, 2-D, group=1 (other groups and 1-D/3-D convolutions are unsupported): pads, strides, dilations,
 * auto_pad NOTSET/VALID/SAME_UPPER/SAME_LOWER, optional bias. Implemented as im2col (one image at a time,
 * one reused buffer) followed by a register-blocked matrix product W[M, C·kh·kw] × cols.
 */
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrInt, attrInts, type NodeIR } from '../ir/graph.js';
import { matmulABt } from './kernels.js';
import { spatialGeometry, type SpatialGeometry } from './spatial.js';
import type { CheckContext, OpDefinition, TensorInfo, ValueType } from './types.js';
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
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR): Tensor[] {
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
    const X = x.data;
    const Y = new Float64Array(N * M * P);
    const cols = new Float64Array(P * K); // row p = the receptive field of output pixel p, in W's (c, i, j) order
    for (let n = 0; n < N; n++) {
      const xn = n * C * H * W;
      let q = 0;
      for (let oh = 0; oh < OH; oh++) {
        const ih0 = oh * sh - pt;
        for (let ow = 0; ow < OW; ow++) {
          const iw0 = ow * sw - pl;
          for (let c = 0; c < C; c++) {
            const xc = xn + c * H * W;
            for (let i = 0; i < kh; i++) {
              const ih = ih0 + i * dh;
              if (ih < 0 || ih >= H) {
                for (let j = 0; j < kw; j++) cols[q++] = 0;
                continue;
              }
              const row = xc + ih * W;
              for (let j = 0; j < kw; j++) {
                const iw = iw0 + j * dw;
                cols[q++] = iw >= 0 && iw < W ? X[row + iw] : 0;
              }
            }
          }
        }
      }
      const yn = n * M * P;
      matmulABt(w.data, 0, cols, 0, Y, yn, M, P, K);
      if (bias) {
        for (let m = 0; m < M; m++) {
          const b = bias[m];
          const base = yn + m * P;
          for (let p = 0; p < P; p++) Y[base + p] += b;
        }
      }
    }
    return [tensor(x.dtype, [N, M, OH, OW], Y)];
  },
};
