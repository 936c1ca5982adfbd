/** Initializer decoding: raw vs typed encodings, every element type, unaligned raw_data, int64 extremes, bad tensors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importOnnx } from '../../src/import/index.js';
import { MODEL_PROTO, ONNX_DATA_TYPE as DT } from '../../src/import/onnx/onnx-schema.js';
import type { OnnxTypeName } from '../helpers/onnx-builder.js';
import { expectImportError, modelWithInitializers, patchModel, u16Bytes } from './import-helpers.js';

function initializer(bytes: Uint8Array, name = 'w') {
  const t = importOnnx(bytes).initializers.get(name);
  assert.ok(t, `initializer ${name} missing`);
  return t;
}

function both(dtype: OnnxTypeName, dims: number[], data: number[]) {
  const raw = initializer(modelWithInitializers([{ name: 'w', dims, data, dtype, encoding: 'raw' }]));
  const typed = initializer(modelWithInitializers([{ name: 'w', dims, data, dtype, encoding: 'typed' }]));
  assert.deepEqual(raw, typed);
  return raw;
}

describe('initializer encodings', () => {
  it('float32: raw_data and float_data give identical tensors, float32-exact', () => {
    const data = [0.1, -2, 3.5, 1e-30, -65504, 0];
    const t = both('FLOAT', [2, 3], data);
    assert.equal(t.dtype, 'float32');
    assert.deepEqual(t.dims, [2, 3]);
    assert.deepEqual(t.data, Float64Array.from(data, Math.fround));
  });

  it('double: raw and typed keep full float64 precision', () => {
    const data = [0.1, 1e300, -2.5, Number.MIN_VALUE];
    const t = both('DOUBLE', [4], data);
    assert.equal(t.dtype, 'float64');
    assert.deepEqual(t.data, Float64Array.from(data));
  });

  it('int64: raw and typed, exact up to 2^53 − 1', () => {
    const data = [-1, 400, 0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 40 + 3];
    const t = both('INT64', [6], data);
    assert.equal(t.dtype, 'int64');
    assert.deepEqual(t.data, Float64Array.from(data));
  });

  it('int64 extremes (INT64_MAX/MIN sentinels) saturate to ±MAX_SAFE_INTEGER, raw and typed', () => {
    const big = [9223372036854775807n, -9223372036854775808n, 9007199254740993n];
    const raw = initializer(modelWithInitializers([{ proto: {
      name: 'w', dims: [3], data_type: DT.INT64, raw_data: new Uint8Array(BigInt64Array.from(big).buffer) } }]));
    const typed = initializer(modelWithInitializers([{ proto: {
      name: 'w', dims: [3], data_type: DT.INT64, int64_data: big.map(String) } }]));
    const M = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(raw.data, Float64Array.of(M, -M, M));
    assert.deepEqual(typed, raw);
  });

  it('int8, uint8, int32, bool: raw and typed agree', () => {
    assert.deepEqual(both('INT8', [4], [-128, 127, -1, 0]).data, Float64Array.of(-128, 127, -1, 0));
    assert.deepEqual(both('UINT8', [3], [0, 255, 7]).data, Float64Array.of(0, 255, 7));
    assert.deepEqual(both('INT32', [3], [-2147483648, 2147483647, 5]).data, Float64Array.of(-2147483648, 2147483647, 5));
    const b = both('BOOL', [3], [1, 0, 1]);
    assert.equal(b.dtype, 'bool');
    assert.deepEqual(b.data, Float64Array.of(1, 0, 1));
  });

  it('int16 / uint16 / uint32 / uint64: raw and typed fields', () => {
    const cases: [number, string, Uint8Array, Record<string, unknown>, number[]][] = [
      [DT.INT16, 'int16', new Uint8Array(Int16Array.of(-32768, 32767, -2).buffer), { int32_data: [-32768, 32767, -2] }, [-32768, 32767, -2]],
      [DT.UINT16, 'uint16', u16Bytes([0, 65535, 9]), { int32_data: [0, 65535, 9] }, [0, 65535, 9]],
      [DT.UINT32, 'uint32', new Uint8Array(Uint32Array.of(0, 4294967295, 9).buffer), { uint64_data: [0, 4294967295, 9] }, [0, 4294967295, 9]],
      [DT.UINT64, 'uint64', new Uint8Array(BigUint64Array.of(0n, 2n ** 53n - 1n, 9n).buffer), { uint64_data: ['0', String(2 ** 53 - 1), '9'] }, [0, 2 ** 53 - 1, 9]],
    ];
    for (const [dataType, dtype, raw, typed, expected] of cases) {
      const a = initializer(modelWithInitializers([{ proto: { name: 'w', dims: [3], data_type: dataType, raw_data: raw } }]));
      const b = initializer(modelWithInitializers([{ proto: { name: 'w', dims: [3], data_type: dataType, ...typed } }]));
      assert.equal(a.dtype, dtype);
      assert.deepEqual(a.data, Float64Array.from(expected), dtype);
      assert.deepEqual(b, a, dtype);
    }
  });

  it('float16 decodes exactly from raw_data and from int32_data bits', () => {
    // 1, -2, 0.333251953125, smallest subnormal 2^-24, max 65504, -0, 2^-14 (smallest normal)
    const bits = [0x3c00, 0xc000, 0x3555, 0x0001, 0x7bff, 0x8000, 0x0400];
    const expected = Float64Array.of(1, -2, 0.333251953125, 2 ** -24, 65504, -0, 2 ** -14);
    const raw = initializer(modelWithInitializers([{ proto: { name: 'w', dims: [7], data_type: DT.FLOAT16, raw_data: u16Bytes(bits) } }]));
    const typed = initializer(modelWithInitializers([{ name: 'w', dims: [7], data: bits, dtype: 'FLOAT16', encoding: 'typed' }]));
    assert.equal(raw.dtype, 'float16');
    assert.deepEqual(raw.data, expected);
    assert.ok(Object.is(raw.data[5], -0));
    assert.deepEqual(typed, raw);
  });

  it('bfloat16 decodes exactly', () => {
    const bits = [0x3f80, 0xc040, 0x4049, 0x0000];
    const raw = initializer(modelWithInitializers([{ proto: { name: 'w', dims: [2, 2], data_type: DT.BFLOAT16, raw_data: u16Bytes(bits) } }]));
    const typed = initializer(modelWithInitializers([{ proto: { name: 'w', dims: [2, 2], data_type: DT.BFLOAT16, int32_data: bits } }]));
    assert.equal(raw.dtype, 'bfloat16');
    assert.deepEqual(raw.data, Float64Array.of(1, -3, 3.140625, 0));
    assert.deepEqual(typed, raw);
  });

  it('scalars and empty tensors', () => {
    assert.deepEqual(both('FLOAT', [], [2.5]), { dtype: 'float32', dims: [], data: Float64Array.of(2.5) });
    assert.deepEqual(both('FLOAT', [0, 3], []), { dtype: 'float32', dims: [0, 3], data: new Float64Array(0) });
  });

  it('decodes raw_data that sits at an unaligned offset in the file', () => {
    const data = [1.5, -2.25, 3.125, 1e-3, 42];
    let found = 0;
    for (let len = 1; len <= 8; len++) {
      const name = 'w'.repeat(len);
      const bytes = modelWithInitializers([{ name, dims: [5], data, dtype: 'FLOAT' }]);
      const msg = MODEL_PROTO.decode(bytes) as unknown as { graph: { initializer: { name: string; raw_data: Uint8Array }[] } };
      const raw = msg.graph.initializer.find((t) => t.name === name)?.raw_data;
      assert.ok(raw);
      if (raw.byteOffset % 4 === 0) continue;
      found++;
      assert.deepEqual(initializer(bytes, name).data, Float64Array.from(data, Math.fround));
      // and again with the whole model at an odd offset of a larger buffer
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      assert.deepEqual(initializer(shifted.subarray(3), name).data, Float64Array.from(data, Math.fround));
    }
    assert.ok(found > 0, 'no name length gave unaligned raw_data');
  });

  it('also decodes an unaligned float64 / int64 raw_data', () => {
    const shifted = (bytes: Uint8Array): Uint8Array => {
      const buf = new Uint8Array(bytes.length + 1);
      buf.set(bytes, 1);
      return buf.subarray(1);
    };
    const d = initializer(shifted(modelWithInitializers([{ name: 'w', dims: [2], data: [0.1, -7], dtype: 'DOUBLE' }])));
    assert.deepEqual(d.data, Float64Array.of(0.1, -7));
    const i = initializer(shifted(modelWithInitializers([{ name: 'w', dims: [2], data: [-5, 2 ** 50], dtype: 'INT64' }])));
    assert.deepEqual(i.data, Float64Array.of(-5, 2 ** 50));
  });
});

describe('invalid initializers', () => {
  it('element count not matching dims (raw and typed) names the tensor', () => {
    for (const encoding of ['raw', 'typed'] as const) {
      const bytes = modelWithInitializers([{ name: 'w', dims: [2, 3], data: [1, 2, 3, 4, 5], encoding }]);
      expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', [/initializer 'w'/, /\[2, 3\]/, /need 6/]);
    }
  });

  it('raw_data whose length is not a multiple of the element size', () => {
    const bytes = modelWithInitializers([{ proto: { name: 'w', dims: [2], data_type: DT.FLOAT, raw_data: new Uint8Array(7) } }]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /initializer 'w' has 7 bytes of raw_data/);
  });

  it('a tensor without data', () => {
    const bytes = modelWithInitializers([{ proto: { name: 'w', dims: [3], data_type: DT.FLOAT } }]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /initializer 'w' has 0 values/);
  });

  it('string and complex tensors are rejected, naming the tensor', () => {
    const s = modelWithInitializers([{ proto: { name: 'labels', dims: [1], data_type: DT.STRING, string_data: [new Uint8Array([97])] } }]);
    expectImportError(() => importOnnx(s), 'PF_ERR_ONNX_INVALID', /initializer 'labels' has element type string/);
    const c = modelWithInitializers([{ proto: { name: 'z', dims: [1], data_type: DT.COMPLEX64, float_data: [1, 2] } }]);
    expectImportError(() => importOnnx(c), 'PF_ERR_ONNX_INVALID', /initializer 'z' has element type complex64/);
    const u = modelWithInitializers([{ proto: { name: 'u', dims: [1], data_type: 0, float_data: [1] } }]);
    expectImportError(() => importOnnx(u), 'PF_ERR_ONNX_INVALID', /initializer 'u' has element type undefined/);
  });

  it('negative dims', () => {
    const bytes = modelWithInitializers([{ proto: { name: 'w', dims: [-1], data_type: DT.FLOAT, float_data: [] } }]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', /initializer 'w' has invalid dims \[-1\]/);
  });

  it('NaN and Inf weights name the initializer and count the bad values', () => {
    const bytes = modelWithInitializers([{ name: 'fc.weight', dims: [4], data: [1, NaN, Infinity, -Infinity] }]);
    expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_INVALID', [/initializer 'fc\.weight'/, /3 non-finite values/, /1 NaN, 2 Inf/]);
    const one = modelWithInitializers([{ name: 'b', dims: [2], data: [NaN, 0], dtype: 'DOUBLE', encoding: 'typed' }]);
    expectImportError(() => importOnnx(one), 'PF_ERR_ONNX_INVALID', [/initializer 'b' has 1 non-finite value \(1 NaN\)/]);
    const half = modelWithInitializers([{ proto: { name: 'h', dims: [1], data_type: DT.FLOAT16, raw_data: u16Bytes([0x7c00]) } }]);
    expectImportError(() => importOnnx(half), 'PF_ERR_ONNX_INVALID', /initializer 'h' has 1 non-finite value \(1 Inf\)/);
  });

  it('duplicate initializer names and unnamed initializers', () => {
    const dup = modelWithInitializers([{ name: 'w', dims: [1], data: [1] }, { name: 'w', dims: [1], data: [2] }]);
    expectImportError(() => importOnnx(dup), 'PF_ERR_ONNX_INVALID', /initializer 'w' is defined twice/);
    const unnamed = modelWithInitializers([{ proto: { name: '', dims: [1], data_type: DT.FLOAT, float_data: [1] } }]);
    expectImportError(() => importOnnx(unnamed), 'PF_ERR_ONNX_INVALID', /initializer has no name/);
  });

  it('external data is PF_ERR_ONNX_EXTERNAL_DATA with the file name', () => {
    const bytes = modelWithInitializers([{ proto: {
      name: 'w', dims: [1000], data_type: DT.FLOAT, data_location: 1,
      external_data: [{ key: 'location', value: 'x.bin' }, { key: 'offset', value: '0' }, { key: 'length', value: '4000' }],
    } }]);
    const err = expectImportError(() => importOnnx(bytes), 'PF_ERR_ONNX_EXTERNAL_DATA', /x\.bin/);
    assert.equal(err.message,
      "initializer 'w' is stored in external file 'x.bin'; external-data models are not supported — re-export with the weights inside the .onnx file");
    const noLocation = modelWithInitializers([{ proto: { name: 'w', dims: [1], data_type: DT.FLOAT, data_location: 1 } }]);
    expectImportError(() => importOnnx(noLocation), 'PF_ERR_ONNX_EXTERNAL_DATA', /initializer 'w' is stored in an external file/);
  });

  it('sparse initializers are rejected', () => {
    const sparse = patchModel(modelWithInitializers([]), (m) => {
      m.graph.sparse_initializer = [{
        values: { name: 's', dims: [1], data_type: DT.FLOAT, float_data: [1] },
        indices: { dims: [1], data_type: DT.INT64, int64_data: [0] },
        dims: [4],
      }];
    });
    expectImportError(() => importOnnx(sparse), 'PF_ERR_ONNX_INVALID', /sparse initializer 's'/);
  });
});
