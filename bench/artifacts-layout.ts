/**
 * GDSII layout and YAML netlist generation time (both streamed to files) for LeNet-5 at core size 16 and at full
 * size, and for one full-size 784 → 512 layer (an MNIST-sized first layer: 401k MZIs in its reduced meshes). Placement is timed apart
 * (it is shared with the cost model). Prints a table and returns the figures for bench/results.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, importOnnx, mapGraph, builtinPdk, writeLayoutGds, writeNetlistYaml, type CircuitIR } from '../src/index.js';
import { placeCircuit } from '../src/physics/placement/index.js';
import { A, buildModel } from '../test/helpers/onnx-builder.js';

const SHARED = process.env.FOUNDRY_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
const LENET = path.join(SHARED, 'models', 'mnist_lenet5_pytorch.onnx');

export interface LayoutBenchRow {
  readonly design: string;
  readonly mzis: number;
  readonly heaters: number;
  readonly compileS: number;
  readonly placeS: number;
  readonly gdsS: number;
  readonly gdsMb: number;
  readonly netlistS: number;
  readonly netlistMb: number;
  readonly areaLayoutBboxMm2: number;
  /** Resident set size after the run, MB (the process's, so it includes earlier rows). */
  readonly rssMb: number;
}

/** One Gemm layer of `rows` × `cols` with deterministic weights. */
function singleLayer(rows: number, cols: number): CircuitIR {
  const data = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(0.37 * i + 0.11));
  const graph = importOnnx(
    buildModel({
      opset: 13,
      inputs: [{ name: 'x', dims: ['N', cols] }],
      outputs: [{ name: 'y' }],
      initializers: [{ name: 'W', dims: [rows, cols], data }],
      nodes: [{ op: 'Gemm', inputs: ['x', 'W'], outputs: ['y'], attrs: { transB: A.i(1) } }],
    }),
  );
  return mapGraph(graph, { coreSize: null });
}

export function runLayoutBench(): LayoutBenchRow[] {
  const pdk = builtinPdk('soi-thermo');
  const dir = mkdtempSync(path.join(tmpdir(), 'foundry-layout-bench-'));
  const designs: { design: string; make: () => CircuitIR }[] = [
    { design: 'LeNet-5 core 16', make: () => compileModel(LENET, { coreSize: 16 }).circuit },
    { design: 'LeNet-5 full size', make: () => compileModel(LENET, {}).circuit },
    { design: 'Gemm 784→512 full size', make: () => singleLayer(512, 784) },
  ];
  const rows: LayoutBenchRow[] = [];
  const seconds = (t: number): number => (performance.now() - t) / 1000;
  try {
    for (const d of designs) {
      let t = performance.now();
      const circuit = d.make();
      const compileS = seconds(t);
      t = performance.now();
      const placement = placeCircuit(circuit, pdk);
      const placeS = seconds(t);
      const gdsFile = path.join(dir, 'layout.gds');
      t = performance.now();
      const layout = writeLayoutGds(gdsFile, circuit, placement, pdk);
      const gdsS = seconds(t);
      t = performance.now();
      const netlist = writeNetlistYaml(path.join(dir, 'netlist.yml'), circuit, placement, pdk);
      const netlistS = seconds(t);
      rows.push({
        design: d.design,
        mzis: layout.mzis,
        heaters: layout.heaters,
        compileS,
        placeS,
        gdsS,
        gdsMb: layout.bytes / 1e6,
        netlistS,
        netlistMb: netlist.size / 1e6,
        areaLayoutBboxMm2: layout.areaLayoutBboxMm2,
        rssMb: process.memoryUsage().rss / 1e6,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nGDSII layout and YAML netlist generation (streamed to files; soi-thermo)');
  console.log('design                      MZIs   heaters  compile s  place s   GDS s   GDS MB  netlist s  netlist MB  bbox mm²   RSS MB');
  for (const r of rows) {
    console.log(
      `${r.design.padEnd(24)}${String(r.mzis).padStart(9)}${String(r.heaters).padStart(10)}${r.compileS.toFixed(2).padStart(11)}${r.placeS.toFixed(2).padStart(9)}` +
        `${r.gdsS.toFixed(2).padStart(8)}${r.gdsMb.toFixed(1).padStart(9)}${r.netlistS.toFixed(2).padStart(11)}${r.netlistMb.toFixed(1).padStart(12)}` +
        `${r.areaLayoutBboxMm2.toFixed(0).padStart(10)}${r.rssMb.toFixed(0).padStart(9)}`,
    );
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runLayoutBench();
