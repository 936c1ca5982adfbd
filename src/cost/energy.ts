/**
 * Energy per inference (one sample), by component. Powers in mW times times in ns give pJ.
 *
 * Per schedule step (tile with `cols` signal inputs and `rows` detected outputs, P passes per sample):
 *   laser              P_laser,electrical(layer) · P · T_sym            (on while the passes stream)
 *   modulators         cols · P · E_symbol
 *   DAC, inputs        cols · P · E_DAC,  E_DAC = P_DAC · T_DAC         (one sample per modulated input)
 *   detectors / TIAs   rows · P_TIA · P · T_sym
 *   ADCs               rows · P · E_ADC,  E_ADC = P_ADC · T_ADC
 *   DAC, reprogramming codes(tile) · E_DAC / B   when the step reprograms its core (one code per phase shifter
 *                      and attenuator; B samples share one reprogramming)
 *   heaters            a core that holds one tile (full-size mapping) is powered for the whole batch:
 *                      P_heaters(tile) · T_batch / B; a reprogrammed core holds each tile during its step:
 *                      P_heaters(tile) · (t_reprogram + t_step,batch) / B
 *   electronics        readout ops of the layer · E_op
 * plus the electronic graph nodes' ops · E_op (not attributed to a layer). Programming a static core once
 * (full-size mapping) is reported apart as one-time energy.
 */
import type { CircuitIR, MeshTile } from '../ir/circuit.js';
import type { Pdk } from '../pdk/types.js';
import type { ElectronicWork } from './electronic-ops.js';
import type { CircuitTiming } from './timing.js';

export interface EnergyBreakdown {
  readonly laserPj: number;
  readonly heatersPj: number;
  readonly dacReprogrammingPj: number;
  readonly dacInputsPj: number;
  readonly modulatorsPj: number;
  readonly detectorsPj: number;
  readonly adcsPj: number;
  readonly electronicsPj: number;
}

type MutableBreakdown = { -readonly [K in keyof EnergyBreakdown]: number };

function zero(): MutableBreakdown {
  return { laserPj: 0, heatersPj: 0, dacReprogrammingPj: 0, dacInputsPj: 0, modulatorsPj: 0, detectorsPj: 0, adcsPj: 0, electronicsPj: 0 };
}

/** Sum of every term, pJ. */
export function energyTotalPj(b: EnergyBreakdown): number {
  return b.laserPj + b.heatersPj + b.dacReprogrammingPj + b.dacInputsPj + b.modulatorsPj + b.detectorsPj + b.adcsPj + b.electronicsPj;
}

/** Phase-shifter codes to program one tile: θ and φ of every MZI, both output screens, the attenuators. */
export function tileProgrammingCodes(tile: MeshTile): number {
  return 2 * (tile.inputMesh.mzis.length + tile.outputMesh.mzis.length) + tile.inputMesh.N + tile.outputMesh.N + tile.attenuation.length;
}

/** MACs of one inference: rows · cols · passes of every layer (the model's matrices, not the padding). */
export function macsPerInference(circuit: CircuitIR): number {
  return circuit.layers.reduce((s, l) => s + l.matrix.rows * l.matrix.cols * l.passesPerSample, 0);
}

export interface EnergyInputs {
  readonly circuit: CircuitIR;
  readonly pdk: Pdk;
  readonly timing: CircuitTiming;
  /** Electrical laser power of each layer, mW. */
  readonly laserElectricalMw: readonly number[];
  /** Heater holding power of each tile as programmed, mW ([layer][tile]). */
  readonly tileHeaterMw: readonly (readonly number[])[];
  readonly electronic: ElectronicWork;
}

export interface CircuitEnergy {
  /** Per layer, per inference. */
  readonly layers: readonly EnergyBreakdown[];
  /** Electronic graph nodes (activations, pooling …), per inference, pJ. */
  readonly graphElectronicsPj: number;
  /** All layers plus the graph electronics, per inference. */
  readonly total: EnergyBreakdown;
  readonly energyPjPerInference: number;
  readonly macsPerInference: number;
  readonly energyPjPerMac: number;
  /** One-time programming of the cores that are never reprogrammed, pJ. */
  readonly programmingEnergyPj: number;
}

export function circuitEnergy(inputs: EnergyInputs): CircuitEnergy {
  const { circuit, pdk, timing } = inputs;
  const B = timing.batchSize;
  const { symbolNs, dacSampleNs, adcSampleNs } = timing.periods;
  const dacPj = pdk.dac.powerMw * dacSampleNs;
  const adcPj = pdk.adc.powerMw * adcSampleNs;
  const stepsPerCore = new Map<number, number>();
  for (const s of circuit.schedule.steps) stepsPerCore.set(s.core, (stepsPerCore.get(s.core) ?? 0) + 1);

  const layers = circuit.layers.map(() => zero());
  let programmingEnergyPj = 0;
  circuit.schedule.steps.forEach((s, i) => {
    const t = timing.steps[i];
    const tile = circuit.layers[s.layer].tiles[s.tile];
    const e = layers[s.layer];
    const P = s.passesPerSample;
    e.laserPj += inputs.laserElectricalMw[s.layer] * P * symbolNs;
    e.modulatorsPj += tile.cols * P * pdk.modulator.energyPjPerSymbol;
    e.dacInputsPj += tile.cols * P * dacPj;
    e.detectorsPj += tile.rows * pdk.photodetector.tiaPowerMw * P * symbolNs;
    e.adcsPj += tile.rows * P * adcPj;
    const heaterMw = inputs.tileHeaterMw[s.layer][s.tile];
    const isStatic = !s.reprogram && stepsPerCore.get(s.core) === 1;
    if (isStatic) {
      programmingEnergyPj += tileProgrammingCodes(tile) * dacPj;
      e.heatersPj += (heaterMw * timing.batchNs) / B;
    } else {
      if (s.reprogram) e.dacReprogrammingPj += (tileProgrammingCodes(tile) * dacPj) / B;
      e.heatersPj += (heaterMw * (t.reprogramNs + t.batchNs)) / B;
    }
  });
  circuit.layers.forEach((_, l) => (layers[l].electronicsPj += inputs.electronic.layerReadoutOps[l] * pdk.electronics.energyPjPerOp));

  const graphElectronicsPj = inputs.electronic.graphOps * pdk.electronics.energyPjPerOp;
  const total = zero();
  for (const e of layers) for (const k of Object.keys(total) as (keyof EnergyBreakdown)[]) total[k] += e[k];
  total.electronicsPj += graphElectronicsPj;
  const energyPjPerInference = energyTotalPj(total);
  const macs = macsPerInference(circuit);
  return {
    layers,
    graphElectronicsPj,
    total,
    energyPjPerInference,
    macsPerInference: macs,
    energyPjPerMac: macs > 0 ? energyPjPerInference / macs : 0,
    programmingEnergyPj,
  };
}
