/**
 * Benchmark: mesh decomposition time and batch propagation throughput (not a test; figures go in PRs).
 *
 *   node --import tsx bench/decompose.ts [N ...]        default N = 64 128 256 512 1024
 *
 * Decomposition: median wall time of Clements and Reck over repeats (more repeats for small N; the first
 * run, which includes JIT warm-up, is discarded). Propagation at N = 256, B = 1024 (complex float64), one
 * batch = everything a one-shot simulation pays (resolving the mesh into a kernel, or composing U, plus the
 * batch), for the TypeScript and WebAssembly SIMD backends and both kernel forms (sim/mesh-propagate.ts);
 * steady state = a kernel or U built once, averaged over many batches.
 * Targets (issue 3, one thread): decomposition ≤ 0.1 s at N = 256, ≤ 0.8 s at N = 512; propagation
 * ≥ 25 000 samples/s at N = 256 including composition.
 */
import { pathToFileURL } from 'node:url';
import type { CMat } from '../src/core/linalg/cmat.js';
import { multiplyCMat, zerosCMat } from '../src/core/linalg/cmat.js';
import { haarUnitary } from '../src/core/linalg/haar.js';
import { createRng } from '../src/core/rng.js';
import { decomposeClements, decomposeReck } from '../src/map/index.js';
import { buildMeshKernel, composeTransferMatrix, createMeshPropagator, propagateKernel } from '../src/sim/index.js';

export interface DecomposeFigure {
  readonly N: number;
  readonly repeats: number;
  readonly clementsS: number;
  readonly reckS: number;
}

export interface PropagateRow {
  readonly path: string;
  readonly samplesPerS: number;
}

export interface PropagateFigures {
  readonly N: number;
  readonly B: number;
  readonly rows: readonly PropagateRow[];
  /** composeTransferMatrix alone, TypeScript, seconds. */
  readonly composeS: number;
  /** buildMeshKernel alone, seconds. */
  readonly kernelBuildS: number;
}

export interface DecomposeBenchResult {
  readonly decompose: readonly DecomposeFigure[];
  readonly propagate: PropagateFigures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeS(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

function repeatsFor(N: number): number {
  return N <= 128 ? 9 : N <= 256 ? 5 : N <= 512 ? 3 : 1;
}

function randomBatch(N: number, B: number, seed: number): CMat {
  const rng = createRng(seed);
  const x = zerosCMat(N, B);
  for (let k = 0; k < N * B; k++) {
    x.re[k] = rng.normal();
    x.im[k] = rng.normal();
  }
  return x;
}

export function benchDecompose(N: number): DecomposeFigure {
  const u = haarUnitary(N, createRng(1, N));
  const repeats = repeatsFor(N);
  const measure = (fn: () => unknown): number => {
    if (N <= 512) fn(); // warm-up
    return median(Array.from({ length: repeats }, () => timeS(fn)));
  };
  return { N, repeats, clementsS: measure(() => decomposeClements(u)), reckS: measure(() => decomposeReck(u)) };
}

export function benchPropagate(N = 256, B = 1024, steadyBatches = 8): PropagateFigures {
  const mesh = decomposeClements(haarUnitary(N, createRng(2, N)));
  const x = randomBatch(N, B, 3);
  const ts = createMeshPropagator({ backend: 'ts' });
  const wasm = createMeshPropagator({ backend: 'auto' });
  const rows: PropagateRow[] = [];
  const oneBatch = (path: string, fn: () => unknown): void => {
    fn(); // warm-up (JIT / wasm tier-up)
    rows.push({ path, samplesPerS: B / median([0, 1, 2].map(() => timeS(fn))) });
  };
  oneBatch('ts mzi-by-mzi, general 2×2 (kernel build + 1 batch)', () => propagateKernel(buildMeshKernel(mesh, {}, { form: 'general' }), x, ts));
  oneBatch('ts mzi-by-mzi, phase-real (kernel build + 1 batch)', () => propagateKernel(buildMeshKernel(mesh), x, ts));
  oneBatch('ts compose + matmul (1 batch)', () => multiplyCMat(composeTransferMatrix(mesh), x));
  oneBatch(`${wasm.backend} mzi-by-mzi, general 2×2 (kernel build + 1 batch)`, () => propagateKernel(buildMeshKernel(mesh, {}, { form: 'general' }), x, wasm));
  oneBatch(`${wasm.backend} mzi-by-mzi, phase-real (kernel build + 1 batch)`, () => propagateKernel(buildMeshKernel(mesh), x, wasm));
  const kernel = buildMeshKernel(mesh);
  const steady = timeS(() => {
    for (let b = 0; b < steadyBatches; b++) propagateKernel(kernel, x, wasm);
  });
  rows.push({ path: `${wasm.backend} mzi-by-mzi, phase-real, steady state (${steadyBatches} batches)`, samplesPerS: (B * steadyBatches) / steady });
  const u = composeTransferMatrix(mesh);
  const out = zerosCMat(N, B);
  const steadyMatmul = timeS(() => {
    for (let b = 0; b < 3; b++) multiplyCMat(u, x, out);
  });
  rows.push({ path: 'ts matmul with cached U, steady state (3 batches)', samplesPerS: (3 * B) / steadyMatmul });
  const composeS = median([0, 1, 2].map(() => timeS(() => composeTransferMatrix(mesh))));
  const kernelBuildS = median([0, 1, 2].map(() => timeS(() => buildMeshKernel(mesh))));
  return { N, B, rows, composeS, kernelBuildS };
}

export function runDecomposeBench(sizes: readonly number[] = [64, 128, 256, 512, 1024]): DecomposeBenchResult {
  const decompose = sizes.map((N) => {
    const f = benchDecompose(N);
    console.log(`N=${String(N).padStart(5)}  clements ${f.clementsS.toFixed(4)} s   reck ${f.reckS.toFixed(4)} s   (median of ${f.repeats})`);
    return f;
  });
  const propagate = benchPropagate();
  console.log(`\npropagation N=${propagate.N}, B=${propagate.B} (complex float64, one thread)`);
  for (const r of propagate.rows) console.log(`${r.path.padEnd(72)} ${Math.round(r.samplesPerS).toString().padStart(7)} samples/s`);
  console.log(`composeTransferMatrix (ts) ${propagate.composeS.toFixed(4)} s, buildMeshKernel ${propagate.kernelBuildS.toFixed(4)} s`);
  return { decompose, propagate };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  runDecomposeBench(sizes.length > 0 ? sizes : undefined);
}
