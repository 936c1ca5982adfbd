/**
 * The real matrix W[out, in] that an optical-matrix node applies, from its constant weight:
 *   Gemm    W = op(B)ᵀ            (N × K; y_row = alpha·W·a_row + beta·C)
 *   MatMul  W = Bᵀ for a 2-D B    (N × K; every row of the activations is one optical pass)
 *   Conv    W = reshape(W, C_out × C_in·kH·kW), rows ordered like the im2col rows (c·kH + i)·kW + j
 */
import { UnsupportedOpError } from '../core/errors.js';
import type { RMat } from '../core/linalg/rmat.js';
import { formatDims, type Tensor } from '../core/tensor.js';
import { attrInt, type NodeIR } from '../ir/graph.js';
import type { LinearKind } from '../ir/circuit.js';

export interface LinearMatrix {
  readonly kind: LinearKind;
  readonly matrix: RMat;
}

function unsupported(node: NodeIR, reason: string): UnsupportedOpError {
  return new UnsupportedOpError([{ name: node.name, opType: node.opType, domain: node.domain, reason }], { stage: 'map' });
}

export function linearMatrixOf(node: NodeIR, weight: Tensor): LinearMatrix {
  const d = weight.dims;
  const w = weight.data;
  if (node.opType === 'Conv') {
    if (d.length !== 4) throw unsupported(node, `only a 4-D Conv weight can be mapped (got ${formatDims(d)})`);
    const rows = d[0];
    const cols = d[1] * d[2] * d[3];
    return { kind: 'conv', matrix: { rows, cols, data: Float64Array.from(w) } };
  }
  if (d.length !== 2) throw unsupported(node, `only a 2-D constant weight can be mapped onto a mesh (got ${formatDims(d)})`);
  const transposed = node.opType === 'Gemm' && attrInt(node, 'transB', 0) !== 0;
  const [K, N] = transposed ? [d[1], d[0]] : [d[0], d[1]];
  const data = new Float64Array(N * K);
  if (transposed) data.set(w);
  else for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) data[n * K + k] = w[k * N + n];
  return { kind: node.opType === 'Gemm' ? 'gemm' : 'matmul', matrix: { rows: N, cols: K, data } };
}
