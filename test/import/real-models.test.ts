/** The three real PyTorch-exported models import and match MANIFEST.json. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sizeOf } from '../../src/core/tensor.js';
import { importOnnx, importOnnxFile } from '../../src/import/index.js';
import { MODELS_DIR } from './import-helpers.js';

interface ManifestValue { name: string; elemType: string; shape: (number | string)[] }
interface ManifestModel {
  file: string;
  producer: string;
  ir_version: number;
  opset: { domain: string; version: number }[];
  ops: Record<string, number>;
  node_count: number;
  param_count: number;
  inputs: ManifestValue[];
  outputs: ManifestValue[];
  initializers: { name: string; dtype: string; dims: number[] }[];
}

const manifest = JSON.parse(readFileSync(join(MODELS_DIR, 'MANIFEST.json'), 'utf8')) as { models: ManifestModel[] };
const DTYPES: Record<string, string> = { FLOAT: 'float32', INT64: 'int64' };

describe('real models', () => {
  assert.equal(manifest.models.length, 3);
  for (const m of manifest.models) {
    it(`imports ${m.file} as described in MANIFEST.json`, () => {
      const g = importOnnxFile(join(MODELS_DIR, m.file));
      assert.equal(`${g.producer.name} ${g.producer.version}`, m.producer);
      assert.equal(g.irVersion, m.ir_version);
      assert.deepEqual(g.opsets, m.opset);
      assert.equal(g.opset, m.opset[0].version);
      assert.deepEqual(g.inputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.shape })),
        m.inputs.map((v) => ({ name: v.name, dtype: DTYPES[v.elemType], shape: v.shape })));
      assert.deepEqual(g.outputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.shape })),
        m.outputs.map((v) => ({ name: v.name, dtype: DTYPES[v.elemType], shape: v.shape })));
      for (const v of g.outputs) assert.deepEqual(g.valueInfo.get(v.name), v);

      const constants = m.ops.Constant ?? 0;
      assert.equal(g.nodes.length, m.node_count - constants);
      assert.equal(g.initializers.size, m.initializers.length + constants);
      let params = 0;
      for (const init of m.initializers) {
        const t = g.initializers.get(init.name);
        assert.ok(t, `initializer ${init.name} missing`);
        assert.equal(t.dtype, DTYPES[init.dtype]);
        assert.deepEqual(t.dims, init.dims);
        assert.equal(t.data.length, sizeOf(init.dims));
        params += t.data.length;
      }
      assert.equal(params, m.param_count);

      const ops: Record<string, number> = {};
      for (const n of g.nodes) {
        ops[n.opType] = (ops[n.opType] ?? 0) + 1;
        assert.equal(n.domain, 'ai.onnx');
        assert.ok(n.name.length > 0);
      }
      const expectedOps = { ...m.ops };
      delete expectedOps.Constant;
      assert.deepEqual(ops, expectedOps);
      // every node input is available when the node runs (topological order)
      const known = new Set([...g.inputs.map((v) => v.name), ...g.initializers.keys()]);
      for (const n of g.nodes) {
        for (const i of n.inputs) assert.ok(i === '' || known.has(i), `${n.name} uses ${i} before it is produced`);
        for (const o of n.outputs) known.add(o);
      }
      for (const v of g.outputs) assert.ok(known.has(v.name));
      // finite weights, float32-exact
      for (const [, t] of g.initializers) for (const v of t.data) assert.ok(Number.isFinite(v));
    });
  }

  it("turns the batchnorm model's Constant (Reshape target) into an int64 initializer", () => {
    const g = importOnnxFile(join(MODELS_DIR, 'mnist_lenet5_batchnorm1d_pytorch.onnx'));
    const reshape = g.nodes.find((n) => n.opType === 'Reshape');
    assert.ok(reshape);
    const target = g.initializers.get(reshape.inputs[1]);
    assert.deepEqual(target, { dtype: 'int64', dims: [2], data: Float64Array.of(-1, 400) });
    assert.ok(!g.nodes.some((n) => n.opType === 'Constant'));
    // unnamed nodes get <opType>_<index> (index in the file, Constant included)
    assert.deepEqual(g.nodes.slice(0, 3).map((n) => n.name), ['Conv_0', 'Relu_1', 'MaxPool_2']);
    assert.equal(reshape.name, 'Reshape_7');
    assert.deepEqual(g.initializers.get('head.batnorm1.num_batches_tracked')?.dims, []);
    const bn = g.nodes.find((n) => n.opType === 'BatchNormalization');
    assert.equal(bn?.attributes.epsilon.kind, 'float');
  });

  it('gives the same GraphIR from importOnnx(bytes) and importOnnxFile(path)', () => {
    const path = join(MODELS_DIR, 'mnist_lenet5_tanh_32x32_pytorch.onnx');
    assert.deepEqual(importOnnx(readFileSync(path), { source: path }), importOnnxFile(path));
  });
});
