/**
 * Hardware counts of a compiled circuit (for report.json and the CLI): MZIs, phase shifters, attenuators,
 * mesh depth and optical passes, per layer and in total.
 *
 * Phase shifters: two per MZI (θ and φ) plus one per mode of each mesh's output screen. Attenuators: one per
 * signal-carrying mode between the two meshes of a tile. Mesh depth: MZI columns along the optical path of a
 * tile (input mesh + output mesh; the attenuator column is not counted).
 */
import { meshDepth, type CircuitIR, type MziMesh, type OpticalLayer } from './circuit.js';

export interface LayerStats {
  readonly name: string;
  readonly opType: string;
  readonly matrix: { readonly rows: number; readonly cols: number };
  readonly tiles: number;
  readonly mzis: number;
  readonly phaseShifters: number;
  readonly attenuators: number;
  readonly meshDepth: number;
  /** Optical passes per sample: passes per tile × tiles. */
  readonly opticalPassesPerSample: number;
}

export interface CircuitStats {
  readonly layers: readonly LayerStats[];
  readonly totals: {
    readonly layers: number;
    readonly tiles: number;
    readonly mzis: number;
    readonly phaseShifters: number;
    readonly attenuators: number;
    readonly opticalPassesPerSample: number;
    readonly cores: number;
    readonly reprogrammingsPerBatch: number;
  };
}

function meshPhaseShifters(m: MziMesh): number {
  return 2 * m.mzis.length + m.N;
}

export function layerStats(layer: OpticalLayer): LayerStats {
  let mzis = 0;
  let shifters = 0;
  let attenuators = 0;
  let depth = 0;
  for (const t of layer.tiles) {
    mzis += t.inputMesh.mzis.length + t.outputMesh.mzis.length;
    shifters += meshPhaseShifters(t.inputMesh) + meshPhaseShifters(t.outputMesh);
    attenuators += t.attenuation.length;
    depth = Math.max(depth, meshDepth(t.inputMesh) + meshDepth(t.outputMesh));
  }
  return {
    name: layer.name,
    opType: layer.opType,
    matrix: layer.matrix,
    tiles: layer.tiles.length,
    mzis,
    phaseShifters: shifters,
    attenuators,
    meshDepth: depth,
    opticalPassesPerSample: layer.passesPerSample * layer.tiles.length,
  };
}

export function circuitStats(circuit: CircuitIR): CircuitStats {
  const layers = circuit.layers.map(layerStats);
  const sum = (f: (l: LayerStats) => number): number => layers.reduce((s, l) => s + f(l), 0);
  return {
    layers,
    totals: {
      layers: layers.length,
      tiles: sum((l) => l.tiles),
      mzis: sum((l) => l.mzis),
      phaseShifters: sum((l) => l.phaseShifters),
      attenuators: sum((l) => l.attenuators),
      opticalPassesPerSample: sum((l) => l.opticalPassesPerSample),
      cores: circuit.schedule.cores,
      reprogrammingsPerBatch: circuit.schedule.reprogrammingsPerBatch,
    },
  };
}
