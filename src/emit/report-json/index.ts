/**
 * report.json: per optical layer its matrix shape, tiles, MZIs, phase shifters, attenuators, mesh depth and
 * optical passes, the phase files of its meshes, and totals (counts defined in ir/circuit-stats.ts); then the
 * physical figures for one PDK (physics/placement + cost): per layer worst-path loss, laser power, heater
 * power, component area and energy terms; top level energy (breakdown, per inference, per MAC), latency,
 * throughput, component area, chip size and the feasibility checks. Every physical field name carries its
 * unit; numbers that overflow float64 (a full-size mesh hundreds of dB deep) are written as null.
 */
import { circuitStats } from '../../ir/circuit-stats.js';
import { CIRCUIT_CONVENTIONS, type CircuitIR } from '../../ir/circuit.js';
import { builtinPdk, DEFAULT_PDK_NAME } from '../../pdk/index.js';
import type { Pdk } from '../../pdk/types.js';
import { placeCircuit, type PlacementOptions } from '../../physics/placement/index.js';
import { estimateCircuitCost, type CircuitCost, type CostOptions, type EnergyBreakdown, type PathLoss } from '../../cost/index.js';

export const REPORT_FORMAT = 'photonic-foundry-report';

/** File name (relative to the output directory) of a tile's mesh: side 'V' (input mesh) or 'U' (output mesh). */
export function phaseFileName(layer: number, tile: number, side: 'V' | 'U'): string {
  return `phases/layer${layer}_tile${tile}_${side}.json`;
}

export interface ReportOptions {
  /** PDK of the physical figures (default: the built-in default PDK). Ignored when `cost` is given. */
  readonly pdk?: Pdk;
  readonly costOptions?: CostOptions;
  readonly placement?: PlacementOptions;
  /** A cost already computed for this circuit (skips placement and the cost model). */
  readonly cost?: CircuitCost;
  /** Figures of the other deliverables (Verilog, layout, netlist, HTML), written as `artifacts`. */
  readonly artifacts?: Readonly<Record<string, unknown>>;
}

/** Places `circuit` and runs the cost model for the report (PDK default: the built-in default). */
export function reportCost(circuit: CircuitIR, options: ReportOptions = {}): CircuitCost {
  if (options.cost) return options.cost;
  const pdk = options.pdk ?? builtinPdk(DEFAULT_PDK_NAME);
  return estimateCircuitCost(circuit, placeCircuit(circuit, pdk, options.placement), pdk, options.costOptions);
}

function energyJson(e: EnergyBreakdown): Record<string, number> {
  return {
    laser_pj: e.laserPj,
    heaters_pj: e.heatersPj,
    dac_reprogramming_pj: e.dacReprogrammingPj,
    dac_inputs_pj: e.dacInputsPj,
    modulators_pj: e.modulatorsPj,
    detectors_pj: e.detectorsPj,
    adcs_pj: e.adcsPj,
    electronics_pj: e.electronicsPj,
  };
}

function lossJson(l: PathLoss): Record<string, number> {
  return {
    mzis_db: l.mzisDb,
    couplers_db: l.couplersDb,
    loss_dummies_db: l.dummiesDb,
    screens_db: l.screensDb,
    attenuator_db: l.attenuatorDb,
    modulator_db: l.modulatorDb,
    waveguide_db: l.waveguideDb,
    crossings_db: l.crossingsDb,
  };
}

export function emitReportJson(circuit: CircuitIR, options: ReportOptions = {}): Record<string, unknown> {
  const stats = circuitStats(circuit);
  const cost = reportCost(circuit, options);
  const maxLaser = cost.layers.reduce((m, l) => Math.max(m, l.laser.onChipMw), 0);
  return {
    format: REPORT_FORMAT,
    version: 1,
    conventions: CIRCUIT_CONVENTIONS,
    model: circuit.source.model,
    model_sha256: circuit.source.sha256,
    options: { mesh: circuit.options.mesh, core_size: circuit.options.coreSize },
    pdk: cost.pdk,
    cost_options: {
      adc_bits: cost.options.adcBits,
      batch_size: cost.options.batchSize,
      heater_power_limit_mw: cost.options.heaterPowerLimitMw,
      optimise_phase_power: cost.options.optimisePhasePower,
    },
    layers: stats.layers.map((l, i) => {
      const c = cost.layers[i];
      return {
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
        cores: c.cores,
        worst_path_loss_db: c.worstPathLoss.totalDb,
        worst_path_loss_breakdown_db: lossJson(c.worstPathLoss),
        worst_path_mzis: c.pathMzis,
        path_length_um: c.pathLengthUm,
        laser_power_mw: c.laser.onChipMw,
        laser_power_dbm: c.laser.onChipDbm,
        laser_electrical_power_mw: c.laser.electricalMw,
        heater_power_mw: c.heaterPowerMw,
        heater_power_naive_mw: c.heaterPowerNaiveMw,
        flipped_mzis: c.flippedMzis,
        area_components_mm2: c.areaComponentsMm2,
        energy_breakdown_pj_per_inference: energyJson(c.energy),
        energy_pj_per_inference: c.energyPjPerInference,
      };
    }),
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
    detector: {
      snr_db: cost.detector.snrDb,
      power_mw: cost.detector.powerMw,
      photocurrent_a: cost.detector.currentA,
    },
    energy: {
      breakdown_pj_per_inference: energyJson(cost.energy.total),
      graph_electronics_pj: cost.energy.graphElectronicsPj,
      energy_pj_per_inference: cost.energy.energyPjPerInference,
      energy_pj_per_mac: cost.energy.energyPjPerMac,
      macs_per_inference: cost.energy.macsPerInference,
      electronic_ops_per_inference: cost.electronic.totalOps,
      programming_energy_pj: cost.energy.programmingEnergyPj,
    },
    latency: {
      latency_ns: cost.timing.latencyNs,
      optical_ns: cost.timing.opticalNs,
      conversion_ns: cost.timing.conversionNs,
      electronic_ns: cost.timing.electronicNs,
      reprogramming_ns: cost.timing.reprogrammingNs,
      electronic_stages: cost.electronic.stages,
      batch_size: cost.timing.batchSize,
      batch_ns: cost.timing.batchNs,
    },
    throughput_inferences_per_s: cost.timing.throughputInferencesPerS,
    area_components_mm2: cost.areaComponentsMm2,
    heater_power_mw: cost.heaterPowerMw,
    heater_power_naive_mw: cost.heaterPowerNaiveMw,
    laser_power_mw: maxLaser,
    chip: { width_mm: cost.chip.widthMm, height_mm: cost.chip.heightMm },
    suggested_core_size: cost.suggestedCoreSize,
    feasibility: {
      feasible: cost.feasibility.feasible,
      checks: cost.feasibility.checks.map((c) => ({ name: c.name, ok: c.ok, value: c.value, limit: c.limit, unit: c.unit, message: c.message })),
    },
    // the layout's bounding box, once the layout has been drawn (artifacts.layout)
    area_layout_bbox_mm2: (options.artifacts?.layout as { area_layout_bbox_mm2?: number } | undefined)?.area_layout_bbox_mm2 ?? null,
    ...(options.artifacts ? { artifacts: options.artifacts } : {}),
  };
}
