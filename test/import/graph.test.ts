/** Graph-level import: IR 3 inputs, Constant folding, shapes, attributes, naming, domains, ordering. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importOnnx } from '../../src/import/index.js';
import { ONNX_ATTRIBUTE_TYPE as AT, ONNX_DATA_TYPE as DT } from '../../src/import/onnx/onnx-schema.js';
import { A, buildModel, type Attr, type ModelSpec, type NodeSpec } from '../helpers/onnx-builder.js';
import { expectImportError, patchModel } from './import-helpers.js';

/** x → <nodes> → y with a 1-element float input/output. */
function simple(nodes: NodeSpec[], extra: Partial<ModelSpec> = {}): Uint8Array {
  return buildModel({ inputs: [{ name: 'x', dims: [1] }], outputs: [{ name: 'y', dims: [1] }], nodes, ...extra });
}

function constantModel(attr: string, value: Attr): Uint8Array {
  return simple([
    { op: 'Constant', inputs: [], outputs: ['c'], attrs: { [attr]: value } },
    { op: 'Add', inputs: ['x', 'c'], outputs: ['y'] },
  ]);
}

describe('graph import', () => {
  it('IR 3: graph inputs that repeat an initializer are not real inputs', () => {
    const bytes = buildModel({
      irVersion: 3,
      opset: 8,
      inputs: [{ name: 'x', dims: ['N', 2] }],
      outputs: [{ name: 'y', dims: ['N', 3] }],
      initializers: [{ name: 'W', dims: [2, 3], data: [1, 2, 3, 4, 5, 6] }],
      initializersAsInputs: true,
      nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
    });
    const g = importOnnx(bytes);
    assert.equal(g.irVersion, 3);
    assert.deepEqual(g.inputs.map((v) => v.name), ['x']);
    assert.deepEqual(g.initializers.get('W')?.data, Float64Array.of(1, 2, 3, 4, 5, 6));
  });

  it('Constant nodes of every attribute form become initializers and leave the node list', () => {
    const cases: [string, Attr, object][] = [
      ['value', A.t({ dims: [2], data: [1.5, -2] }), { dtype: 'float32', dims: [2], data: Float64Array.of(1.5, -2) }],
      ['value', A.t({ dims: [2], data: [-1, 400], dtype: 'INT64' }), { dtype: 'int64', dims: [2], data: Float64Array.of(-1, 400) }],
      ['value_float', A.f(0.25), { dtype: 'float32', dims: [], data: Float64Array.of(0.25) }],
      ['value_floats', A.floats([0.5, 2, -1]), { dtype: 'float32', dims: [3], data: Float64Array.of(0.5, 2, -1) }],
      ['value_int', A.i(-7), { dtype: 'int64', dims: [], data: Float64Array.of(-7) }],
      ['value_ints', A.ints([3, 0, -1]), { dtype: 'int64', dims: [3], data: Float64Array.of(3, 0, -1) }],
    ];
    for (const [attr, value, expected] of cases) {
      const g = importOnnx(constantModel(attr, value));
      assert.deepEqual(g.initializers.get('c'), expected, attr);
      assert.deepEqual(g.nodes.map((n) => n.opType), ['Add'], attr);
      assert.deepEqual(g.inputs.map((v) => v.name), ['x']);
    }
  });

  it('rejects sparse, string and malformed Constant nodes', () => {
    const sparse = patchModel(constantModel('value_float', A.f(1)), (m) => {
      m.graph.node[0].attribute = [{
        name: 'sparse_value', type: AT.SPARSE_TENSOR,
        sparse_tensor: { values: { dims: [1], data_type: DT.FLOAT, float_data: [1] }, indices: { dims: [1], data_type: DT.INT64, int64_data: [0] }, dims: [3] },
      }];
    });
    expectImportError(() => importOnnx(sparse), 'PF_ERR_ONNX_INVALID', /Constant node 'Constant_0' uses sparse_value/);
    expectImportError(() => importOnnx(constantModel('value_string', A.s('hi'))), 'PF_ERR_ONNX_INVALID', /string constants are not supported/);
    const none = patchModel(constantModel('value_float', A.f(1)), (m) => { m.graph.node[0].attribute = []; });
    expectImportError(() => importOnnx(none), 'PF_ERR_ONNX_INVALID', /Constant node 'Constant_0' has no value attribute/);
    expectImportError(() => importOnnx(constantModel('value', A.t({ dims: [1], data: [NaN] }))), 'PF_ERR_ONNX_INVALID',
      /Constant node 'Constant_0' has 1 non-finite value/);
  });

  it('shapes: fixed, symbolic, absent dims and no shape at all', () => {
    const bytes = patchModel(buildModel({
      inputs: [{ name: 'x', dims: ['batch', 3, 0] }, { name: 'z' }],
      outputs: [{ name: 'y', dims: ['batch', 3, 0] }],
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
      valueInfo: [{ name: 'x2', dims: [7], dtype: 'INT64' }],
    }), (m) => {
      m.graph.input[0].type.tensor_type.shape.dim.push({}); // neither dim_value nor dim_param
    });
    const g = importOnnx(bytes);
    assert.deepEqual(g.inputs, [
      { name: 'x', dtype: 'float32', shape: ['batch', 3, 0, null] },
      { name: 'z', dtype: 'float32', shape: null },
    ]);
    assert.deepEqual(g.outputs, [{ name: 'y', dtype: 'float32', shape: ['batch', 3, 0] }]);
    assert.deepEqual(g.valueInfo.get('x2'), { name: 'x2', dtype: 'int64', shape: [7] });
    assert.deepEqual(g.valueInfo.get('y'), g.outputs[0]);
  });

  it('element types of value infos map to DType names; unknown ones are rejected', () => {
    const g = importOnnx(buildModel({
      inputs: [{ name: 'a', dims: [1], dtype: 'INT64' }, { name: 'b', dims: [1], dtype: 'UINT8' }, { name: 'c', dims: [1], dtype: 'BOOL' }],
      outputs: [{ name: 'y', dims: [1], dtype: 'DOUBLE' }],
      nodes: [{ op: 'Foo', inputs: ['a', 'b', 'c'], outputs: ['y'] }],
    }));
    assert.deepEqual(g.inputs.map((v) => v.dtype), ['int64', 'uint8', 'bool']);
    assert.equal(g.outputs[0].dtype, 'float64');
    const unknown = patchModel(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]), (m) => { m.graph.input[0].type.tensor_type.elem_type = 99; });
    expectImportError(() => importOnnx(unknown), 'PF_ERR_ONNX_INVALID', /graph input 'x' has element type unknown type 99/);
    const complex = patchModel(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]), (m) => { m.graph.output[0].type.tensor_type.elem_type = 14; });
    expectImportError(() => importOnnx(complex), 'PF_ERR_ONNX_INVALID', /graph output 'y' has element type complex64/);
    const untyped = patchModel(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]), (m) => { delete m.graph.input[0].type; });
    expectImportError(() => importOnnx(untyped), 'PF_ERR_ONNX_INVALID', /graph input 'x' has no type/);
  });

  it('attributes decode to AttributeValue', () => {
    const bytes = patchModel(simple([{
      op: 'Custom', inputs: ['x'], outputs: ['y'],
      attrs: {
        alpha: A.f(0.5), axis: A.i(-1), big: A.i(0), mode: A.s('héllo ✓'), scales: A.floats([1, 0.5]), pads: A.ints([0, 1, 2, 3]),
        t: A.t({ dims: [2], data: [3, 4], dtype: 'INT64' }),
      },
    }]), (m) => {
      const attrs = m.graph.node[0].attribute;
      attrs.find((a: { name: string }) => a.name === 'big').i = '9223372036854775807'; // INT64_MAX sentinel
      attrs.push({ name: 'body', type: AT.GRAPH, g: { name: 'sub' } });
      attrs.push({ name: 'names', type: AT.STRINGS, strings: [new TextEncoder().encode('a'), new TextEncoder().encode('β')] });
      attrs.push({ name: 'untyped', i: 5 }); // very old exporters leave `type` out
    });
    const a = importOnnx(bytes).nodes[0].attributes;
    assert.deepEqual(a, {
      alpha: { kind: 'float', value: 0.5 },
      axis: { kind: 'int', value: -1 },
      big: { kind: 'int', value: Number.MAX_SAFE_INTEGER },
      mode: { kind: 'string', value: 'héllo ✓' },
      scales: { kind: 'floats', value: [1, 0.5] },
      pads: { kind: 'ints', value: [0, 1, 2, 3] },
      t: { kind: 'tensor', value: { dtype: 'int64', dims: [2], data: Float64Array.of(3, 4) } },
      body: { kind: 'graph' },
      names: { kind: 'strings', value: ['a', 'β'] },
      untyped: { kind: 'int', value: 5 },
    });
  });

  it('names unnamed nodes <opType>_<index> and normalises the default domain', () => {
    const bytes = patchModel(simple([
      { op: 'Relu', inputs: ['x'], outputs: ['r'] },
      { op: 'Neg', inputs: ['r'], outputs: ['y'], name: 'keep_me' },
    ]), (m) => { m.graph.node[0].name = ''; m.graph.node[1].domain = 'ai.onnx'; });
    const g = importOnnx(bytes);
    assert.deepEqual(g.nodes.map((n) => [n.name, n.domain]), [['Relu_0', 'ai.onnx'], ['keep_me', 'ai.onnx']]);
  });

  it('accepts an ai.onnx.ml opset import and keeps its nodes (reported later as unsupported)', () => {
    const g = importOnnx(simple([{ op: 'Normalizer', domain: 'ai.onnx.ml', inputs: ['x'], outputs: ['y'], attrs: { norm: A.s('L2') } }], {
      extraOpsets: [{ domain: 'ai.onnx.ml', version: 3 }],
    }));
    assert.deepEqual(g.opsets, [{ domain: 'ai.onnx', version: 13 }, { domain: 'ai.onnx.ml', version: 3 }]);
    assert.equal(g.opset, 13);
    assert.equal(g.nodes[0].domain, 'ai.onnx.ml');
  });

  it('accepts the edges of the supported ranges (IR 3–10, opset 7–17), domain spelled ai.onnx', () => {
    for (const [irVersion, opset] of [[3, 7], [10, 17], [8, 17]]) {
      const g = importOnnx(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], { irVersion, opset }));
      assert.equal(g.irVersion, irVersion);
      assert.equal(g.opset, opset);
    }
    const spelled = patchModel(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }]), (m) => { m.opset_import[0].domain = 'ai.onnx'; });
    assert.equal(importOnnx(spelled).opset, 13);
  });

  it('sorts nodes topologically, keeping file order when already sorted', () => {
    const sorted = importOnnx(simple([
      { op: 'Relu', inputs: ['x'], outputs: ['a'], name: 'n1' },
      { op: 'Neg', inputs: ['x'], outputs: ['b'], name: 'n2' },
      { op: 'Abs', inputs: ['x'], outputs: ['c'], name: 'n3' },
      { op: 'Sum', inputs: ['a', 'b', 'c'], outputs: ['y'], name: 'n4' },
    ]));
    assert.deepEqual(sorted.nodes.map((n) => n.name), ['n1', 'n2', 'n3', 'n4']);
    const shuffled = importOnnx(simple([
      { op: 'Sum', inputs: ['a', 'b', 'a'], outputs: ['y'], name: 'last' },
      { op: 'Neg', inputs: ['a'], outputs: ['b'], name: 'second' },
      { op: 'Relu', inputs: ['x'], outputs: ['a'], name: 'first' },
    ]));
    assert.deepEqual(shuffled.nodes.map((n) => n.name), ['first', 'second', 'last']);
  });

  it('allows omitted optional inputs/outputs ("") and keeps them', () => {
    const g = importOnnx(simple([{ op: 'Clip', inputs: ['x', '', 'hi'], outputs: ['y', ''] }], {
      initializers: [{ name: 'hi', dims: [], data: [6] }],
    }));
    assert.deepEqual(g.nodes[0].inputs, ['x', '', 'hi']);
  });

  it('keeps producer and graph name', () => {
    const g = importOnnx(simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], { producer: 'keras2onnx', producerVersion: '1.9' }));
    assert.deepEqual(g.producer, { name: 'keras2onnx', version: '1.9' });
    assert.equal(g.graphName, 'test_graph');
  });
});
