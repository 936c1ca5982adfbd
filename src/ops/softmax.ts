/**
 * Softmax and LogSoftmax.
 * Before opset 13 the input is coerced to 2-D [prod(dims[:axis]), prod(dims[axis:])] (axis default 1) and
 * normalised over the second dim; from opset 13 the op normalises along one axis (default -1).
 */
import { sizeOf, type Tensor } from '../core/tensor.js';
import { attrInt, type NodeIR } from '../ir/graph.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, normAxis, tensor } from './util.js';

function layout(dims: readonly number[], node: NodeIR, ctx: OpContext): { outer: number; len: number; inner: number } {
  const r = dims.length;
  if (r === 0) return { outer: 1, len: 1, inner: 1 };
  if (ctx.opset < 13) {
    const axis = normAxis(attrInt(node, 'axis', 1), r, node);
    return { outer: sizeOf(dims.slice(0, axis)), len: sizeOf(dims.slice(axis)), inner: 1 };
  }
  const axis = normAxis(attrInt(node, 'axis', -1), r, node);
  return { outer: sizeOf(dims.slice(0, axis)), len: dims[axis], inner: sizeOf(dims.slice(axis + 1)) };
}

function softmaxKernel(x: Float64Array, y: Float64Array, outer: number, len: number, inner: number, log: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let max = -Infinity;
      for (let j = 0; j < len; j++) { const v = x[base + j * inner]; if (v > max) max = v; }
      let sum = 0;
      for (let j = 0; j < len; j++) sum += Math.exp(x[base + j * inner] - max);
      if (log) {
        const ls = Math.log(sum);
        for (let j = 0; j < len; j++) y[base + j * inner] = x[base + j * inner] - max - ls;
      } else {
        for (let j = 0; j < len; j++) y[base + j * inner] = Math.exp(x[base + j * inner] - max) / sum;
      }
    }
  }
}

function make(opType: string, log: boolean): OpDefinition {
  return {
    opType,
    domain: 'ai.onnx',
    hardware: 'electronic',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[] {
      const x = need(inputs, 0, node);
      layout(x.dims, node, ctx);
      return [{ dims: x.dims, dtype: x.dtype }];
    },
    run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
      const x = need(inputs, 0, node);
      const { outer, len, inner } = layout(x.dims, node, ctx);
      const y = new Float64Array(x.data.length);
      softmaxKernel(x.data, y, outer, len, inner, log);
      return [tensor(x.dtype, x.dims, y)];
    },
  };
}

export const softmax = make('Softmax', false);
export const logSoftmax = make('LogSoftmax', true);
