/** Bad inputs: each fails with the right FoundryError class, code and a one-line message naming the problem. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileNotFoundError, FoundryError } from '../../src/core/errors.js';
import { importOnnx, importOnnxFile } from '../../src/import/index.js';
import { MODEL_PROTO } from '../../src/import/onnx/onnx-schema.js';
import { buildModel, type ModelSpec, type NodeSpec } from '../helpers/onnx-builder.js';
import { expectImportError, MODELS_DIR, patchModel, seededRandom } from './import-helpers.js';

const REAL = join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
const tmp = mkdtempSync(join(tmpdir(), 'pf-import-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function simple(nodes: NodeSpec[], extra: Partial<ModelSpec> = {}): Uint8Array {
  return buildModel({ inputs: [{ name: 'x', dims: [1] }], outputs: [{ name: 'y', dims: [1] }], nodes, ...extra });
}
const RELU: NodeSpec[] = [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }];

describe('not an ONNX model (PF_ERR_ONNX_PARSE)', () => {
  it('truncated file (a real model cut in half)', () => {
    const bytes = readFileSync(REAL);
    const path = join(tmp, 'half.onnx');
    writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
    expectImportError(() => importOnnxFile(path), 'PF_ERR_ONNX_PARSE', [/^.*half\.onnx: not an ONNX model \(/, /truncated/]);
  });

  it('garbage bytes', () => {
    const rnd = seededRandom(1234);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(rnd() * 256));
    expectImportError(() => importOnnx(bytes, { source: 'junk.bin' }), 'PF_ERR_ONNX_PARSE', /^junk\.bin: not an ONNX model \(.+\)$/);
  });

  it('a PNG image', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    const path = join(tmp, 'image.png');
    writeFileSync(path, png);
    expectImportError(() => importOnnxFile(path), 'PF_ERR_ONNX_PARSE', /image\.png: not an ONNX model \(it looks like a PNG image\)/);
  });

  it('a text file, a JSON file, a zip archive', () => {
    const text = new TextEncoder().encode('This is a README, not a neural network.\nSecond line.\n');
    expectImportError(() => importOnnx(text, { source: 'README.txt' }), 'PF_ERR_ONNX_PARSE', /README\.txt: not an ONNX model \(it looks like a text file\)/);
    const json = new TextEncoder().encode('{"ir_version": 7, "graph": {}}');
    expectImportError(() => importOnnx(json, { source: 'model.json' }), 'PF_ERR_ONNX_PARSE', /looks like a JSON file/);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0x21, 0x5a, ...new Array(40).fill(7)]);
    expectImportError(() => importOnnx(zip, { source: 'model.pt' }), 'PF_ERR_ONNX_PARSE', /model\.pt: not an ONNX model \(it looks like a zip archive/);
  });

  it('an empty file', () => {
    const path = join(tmp, 'empty.onnx');
    writeFileSync(path, new Uint8Array(0));
    expectImportError(() => importOnnxFile(path), 'PF_ERR_ONNX_PARSE', /empty\.onnx: not an ONNX model \(the file is empty\)/);
    expectImportError(() => importOnnx(new Uint8Array(0)), 'PF_ERR_ONNX_PARSE', /^input: not an ONNX model \(the file is empty\)$/);
  });

  it('protobuf that decodes but is no model: no graph, ir_version 0 or missing, no opset_import', () => {
    const noGraph = MODEL_PROTO.encode(MODEL_PROTO.fromObject({ ir_version: 7, opset_import: [{ domain: '', version: 13 }] })).finish();
    expectImportError(() => importOnnx(noGraph), 'PF_ERR_ONNX_PARSE', /not an ONNX model \(no graph\)/);
    const ir0 = patchModel(simple(RELU), (m) => { m.ir_version = 0; });
    expectImportError(() => importOnnx(ir0), 'PF_ERR_ONNX_PARSE', /not an ONNX model \(no ir_version field|ir_version is 0\)/);
    const noIr = patchModel(simple(RELU), (m) => { delete m.ir_version; });
    expectImportError(() => importOnnx(noIr), 'PF_ERR_ONNX_PARSE', /not an ONNX model \(no ir_version field\)/);
    const noOpset = patchModel(simple(RELU), (m) => { m.opset_import = []; });
    expectImportError(() => importOnnx(noOpset), 'PF_ERR_ONNX_PARSE', /not an ONNX model \(no opset_import\)/);
  });
});

describe('files', () => {
  it('a missing file is FileNotFoundError', () => {
    const err = expectImportError(() => importOnnxFile(join(tmp, 'nope.onnx')), 'PF_ERR_FILE_NOT_FOUND', /nope\.onnx/, FileNotFoundError);
    assert.match(err.message, /no such file/);
  });

  it('a directory is a clear FoundryError', () => {
    expectImportError(() => importOnnxFile(tmp), 'PF_ERR_FILE_NOT_FOUND', /is a directory/, FoundryError);
  });
});

describe('unsupported versions (PF_ERR_UNSUPPORTED_OPSET)', () => {
  it('opset 18 and opset 6 of ai.onnx', () => {
    const e18 = expectImportError(() => importOnnx(simple(RELU, { opset: 18 })), 'PF_ERR_UNSUPPORTED_OPSET', /opset 18/);
    assert.equal(e18.message, 'model uses opset 18 of ai.onnx; supported: 7–17');
    expectImportError(() => importOnnx(simple(RELU, { opset: 6 })), 'PF_ERR_UNSUPPORTED_OPSET', /^model uses opset 6 of ai\.onnx; supported: 7–17$/);
  });

  it('IR version 11 and 2', () => {
    const e11 = expectImportError(() => importOnnx(simple(RELU, { irVersion: 11 })), 'PF_ERR_UNSUPPORTED_OPSET', /IR version 11/);
    assert.equal(e11.message, 'model uses ONNX IR version 11; supported: 3–10');
    expectImportError(() => importOnnx(simple(RELU, { irVersion: 2 })), 'PF_ERR_UNSUPPORTED_OPSET', /IR version 2;/);
  });

  it('a model without a default-domain opset import', () => {
    const onlyMl = patchModel(simple(RELU), (m) => { m.opset_import = [{ domain: 'ai.onnx.ml', version: 3 }]; });
    expectImportError(() => importOnnx(onlyMl), 'PF_ERR_ONNX_INVALID', /no opset for the default domain/);
  });
});

describe('invalid graphs (PF_ERR_ONNX_INVALID)', () => {
  it('a dangling node input names the node and the value', () => {
    const bytes = simple([{ op: 'Add', inputs: ['x', 'ghost'], outputs: ['y'], name: 'add1' }]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', [/node 'add1'/, /'ghost'/]);
  });

  it('a cycle', () => {
    const bytes = simple([
      { op: 'Add', inputs: ['x', 'b'], outputs: ['a'], name: 'p' },
      { op: 'Relu', inputs: ['a'], outputs: ['b'], name: 'q' },
      { op: 'Identity', inputs: ['a'], outputs: ['y'], name: 'r' },
    ]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', [/cycle/, /'p'/, /'q'/]);
    const self = simple([{ op: 'Add', inputs: ['x', 'y'], outputs: ['y'], name: 'loop' }]);
    expectImportError(() => importOnnx(self), 'PF_ERR_ONNX_INVALID', /cycle.*'loop'/);
  });

  it('duplicate output names', () => {
    const twice = simple([
      { op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'a' },
      { op: 'Neg', inputs: ['x'], outputs: ['y'], name: 'b' },
    ]);
    expectImportError(() => importOnnx(twice), 'PF_ERR_ONNX_INVALID', /value 'y' is produced twice \(by nodes 'a' and 'b'\)/);
    const shadow = simple([{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'a' }], { initializers: [{ name: 'y', dims: [1], data: [0] }] });
    expectImportError(() => importOnnx(shadow), 'PF_ERR_ONNX_INVALID', /node 'a' output 'y' has the same name as an initializer/);
    const dupInput = patchModel(simple(RELU), (m) => { m.graph.input.push(m.graph.input[0]); });
    expectImportError(() => importOnnx(dupInput), 'PF_ERR_ONNX_INVALID', /graph input 'x' is declared twice/);
  });

  it('a graph output that nothing produces', () => {
    const bytes = buildModel({ inputs: [{ name: 'x' }], outputs: [{ name: 'y' }, { name: 'z' }], nodes: RELU });
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /graph output 'z' is not produced/);
  });

  it('a node without op_type', () => {
    const bytes = patchModel(simple(RELU), (m) => { m.graph.node[0].op_type = ''; });
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /has no op_type/);
  });

  it('hostile names cannot break the one-line message', () => {
    const bytes = simple([{ op: 'Add', inputs: ['x', 'evil\nname'], outputs: ['y'], name: 'n\r\n2' }]);
    const err = expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /evil\\u000aname/);
    assert.match(err.message, /'n\\u000d\\u000a2'/);
  });
});
