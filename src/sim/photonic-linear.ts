/**
 * The `photonic-foundry.PhotonicLinear` op: a linear layer run through a chip's optical layer.
 *
 * Activations are arranged as one optical pass per column (X: cols × P, P passes), every tile's detected
 * response R multiplies its slice of the inputs, tile outputs are summed electronically (Y: rows × P), then
 * the bias and Gemm's alpha/beta are applied electronically:
 *   conv    X = im2col(x) per image (P = N·H_out·W_out), y = Y + b[c]
 *   gemm    X = op(A)ᵀ (P = batch rows),                y = alpha·Yᵀ + beta·C
 *   matmul  X = A reshaped to rows of K, transposed,    y = Yᵀ
 *
 * Passes are sample-major (batch row s owns a contiguous run of columns). With a noise binding
 * (PhotonicLinearBinding.detection) each layer's tiles are read through the noisy detection path of
 * sim/noise/detection.ts; without one, Y = Σ_tiles R_t·X exactly (the ideal chip). The binding may also carry an
 * ideal reference chip, to measure each layer's relative error on the same inputs.
 *
 * Fast path (noisy conv on the native kernel, no error tally for the batch, no electronic correction): the
 * detection writes every image's rows straight into the op's N × C_out × positions output and adds the bias
 * there (detection.ts detectLayerInto) — the same values as Y + b[c] above, without the rows × passes matrix.
 * With PhotonicLinearBinding.reuse, output buffers are kept from one call to the next.
 */
import { InvalidInputError } from '../core/errors.js';
import { formatDims, sizeOf, type Tensor } from '../core/tensor.js';
import { attrFloat, attrInt, attrInts, attrString, type NodeIR } from '../ir/graph.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import { im2colRows } from '../ops/conv.js';
import { matmulInto, transpose2d } from '../ops/kernels.js';
import { spatialGeometry } from '../ops/spatial.js';
import type { OpContext, OpDefinition, TensorInfo, ValueType } from '../ops/types.js';
import { need, shapeError } from '../ops/util.js';
import type { ChipLayer, PhotonicChip } from './chip.js';
import type { NativeDetector } from './noise/detect-native.js';
import type { DetectKernel } from './noise/detect-simd.js';
import {
  detectLayer, detectLayerInto, isDetectionActive, passesPerStream, type DetectionBatch, type Im2colPlan, type LayerDetection, type PassSource,
} from './noise/detection.js';

/** Per-layer error accumulators: Σ‖Y − Y_ideal‖² and Σ‖Y_ideal‖² over the measured passes. */
export interface LayerErrorSums {
  readonly sqErr: Float64Array;
  readonly sqRef: Float64Array;
}

/** An ideal chip to compare each optical layer's output with, on the first samples of the run. */
export interface ReferenceBinding {
  readonly chip: PhotonicChip;
  /** Samples (global index) below this are measured. */
  readonly limitSamples: number;
  readonly sums: LayerErrorSums;
  /**
   * Also accumulate, for optical layer `layer`, per output row i: [Σy, Σr, Σy², Σy·r, count] (y the chip's
   * output, r the ideal chip's on the same input) at sums[5·i …] — the normal equations of a per-channel affine
   * fit (src/recover/finetune.ts).
   */
  readonly fit?: { readonly layer: number; readonly sums: Float64Array };
}

/**
 * A batch run as several smaller ones whose error tally must come out as if it had been run whole: each call
 * keeps its measured outputs (chip and ideal) at their place in the batch, and finishDeferredErrors sums them in
 * the whole batch's order (row by row over all its measured passes). Not with ReferenceBinding.fit.
 */
export interface DeferredErrors {
  /** First sample and samples of the whole batch. */
  readonly start: number;
  readonly rows: number;
  /** Per optical layer: measured passes of the whole batch, chip and ideal outputs (rows × total). */
  readonly layers: Map<number, { readonly total: number; readonly rows: number; readonly y: Float64Array; readonly ideal: Float64Array }>;
}

/** The noisy readout of a chip (per layer; absent layers read ideally) and the batch being run. */
export interface DetectionBinding {
  readonly layers: readonly (LayerDetection | undefined)[];
  batch: DetectionBatch;
  /** WebAssembly SIMD kernels for the detection loops (null: TypeScript loops). */
  readonly kernel: DetectKernel | null;
  /** Native kernel for the detection (preferred over `kernel` where it applies; absent or null: none). */
  readonly native?: NativeDetector | null;
}

/**
 * What the PhotonicLinear op of one runner reads. Mutable between batches (never during one): a runner may swap
 * the chip (e.g. recomposed after phase drift) and sets the batch's noise streams and first sample.
 */
export interface PhotonicLinearBinding {
  chip: PhotonicChip;
  detection?: DetectionBinding;
  reference?: ReferenceBinding;
  /** Global index of the batch's first sample (for `reference`). */
  sampleStart: number;
  /** When set, `reference`'s tally is deferred to the end of an enclosing batch (see DeferredErrors). */
  deferred?: DeferredErrors | null;
  /** Rows of the batch tensor. */
  batchRows: number;
  /**
   * Output buffers kept per node and reused by the next call of the same node (convolutions' outputs on the
   * noisy path), so a run in many small batches does not allocate (and garbage-collect) them again and again.
   * Only for callers that are done with a run's outputs before starting the next one (sim/noise/chip-run.ts
   * copies them at once); absent: every call allocates. Keys: the conv node (its output), or the optical layer
   * index (the layer's rows × passes detection, a temporary the op reshapes into its output).
   */
  reuse?: Map<NodeIR | number, Float64Array>;
}

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

/**
 * The inputs of one optical layer's passes: chunk by chunk for the noisy path (PassSource.fill), or whole
 * (cols × passes) for the ideal product.
 */
interface LayerInput extends PassSource {
  materialize(): Float64Array;
}

/**
 * Applies one optical layer to its passes: the ideal R·X or the noisy detection, plus the error tally. `into`
 * (convolutions) writes the noisy detection of every image straight into the op's N × rows × P output when
 * nothing else needs the rows × passes matrix (no error tally for this batch, no electronic correction) and
 * the native kernel can run it; it returns false otherwise.
 */
type LayerApply = ((input: LayerInput) => Float64Array) & {
  into?: (input: LayerInput, out: Float64Array, P: number, bias: Float64Array) => boolean;
};

/** Passes per chunk of the ideal reference in accumulateError (whole samples). */
const ERROR_CHUNK_PASSES = 4096;

function accumulateError(binding: PhotonicLinearBinding, l: number, input: LayerInput, y: Float64Array, ctx: OpContext): void {
  const ref = binding.reference!;
  const passes = input.passes;
  const perRow = passesPerStream(passes, binding.batchRows);
  const measuredRows = Math.max(0, Math.min(passes / perRow, ref.limitSamples - binding.sampleStart));
  const m = measuredRows * perRow;
  if (m === 0) return;
  const layer = ref.chip.layers[l];
  // the ideal chip's outputs, computed a few samples at a time (a conv layer's whole im2col would be large); each
  // output is a sum over the layer's columns only, so it does not depend on how the passes are grouped
  const ideal = new Float64Array(layer.rows * m);
  const step = Math.max(1, Math.floor(ERROR_CHUNK_PASSES / perRow)) * perRow;
  const xs = new Float64Array(layer.cols * Math.min(m, step));
  for (let c0 = 0; c0 < m; c0 += step) {
    const mc = Math.min(step, m - c0);
    input.fill(c0, mc, xs);
    const part = applyChipLayer(layer, xs, mc, ctx);
    for (let i = 0; i < layer.rows; i++) ideal.set(part.subarray(i * mc, (i + 1) * mc), i * m + c0);
  }
  const fit = ref.fit && ref.fit.layer === l ? ref.fit.sums : null;
  const deferred = binding.deferred;
  if (deferred && !fit) {
    const total = Math.max(0, Math.min(deferred.rows, ref.limitSamples - deferred.start)) * perRow;
    let kept = deferred.layers.get(l);
    if (!kept) {
      kept = { total, rows: layer.rows, y: new Float64Array(layer.rows * total), ideal: new Float64Array(layer.rows * total) };
      deferred.layers.set(l, kept);
    }
    const off = (binding.sampleStart - deferred.start) * perRow;
    if (kept.total !== total || off < 0 || off + m > total) throw new InvalidInputError(`optical layer ${l}: a sub-batch's measured passes do not fit its batch`);
    for (let i = 0; i < layer.rows; i++) {
      kept.y.set(y.subarray(i * passes, i * passes + m), i * total + off);
      kept.ideal.set(ideal.subarray(i * m, (i + 1) * m), i * total + off);
    }
    return;
  }
  if (fit) {
    for (let i = 0; i < layer.rows; i++) {
      for (let p = 0; p < m; p++) {
        const r = ideal[i * m + p];
        const v = y[i * passes + p];
        fit[5 * i] += v;
        fit[5 * i + 1] += r;
        fit[5 * i + 2] += v * v;
        fit[5 * i + 3] += v * r;
        fit[5 * i + 4] += 1;
      }
    }
  }
  sumErrors(ref.sums, l, layer.rows, m, y, passes, ideal);
}

/** sqErr[l] += Σ_i Σ_p (y[i·ldy + p] − r)², sqRef[l] += Σ r² (r = ideal[i·m + p]), rows i in order, passes p < m. */
function sumErrors(sums: LayerErrorSums, l: number, rows: number, m: number, y: Float64Array, ldy: number, ideal: Float64Array): void {
  let err = 0;
  let sq = 0;
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < m; p++) {
      const r = ideal[i * m + p];
      const d = y[i * ldy + p] - r;
      err += d * d;
      sq += r * r;
    }
  }
  sums.sqErr[l] += err;
  sums.sqRef[l] += sq;
}

/** Sums the deferred tally of `binding` (see DeferredErrors) into its reference's sums and clears the deferral. */
export function finishDeferredErrors(binding: PhotonicLinearBinding): void {
  const deferred = binding.deferred;
  binding.deferred = null;
  if (!deferred || !binding.reference) return;
  for (const [l, kept] of deferred.layers) sumErrors(binding.reference.sums, l, kept.rows, kept.total, kept.y, kept.total, kept.ideal);
}

function layerApply(binding: PhotonicLinearBinding, l: number, ctx: OpContext): LayerApply {
  const apply: LayerApply = (input) => {
    const layer = binding.chip.layers[l];
    const det = binding.detection?.layers[l];
    let y: Float64Array | undefined;
    if (isDetectionActive(det) && binding.reuse) {
      // into a kept buffer (same layout as detectLayer's result) when the native kernel can run it
      const n = layer.rows * input.passes;
      const kept = binding.reuse.get(l);
      const buf = kept && kept.length === n ? kept.fill(0) : new Float64Array(n);
      const batch = binding.detection!.batch;
      if (detectLayerInto(layer, det, input, batch, binding.detection!.native ?? null, buf, { ldRow: input.passes, ldGroup: passesPerStream(input.passes, batch.rows) })) {
        binding.reuse.set(l, buf);
        y = buf;
      }
    }
    y ??= isDetectionActive(det)
      ? detectLayer(layer, det, input, binding.detection!.batch, ctx, binding.detection!.kernel, binding.detection!.native ?? null)
      : applyChipLayer(layer, input.materialize(), input.passes, ctx);
    if (layer.outGain || layer.outOffset) {
      const P = input.passes;
      for (let i = 0; i < layer.rows; i++) {
        const g = layer.outGain ? layer.outGain[i] : 1;
        const c = layer.outOffset ? layer.outOffset[i] : 0;
        for (let p = 0; p < P; p++) y[i * P + p] = g * y[i * P + p] + c;
      }
    }
    if (binding.reference) accumulateError(binding, l, input, y, ctx);
    return y;
  };
  apply.into = (input, out, P, bias) => {
    const layer = binding.chip.layers[l];
    const detection = binding.detection;
    const det = detection?.layers[l];
    if (!detection || !isDetectionActive(det) || layer.outGain || layer.outOffset) return false;
    if (binding.reference && binding.sampleStart < binding.reference.limitSamples) return false;
    if (input.passes !== detection.batch.rows * P) return false; // one noise stream per image
    return detectLayerInto(layer, det, input, detection.batch, detection.native ?? null, out, { ldRow: P, ldGroup: layer.rows * P }, bias);
  };
  return apply;
}

/** The segments of one image's im2col (as im2colRows writes them), for the noisy path's SIMD kernel. */
function im2colPlan(data: Float64Array, g: ConvGeometry, image: number, P: number): Im2colPlan {
  const segs: number[] = [];
  let r = 0;
  for (let c = 0; c < g.C; c++) {
    for (let i = 0; i < g.kh; i++) {
      for (let j = 0; j < g.kw; j++, r++) {
        const off = j * g.dw - g.pl; // iw = ow·sw + off
        let lo = off >= 0 ? 0 : Math.floor((g.sw - 1 - off) / g.sw);
        let hi = g.W - 1 - off < 0 ? 0 : Math.floor((g.W - 1 - off) / g.sw) + 1;
        lo = Math.min(lo, g.OW);
        hi = Math.max(lo, Math.min(hi, g.OW));
        if (hi === lo) continue;
        for (let oh = 0; oh < g.OH; oh++) {
          const ih = oh * g.sh - g.pt + i * g.dh;
          if (ih < 0 || ih >= g.H) continue;
          segs.push(r, oh * g.OW + lo, c * g.H * g.W + ih * g.W + off + lo * g.sw, hi - lo);
        }
      }
    }
  }
  return { data, image, passesPerImage: P, segments: Int32Array.from(segs), stride: g.sw };
}

function runConv(x: Tensor, bias: Tensor | undefined, node: NodeIR, layer: ChipLayer, apply: LayerApply, reuse?: Map<NodeIR | number, Float64Array>): Tensor {
  const g = convGeometry(x.dims, node, layer.cols);
  const P = g.OH * g.OW;
  const NP = g.N * P;
  const image = g.C * g.H * g.W;
  // im2col of images [n0, n0 + count) into out (cols × count·P)
  const im2col = (n0: number, count: number, out: Float64Array): void => {
    const ld = count * P;
    for (let n = n0; n < n0 + count; n++) {
      im2colRows(x.data, n * image, g.C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.dh, g.dw, g.pt, g.pl, g.OH, g.OW, out.subarray((n - n0) * P), ld);
    }
  };
  let plan: Im2colPlan | undefined;
  const source: LayerInput = {
    cols: layer.cols,
    passes: NP,
    get im2col() {
      return (plan ??= im2colPlan(x.data, g, image, P));
    },
    fill(c0, m, out) {
      if (P === 0) return;
      if (c0 % P !== 0 || m % P !== 0) throw new InvalidInputError(`conv passes [${c0}, ${c0 + m}) do not cover whole images of ${P} positions`);
      im2col(c0 / P, m / P, out);
    },
    materialize() {
      const cols = new Float64Array(layer.cols * NP);
      im2col(0, g.N, cols);
      return cols;
    },
  };
  const M = layer.rows;
  const kept = reuse?.get(node);
  const out = kept && kept.length === g.N * M * P ? kept : new Float64Array(g.N * M * P);
  if (reuse && out !== kept) reuse.set(node, out);
  // the noisy path straight into `out` (image-major), + b as below (b = 0 without a bias: + 0 turns −0 into +0
  // exactly as there); `out` is fully written either way
  let b = bias ? biasOf.get(bias) : zeroBias.get(M);
  if (!b) {
    b = bias ? Float64Array.from(bias.data.subarray(0, M)) : new Float64Array(M);
    if (bias) biasOf.set(bias, b);
    else zeroBias.set(M, b);
  }
  if (b.length === M && apply.into?.(source, out, P, b)) return { dtype: x.dtype, dims: [g.N, M, g.OH, g.OW], data: out };
  const y = apply(source); // rows × (N·P)
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

/** A conv bias as a Float64Array per bias tensor (or zeros per row count without one), for the native kernel. */
const biasOf = new WeakMap<Tensor, Float64Array>();
const zeroBias = new Map<number, Float64Array>();

/** Rows of activations (R × K, row-major) → photonic outputs (R × rows, row-major). */
function runRows(a: Float64Array, R: number, layer: ChipLayer, apply: LayerApply): Float64Array {
  const K = layer.cols;
  const y = apply({
    cols: K,
    passes: R,
    fill(c0, m, out) {
      transpose2d(a, c0 * K, m, K, out); // rows c0 … c0+m of A (m × K) → K × m
    },
    materialize: () => transpose2d(a, 0, R, K), // K × R
  }); // rows × R
  return transpose2d(y, 0, layer.rows, R);
}

function runGemm(a: Tensor, c: Tensor | undefined, node: NodeIR, layer: ChipLayer, apply: LayerApply): Tensor {
  if (a.dims.length !== 2) throw shapeError(node, `Gemm needs a 2-D input, got ${formatDims(a.dims)}`);
  const transA = attrInt(node, 'transA', 0) !== 0;
  const [R, K] = transA ? [a.dims[1], a.dims[0]] : [a.dims[0], a.dims[1]];
  if (K !== layer.cols) throw shapeError(node, `input ${formatDims(a.dims)} has ${K} features; the optical layer expects ${layer.cols}`);
  const rowsA = transA ? transpose2d(a.data, 0, K, R) : a.data;
  const y = runRows(rowsA, R, layer, apply);
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

function runMatMul(a: Tensor, node: NodeIR, layer: ChipLayer, apply: LayerApply): Tensor {
  const K = a.dims[a.dims.length - 1];
  if (K !== layer.cols) throw shapeError(node, `input ${formatDims(a.dims)} has ${K} features; the optical layer expects ${layer.cols}`);
  const R = sizeOf(a.dims) / K;
  const lead = a.dims.length === 1 ? [] : a.dims.slice(0, -1);
  return { dtype: a.dtype, dims: [...lead, layer.rows], data: runRows(a.data, R, layer, apply) };
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

/**
 * The PhotonicLinear op of one chip: a registry entry for the executor (see sim/circuit-runner.ts). Given a
 * binding, it reads `binding.chip` (and the noise settings) at every call.
 */
export function photonicLinearOp(circuit: CircuitIR, chipOrBinding: PhotonicChip | PhotonicLinearBinding): OpDefinition {
  const binding: PhotonicLinearBinding = 'layers' in chipOrBinding ? { chip: chipOrBinding, sampleStart: 0, batchRows: 0 } : chipOrBinding;
  const indexOf = (node: NodeIR): number => {
    const l = attrInt(node, 'layer', -1);
    if (!binding.chip.layers[l] || !circuit.layers[l]) throw shapeError(node, `refers to optical layer ${l}, which the circuit does not have`);
    return l;
  };
  const layerOf = (node: NodeIR): ChipLayer => binding.chip.layers[indexOf(node)];
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
      const l = indexOf(node);
      const layer = binding.chip.layers[l];
      const apply = layerApply(binding, l, ctx);
      const kind = attrString(node, 'linear_kind', '');
      if (kind === 'conv') return [runConv(x, inputs[1], node, layer, apply, binding.reuse)];
      if (kind === 'gemm') return [runGemm(x, inputs[1], node, layer, apply)];
      return [runMatMul(x, node, layer, apply)];
    },
  };
}
