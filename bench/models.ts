/**
 * Compile and ideal photonic eval time of each shared real model on the 10,000 MNIST test images
 * (full-size meshes and --core-size 16). Prints a table and returns the figures for bench/results.json.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, evaluate } from '../src/index.js';

const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
const DATA = path.join(SHARED, 'models/data');

const MODELS: { file: string; flags: { scale: number; resize?: [number, number] } }[] = [
  { file: 'mnist_lenet5_pytorch.onnx', flags: { scale: 1 / 255 } },
  { file: 'mnist_lenet5_batchnorm1d_pytorch.onnx', flags: { scale: 1 / 255 } },
  { file: 'mnist_lenet5_tanh_32x32_pytorch.onnx', flags: { scale: 1 / 255, resize: [32, 32] } },
];

export interface ModelBenchRow {
  readonly model: string;
  readonly coreSize: number | null;
  readonly compileS: number;
  readonly compileAndEvalS: number;
  readonly samples: number;
  readonly samplesPerS: number;
  readonly agreement: number;
}

export function runModelBench(): ModelBenchRow[] {
  const rows: ModelBenchRow[] = [];
  for (const m of MODELS) {
    const modelPath = path.join(SHARED, 'models', m.file);
    for (const coreSize of [null, 16]) {
      let t = performance.now();
      compileModel(modelPath, { coreSize });
      const compileS = (performance.now() - t) / 1000;
      t = performance.now();
      const { result } = evaluate(modelPath, {
        data: path.join(DATA, 't10k-images-idx3-ubyte.gz'),
        labels: path.join(DATA, 't10k-labels-idx1-ubyte.gz'),
        preprocess: { scale: m.flags.scale, resize: m.flags.resize },
        coreSize,
      });
      const total = (performance.now() - t) / 1000;
      rows.push({ model: m.file, coreSize, compileS, compileAndEvalS: total, samples: result.n, samplesPerS: result.n / (total - compileS), agreement: result.agreement });
    }
  }
  console.log('\nCompile + ideal photonic eval (digital reference and circuit) on 10,000 MNIST images');
  console.log('model                                   core   compile s   compile+eval s   eval samples/s   agreement');
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(40)}${String(r.coreSize ?? 'full').padStart(4)}${r.compileS.toFixed(2).padStart(12)}${r.compileAndEvalS.toFixed(2).padStart(17)}${r.samplesPerS.toFixed(0).padStart(17)}${r.agreement.toFixed(4).padStart(12)}`,
    );
  }
  return rows;
}
