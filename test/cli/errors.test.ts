/**
 * Bad input never crashes the CLI: each case gives one line on stderr naming the problem and the documented
 * exit code (2 unusable input/usage, 3 unsupported nodes/opset), with nothing on stdout.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCliError, runFoundry } from '../helpers/cli.js';
import { A, buildModel, type ModelSpec } from '../helpers/onnx-builder.js';
import { IRIS_JSON, MNIST_IMAGES, MNIST_LABELS, MODELS_DIR } from '../helpers/paths.js';
import { MODEL_PROTO } from '../../src/import/onnx/onnx-schema.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
let dir = '';

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'foundry-cli-errors-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** A one-layer model: y = Relu(x · W + b), x [N,4], W [4,3]. */
function tinySpec(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    opset: 13,
    inputs: [{ name: 'x', dims: ['N', 4] }],
    outputs: [{ name: 'y' }],
    initializers: [
      { name: 'W', dims: [4, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      { name: 'b', dims: [3], data: [0.1, 0.2, 0.3] },
    ],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['h'], name: 'fc' },
      { op: 'Add', inputs: ['h', 'b'], outputs: ['z'], name: 'bias' },
      { op: 'Relu', inputs: ['z'], outputs: ['y'], name: 'act' },
    ],
    ...overrides,
  };
}

test('missing model file: exit 2 naming the file', () => {
  assertCliError(runFoundry(['analyze', path.join(dir, 'nope.onnx')]), 2, /nope\.onnx/);
});

test('truncated model: exit 2', () => {
  const bytes = readFileSync(LENET);
  const p = file('truncated.onnx', bytes.subarray(0, Math.floor(bytes.length / 2)));
  assertCliError(runFoundry(['analyze', p]), 2, /truncated\.onnx.*not an ONNX model/);
});

test('garbage bytes: exit 2', () => {
  const bytes = new Uint8Array(4096);
  let s = 12345;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  assertCliError(runFoundry(['analyze', file('garbage.onnx', bytes)]), 2, /not an ONNX model/);
});

test('wrong file type (PNG, JSON): exit 2', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assertCliError(runFoundry(['analyze', file('image.png', png)]), 2, /not an ONNX model/);
  assertCliError(runFoundry(['infer', IRIS_JSON, '--data', IRIS_JSON]), 2, /not an ONNX model/);
});

test('unsupported ops: exit 3 listing every unsupported node (analyze prints the analysis first)', () => {
  const spec = tinySpec({
    extraOpsets: [{ domain: 'ai.onnx.ml', version: 3 }],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['h'], name: 'fc' },
      { op: 'Erf', inputs: ['h'], outputs: ['e'], name: 'gelu_erf' },
      { op: 'Normalizer', domain: 'ai.onnx.ml', inputs: ['e'], outputs: ['y'], name: 'ml_norm', attrs: { norm: A.s('MAX') } },
    ],
  });
  const p = file('unsupported.onnx', buildModel(spec));
  const run = runFoundry(['analyze', p]);
  assert.equal(run.code, 3);
  assert.match(run.stdout, /gelu_erf/);
  assert.match(run.stderr, /^foundry: model has 2 unsupported nodes: gelu_erf \(Erf\), ml_norm \(Normalizer\)\n$/);
  const json = JSON.parse(runFoundry(['analyze', p, '--json']).stdout);
  assert.deepEqual(json.nodes.filter((n: { supported: boolean }) => !n.supported).map((n: { name: string }) => n.name), ['gelu_erf', 'ml_norm']);
  assertCliError(runFoundry(['infer', p, '--data', IRIS_JSON]), 3, /unsupported nodes?: .*gelu_erf/);
});

test('an unused ai.onnx.ml opset import is fine', () => {
  const p = file('ml-import.onnx', buildModel(tinySpec({ extraOpsets: [{ domain: 'ai.onnx.ml', version: 3 }] })));
  const run = runFoundry(['analyze', p, '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).totals.linearLayers, 1);
});

test('opset above 17: exit 3 naming it', () => {
  assertCliError(runFoundry(['analyze', file('opset18.onnx', buildModel(tinySpec({ opset: 18 })))]), 3, /opset 18/);
});

test('external data: exit 2', () => {
  const model = MODEL_PROTO.toObject(MODEL_PROTO.decode(buildModel(tinySpec()))) as { graph: { initializer: Record<string, unknown>[] } };
  const w = model.graph.initializer[0];
  delete w.raw_data;
  w.data_location = 1;
  w.external_data = [{ key: 'location', value: 'weights.bin' }];
  const p = file('external.onnx', MODEL_PROTO.encode(MODEL_PROTO.fromObject(model)).finish());
  assertCliError(runFoundry(['analyze', p]), 2, /external/);
});

test('non-constant weights: exit 2 naming the node', () => {
  const spec = tinySpec({
    inputs: [{ name: 'x', dims: ['N', 4] }, { name: 'W', dims: [4, 3] }],
    initializers: [{ name: 'b', dims: [3], data: [0.1, 0.2, 0.3] }],
  });
  assertCliError(runFoundry(['analyze', file('nonconst.onnx', buildModel(spec))]), 2, /'fc' \(MatMul\).*not a constant/);
});

test('NaN and Inf in weights: exit 2 naming the initializer', () => {
  const nan = tinySpec();
  nan.initializers![0] = { name: 'W', dims: [4, 3], data: [1, 2, NaN, 4, 5, 6, 7, 8, 9, 10, 11, 12] };
  assertCliError(runFoundry(['analyze', file('nan.onnx', buildModel(nan))]), 2, /'W'.*(NaN|non-finite)/i);
  const inf = tinySpec();
  inf.initializers![1] = { name: 'b', dims: [3], data: [0.1, Infinity, 0.3] };
  assertCliError(runFoundry(['analyze', file('inf.onnx', buildModel(inf))]), 2, /'b'.*(Inf|non-finite)/i);
});

test('dataset whose samples do not fit the model: exit 2 naming both sizes', () => {
  assertCliError(runFoundry(['infer', LENET, '--data', IRIS_JSON]), 2, /4 values.*784/);
  const tanh = path.join(MODELS_DIR, 'mnist_lenet5_tanh_32x32_pytorch.onnx');
  assertCliError(runFoundry(['infer', tanh, '--data', MNIST_IMAGES, '--limit', '5']), 2, /--resize 32x32/);
});

test('missing or corrupt dataset files: exit 2', () => {
  assertCliError(runFoundry(['infer', LENET, '--data', path.join(dir, 'none.idx')]), 2, /none\.idx/);
  assertCliError(runFoundry(['infer', LENET, '--data', MNIST_IMAGES, '--labels', path.join(dir, 'nolabels')]), 2, /nolabels/);
  const cut = readFileSync(MNIST_LABELS);
  assertCliError(runFoundry(['infer', LENET, '--data', MNIST_IMAGES, '--labels', file('cut-labels.gz', cut.subarray(0, 100))]), 2, /cut-labels/);
});

test('usage errors exit 2 with one line; --help exits 0', () => {
  assert.equal(runFoundry([]).code, 2);
  assertCliError(runFoundry(['frobnicate']), 2, /unknown command/);
  assertCliError(runFoundry(['analyze']), 2, /missing required argument/);
  assertCliError(runFoundry(['analyze', LENET, '--bogus']), 2, /unknown option/);
  assertCliError(runFoundry(['infer', LENET]), 2, /--data/);
  assertCliError(runFoundry(['infer', LENET, '--data', MNIST_IMAGES, '--limit', 'abc']), 2, /--limit/);
  assertCliError(runFoundry(['infer', LENET, '--data', MNIST_IMAGES, '--resize', '32by32']), 2, /--resize/);
  assertCliError(runFoundry(['infer', LENET, '--data', MNIST_IMAGES, '--scale', 'x']), 2, /--scale/);
  const help = runFoundry(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /analyze/);
  assert.equal(runFoundry(['infer', '--help']).code, 0);
});
