/**
 * The netlist of a placed circuit in gdsfactory's YAML netlist schema:
 *
 *   instances:   name → {component, settings}      every device of every physical core (components.ts)
 *   placements:  name → {x, y, rotation}           the device's origin in chip µm — the same point as its SREF
 *                                                 origin in the GDS layout (left edge on its mode; an MZI's on
 *                                                 its upper mode `top`), rotation 0
 *   connections: "inst,port": "inst,port"         every optical link once, in the direction of the light
 *   ports:       name → "inst,port"               optical inputs, detector outputs, unused mode ends
 *
 * The links follow the placement mode by mode: coupler → modulator → Vᵀ MZIs → Vᵀ screen → attenuator →
 * U MZIs → U screen → detector, with a `straight` for each of the placement's waveguide segments. Modes that
 * carry no signal past the Vᵀ screen (m ≥ r = signal modes) end there, and the U mesh's modes ≥ r start unlit;
 * those ends are top-level ports, so every device port appears exactly once in connections or ports.
 *
 * A tiled circuit has one core that runs many tiles: settings hold the phases of the tile the core was placed
 * from (its first scheduled step); the others are loaded at run time (phases/*.json).
 *
 * Streaming: instances, placements and connections are written as they are generated, so a netlist of any
 * size is written in bounded memory (`writeNetlistYaml`).
 */
import { FoundryError, InvalidInputError } from '../../core/errors.js';
import { streamToFile } from '../../core/files.js';
import type { CircuitIR, MeshTile } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import type { CellPlacement, CircuitPlacement, CorePlacement } from '../../physics/placement/index.js';
import { NETLIST_COMPONENTS, NETLIST_INSTANCE_NAMES, NETLIST_PORT_NAMES } from './components.js';
import { FileTextSink, StringTextSink, yamlNumber, yamlString, type TextSink } from './yaml.js';

export interface NetlistOptions {
  /** The netlist's `name:` (default: the model file name without extension, + '_photonic'). */
  readonly name?: string;
}

export interface NetlistSummary {
  readonly instances: number;
  readonly connections: number;
  readonly ports: number;
  /** Characters written (UTF-8 bytes for a file). */
  readonly size: number;
}

type Settings = readonly (readonly [string, number])[];

interface CoreContext {
  readonly core: CorePlacement;
  readonly tile: MeshTile;
  readonly prefix: string;
}

/** A device on one mode, with the ports facing the previous and next device on that mode. */
interface ModeElement {
  readonly name: string;
  readonly west: string;
  /** null: the mode ends in this device (photodetector). */
  readonly east: string | null;
  readonly x0: number;
  readonly x1: number;
  readonly kind: 'input' | 'vscreen' | 'detector' | 'other';
}

/** Positions are sums of µm lengths: match ends within this (far below the 1 nm layout grid). */
const POSITION_TOL_UM = 1e-6;

function mziName(ctx: CoreContext, side: 'input' | 'output', index: number): string {
  return `${ctx.prefix}${side === 'input' ? 'v' : 'u'}mzi${index}`;
}

/** Instance name of a loss dummy: mesh side, column and mode. */
function dummyName(ctx: CoreContext, c: CellPlacement): string {
  return `${ctx.prefix}${c.mesh === 'output' ? 'u' : 'v'}dummy_c${c.col ?? 0}_m${c.mode}`;
}

function screenName(ctx: CoreContext, side: 'input' | 'output' | undefined, mode: number): string {
  return `${ctx.prefix}${side === 'output' ? 'u' : 'v'}ps${mode}`;
}

/** Calls `visit` for every instance of a core: name, component, settings, origin in chip µm. */
function forEachInstance(ctx: CoreContext, visit: (name: string, component: string, settings: Settings, xUm: number, yUm: number) => void): void {
  const { core, tile } = ctx;
  const pl = core.tile;
  const dx = core.xUm;
  const dy = core.yUm;
  for (const port of pl.ports) {
    const x = dx + port.xUm - port.lengthUm / 2;
    if (port.side === 'input') {
      const grating = port.device === 'grating-coupler';
      visit(`${ctx.prefix}${grating ? 'gc' : 'ec'}${port.mode}`, grating ? 'grating_coupler_te' : 'edge_coupler', [], x, dy + port.yUm);
    } else {
      const lo = port.mode < tile.loPhaseRad.length ? ([['lo_phase', tile.loPhaseRad[port.mode]]] as const) : [];
      visit(`${ctx.prefix}pd${port.mode}`, 'photodetector', lo, x, dy + port.yUm);
    }
  }
  for (const c of pl.cells) {
    const y = dy + c.yUm + c.widthUm / 2;
    if (c.kind === 'modulator') visit(`${ctx.prefix}mod${c.mode}`, 'modulator', [], dx + c.xUm, y);
    else if (c.kind === 'attenuator') visit(`${ctx.prefix}att${c.mode}`, 'attenuator', [['transmission', tile.attenuation[c.mode]]], dx + c.xUm, y);
    else if (c.kind === 'loss-dummy') visit(dummyName(ctx, c), 'loss_dummy', [], dx + c.xUm, y);
    else {
      const mesh = c.mesh === 'output' ? tile.outputMesh : tile.inputMesh;
      visit(screenName(ctx, c.mesh, c.mode), 'phase_shifter', [['phase', mesh.phasesOut[c.mode]]], dx + c.xUm, y);
    }
  }
  for (const z of pl.mzis) {
    const m = (z.mesh === 'input' ? tile.inputMesh : tile.outputMesh).mzis[z.index];
    visit(mziName(ctx, z.mesh, z.index), 'mzi', [['theta', m.theta], ['phi', m.phi]], dx + z.xUm, dy + z.yUm + z.widthUm / 2 - pl.pitchUm / 2);
  }
  pl.waveguides.forEach((w, n) => visit(`${ctx.prefix}wg${n}`, 'straight', [['length', w.lengthUm]], dx + w.xStartUm, dy + w.yUm));
}

/** Calls `connect` for every link of a core and `port` for every open end, mode by mode. */
function forEachLink(ctx: CoreContext, connect: (from: string, to: string) => void, port: (name: string, ref: string) => void): void {
  const pl = ctx.core.tile;
  const modes = Math.max(pl.modes.input, pl.modes.output);
  const onMode: ModeElement[][] = Array.from({ length: modes }, () => []);
  for (const p of pl.ports) {
    const x0 = p.xUm - p.lengthUm / 2;
    if (p.side === 'input') {
      const name = `${ctx.prefix}${p.device === 'grating-coupler' ? 'gc' : 'ec'}${p.mode}`;
      onMode[p.mode].push({ name, west: 'o1', east: 'o2', x0, x1: x0 + p.lengthUm, kind: 'input' });
    } else {
      onMode[p.mode].push({ name: `${ctx.prefix}pd${p.mode}`, west: 'o1', east: null, x0, x1: x0 + p.lengthUm, kind: 'detector' });
    }
  }
  for (const c of pl.cells) {
    const name =
      c.kind === 'modulator' ? `${ctx.prefix}mod${c.mode}`
      : c.kind === 'attenuator' ? `${ctx.prefix}att${c.mode}`
      : c.kind === 'loss-dummy' ? dummyName(ctx, c)
      : screenName(ctx, c.mesh, c.mode);
    const kind = c.kind === 'screen' && c.mesh !== 'output' ? 'vscreen' : 'other';
    onMode[c.mode].push({ name, west: 'o1', east: 'o2', x0: c.xUm, x1: c.xUm + c.lengthUm, kind });
  }
  for (const z of pl.mzis) {
    const name = mziName(ctx, z.mesh, z.index);
    onMode[z.top].push({ name, west: 'o1', east: 'o4', x0: z.xUm, x1: z.xUm + z.lengthUm, kind: 'other' });
    onMode[z.top + 1].push({ name, west: 'o2', east: 'o3', x0: z.xUm, x1: z.xUm + z.lengthUm, kind: 'other' });
  }
  const segments: { n: number; xStartUm: number; xEndUm: number }[][] = Array.from({ length: modes }, () => []);
  pl.waveguides.forEach((w, n) => segments[w.mode].push({ n, xStartUm: w.xStartUm, xEndUm: w.xEndUm }));

  const broken = (m: number, why: string): never => {
    throw new FoundryError('PF_ERR_INTERNAL', `netlist: core ${ctx.core.core} mode ${m}: ${why}`, { stage: 'emit' });
  };
  for (let m = 0; m < modes; m++) {
    const list = onMode[m].sort((a, b) => a.x0 - b.x0);
    const segs = segments[m].sort((a, b) => a.xStartUm - b.xStartUm);
    let s = 0;
    let prev: ModeElement | null = null;
    for (const el of list) {
      if (prev === null) {
        if (el.kind === 'input') port(`${ctx.prefix}in${m}`, `${el.name},${el.west}`);
        else port(`${ctx.prefix}udark${m}`, `${el.name},${el.west}`);
      } else if (prev.kind === 'vscreen' && m >= pl.modes.signal) {
        // the mode carries no signal past the Vᵀ screen; the U mesh's mode starts unlit
        port(`${ctx.prefix}vend${m}`, `${prev.name},${prev.east}`);
        port(`${ctx.prefix}udark${m}`, `${el.name},${el.west}`);
      } else {
        if (prev.east === null) broken(m, `${el.name} follows the photodetector`);
        const seg = segs[s];
        if (seg && Math.abs(seg.xStartUm - prev.x1) <= POSITION_TOL_UM && Math.abs(seg.xEndUm - el.x0) <= POSITION_TOL_UM) {
          connect(`${prev.name},${prev.east}`, `${ctx.prefix}wg${seg.n},o1`);
          connect(`${ctx.prefix}wg${seg.n},o2`, `${el.name},${el.west}`);
          s++;
        } else if (Math.abs(el.x0 - prev.x1) <= POSITION_TOL_UM) {
          connect(`${prev.name},${prev.east}`, `${el.name},${el.west}`);
        } else {
          broken(m, `no waveguide between ${prev.name} and ${el.name}`);
        }
      }
      prev = el;
    }
    if (s !== segs.length) broken(m, `${segs.length - s} waveguide segment(s) not between two devices`);
    if (prev?.kind === 'detector') port(`${ctx.prefix}out${m}`, `${prev.name},e1`);
    else if (prev?.kind === 'vscreen') port(`${ctx.prefix}vend${m}`, `${prev.name},${prev.east}`);
    else if (prev) broken(m, `the mode ends in ${prev.name}`);
  }
}

function headerLines(circuit: CircuitIR, pdk: Pdk, placement: CircuitPlacement): string[] {
  const width = Math.max(...NETLIST_COMPONENTS.map((c) => c.name.length));
  return [
    '# Photonic Foundry netlist: gdsfactory YAML netlist schema (instances, placements, connections, ports).',
    `# model: ${circuit.source.model || '(unnamed)'}${circuit.source.sha256 ? ` (sha256 ${circuit.source.sha256})` : ''}`,
    `# mesh: ${circuit.options.mesh}, core size: ${circuit.options.coreSize ?? 'full'}, PDK: ${pdk.name}, cores: ${placement.cores.length}`,
    '# units: x, y in um (chip coordinates of the GDS layout: light along +x, mode m of core k at y = core_y + m * pitch);',
    '#   rotation in degrees; phases in rad. An instance is placed at its GDS SREF origin (left edge, on its mode;',
    '#   an MZI on its upper mode top, the one with the smaller y).',
    '# Tiled circuits: a core runs many tiles; settings hold the phases of the tile it was placed from (its first',
    '#   scheduled step), the others are programmed at run time from phases/*.json.',
    '# Components assumed (map them to your PDK cells / SAX models):',
    ...NETLIST_COMPONENTS.map((c) => `#   ${c.name.padEnd(width)}  ports: ${c.ports}; settings: ${c.settings || 'none'}. ${c.description}`),
    '# Instance names:',
    ...NETLIST_INSTANCE_NAMES.map((s) => `#   ${s}`),
    '# Ports:',
    ...NETLIST_PORT_NAMES.map((s) => `#   ${s}`),
  ];
}

function netlistName(circuit: CircuitIR, options: NetlistOptions): string {
  if (options.name) return options.name;
  const base = (circuit.source.model || 'circuit').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return `${base}_photonic`;
}

function writeNetlist(sink: TextSink, circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: NetlistOptions): Omit<NetlistSummary, 'size'> {
  const contexts: CoreContext[] = placement.cores.map((core) => {
    const first = core.steps[0];
    const tile = first ? circuit.layers[first.layer]?.tiles[first.tile] : undefined;
    if (!tile) throw new InvalidInputError(`placement core ${core.core} runs a tile the circuit does not have`, { stage: 'emit' });
    return { core, tile, prefix: `c${core.core}_` };
  });
  sink.write(headerLines(circuit, pdk, placement).join('\n') + '\n');
  sink.write(`name: ${yamlString(netlistName(circuit, options))}\n`);

  let instances = 0;
  sink.write(contexts.length === 0 ? 'instances: {}\n' : 'instances:\n');
  for (const ctx of contexts) {
    forEachInstance(ctx, (name, component, settings) => {
      let s = `  ${name}:\n    component: ${component}\n`;
      if (settings.length > 0) s += `    settings:\n${settings.map(([k, v]) => `      ${k}: ${yamlNumber(v)}\n`).join('')}`;
      sink.write(s);
      instances++;
    });
  }
  sink.write(contexts.length === 0 ? 'placements: {}\n' : 'placements:\n');
  for (const ctx of contexts) {
    forEachInstance(ctx, (name, _c, _s, x, y) => sink.write(`  ${name}:\n    x: ${yamlNumber(x)}\n    y: ${yamlNumber(y)}\n    rotation: 0\n`));
  }
  let connections = 0;
  const ports: string[] = [];
  let wroteHeader = false;
  for (const ctx of contexts) {
    forEachLink(
      ctx,
      (from, to) => {
        if (!wroteHeader) sink.write('connections:\n');
        wroteHeader = true;
        sink.write(`  ${from}: ${to}\n`);
        connections++;
      },
      (name, ref) => ports.push(`  ${name}: ${ref}\n`),
    );
  }
  if (!wroteHeader) sink.write('connections: {}\n');
  sink.write(ports.length === 0 ? 'ports: {}\n' : 'ports:\n');
  for (const p of ports) sink.write(p);
  return { instances, connections, ports: ports.length };
}

/** The netlist as a YAML string (see writeNetlistYaml for designs too large for one string). */
export function emitNetlistYaml(circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: NetlistOptions = {}): string {
  const sink = new StringTextSink();
  writeNetlist(sink, circuit, placement, pdk, options);
  return sink.text();
}

/** Streams the netlist to `path`; a failed write leaves no file behind. */
export function writeNetlistYaml(path: string, circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: NetlistOptions = {}): NetlistSummary {
  // the sink's byte count is final once streamToFile has closed it
  const { counts, sink } = streamToFile(path, (p) => new FileTextSink(p), (s) => ({ counts: writeNetlist(s, circuit, placement, pdk, options), sink: s }), 'emit');
  return { ...counts, size: sink.bytes };
}
