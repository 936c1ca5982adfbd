/**
 * @module cost
 * Cost model of a placed circuit (pure functions of circuit, placement, PDK and options): worst-path optical
 * loss, laser power from the detector SNR, phase-shifter holding power (naive and with the equivalent-setting
 * optimisation), energy per inference and per MAC by component, latency, throughput, component area and the
 * feasibility checks. `estimateCircuitCost` composes them; each concept has its own file.
 */
export { estimateCircuitCost, type CircuitCost, type LayerCost } from './circuit-cost.js';
export { resolveCostOptions, DEFAULT_HEATER_POWER_LIMIT_MW, type CostOptions, type ResolvedCostOptions } from './options.js';
export { quantisationSnrDb, detectorPowerForSnr, type DetectorPower } from './detector-power.js';
export { worstPathLoss, type PathLoss } from './optical-loss.js';
export { laserPower, type LaserPower } from './laser-power.js';
export {
  meshPhasePower, optimiseMeshPhasePower, attenuatorPhaseRad, tileHeaterPower,
  type MeshPhasePower, type OptimisedMeshPower, type TileHeaterPower,
} from './phase-power.js';
export { countElectronicWork, type ElectronicWork } from './electronic-ops.js';
export { conversionPeriods, propagationNs, reprogrammingNs, circuitTiming, type CircuitTiming, type ConversionPeriods, type StepTiming } from './timing.js';
export { circuitEnergy, energyTotalPj, macsPerInference, tileProgrammingCodes, type CircuitEnergy, type EnergyBreakdown, type EnergyInputs } from './energy.js';
export { tileComponentAreaMm2, circuitComponentAreaMm2 } from './area.js';
export { largestFeasibleCoreSize, coreLaserPowerMw, meshDepthFor, MAX_CORE_SIZE } from './core-size-suggestion.js';
export { checkFeasibility, formatQuantity, type Feasibility, type FeasibilityCheck, type FeasibilityInputs, type LayerOpticalBudget } from './feasibility.js';
