/**
 * report.json: per optical layer its matrix shape, tiles, MZIs, phase shifters, attenuators, mesh depth and
 * optical passes, the phase files of its meshes, and totals. Counts are defined in ir/circuit-stats.ts.
 */
import { circuitStats } from '../../ir/circuit-stats.js';
import { CIRCUIT_CONVENTIONS, type CircuitIR } from '../../ir/circuit.js';

export const REPORT_FORMAT = 'photonic-foundry-report';

/** File name (relative to the output directory) of a tile's mesh: side 'V' (input mesh) or 'U' (output mesh). */
export function phaseFileName(layer: number, tile: number, side: 'V' | 'U'): string {
  return `phases/layer${layer}_tile${tile}_${side}.json`;
}

export function emitReportJson(circuit: CircuitIR): Record<string, unknown> {
  const stats = circuitStats(circuit);
  return {
    format: REPORT_FORMAT,
    version: 1,
    conventions: CIRCUIT_CONVENTIONS,
    model: circuit.source.model,
    model_sha256: circuit.source.sha256,
    options: { mesh: circuit.options.mesh, core_size: circuit.options.coreSize },
    layers: stats.layers.map((l, i) => ({
      name: l.name,
      op_type: l.opType,
      matrix: { rows: l.matrix.rows, cols: l.matrix.cols },
      tiles: l.tiles,
      mzis: l.mzis,
      phase_shifters: l.phaseShifters,
      attenuators: l.attenuators,
      mesh_depth: l.meshDepth,
      optical_passes_per_sample: l.opticalPassesPerSample,
      phase_files: circuit.layers[i].tiles.flatMap((_, t) => [phaseFileName(i, t, 'V'), phaseFileName(i, t, 'U')]),
    })),
    totals: {
      layers: stats.totals.layers,
      tiles: stats.totals.tiles,
      mzis: stats.totals.mzis,
      phase_shifters: stats.totals.phaseShifters,
      attenuators: stats.totals.attenuators,
      optical_passes_per_sample: stats.totals.opticalPassesPerSample,
      cores: stats.totals.cores,
      reprogrammings_per_batch: stats.totals.reprogrammingsPerBatch,
    },
  };
}
