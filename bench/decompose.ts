/**
 * Benchmark: mesh decomposition time and batch propagation throughput (not a test; figures go in PRs).
 *
 *   node --import tsx bench/decompose.ts [N ...]        default N = 64 128 256 512 1024
 *   node --import tsx bench/decompose.ts --propagate-only
 *
 * Decomposition: median wall time of Clements and Reck over repeats (more repeats for small N; the first
 * run, which includes JIT warm-up, is discarded).
 *
 * Propagation at N = 256, B = 1024 (complex float64), for each backend of sim/mesh-propagate.ts — TypeScript,
 * WebAssembly SIMD, and the native addon when built, with its strategies 'mzi' (MZI by MZI), 'compose'
 * (transfer matrix + GEMM) and 'auto' — and both kernel forms. One batch = everything a one-shot simulation
 * pays (resolving the mesh into a kernel, or composing U, plus the batch): median of 5 (TypeScript: 3) after
 * a warm-up. Steady state = a kernel built once (for native compose, its transfer matrix then cached),
 * averaged over many batches. Timed by wall clock and by the process's CPU time (all its threads, so V8's GC
 * helpers count too); the latter is less sensitive to other load on a shared machine. FOUNDRY_KERNELS does
 * not apply here: every available backend is measured.
 * Targets (issue 3, one thread): decomposition ≤ 0.1 s at N = 256, ≤ 0.8 s at N = 512; propagation
 * ≥ 25 000 samples/s at N = 256 including composition.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import type { CMat } from '../src/core/linalg/cmat.js';
import { multiplyCMat, zerosCMat } from '../src/core/linalg/cmat.js';
import { haarUnitary } from '../src/core/linalg/haar.js';
import { createRng } from '../src/core/rng.js';
import { decomposeClements, decomposeReck } from '../src/map/index.js';
import type { MeshPropagator, PropagatorOptions } from '../src/sim/index.js';
import { buildMeshKernel, composeTransferMatrix, createMeshPropagator, propagateKernel } from '../src/sim/index.js';

/** Issue 3: samples/s at N = 256, B = 1024, one batch including the per-chip preparation. */
const PROPAGATION_TARGET = 25_000;

export interface DecomposeFigure {
  readonly N: number;
  readonly repeats: number;
  readonly clementsS: number;
  readonly reckS: number;
}

export interface PropagateRow {
  /** 'ts' | 'wasm' | 'native' (+ strategy). */
  readonly backend: string;
  readonly path: string;
  /** Wall clock (what the target is about). */
  readonly samplesPerS: number;
  /** Same runs timed by this process's CPU time (user + system): less sensitive to other load on the machine. */
  readonly cpuSamplesPerS: number;
}

export interface PropagateFigures {
  readonly N: number;
  readonly B: number;
  readonly rows: readonly PropagateRow[];
  /** Backends that could not be created here, with the reason. */
  readonly unavailable: readonly string[];
  /** composeTransferMatrix alone, TypeScript, seconds. */
  readonly composeS: number;
  /** buildMeshKernel alone, seconds. */
  readonly kernelBuildS: number;
  /** os.loadavg() before and after (the machine may be shared). */
  readonly loadAvg: readonly [number, number];
}

export interface DecomposeBenchResult {
  readonly decompose: readonly DecomposeFigure[];
  readonly propagate: PropagateFigures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall and CPU (user + system of this process) seconds of one call. */
function timeWallCpuS(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
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

interface Variant {
  readonly backend: string;
  readonly propagator: MeshPropagator;
}

/** The propagators to compare: TypeScript, WebAssembly SIMD, and native with each strategy (when built). */
function variants(unavailable: string[]): Variant[] {
  const out: Variant[] = [];
  const add = (backend: string, options: PropagatorOptions): void => {
    try {
      out.push({ backend, propagator: createMeshPropagator(options) });
    } catch (e) {
      unavailable.push(`${backend}: ${(e as Error).message}`);
    }
  };
  add('ts', { backend: 'ts' });
  add('wasm', { backend: 'wasm' });
  add('native mzi', { backend: 'native', nativeStrategy: 'mzi' });
  if (out.at(-1)?.backend === 'native mzi') {
    add('native compose', { backend: 'native', nativeStrategy: 'compose' });
    add('native auto', { backend: 'native', nativeStrategy: 'auto' });
  }
  return out;
}

export function benchPropagate(N = 256, B = 1024, steadyBatches = 8): PropagateFigures {
  const load0 = os.loadavg()[0];
  const mesh = decomposeClements(haarUnitary(N, createRng(2, N)));
  const x = randomBatch(N, B, 3);
  const rows: PropagateRow[] = [];
  const unavailable: string[] = [];
  const oneBatch = (backend: string, path: string, fn: () => unknown): void => {
    fn(); // warm-up (JIT / wasm tier-up)
    const t = Array.from({ length: backend === 'ts' ? 3 : 5 }, () => timeWallCpuS(fn));
    rows.push({ backend, path, samplesPerS: B / median(t.map((r) => r.wall)), cpuSamplesPerS: B / median(t.map((r) => r.cpu)) });
  };
  const steadyState = (backend: string, path: string, batches: number, fn: () => unknown): void => {
    fn(); // warm-up; also fills caches (a native composed matrix)
    const t = timeWallCpuS(() => Array.from({ length: batches }, fn));
    rows.push({ backend, path: `${path}, steady state (${batches} batches)`, samplesPerS: (B * batches) / t.wall, cpuSamplesPerS: (B * batches) / t.cpu });
  };
  for (const { backend, propagator } of variants(unavailable)) {
    const batches = backend === 'ts' ? 3 : steadyBatches;
    oneBatch(backend, 'general 2×2 (kernel build + 1 batch)', () => propagateKernel(buildMeshKernel(mesh, {}, { form: 'general' }), x, propagator));
    oneBatch(backend, 'phase-real (kernel build + 1 batch)', () => propagateKernel(buildMeshKernel(mesh), x, propagator));
    const kernel = buildMeshKernel(mesh);
    steadyState(backend, 'phase-real', batches, () => propagateKernel(kernel, x, propagator));
  }
  oneBatch('ts', 'composeTransferMatrix + multiplyCMat (1 batch)', () => multiplyCMat(composeTransferMatrix(mesh), x));
  const u = composeTransferMatrix(mesh);
  const out = zerosCMat(N, B);
  steadyState('ts', 'multiplyCMat with cached U', 3, () => multiplyCMat(u, x, out));
  const composeS = median([0, 1, 2].map(() => timeS(() => composeTransferMatrix(mesh))));
  const kernelBuildS = median([0, 1, 2].map(() => timeS(() => buildMeshKernel(mesh))));
  return { N, B, rows, unavailable, composeS, kernelBuildS, loadAvg: [load0, os.loadavg()[0]] };
}

export function runDecomposeBench(sizes: readonly number[] = [64, 128, 256, 512, 1024]): DecomposeBenchResult {
  const decompose = sizes.map((N) => {
    const f = benchDecompose(N);
    console.log(`N=${String(N).padStart(5)}  clements ${f.clementsS.toFixed(4)} s   reck ${f.reckS.toFixed(4)} s   (median of ${f.repeats})`);
    return f;
  });
  const propagate = benchPropagate();
  console.log(`\npropagation N=${propagate.N}, B=${propagate.B} (complex float64, one thread; target ≥ ${PROPAGATION_TARGET} samples/s for one batch incl. preparation)`);
  console.log(`${'backend'.padEnd(15)} ${'path'.padEnd(52)} ${'samples/s'.padStart(9)} ${'(CPU time)'.padStart(13)}`);
  for (const r of propagate.rows) {
    console.log(`${r.backend.padEnd(15)} ${r.path.padEnd(52)} ${Math.round(r.samplesPerS).toString().padStart(9)} ${Math.round(r.cpuSamplesPerS).toString().padStart(13)}`);
  }
  for (const u of propagate.unavailable) console.log(`unavailable: ${u}`);
  const best = propagate.rows.filter((r) => !r.path.includes('steady')).reduce((a, b) => (b.samplesPerS > a.samplesPerS ? b : a));
  console.log(`best one batch: ${best.backend}, ${best.path}: ${Math.round(best.samplesPerS)} samples/s (target ${best.samplesPerS >= PROPAGATION_TARGET ? 'met' : 'NOT met'})`);
  console.log(`composeTransferMatrix (ts) ${propagate.composeS.toFixed(4)} s, buildMeshKernel ${propagate.kernelBuildS.toFixed(4)} s`);
  console.log(`load average (1 min) ${propagate.loadAvg[0].toFixed(2)} before, ${propagate.loadAvg[1].toFixed(2)} after (${os.cpus().length} CPUs)`);
  return { decompose, propagate };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  runDecomposeBench(args.includes('--propagate-only') ? [] : sizes.length > 0 ? sizes : undefined);
}
