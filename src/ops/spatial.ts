/** Output geometry of windowed ops (Conv, MaxPool, AveragePool): pads, strides, dilations, auto_pad, ceil_mode. */
import { formatDims } from '../core/tensor.js';
import { attrInt, attrInts, attrString, type NodeIR } from '../ir/graph.js';
import { shapeError } from './util.js';

export interface SpatialGeometry {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padBegin: readonly number[];
  readonly padEnd: readonly number[];
  readonly out: readonly number[];
}

export interface SpatialOptions {
  /** ceil_mode (pools, opset 10+). */
  readonly ceil: boolean;
  /** Whether the op has a `dilations` attribute in this opset (Conv; MaxPool 10+; AveragePool 19+). */
  readonly dilations: boolean;
}

function listAttr(node: NodeIR, name: string, n: number, fallback: number): number[] {
  const v = attrInts(node, name);
  if (v === undefined || v.length === 0) return new Array<number>(n).fill(fallback);
  if (v.length !== n) throw shapeError(node, `attribute ${name} [${v.join(', ')}] should have ${n} values`);
  return [...v];
}

export function spatialGeometry(node: NodeIR, input: readonly number[], kernel: readonly number[], opts: SpatialOptions): SpatialGeometry {
  const n = input.length;
  if (kernel.length !== n) throw shapeError(node, `kernel ${formatDims(kernel)} does not match the ${n} spatial dims of the input`);
  const strides = listAttr(node, 'strides', n, 1);
  const dilations = opts.dilations ? listAttr(node, 'dilations', n, 1) : new Array<number>(n).fill(1);
  if (strides.some((s) => s < 1) || dilations.some((d) => d < 1)) throw shapeError(node, `strides and dilations must be >= 1`);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  const padBegin = new Array<number>(n).fill(0);
  const padEnd = new Array<number>(n).fill(0);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const dk = (kernel[i] - 1) * dilations[i] + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      const target = Math.ceil(input[i] / strides[i]);
      const total = Math.max(0, (target - 1) * strides[i] + dk - input[i]);
      const small = Math.floor(total / 2);
      padBegin[i] = autoPad === 'SAME_UPPER' ? small : total - small;
      padEnd[i] = total - padBegin[i];
    } else if (autoPad === 'NOTSET' || autoPad === '') {
      const pads = attrInts(node, 'pads');
      if (pads && pads.length > 0) {
        if (pads.length !== 2 * n) throw shapeError(node, `pads [${pads.join(', ')}] should have ${2 * n} values`);
        padBegin[i] = pads[i];
        padEnd[i] = pads[i + n];
      }
    } else if (autoPad !== 'VALID') {
      throw shapeError(node, `unknown auto_pad '${autoPad}'`);
    }
    const span = input[i] + padBegin[i] + padEnd[i] - dk;
    if (span < 0) throw shapeError(node, `kernel ${formatDims(kernel)} is larger than the padded input ${formatDims(input)}`);
    let o = (opts.ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
    // With ceil_mode, a window that would start in the end padding is dropped.
    if (opts.ceil && (o - 1) * strides[i] >= input[i] + padBegin[i]) o--;
    out[i] = o;
  }
  return { kernel, strides, dilations, padBegin, padEnd, out };
}

/** Reads ceil_mode where the opset has it (MaxPool/AveragePool 10+). */
export function ceilMode(node: NodeIR, opset: number): boolean {
  return opset >= 10 && attrInt(node, 'ceil_mode', 0) !== 0;
}
