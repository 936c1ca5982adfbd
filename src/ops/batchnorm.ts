/**
 * BatchNormalization, inference mode (opsets 1–17): Y = (X − mean) / sqrt(var + epsilon) · scale + B,
 * statistics per channel (axis 1). In opsets < 9 with spatial=0 the statistics have shape X.dims[1:]
 * (one per element of a sample). training_mode=1 (opset 14+) and training-mode outputs are unsupported.
 */
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrFloat, attrInt, type NodeIR } from '../ir/graph.js';
import type { CheckContext, OpContext, OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, shapeError, tensor, unsupportedError } from './util.js';

function unsupportedReason(node: NodeIR, ctx: OpContext): string | undefined {
  if (ctx.opset >= 14 && attrInt(node, 'training_mode', 0) !== 0) return 'training_mode=1 is not supported (inference only)';
  if (node.outputs.slice(1).some((o) => o !== '')) return 'training-mode outputs (running/saved mean and variance) are not supported';
  return undefined;
}

/** Elements per "statistics slot": C (per channel) or prod(dims[1:]) (spatial=0). */
function layout(x: readonly number[], params: (readonly number[])[], node: NodeIR): { outer: number; groups: number; inner: number } {
  if (x.length < 2) throw shapeError(node, `input ${formatDims(x)} needs rank >= 2 (N, C, ...)`);
  const C = x[1];
  const perSample = sizeOf(x.slice(1));
  const sizes = params.map(sizeOf);
  if (sizes.every((s) => s === C)) return { outer: x[0], groups: C, inner: sizeOf(x.slice(2)) };
  if (sizes.every((s) => s === perSample)) return { outer: x[0], groups: perSample, inner: 1 };
  throw shapeError(node, `statistics shapes ${params.map((p) => formatDims(p)).join(', ')} do not fit input ${formatDims(x)}`);
}

function batchNormKernel(
  X: Float64Array, Y: Float64Array, outer: number, groups: number, inner: number,
  scale: Float64Array, bias: Float64Array, mean: Float64Array, variance: Float64Array, eps: number,
): void {
  const a = new Float64Array(groups);
  for (let c = 0; c < groups; c++) a[c] = scale[c] / Math.sqrt(variance[c] + eps);
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < groups; c++) {
      const m = mean[c], s = a[c], b = bias[c];
      for (let j = 0; j < inner; j++, i++) Y[i] = (X[i] - m) * s + b;
    }
  }
}

export const batchNormalization: OpDefinition = {
  opType: 'BatchNormalization',
  domain: 'ai.onnx',
  hardware: 'electronic',
  check(node: NodeIR, ctx: CheckContext): string | undefined {
    return unsupportedReason(node, ctx);
  },
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
    const x = need(inputs, 0, node);
    layout(x.dims, [1, 2, 3, 4].map((i) => need(inputs, i, node).dims), node);
    return [{ dims: x.dims, dtype: x.dtype }];
  },
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] {
    const reason = unsupportedReason(node, ctx);
    if (reason) throw unsupportedError(node, reason);
    const x = need(inputs, 0, node);
    const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => need(inputs, i, node).data);
    const { outer, groups, inner } = layout(x.dims, [1, 2, 3, 4].map((i) => need(inputs, i, node).dims), node);
    const eps = attrFloat(node, 'epsilon', 1e-5);
    const Y = new Float64Array(x.data.length);
    batchNormKernel(x.data, Y, outer, groups, inner, scale, bias, mean, variance, eps);
    return [tensor(x.dtype, x.dims, Y)];
  },
};
