/** Element-wise nonlinearities done in electronics between optical stages: Relu, LeakyRelu, Sigmoid, Tanh. */
import type { Tensor } from '../core/tensor.js';
import { attrFloat, type NodeIR } from '../ir/graph.js';
import type { OpDefinition, TensorInfo, ValueType } from './types.js';
import { need, tensor } from './util.js';

function unary(opType: string, kernel: (x: Float64Array, y: Float64Array, node: NodeIR) => void): OpDefinition {
  return {
    opType,
    domain: 'ai.onnx',
    hardware: 'electronic',
    inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR): ValueType[] {
      const x = need(inputs, 0, node);
      return [{ dims: x.dims, dtype: x.dtype }];
    },
    run(inputs: readonly (Tensor | undefined)[], node: NodeIR): Tensor[] {
      const x = need(inputs, 0, node);
      const y = new Float64Array(x.data.length);
      kernel(x.data, y, node);
      return [tensor(x.dtype, x.dims, y)];
    },
  };
}

/** Branch-free max(v, 0) (v·[v>0] + 0: exact, NaN propagates); −∞ (which would give NaN) is redone exactly. */
function reluKernel(x: Float64Array, y: Float64Array): void {
  const n = x.length | 0;
  let negInf = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    y[i] = v * +(v > 0) + 0;
    negInf |= +(v === -Infinity);
  }
  if (negInf) for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v > 0 ? v : v === v ? 0 : v; }
}

export const relu = unary('Relu', reluKernel);

export const leakyRelu = unary('LeakyRelu', (x, y, node) => {
  const alpha = attrFloat(node, 'alpha', 0.01);
  for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v >= 0 ? v : alpha * v; }
});

export const sigmoid = unary('Sigmoid', (x, y) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
    else { const e = Math.exp(v); y[i] = e / (1 + e); }
  }
});

export const tanh = unary('Tanh', (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]);
});
