/**
 * Pooling (electronic): MaxPool (optional Indices output), AveragePool (count_include_pad), GlobalAveragePool,
 * GlobalMaxPool. MaxPool/AveragePool handle 1-D and 2-D windows (3-D is unsupported) with pads, strides,
 * auto_pad, ceil_mode (opset 10+) and dilations (MaxPool 10+, AveragePool 19+).
 */
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrInt, attrInts, type NodeIR } from '../ir/graph.js';
import { ceilMode, spatialGeometry } from './spatial.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, shapeError, tensor, unsupportedError } from './util.js';

/** 2-D view of a 1-D or 2-D pooling problem. */
interface Pool2D {
  N: number; C: number; H: number; W: number;
  kh: number; kw: number; sh: number; sw: number; dh: number; dw: number;
  pt: number; pl: number; pb: number; pr: number;
  OH: number; OW: number;
  outDims: number[];
}

function kernelDims(node: NodeIR): readonly number[] {
  const ks = attrInts(node, 'kernel_shape');
  if (!ks || ks.length === 0) throw shapeError(node, `missing kernel_shape`);
  return ks;
}

function unsupportedReason(node: NodeIR): string | undefined {
  const ks = attrInts(node, 'kernel_shape');
  if (ks && ks.length !== 1 && ks.length !== 2) return `${ks.length}-D pooling is not supported (only 1-D and 2-D)`;
  if (node.opType === 'MaxPool' && attrInt(node, 'storage_order', 0) !== 0 && node.outputs[1]) return 'storage_order=1 Indices are not supported';
  return undefined;
}

function geometry(x: readonly number[], node: NodeIR, ctx: OpContext): Pool2D {
  const reason = unsupportedReason(node);
  if (reason) throw unsupportedError(node, reason);
  const ks = kernelDims(node);
  if (x.length !== ks.length + 2) throw shapeError(node, `input ${formatDims(x)} does not match a ${ks.length}-D kernel`);
  const dil = node.opType === 'MaxPool' ? ctx.opset >= 10 : ctx.opset >= 19;
  const g = spatialGeometry(node, x.slice(2), ks, { ceil: ceilMode(node, ctx.opset), dilations: dil });
  const [N, C] = x;
  if (ks.length === 1) {
    return {
      N, C, H: 1, W: x[2], kh: 1, kw: ks[0], sh: 1, sw: g.strides[0], dh: 1, dw: g.dilations[0],
      pt: 0, pl: g.padBegin[0], pb: 0, pr: g.padEnd[0], OH: 1, OW: g.out[0], outDims: [N, C, g.out[0]],
    };
  }
  return {
    N, C, H: x[2], W: x[3], kh: ks[0], kw: ks[1], sh: g.strides[0], sw: g.strides[1], dh: g.dilations[0], dw: g.dilations[1],
    pt: g.padBegin[0], pl: g.padBegin[1], pb: g.padEnd[0], pr: g.padEnd[1], OH: g.out[0], OW: g.out[1], outDims: [N, C, g.out[0], g.out[1]],
  };
}

/** Windows entirely inside the input (no padding, no overhang): no bounds tests. */
function maxPoolInside(X: Float64Array, Y: Float64Array, g: Pool2D): void {
  const H = g.H | 0, W = g.W | 0, kh = g.kh | 0, kw = g.kw | 0, sh = g.sh | 0, sw = g.sw | 0, dh = g.dh | 0, dw = g.dw | 0;
  const OH = g.OH | 0, OW = g.OW | 0;
  const planes = (g.N * g.C) | 0;
  let o = 0;
  for (let pIdx = 0; pIdx < planes; pIdx++) {
    const base = pIdx * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = base + oh * sh * W;
      for (let ow = 0; ow < OW; ow++, o++) {
        const w0 = r0 + ow * sw;
        let best = X[w0];
        for (let i = 0; i < kh; i++) {
          const row = w0 + i * dh * W;
          for (let j = 0; j < kw; j++) {
            const v = X[row + j * dw];
            if (v > best) best = v;
          }
        }
        Y[o] = best;
      }
    }
  }
}

function maxPoolKernel(X: Float64Array, Y: Float64Array, I: Float64Array | undefined, g: Pool2D): void {
  if (!I && g.pt === 0 && g.pl === 0 && (g.OH - 1) * g.sh + (g.kh - 1) * g.dh < g.H && (g.OW - 1) * g.sw + (g.kw - 1) * g.dw < g.W) {
    maxPoolInside(X, Y, g);
    return;
  }
  const H = g.H | 0, W = g.W | 0, kh = g.kh | 0, kw = g.kw | 0, sh = g.sh | 0, sw = g.sw | 0, dh = g.dh | 0, dw = g.dw | 0;
  const pt = g.pt | 0, pl = g.pl | 0, OH = g.OH | 0, OW = g.OW | 0;
  const planes = (g.N * g.C) | 0;
  let o = 0;
  for (let pIdx = 0; pIdx < planes; pIdx++) {
    const base = pIdx * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sh - pt;
      for (let ow = 0; ow < OW; ow++, o++) {
        const w0 = ow * sw - pl;
        let best = -Infinity, at = -1;
        for (let i = 0; i < kh; i++) {
          const h = h0 + i * dh;
          if (h < 0 || h >= H) continue;
          const row = base + h * W;
          for (let j = 0; j < kw; j++) {
            const w = w0 + j * dw;
            if (w < 0 || w >= W) continue;
            const v = X[row + w];
            if (v > best || at < 0) { best = v; at = row + w; }
          }
        }
        Y[o] = best;
        if (I) I[o] = at;
      }
    }
  }
}

/** Divisor: valid elements (count_include_pad=0) or window positions inside the padded input (=1). */
function averagePoolKernel(X: Float64Array, Y: Float64Array, g: Pool2D, includePad: boolean): void {
  const H = g.H | 0, W = g.W | 0, kh = g.kh | 0, kw = g.kw | 0, sh = g.sh | 0, sw = g.sw | 0, dh = g.dh | 0, dw = g.dw | 0;
  const pt = g.pt | 0, pl = g.pl | 0, pb = g.pb | 0, pr = g.pr | 0, OH = g.OH | 0, OW = g.OW | 0;
  const planes = (g.N * g.C) | 0;
  let o = 0;
  for (let pIdx = 0; pIdx < planes; pIdx++) {
    const base = pIdx * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sh - pt;
      for (let ow = 0; ow < OW; ow++, o++) {
        const w0 = ow * sw - pl;
        let sum = 0, count = 0, padded = 0;
        for (let i = 0; i < kh; i++) {
          const h = h0 + i * dh;
          if (h < -pt || h >= H + pb) continue; // outside the padded input (ceil_mode overhang)
          const hin = h >= 0 && h < H;
          for (let j = 0; j < kw; j++) {
            const w = w0 + j * dw;
            if (w < -pl || w >= W + pr) continue;
            padded++;
            if (hin && w >= 0 && w < W) { sum += X[base + h * W + w]; count++; }
          }
        }
        Y[o] = sum / (includePad ? padded : count);
      }
    }
  }
}

export const maxPool: OpDefinition = {
  opType: 'MaxPool',
  domain: 'ai.onnx',
  hardware: 'electronic',
  check: (node) => unsupportedReason(node),
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[] {
    const x = need(inputs, 0, node);
    const g = geometry(x.dims, node, ctx);
    const out: ValueType[] = [{ dims: g.outDims, dtype: x.dtype }];
    if (node.outputs.length > 1) out.push({ dims: g.outDims, dtype: 'int64' });
    return out;
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const x = need(inputs, 0, node);
    const g = geometry(x.dims, node, ctx);
    const Y = new Float64Array(g.N * g.C * g.OH * g.OW);
    const wantIdx = node.outputs.length > 1 && node.outputs[1] !== '';
    const I = wantIdx ? new Float64Array(Y.length) : undefined;
    maxPoolKernel(x.data, Y, I, g);
    const out = [tensor(x.dtype, g.outDims, Y)];
    if (I) out.push(tensor('int64', g.outDims, I));
    return out;
  },
};

export const averagePool: OpDefinition = {
  opType: 'AveragePool',
  domain: 'ai.onnx',
  hardware: 'electronic',
  check: (node) => unsupportedReason(node),
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[] {
    const x = need(inputs, 0, node);
    return [{ dims: geometry(x.dims, node, ctx).outDims, dtype: x.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const x = need(inputs, 0, node);
    const g = geometry(x.dims, node, ctx);
    const includePad = ctx.opset >= 7 && attrInt(node, 'count_include_pad', 0) !== 0;
    const Y = new Float64Array(g.N * g.C * g.OH * g.OW);
    averagePoolKernel(x.data, Y, g, includePad);
    return [tensor(x.dtype, g.outDims, Y)];
  },
};

function globalPool(opType: string, max: boolean): OpDefinition {
  const outDims = (x: readonly number[], node: NodeIR): number[] => {
    if (x.length < 3) throw shapeError(node, `input ${formatDims(x)} needs rank >= 3 (N, C, spatial...)`);
    return [x[0], x[1], ...new Array<number>(x.length - 2).fill(1)];
  };
  return {
    opType,
    domain: 'ai.onnx',
    hardware: 'electronic',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
      const x = need(inputs, 0, node);
      return [{ dims: outDims(x.dims, node), dtype: x.dtype }];
    },
    run(inputs: readonly (Tensor | undefined)[], node: NodeIR): Tensor[] {
      const x = need(inputs, 0, node);
      const dims = outDims(x.dims, node);
      const planes = x.dims[0] * x.dims[1];
      const S = sizeOf(x.dims.slice(2));
      const X = x.data;
      const Y = new Float64Array(planes);
      for (let p = 0; p < planes; p++) {
        const base = p * S;
        if (max) {
          let m = -Infinity;
          for (let i = 0; i < S; i++) if (X[base + i] > m) m = X[base + i];
          Y[p] = m;
        } else {
          let s = 0;
          for (let i = 0; i < S; i++) s += X[base + i];
          Y[p] = s / S;
        }
      }
      return [tensor(x.dtype, dims, Y)];
    },
  };
}

export const globalAveragePool = globalPool('GlobalAveragePool', false);
export const globalMaxPool = globalPool('GlobalMaxPool', true);
