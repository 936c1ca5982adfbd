/**
 * Op definitions: the semantics of every supported ONNX operator, evaluated in float64.
 *
 * An OpDefinition knows how to run a node on concrete tensors (`run`), how to infer its output shapes
 * from input shapes (`inferShapes`, used by the planner before any data flows), which of its inputs must
 * be constant for photonic mapping (`weightInputs`) and, optionally, which attribute combinations it
 * cannot handle (`check`).
 */
import type { DType, Tensor } from '../core/tensor.js';
import type { GraphIR, NodeIR } from '../ir/graph.js';
import type { WasmMatmul } from './wasm-matmul.js';

/**
 * Where an op runs on the photonic chip (static default per op; the executor plan refines it per node):
 * - 'optical-matrix': a linear layer mapped onto MZI meshes (Gemm, MatMul, Conv);
 * - 'electronic': element-wise / nonlinear work done in electronics between optical stages;
 * - 'folded': computed at compile time or merged into neighbouring constants (bias adds, shape chains ...);
 * - 'layout': only reshuffles data (Reshape, Transpose, Concat ...).
 */
export type Hardware = 'optical-matrix' | 'electronic' | 'folded' | 'layout';

export interface OpContext {
  /** Opset version of the op's domain (ai.onnx) in the model. */
  readonly opset: number;
  /**
   * Optional WebAssembly SIMD matrix-product kernel owned by the caller (an Executor). Linear ops use it for
   * large products; results are bit-identical to the TypeScript kernels, which are used without it.
   */
  readonly simd?: WasmMatmul;
}

export interface CheckContext extends OpContext {
  /** The whole graph, for checks that need initializer shapes (e.g. the rank of a Conv weight). */
  readonly graph: GraphIR;
}

/** What the planner knows about a value: its concrete dims and dtype, and its data when it is constant. */
export interface TensorInfo {
  readonly dims: readonly number[];
  readonly dtype: DType;
  readonly value?: Tensor;
}

/** Type and concrete shape of one output. */
export interface ValueType {
  readonly dims: readonly number[];
  readonly dtype: DType;
}

export interface OpDefinition {
  readonly opType: string;
  /** 'ai.onnx' for every built-in op; other domains are keyed 'domain:OpType' in a registry (see opKey). */
  readonly domain: string;
  readonly hardware: Hardware;
  /** Indices of inputs that must be constant for photonic mapping (Gemm B, MatMul second operand, Conv W). */
  readonly weightInputs?: readonly number[];
  /**
   * Evaluates the node. `inputs` is aligned with node.inputs (undefined for omitted optional inputs).
   * Returns one tensor per node output, in order (trailing optional outputs may be omitted when the node
   * does not request them). Never mutates its inputs; outputs may share data with inputs (layout ops).
   */
  run(inputs: readonly (Tensor | undefined)[], node: NodeIR, ctx: OpContext): Tensor[];
  /** Output types from input types (and constant input values where shapes depend on them). */
  inferShapes(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): ValueType[];
  /** Returns a reason when the node's attributes are not supported, else undefined. */
  check?(node: NodeIR, ctx: CheckContext): string | undefined;
  /**
   * For ops whose outputs depend only on input shapes (Shape): the constant outputs, computed from shapes.
   * The planner folds such nodes even when their inputs are not constant.
   */
  foldFromShapes?(inputs: readonly (TensorInfo | undefined)[], node: NodeIR, ctx: OpContext): Tensor[] | undefined;
}
