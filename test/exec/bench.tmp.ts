import { readFileSync } from 'node:fs';
import { importOnnx } from '../../src/import/index.js';
import { conv } from '../../src/ops/conv.js';
import { loadMnistTest, mnistBatch } from './mnist.js';
const g = importOnnx(readFileSync('/work/shared/models/mnist_lenet5_pytorch.onnx'));
const m = loadMnistTest();
const N = 2000;
const x = { dtype: 'float32' as const, dims: [N, 1, 28, 28], data: mnistBatch(m, 0, N) };
const node = g.nodes[0];
const W = g.initializers.get(node.inputs[1])!, B = g.initializers.get(node.inputs[2])!;
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  conv.run([x, W, B], node, { opset: 10 });
  console.log('total', performance.now() - t);
}
