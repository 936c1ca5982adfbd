/**
 * @module sim/noise
 * Non-ideal simulation: Monte-Carlo chips with a PDK's imperfections. Static imperfections (loss, coupler
 * splitting errors, heater phase errors, DAC phase quantisation, thermal crosstalk, attenuator extinction) are
 * sampled once per chip and composed into its transfer matrices; phase drift moves per batch step; detector
 * noise, input DAC and ADC act on every detection. Each one can be switched off; chip k's randomness derives
 * from (seed, k) only. See noise-model.ts for the list and chip-sample.ts for the random streams.
 */
export {
  IMPERFECTIONS, DEFAULT_DRIFT_STEP_SAMPLES, availableImperfections, isEnabled, onlyImperfection, parseImperfections, resolveNoiseModel,
  type Imperfection, type NoiseModel, type NoiseOptions,
} from './noise-model.js';
export { planChips, type ChipPlan, type CorePlan, type TilePlan } from './chip-plan.js';
export { advanceDrift, composeChip, couplerAngleRad, sampleChip, tileParams, type ChipSample, type CoreSample } from './chip-sample.js';
export { runChip, subBatchSize, type ChipResult, type ChipRunOptions, type SampleBatch, type SampleSet } from './chip-run.js';
export { runMonteCarlo, startMonteCarlo, type MonteCarloJob, type MonteCarloOptions, type MonteCarloRun } from './monte-carlo.js';
export {
  detectLayer, detectLayerInto, isDetectionActive, type DetectionBatch, type LayerDetection, type OutputLayout, type TileDetection,
} from './detection.js';
export { fillNormals, fillNormalsTable, inverseNormalCdf, normalTable, normalZiggurat } from './normal.js';
export { createStreams, sharedStates } from './streams.js';
export { createNativeDetector, type NativeDetector } from './detect-native.js';
export { quantizeHeaterPhaseRad, quantizeSigned, signedLevels } from './quantize.js';
