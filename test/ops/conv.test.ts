import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { A, type Attr } from '../helpers/onnx-builder.js';
import { rng } from '../helpers/random.js';
import { checkOp, randInit } from './harness.js';
import { importOnnx } from '../../src/import/index.js';
import { buildModel } from '../helpers/onnx-builder.js';
import { runGraph } from '../../src/exec/index.js';
import { FoundryError } from '../../src/core/errors.js';

interface ConvCase { x: number[]; w: number[]; attrs: Record<string, Attr> }

const cases: ConvCase[] = [
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: {} },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { pads: A.ints([1, 1, 1, 1]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { pads: A.ints([0, 1, 2, 0]), kernel_shape: A.ints([3, 3]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { strides: A.ints([2, 2]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { strides: A.ints([1, 2]), pads: A.ints([1, 0, 1, 2]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { dilations: A.ints([2, 2]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { dilations: A.ints([2, 1]), strides: A.ints([2, 1]), pads: A.ints([2, 1, 2, 1]) } },
  { x: [1, 2, 7, 7], w: [5, 2, 2, 4], attrs: { pads: A.ints([1, 2, 0, 1]) } },
  { x: [3, 4, 5, 6], w: [2, 4, 1, 1], attrs: {} },
  { x: [1, 1, 28, 28], w: [6, 1, 5, 5], attrs: { pads: A.ints([2, 2, 2, 2]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { auto_pad: A.s('VALID') } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { auto_pad: A.s('VALID'), strides: A.ints([2, 3]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { auto_pad: A.s('SAME_UPPER') } },
  { x: [2, 3, 9, 8], w: [4, 3, 4, 2], attrs: { auto_pad: A.s('SAME_UPPER') } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { auto_pad: A.s('SAME_UPPER'), strides: A.ints([2, 2]) } },
  { x: [2, 3, 9, 8], w: [4, 3, 4, 2], attrs: { auto_pad: A.s('SAME_LOWER') } },
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], attrs: { auto_pad: A.s('SAME_LOWER'), strides: A.ints([2, 3]) } },
  { x: [2, 3, 10, 8], w: [4, 3, 2, 2], attrs: { auto_pad: A.s('SAME_LOWER'), strides: A.ints([3, 2]) } },
];

describe('Conv vs onnxruntime', () => {
  for (const opset of [7, 11, 13]) {
    for (const bias of [true, false]) {
      test(`opset ${opset} ${bias ? 'with' : 'without'} bias: pads, strides, dilations, auto_pad`, async () => {
        for (const [k, c] of cases.entries()) {
          const r = rng(200 + k);
          await checkOp({
            op: 'Conv', opset, seed: k,
            inputs: [{ name: 'x', dims: c.x }],
            initializers: bias ? [randInit(r, 'W', c.w), randInit(r, 'B', [c.w[0]])] : [randInit(r, 'W', c.w)],
            attrs: c.attrs,
            label: `Conv@${opset} x${JSON.stringify(c.x)} w${JSON.stringify(c.w)} ${JSON.stringify(c.attrs)}${bias ? ' +bias' : ''}`,
          });
        }
      });
    }
  }
  test('weight as a runtime input still runs (the executor does not need constant weights)', async () => {
    await checkOp({ op: 'Conv', opset: 11, inputs: [{ name: 'x', dims: [1, 2, 5, 5] }, { name: 'w', dims: [3, 2, 3, 3] }] });
  });
  test('group != 1 is unsupported', () => {
    const graph = importOnnx(buildModel({
      opset: 11, inputs: [{ name: 'x', dims: [1, 4, 5, 5] }], outputs: [{ name: 'y' }],
      initializers: [randInit(rng(1), 'W', [4, 1, 3, 3])],
      nodes: [{ op: 'Conv', name: 'dw', inputs: ['x', 'W'], outputs: ['y'], attrs: { group: A.i(4) } }],
    }));
    assert.throws(
      () => runGraph(graph, { x: { dtype: 'float32', dims: [1, 4, 5, 5], data: new Float64Array(100) } }),
      (e: unknown) => e instanceof FoundryError && e.code === 'PF_ERR_UNSUPPORTED_OP' && /group=4/.test(JSON.stringify(e.details)),
    );
  });
});
