/**
 * Time of one inference and of one batch on the scheduled cores.
 *
 * Per schedule step with P optical passes per sample (conv output positions):
 *   conversion   (P − 1)·T_sym + T_DAC + T_ADC     passes stream at the symbol period T_sym = max(T_DAC, T_ADC)
 *                                                  (one DAC/modulator per input, one detector/ADC per output);
 *                                                  the first pass pays one DAC and one ADC sample period
 *   optical      L_path·n_g / c                    propagation through the tile's worst path, once per step
 *   reprogram    t_response of the phase shifters  before a step whose core is reprogrammed (tiled mapping)
 * plus the electronic stages: stages × pdk.electronics.stageLatencyNs.
 *
 * Latency is one inference alone (batch of 1). A batch of B streams B·P passes per step, and the electronic
 * stages are pipelined over the batch:  T_batch = Σ_steps [reprogram + (B·P − 1)·T_sym + T_DAC + T_ADC + optical]
 * + electronic; throughput = B / T_batch.
 */
import { ghzToHz, nsToS, SPEED_OF_LIGHT_M_PER_S, umToM, usToS } from '../core/units.js';
import type { CircuitIR } from '../ir/circuit.js';
import type { Pdk } from '../pdk/types.js';

/** s → ns, from core/units' ns → s. */
function sToNs(s: number): number {
  return s / nsToS(1);
}

export interface ConversionPeriods {
  readonly dacSampleNs: number;
  readonly adcSampleNs: number;
  /** Symbol period of one optical pass when passes stream, ns. */
  readonly symbolNs: number;
}

export function conversionPeriods(pdk: Pdk): ConversionPeriods {
  const dacSampleNs = sToNs(1 / ghzToHz(pdk.dac.sampleRateGsps));
  const adcSampleNs = sToNs(1 / ghzToHz(pdk.adc.sampleRateGsps));
  return { dacSampleNs, adcSampleNs, symbolNs: Math.max(dacSampleNs, adcSampleNs) };
}

/** Time of flight along `pathLengthUm` of waveguide, ns (group index from the PDK). */
export function propagationNs(pathLengthUm: number, pdk: Pdk): number {
  return sToNs((umToM(pathLengthUm) * pdk.optics.groupIndex) / SPEED_OF_LIGHT_M_PER_S);
}

/** Settling time of one core reprogramming (the phase shifters' response time), ns. */
export function reprogrammingNs(pdk: Pdk): number {
  return sToNs(usToS(pdk.phaseShifter.responseTimeUs));
}

export interface StepTiming {
  readonly step: number;
  readonly layer: number;
  readonly tile: number;
  readonly core: number;
  readonly passes: number;
  readonly reprogramNs: number;
  /** Conversions of one sample's passes, ns. */
  readonly conversionNs: number;
  readonly opticalNs: number;
  /** Conversions + optical for one sample, ns. */
  readonly sampleNs: number;
  /** Conversions + optical for a whole batch, ns (streamed). */
  readonly batchNs: number;
}

export interface CircuitTiming {
  readonly steps: readonly StepTiming[];
  readonly periods: ConversionPeriods;
  readonly latencyNs: number;
  readonly opticalNs: number;
  readonly conversionNs: number;
  readonly electronicNs: number;
  readonly reprogrammingNs: number;
  readonly batchSize: number;
  readonly batchNs: number;
  readonly throughputInferencesPerS: number;
}

/**
 * Timing of `circuit`'s schedule. `pathLengthUm(step)` gives the worst optical path of the core a step runs
 * on (from the placement); `electronicStages` comes from cost/electronic-ops.ts.
 */
export function circuitTiming(
  circuit: CircuitIR,
  pathLengthUm: (layer: number, tile: number) => number,
  electronicStages: number,
  pdk: Pdk,
  batchSize: number,
): CircuitTiming {
  const periods = conversionPeriods(pdk);
  const fill = periods.dacSampleNs + periods.adcSampleNs;
  const steps = circuit.schedule.steps.map((s): StepTiming => {
    const passes = s.passesPerSample;
    const opticalNs = propagationNs(pathLengthUm(s.layer, s.tile), pdk);
    const conversionNs = (passes - 1) * periods.symbolNs + fill;
    return {
      step: s.step, layer: s.layer, tile: s.tile, core: s.core, passes,
      reprogramNs: s.reprogram ? reprogrammingNs(pdk) : 0,
      conversionNs,
      opticalNs,
      sampleNs: conversionNs + opticalNs,
      batchNs: (batchSize * passes - 1) * periods.symbolNs + fill + opticalNs,
    };
  });
  const sum = (f: (t: StepTiming) => number): number => steps.reduce((a, t) => a + f(t), 0);
  const electronicNs = electronicStages * pdk.electronics.stageLatencyNs;
  const opticalNs = sum((t) => t.opticalNs);
  const conversionNs = sum((t) => t.conversionNs);
  const reprogramNs = sum((t) => t.reprogramNs);
  const batchNs = reprogramNs + sum((t) => t.batchNs) + electronicNs;
  return {
    steps,
    periods,
    latencyNs: reprogramNs + conversionNs + opticalNs + electronicNs,
    opticalNs,
    conversionNs,
    electronicNs,
    reprogrammingNs: reprogramNs,
    batchSize,
    batchNs,
    throughputInferencesPerS: batchNs > 0 ? batchSize / nsToS(batchNs) : 0,
  };
}
