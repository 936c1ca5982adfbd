/**
 * circuit.json: CircuitIR ⇄ JSON. Plain JSON numbers round-trip float64 exactly (shortest round-trip
 * representation), so a re-loaded circuit simulates bit for bit like the one compiled. Maps become arrays,
 * Float64Arrays become number arrays, meshes are stored column-wise (top/theta/phi/col arrays) to stay compact.
 */
import { InvalidInputError } from '../core/errors.js';
import { formatDims, sizeOf, type DType, type Tensor } from '../core/tensor.js';
import type { AttributeValue, GraphIR, NodeIR, ValueInfo } from './graph.js';
import {
  CIRCUIT_CONVENTIONS, CIRCUIT_FORMAT, CIRCUIT_VERSION,
  type CircuitIR, type MeshTile, type MziMesh, type OpticalLayer,
} from './circuit.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function tensorToJson(name: string, t: Tensor): Json {
  return { name, dtype: t.dtype, dims: [...t.dims], data: Array.from(t.data) };
}

function attributeToJson(a: AttributeValue): Json {
  if (a.kind === 'tensor') return { kind: 'tensor', value: tensorToJson('', a.value) };
  if (a.kind === 'graph') return { kind: 'graph' };
  if (a.kind === 'other') return { kind: 'other', type: a.type };
  return { kind: a.kind, value: a.value as Json };
}

function meshToJson(m: MziMesh): Json {
  return {
    N: m.N,
    topology: m.topology,
    mzi_count: m.mzis.length,
    top: m.mzis.map((z) => z.top),
    theta: m.mzis.map((z) => z.theta),
    phi: m.mzis.map((z) => z.phi),
    col: m.mzis.map((z) => z.col),
    phases_out: Array.from(m.phasesOut),
    ...(m.reduced ? { reduced: { kind: m.reduced.kind, count: m.reduced.count } } : {}),
  };
}

function tileToJson(t: MeshTile): Json {
  return {
    row_block: t.rowBlock, col_block: t.colBlock, row_start: t.rowStart, col_start: t.colStart, rows: t.rows, cols: t.cols,
    sigma_max: t.sigmaMax,
    attenuation: Array.from(t.attenuation),
    lo_phase_rad: Array.from(t.loPhaseRad),
    input_mesh: meshToJson(t.inputMesh),
    output_mesh: meshToJson(t.outputMesh),
  };
}

function layerToJson(l: OpticalLayer): Json {
  return {
    name: l.name, op_type: l.opType, matrix: { rows: l.matrix.rows, cols: l.matrix.cols },
    passes_per_sample: l.passesPerSample, core_size: l.coreSize, row_blocks: l.rowBlocks, col_blocks: l.colBlocks,
    tiles: l.tiles.map(tileToJson),
  };
}

function graphToJson(g: GraphIR): Json {
  const vi = (v: ValueInfo): Json => ({ name: v.name, dtype: v.dtype, shape: v.shape ? [...v.shape] : null });
  return {
    producer: { ...g.producer },
    ir_version: g.irVersion,
    opsets: g.opsets.map((o) => ({ domain: o.domain, version: o.version })),
    opset: g.opset,
    name: g.graphName,
    inputs: g.inputs.map(vi),
    outputs: g.outputs.map(vi),
    value_info: [...g.valueInfo.values()].map(vi),
    initializers: [...g.initializers].map(([name, t]) => tensorToJson(name, t)),
    nodes: g.nodes.map((n) => ({
      name: n.name, op_type: n.opType, domain: n.domain, inputs: [...n.inputs], outputs: [...n.outputs],
      attributes: Object.fromEntries(Object.entries(n.attributes).map(([k, a]) => [k, attributeToJson(a)])),
    })),
  };
}

/** The circuit as a JSON-ready object (the content of circuit.json). */
export function circuitToJson(c: CircuitIR): Json {
  return {
    format: c.format,
    version: c.version,
    conventions: { ...c.conventions },
    source: { model: c.source.model, sha256: c.source.sha256, producer: { ...c.source.producer } },
    options: { mesh: c.options.mesh, core_size: c.options.coreSize },
    schedule: {
      cores: c.schedule.cores,
      reprogrammings_per_batch: c.schedule.reprogrammingsPerBatch,
      passes_per_sample: c.schedule.passesPerSample,
      steps: c.schedule.steps.map((s) => ({ step: s.step, layer: s.layer, tile: s.tile, core: s.core, reprogram: s.reprogram, passes_per_sample: s.passesPerSample })),
    },
    layers: c.layers.map(layerToJson),
    graph: graphToJson(c.graph),
  };
}

// ---------------------------------------------------------------------------------------------- reading

class Reader {
  constructor(private readonly source: string) {}
  fail(path: string, what: string): never {
    throw new InvalidInputError(`${this.source}: ${path} ${what}`, { stage: 'import' });
  }
  obj(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'must be an object');
    return v as Record<string, unknown>;
  }
  num(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'must be a finite number');
    return v as number;
  }
  int(v: unknown, path: string): number {
    const n = this.num(v, path);
    if (!Number.isInteger(n) || n < 0) this.fail(path, 'must be a non-negative integer');
    return n;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'must be a string');
    return v as string;
  }
  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'must be an array');
    return v as unknown[];
  }
  nums(v: unknown, path: string): Float64Array {
    const a = this.arr(v, path);
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = this.num(a[i], `${path}[${i}]`);
    return out;
  }
}

function readTensor(r: Reader, v: unknown, path: string): { name: string; tensor: Tensor } {
  const o = r.obj(v, path);
  const dims = Array.from(r.nums(o.dims, `${path}.dims`));
  const data = r.nums(o.data, `${path}.data`);
  if (data.length !== sizeOf(dims)) r.fail(path, `has ${data.length} values for dims ${formatDims(dims)}`);
  return { name: typeof o.name === 'string' ? o.name : '', tensor: { dtype: r.str(o.dtype, `${path}.dtype`) as DType, dims, data } };
}

function readAttribute(r: Reader, v: unknown, path: string): AttributeValue {
  const o = r.obj(v, path);
  const kind = r.str(o.kind, `${path}.kind`);
  switch (kind) {
    case 'float': case 'int': return { kind, value: r.num(o.value, `${path}.value`) };
    case 'string': return { kind, value: r.str(o.value, `${path}.value`) };
    case 'floats': case 'ints': return { kind, value: Array.from(r.nums(o.value, `${path}.value`)) };
    case 'strings': return { kind, value: r.arr(o.value, `${path}.value`).map((s, i) => r.str(s, `${path}.value[${i}]`)) };
    case 'tensor': return { kind, value: readTensor(r, o.value, `${path}.value`).tensor };
    case 'graph': return { kind };
    case 'other': return { kind, type: r.str(o.type, `${path}.type`) };
    default: return r.fail(`${path}.kind`, `'${kind}' is not an attribute kind`);
  }
}

function readMesh(r: Reader, v: unknown, path: string): MziMesh {
  const o = r.obj(v, path);
  const N = r.int(o.N, `${path}.N`);
  const top = r.nums(o.top, `${path}.top`);
  const theta = r.nums(o.theta, `${path}.theta`);
  const phi = r.nums(o.phi, `${path}.phi`);
  const col = r.nums(o.col, `${path}.col`);
  if (theta.length !== top.length || phi.length !== top.length || col.length !== top.length) r.fail(path, 'has top/theta/phi/col arrays of different lengths');
  for (let k = 0; k < top.length; k++) if (!Number.isInteger(top[k]) || top[k] < 0 || top[k] + 1 >= N) r.fail(`${path}.top[${k}]`, `must be a mode 0…${N - 2}`);
  const phasesOut = r.nums(o.phases_out, `${path}.phases_out`);
  if (phasesOut.length !== N) r.fail(`${path}.phases_out`, `must have N = ${N} values`);
  const topology = r.str(o.topology, `${path}.topology`);
  if (topology !== 'clements' && topology !== 'reck') r.fail(`${path}.topology`, `must be 'clements' or 'reck'`);
  const reduced = o.reduced === undefined ? undefined : r.obj(o.reduced, `${path}.reduced`);
  return {
    N,
    topology,
    mzis: Array.from(top, (t, k) => ({ top: t, theta: theta[k], phi: phi[k], col: col[k] })),
    phasesOut,
    ...(reduced ? { reduced: { kind: r.str(reduced.kind, `${path}.reduced.kind`) === 'cols' ? 'cols' : 'rows', count: r.int(reduced.count, `${path}.reduced.count`) } } : {}),
  } as MziMesh;
}

function readTile(r: Reader, v: unknown, path: string): MeshTile {
  const o = r.obj(v, path);
  return {
    rowBlock: r.int(o.row_block, `${path}.row_block`), colBlock: r.int(o.col_block, `${path}.col_block`),
    rowStart: r.int(o.row_start, `${path}.row_start`), colStart: r.int(o.col_start, `${path}.col_start`),
    rows: r.int(o.rows, `${path}.rows`), cols: r.int(o.cols, `${path}.cols`),
    sigmaMax: r.num(o.sigma_max, `${path}.sigma_max`),
    attenuation: r.nums(o.attenuation, `${path}.attenuation`),
    loPhaseRad: r.nums(o.lo_phase_rad, `${path}.lo_phase_rad`),
    inputMesh: readMesh(r, o.input_mesh, `${path}.input_mesh`),
    outputMesh: readMesh(r, o.output_mesh, `${path}.output_mesh`),
  };
}

function readLayer(r: Reader, v: unknown, path: string): OpticalLayer {
  const o = r.obj(v, path);
  const m = r.obj(o.matrix, `${path}.matrix`);
  const op = r.str(o.op_type, `${path}.op_type`);
  if (op !== 'Gemm' && op !== 'MatMul' && op !== 'Conv') r.fail(`${path}.op_type`, `'${op}' is not an optical layer type`);
  return {
    name: r.str(o.name, `${path}.name`), opType: op as OpticalLayer['opType'],
    matrix: { rows: r.int(m.rows, `${path}.matrix.rows`), cols: r.int(m.cols, `${path}.matrix.cols`) },
    passesPerSample: r.int(o.passes_per_sample, `${path}.passes_per_sample`),
    coreSize: o.core_size === null ? null : r.int(o.core_size, `${path}.core_size`),
    rowBlocks: r.int(o.row_blocks, `${path}.row_blocks`), colBlocks: r.int(o.col_blocks, `${path}.col_blocks`),
    tiles: r.arr(o.tiles, `${path}.tiles`).map((t, i) => readTile(r, t, `${path}.tiles[${i}]`)),
  };
}

function readValueInfo(r: Reader, v: unknown, path: string): ValueInfo {
  const o = r.obj(v, path);
  const shape = o.shape === null ? null : r.arr(o.shape, `${path}.shape`).map((d) => (typeof d === 'number' || typeof d === 'string' ? d : null));
  return { name: r.str(o.name, `${path}.name`), dtype: r.str(o.dtype, `${path}.dtype`) as DType, shape };
}

function readGraph(r: Reader, v: unknown): GraphIR {
  const o = r.obj(v, 'graph');
  const producer = r.obj(o.producer, 'graph.producer');
  const nodes: NodeIR[] = r.arr(o.nodes, 'graph.nodes').map((n, i) => {
    const p = `graph.nodes[${i}]`;
    const no = r.obj(n, p);
    const attrs = r.obj(no.attributes, `${p}.attributes`);
    return {
      name: r.str(no.name, `${p}.name`), opType: r.str(no.op_type, `${p}.op_type`), domain: r.str(no.domain, `${p}.domain`),
      inputs: r.arr(no.inputs, `${p}.inputs`).map((s, k) => r.str(s, `${p}.inputs[${k}]`)),
      outputs: r.arr(no.outputs, `${p}.outputs`).map((s, k) => r.str(s, `${p}.outputs[${k}]`)),
      attributes: Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, readAttribute(r, a, `${p}.attributes.${k}`)])),
    };
  });
  const valueInfo = r.arr(o.value_info, 'graph.value_info').map((x, i) => readValueInfo(r, x, `graph.value_info[${i}]`));
  return {
    producer: { name: r.str(producer.name, 'graph.producer.name'), version: r.str(producer.version, 'graph.producer.version') },
    irVersion: r.int(o.ir_version, 'graph.ir_version'),
    opsets: r.arr(o.opsets, 'graph.opsets').map((x, i) => {
      const so = r.obj(x, `graph.opsets[${i}]`);
      return { domain: r.str(so.domain, `graph.opsets[${i}].domain`), version: r.int(so.version, `graph.opsets[${i}].version`) };
    }),
    opset: r.int(o.opset, 'graph.opset'),
    graphName: r.str(o.name, 'graph.name'),
    inputs: r.arr(o.inputs, 'graph.inputs').map((x, i) => readValueInfo(r, x, `graph.inputs[${i}]`)),
    outputs: r.arr(o.outputs, 'graph.outputs').map((x, i) => readValueInfo(r, x, `graph.outputs[${i}]`)),
    valueInfo: new Map(valueInfo.map((x) => [x.name, x])),
    initializers: new Map(r.arr(o.initializers, 'graph.initializers').map((t, i) => {
      const { name, tensor } = readTensor(r, t, `graph.initializers[${i}]`);
      return [name, tensor];
    })),
    nodes,
  };
}

/** Parses the content of a circuit.json (already JSON-decoded). Throws InvalidInputError naming the field. */
export function circuitFromJson(value: unknown, source = 'circuit.json'): CircuitIR {
  const r = new Reader(source);
  const o = r.obj(value, 'circuit');
  if (o.format !== CIRCUIT_FORMAT) r.fail('format', `must be '${CIRCUIT_FORMAT}'`);
  if (o.version !== CIRCUIT_VERSION) r.fail('version', `${String(o.version)} is not supported (expected ${CIRCUIT_VERSION})`);
  const src = r.obj(o.source, 'source');
  const producer = r.obj(src.producer, 'source.producer');
  const options = r.obj(o.options, 'options');
  const mesh = r.str(options.mesh, 'options.mesh');
  if (mesh !== 'clements' && mesh !== 'reck') r.fail('options.mesh', `must be 'clements' or 'reck'`);
  const sched = r.obj(o.schedule, 'schedule');
  const layers = r.arr(o.layers, 'layers').map((l, i) => readLayer(r, l, `layers[${i}]`));
  return {
    format: CIRCUIT_FORMAT,
    version: CIRCUIT_VERSION,
    conventions: CIRCUIT_CONVENTIONS,
    source: {
      model: r.str(src.model, 'source.model'), sha256: r.str(src.sha256, 'source.sha256'),
      producer: { name: r.str(producer.name, 'source.producer.name'), version: r.str(producer.version, 'source.producer.version') },
    },
    options: { mesh: mesh as MziMesh['topology'], coreSize: options.core_size === null ? null : r.int(options.core_size, 'options.core_size') },
    graph: readGraph(r, o.graph),
    layers,
    schedule: {
      cores: r.int(sched.cores, 'schedule.cores'),
      reprogrammingsPerBatch: r.int(sched.reprogrammings_per_batch, 'schedule.reprogrammings_per_batch'),
      passesPerSample: r.int(sched.passes_per_sample, 'schedule.passes_per_sample'),
      steps: r.arr(sched.steps, 'schedule.steps').map((s, i) => {
        const so = r.obj(s, `schedule.steps[${i}]`);
        const p = `schedule.steps[${i}]`;
        return {
          step: r.int(so.step, `${p}.step`), layer: r.int(so.layer, `${p}.layer`), tile: r.int(so.tile, `${p}.tile`),
          core: r.int(so.core, `${p}.core`), reprogram: so.reprogram === true, passesPerSample: r.int(so.passes_per_sample, `${p}.passes_per_sample`),
        };
      }),
    },
  };
}
