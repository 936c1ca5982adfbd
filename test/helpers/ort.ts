/**
 * Test helper: runs a model with onnxruntime-node (the independent reference the executor is checked
 * against). Test-only code; onnxruntime-node is a devDependency.
 */
import ort from 'onnxruntime-node';

export interface OrtInput {
  dims: number[];
  data: ArrayLike<number>;
  dtype?: 'float32' | 'int64' | 'float64' | 'int32';
}

export interface OrtOutput {
  dims: number[];
  data: Float64Array;
}

/** Runs the model on the given named inputs and returns every graph output as float64. */
export async function runOrt(model: Uint8Array | string, inputs: Record<string, OrtInput>): Promise<Record<string, OrtOutput>> {
  const session = await ort.InferenceSession.create(model as never, { graphOptimizationLevel: 'disabled', logSeverityLevel: 3 });
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, x] of Object.entries(inputs)) {
    const dtype = x.dtype ?? 'float32';
    const data =
      dtype === 'float32' ? Float32Array.from(x.data)
      : dtype === 'float64' ? Float64Array.from(x.data)
      : dtype === 'int32' ? Int32Array.from(x.data)
      : BigInt64Array.from(Array.from(x.data, (v) => BigInt(Math.trunc(v))));
    feeds[name] = new ort.Tensor(dtype, data, x.dims);
  }
  const result = await session.run(feeds);
  const out: Record<string, OrtOutput> = {};
  for (const [name, t] of Object.entries(result)) {
    const d = t.data as ArrayLike<number | bigint>;
    out[name] = { dims: [...t.dims], data: Float64Array.from(Array.from(d, (v) => Number(v))) };
  }
  await session.release();
  return out;
}
