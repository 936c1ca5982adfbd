/**
 * The cost model of a placed circuit: `estimateCircuitCost(circuit, placement, pdk, options)` — optical loss,
 * laser, phase-shifter holding power, energy per inference and per MAC, latency, throughput, component area
 * and the feasibility checks, per layer and in total. A pure composition of the one-concept files beside it.
 */
import type { CircuitIR } from '../ir/circuit.js';
import type { Pdk } from '../pdk/types.js';
import type { CircuitPlacement, CorePlacement } from '../physics/placement/index.js';
import { FoundryError } from '../core/errors.js';
import { mmToUm } from '../core/units.js';
import { circuitComponentAreaMm2, tileComponentAreaMm2 } from './area.js';
import { largestFeasibleCoreSize } from './core-size-suggestion.js';
import { detectorPowerForSnr, quantisationSnrDb, type DetectorPower } from './detector-power.js';
import { countElectronicWork, type ElectronicWork } from './electronic-ops.js';
import { circuitEnergy, energyTotalPj, type CircuitEnergy, type EnergyBreakdown } from './energy.js';
import { checkFeasibility, type Feasibility } from './feasibility.js';
import { laserPower, type LaserPower } from './laser-power.js';
import { worstPathLoss, type PathLoss } from './optical-loss.js';
import { resolveCostOptions, type CostOptions, type ResolvedCostOptions } from './options.js';
import { tileHeaterPower, type TileHeaterPower } from './phase-power.js';
import { circuitTiming, type CircuitTiming } from './timing.js';

export interface LayerCost {
  readonly name: string;
  /** Cores the layer's tiles run on. */
  readonly cores: readonly number[];
  /** Worst over the layer's tiles. */
  readonly worstPathLoss: PathLoss;
  readonly pathLengthUm: number;
  readonly pathMzis: number;
  /** Input modes lit by the laser (the input mesh size). */
  readonly inputModes: number;
  readonly laser: LaserPower;
  /** Peak heater power while the layer runs (its tile on a static core; the hungriest tile on a shared core), mW. */
  readonly heaterPowerMw: number;
  readonly heaterPowerNaiveMw: number;
  /** MZIs programmed in the equivalent (−θ, φ − π) setting to save power. */
  readonly flippedMzis: number;
  /** Component area of the cores the layer runs on (a shared core is reported for every layer on it), mm². */
  readonly areaComponentsMm2: number;
  readonly energy: EnergyBreakdown;
  readonly energyPjPerInference: number;
}

export interface CircuitCost {
  readonly pdk: string;
  readonly options: ResolvedCostOptions;
  readonly detector: DetectorPower;
  readonly layers: readonly LayerCost[];
  readonly energy: CircuitEnergy;
  readonly timing: CircuitTiming;
  readonly electronic: ElectronicWork;
  readonly areaComponentsMm2: number;
  /** Peak heater power of the chip (every core holding its hungriest tile), mW. */
  readonly heaterPowerMw: number;
  readonly heaterPowerNaiveMw: number;
  readonly chip: { readonly widthMm: number; readonly heightMm: number };
  /** Largest core size within the laser budget (null: none). */
  readonly suggestedCoreSize: number | null;
  readonly feasibility: Feasibility;
}

/** Largest f(x) over `items` (0 for none); a loop, not Math.max(...spread), for thousands of tiles. */
function maxOf<T>(items: readonly T[], f: (x: T) => number): number {
  let best = 0;
  for (const x of items) best = Math.max(best, f(x));
  return best;
}

function coreIndex(placement: CircuitPlacement): Map<string, CorePlacement> {
  const byStep = new Map<string, CorePlacement>();
  for (const c of placement.cores) for (const s of c.steps) byStep.set(`${s.layer}:${s.tile}`, c);
  return byStep;
}

export function estimateCircuitCost(circuit: CircuitIR, placement: CircuitPlacement, pdk: Pdk, options: CostOptions = {}): CircuitCost {
  const o = resolveCostOptions(pdk, options);
  const detector = detectorPowerForSnr(pdk, quantisationSnrDb(o.adcBits));
  const cores = coreIndex(placement);
  const coreOf = (layer: number, tile: number): CorePlacement => {
    const c = cores.get(`${layer}:${tile}`);
    if (!c) throw new FoundryError('PF_ERR_INTERNAL', `the placement has no core for layer ${layer} tile ${tile}`, { stage: 'cost' });
    return c;
  };
  const heaters: TileHeaterPower[][] = circuit.layers.map((l) => l.tiles.map((t) => tileHeaterPower(t, pdk)));
  const heaterMw = (h: TileHeaterPower): number => (o.optimisePhasePower ? h.optimisedMw : h.naiveMw);

  const optics = circuit.layers.map((layer, l) => {
    let worst: { loss: PathLoss; core: CorePlacement } | null = null;
    for (let t = 0; t < layer.tiles.length; t++) {
      const core = coreOf(l, t);
      const loss = worstPathLoss(core.tile.worstPath, pdk);
      if (!worst || loss.totalDb > worst.loss.totalDb) worst = { loss, core };
    }
    const core = worst!.core;
    const inputModes = core.tile.modes.input;
    return { loss: worst!.loss, core, inputModes, laser: laserPower(inputModes, detector.powerMw, worst!.loss.totalDb, pdk) };
  });

  const electronic = countElectronicWork(circuit);
  const timing = circuitTiming(circuit, (l, t) => coreOf(l, t).tile.pathLengthUm, electronic.stages, pdk, o.batchSize);
  const energy = circuitEnergy({
    circuit, pdk, timing, electronic,
    laserElectricalMw: optics.map((x) => x.laser.electricalMw),
    tileHeaterMw: heaters.map((row) => row.map(heaterMw)),
  });

  const layers: LayerCost[] = circuit.layers.map((layer, l) => {
    const layerCores = [...new Set(layer.tiles.map((_, t) => coreOf(l, t)))];
    const e = energy.layers[l];
    return {
      name: layer.name,
      cores: layerCores.map((c) => c.core),
      worstPathLoss: optics[l].loss,
      pathLengthUm: optics[l].core.tile.pathLengthUm,
      pathMzis: optics[l].core.tile.worstPath.mzis,
      inputModes: optics[l].inputModes,
      laser: optics[l].laser,
      heaterPowerMw: maxOf(heaters[l], heaterMw),
      heaterPowerNaiveMw: maxOf(heaters[l], (h) => h.naiveMw),
      flippedMzis: o.optimisePhasePower ? heaters[l].reduce((s, h) => s + h.flippedMzis, 0) : 0,
      areaComponentsMm2: layerCores.reduce((s, c) => s + tileComponentAreaMm2(c.tile), 0),
      energy: e,
      energyPjPerInference: energyTotalPj(e),
    };
  });

  // peak heater power: every core holding the hungriest of its tiles
  let heaterPowerMw = 0;
  let heaterPowerNaiveMw = 0;
  for (const c of placement.cores) {
    heaterPowerMw += maxOf(c.steps, (s) => heaterMw(heaters[s.layer][s.tile]));
    heaterPowerNaiveMw += maxOf(c.steps, (s) => heaters[s.layer][s.tile].naiveMw);
  }
  const chip = { widthMm: placement.bbox.widthUm / mmToUm(1), heightMm: placement.bbox.heightUm / mmToUm(1) };
  const suggestedCoreSize = largestFeasibleCoreSize(circuit.options.mesh, detector.powerMw, pdk, placement.options);
  const feasibility = checkFeasibility({
    pdk,
    coreSize: circuit.options.coreSize,
    layers: layers.map((l) => ({ name: l.name, worstPathLossDb: l.worstPathLoss.totalDb, inputModes: l.inputModes, laserOnChipMw: l.laser.onChipMw })),
    detectorPowerMw: detector.powerMw,
    snrDb: detector.snrDb,
    adcBits: o.adcBits,
    chipWidthMm: chip.widthMm,
    chipHeightMm: chip.heightMm,
    heaterPowerMw,
    heaterPowerLimitMw: o.heaterPowerLimitMw,
    suggestedCoreSize,
  });
  return {
    pdk: pdk.name,
    options: o,
    detector,
    layers,
    energy,
    timing,
    electronic,
    areaComponentsMm2: circuitComponentAreaMm2(placement),
    heaterPowerMw,
    heaterPowerNaiveMw,
    chip,
    suggestedCoreSize,
    feasibility,
  };
}
