/**
 * Every cost term of a tiny compiled circuit against a hand calculation with the round-number PDK
 * (fixtures.ts): worst-path loss, detector power for the ADC's SNR, laser power, heater power, energy by
 * component, latency, throughput, component area, chip size and feasibility — full size, tiled (with
 * reprogramming and batching) and a conv layer with several passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeCircuit } from '../../src/physics/placement/index.js';
import { detectorPowerForSnr, estimateCircuitCost, quantisationSnrDb, type CircuitCost } from '../../src/cost/index.js';
import { detectorNoiseVarianceA2 } from '../../src/physics/detector-noise.js';
import { builtinPdk } from '../../src/pdk/index.js';
import type { CircuitIR, MeshTile, MziMesh } from '../../src/ir/circuit.js';
import { gemmReluCircuit, ROUND_PDK, tinyConvCircuit } from './fixtures.js';

const TWO_PI = 2 * Math.PI;
const C_M_PER_S = 299_792_458;
const Q_C = 1.602176634e-19;

function near(actual: number, expected: number, what: string, rel = 1e-12): void {
  const tol = rel * Math.max(1e-30, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} ≠ ${expected}`);
}

/** By hand: P_π·φ/π for every phase of the tile as programmed (no optimisation), attenuators θ = 2·acos(a). */
function naiveHeaterMw(tile: MeshTile, pPiMw = 10): number {
  const wrap = (x: number): number => ((x % TWO_PI) + TWO_PI) % TWO_PI;
  const mesh = (m: MziMesh): number =>
    m.mzis.reduce((s, z) => s + (pPiMw * (wrap(z.theta) + wrap(z.phi))) / Math.PI, 0) + Array.from(m.phasesOut).reduce((s, p) => s + (pPiMw * wrap(p)) / Math.PI, 0);
  return mesh(tile.inputMesh) + mesh(tile.outputMesh) + Array.from(tile.attenuation).reduce((s, a) => s + (pPiMw * 2 * Math.acos(a)) / Math.PI, 0);
}

// Detector for 8 bits: SNR = 6.02·8 + 1.76 = 49.92 dB; B = 10 GHz; I_dark = 0; i_n = 10 pA/√Hz; R = 1 A/W
const SNR = 10 ** (49.92 / 10);
const QBS = Q_C * 10e9 * SNR;
const DETECTOR_A = QBS + Math.sqrt(QBS * QBS + SNR * 10e9 * (10e-12) ** 2);
const DETECTOR_MW = DETECTOR_A * 1e3;

function costOf(circuit: CircuitIR, options = {}): CircuitCost {
  return estimateCircuitCost(circuit, placeCircuit(circuit, ROUND_PDK), ROUND_PDK, options);
}

test('3 × 3 Gemm + Relu, full size: every term by hand', () => {
  const circuit = gemmReluCircuit(3, 3);
  const tile = circuit.layers[0].tiles[0];
  const cost = costOf(circuit, { optimisePhasePower: false });
  const layer = cost.layers[0];

  // optical loss: 6 MZIs × 1 dB + 2 screens × 0.5 dB + attenuator (an MZI) 1 dB + modulator 2 dB + 110 µm × 2 dB/cm
  near(layer.worstPathLoss.mzisDb, 6, 'MZI loss');
  near(layer.worstPathLoss.screensDb, 1, 'screen loss');
  near(layer.worstPathLoss.attenuatorDb, 1, 'attenuator loss');
  near(layer.worstPathLoss.modulatorDb, 2, 'modulator loss');
  near(layer.worstPathLoss.waveguideDb, 0.022, 'waveguide loss');
  assert.equal(layer.worstPathLoss.couplersDb, 0);
  assert.equal(layer.worstPathLoss.crossingsDb, 0);
  const lossDb = 10.022;
  near(layer.worstPathLoss.totalDb, lossDb, 'worst-path loss');

  // detector and laser: 3 inputs × P_det × 10^(L/10); electrical / 0.25
  near(cost.detector.snrDb, 49.92, 'SNR');
  near(cost.detector.powerMw, DETECTOR_MW, 'detector power');
  const laserMw = 3 * DETECTOR_MW * 10 ** (lossDb / 10);
  near(layer.laser.onChipMw, laserMw, 'laser on chip');
  near(layer.laser.electricalMw, laserMw / 0.25, 'laser electrical');
  assert.ok(layer.laser.isWithinLimit);

  // heaters as programmed (optimisation off)
  const heaterMw = naiveHeaterMw(tile);
  near(layer.heaterPowerMw, heaterMw, 'heater power', 1e-10);
  near(cost.heaterPowerMw, heaterMw, 'chip heater power', 1e-10);

  // timing: T_DAC 0.2 ns, T_ADC 0.1 ns, T_sym 0.2 ns; 1 pass → 0.3 ns; flight 1010 µm × 4 / c;
  // electronic stages: Relu + the layer's readout = 2 × 3 ns
  const flightNs = ((1010e-6 * 4) / C_M_PER_S) * 1e9;
  near(cost.timing.conversionNs, 0.3, 'conversion');
  near(cost.timing.opticalNs, flightNs, 'optical');
  near(cost.timing.electronicNs, 6, 'electronic');
  assert.equal(cost.timing.reprogrammingNs, 0);
  const latencyNs = 6.3 + flightNs;
  near(cost.timing.latencyNs, latencyNs, 'latency');
  near(cost.timing.throughputInferencesPerS, 1 / (latencyNs * 1e-9), 'throughput');

  // energy per inference, pJ (mW × ns)
  const e = cost.energy.total;
  near(e.laserPj, (laserMw / 0.25) * 1 * 0.2, 'laser energy');
  near(e.modulatorsPj, 3 * 0.5, 'modulators');
  near(e.dacInputsPj, 3 * 10 * 0.2, 'input DACs');
  near(e.detectorsPj, 3 * 2 * 0.2, 'detectors/TIAs');
  near(e.adcsPj, 3 * 20 * 0.1, 'ADCs');
  assert.equal(e.dacReprogrammingPj, 0);
  near(e.heatersPj, heaterMw * latencyNs, 'heaters', 1e-10);
  // Relu: 3 ops; readout: 3 rows × 1 pass × (1 column block + 1) = 6 ops; 1 pJ each
  near(e.electronicsPj, 9, 'electronics');
  near(cost.energy.graphElectronicsPj, 3, 'graph electronics');
  const totalPj = e.laserPj + 1.5 + 6 + 1.2 + 6 + e.heatersPj + 9;
  near(cost.energy.energyPjPerInference, totalPj, 'energy per inference', 1e-12);
  assert.equal(cost.energy.macsPerInference, 9);
  near(cost.energy.energyPjPerMac, totalPj / 9, 'energy per MAC', 1e-12);
  // one-time programming: 2·6 MZI phases + 3 + 3 screens + 3 attenuators = 21 codes × 10 mW × 0.2 ns
  near(cost.energy.programmingEnergyPj, 21 * 2, 'programming');

  // area: 6 MZIs 100×40 + (3 modulators 100 + 6 screens 50 + 3 attenuators 100 + 3 couplers 200 + 3 PDs 50
  // + 6 loss dummies 100: each 3-mode mesh's 3 columns leave one mode free) × 25 µm
  near(cost.areaComponentsMm2, (24000 + 25 * (300 + 300 + 300 + 600 + 150 + 600)) / 1e6, 'area');
  near(layer.areaComponentsMm2, cost.areaComponentsMm2, 'layer area');
  assert.deepEqual(cost.chip, { widthMm: 1.26, heightMm: 0.075 });

  // feasibility: everything within limits
  assert.equal(cost.feasibility.feasible, true);
  const byName = Object.fromEntries(cost.feasibility.checks.map((c) => [c.name, c]));
  near(byName.laser_power.value, laserMw, 'laser check');
  assert.equal(byName.laser_power.limit, 100);
  near(byName.optical_loss_budget.value, lossDb, 'loss check');
  near(byName.optical_loss_budget.limit, 10 * Math.log10(100 / (3 * DETECTOR_MW)), 'loss budget', 1e-12);
  assert.equal(byName.chip_width.value, 1.26);
  assert.equal(byName.heater_power.limit, 10_000);
});

test('tiled 3 × 3 on a 2 × 2 core, batch 4: reprogramming time, DAC codes and heater windows', () => {
  const circuit = gemmReluCircuit(3, 3, 2);
  const layer = circuit.layers[0];
  assert.equal(layer.tiles.length, 4);
  const cost = costOf(circuit, { optimisePhasePower: false, batchSize: 4 });
  // each 2 × 2 tile: 1 + 1 MZIs, 2 + 2 screens, 2 attenuators → 2·2 + 4 + 2 = 10 codes; 4 reprogrammings
  near(cost.energy.total.dacReprogrammingPj, (4 * 10 * 2) / 4, 'reprogramming DAC energy');
  near(cost.timing.reprogrammingNs, 4 * 1000, 'reprogramming time');
  // per step, one sample: 0.3 ns conversion + flight; a batch of 4 streams 4 passes: 3 × 0.2 + 0.3 ns + flight
  const step = cost.timing.steps[0];
  const flightNs = ((placeCircuit(circuit, ROUND_PDK).cores[0].tile.pathLengthUm * 1e-6 * 4) / C_M_PER_S) * 1e9;
  near(step.sampleNs, 0.3 + flightNs, 'step time');
  near(step.batchNs, 0.9 + flightNs, 'step batch time');
  near(cost.timing.latencyNs, 4000 + 4 * (0.3 + flightNs) + 6, 'latency');
  const batchNs = 4000 + 4 * (0.9 + flightNs) + 6;
  near(cost.timing.batchNs, batchNs, 'batch time');
  near(cost.timing.throughputInferencesPerS, 4 / (batchNs * 1e-9), 'throughput');
  // heaters: each tile held while it settles and runs its batch, energy shared by the 4 samples
  const heaters = layer.tiles.reduce((s, t) => s + naiveHeaterMw(t) * (1000 + 0.9 + flightNs), 0) / 4;
  near(cost.energy.total.heatersPj, heaters, 'heater energy', 1e-10);
  // peak heater power: the hungriest tile on the one core
  near(cost.heaterPowerMw, Math.max(...layer.tiles.map((t) => naiveHeaterMw(t))), 'peak heater power', 1e-10);
  // readout: 3 rows × (2 column blocks + 1) + 3 Relu ops
  near(cost.energy.total.electronicsPj, 12, 'electronics');
  // signal inputs/outputs per tile (cols, rows of the block): 2+1 columns × 2+1 rows
  near(cost.energy.total.modulatorsPj, (2 + 1 + 2 + 1) * 0.5, 'modulators');
  near(cost.energy.total.adcsPj, (2 + 2 + 1 + 1) * 20 * 0.1, 'ADCs');
  assert.equal(cost.energy.programmingEnergyPj, 0);
});

test('conv layer: 4 passes per sample stream at the symbol period', () => {
  const circuit = tinyConvCircuit();
  const layer = circuit.layers[0];
  assert.deepEqual([layer.matrix.rows, layer.matrix.cols, layer.passesPerSample], [1, 4, 4]);
  const cost = costOf(circuit);
  near(cost.timing.conversionNs, 3 * 0.2 + 0.3, 'conversion');
  const e = cost.energy.total;
  near(e.laserPj, cost.layers[0].laser.electricalMw * 4 * 0.2, 'laser energy');
  near(e.modulatorsPj, 4 * 4 * 0.5, 'modulators');
  near(e.dacInputsPj, 4 * 4 * 2, 'input DACs');
  near(e.adcsPj, 1 * 4 * 2, 'ADCs');
  near(e.detectorsPj, 1 * 2 * 4 * 0.2, 'detectors');
  // readout: 1 row × 4 passes × 2 ops; no electronic graph node
  near(e.electronicsPj, 8, 'electronics');
  assert.equal(cost.energy.macsPerInference, 16);
  // the 4-mode input mesh lights 4 inputs
  assert.equal(cost.layers[0].inputModes, 4);
  near(cost.layers[0].laser.onChipMw, 4 * DETECTOR_MW * 10 ** (cost.layers[0].worstPathLoss.totalDb / 10), 'laser', 1e-12);
});

test('ADC bits set the SNR; an infeasible laser budget is flagged with a core-size hint', () => {
  const circuit = gemmReluCircuit(3, 3);
  const six = costOf(circuit, { adcBits: 6 });
  near(six.detector.snrDb, 6.02 * 6 + 1.76, 'SNR 6 bits');
  assert.ok(six.detector.powerMw < costOf(circuit).detector.powerMw);
  const weak = { ...ROUND_PDK, laser: { wallPlugEfficiency: 0.25, maxOnChipPowerMw: 1 } };
  const cost = estimateCircuitCost(circuit, placeCircuit(circuit, weak), weak);
  assert.equal(cost.feasibility.feasible, false);
  const laser = cost.feasibility.checks.find((c) => c.name === 'laser_power')!;
  assert.equal(laser.ok, false);
  assert.match(laser.message, /full-size mapping is infeasible/);
  assert.match(laser.message, /--core-size/);
  const hot = estimateCircuitCost(circuit, placeCircuit(circuit, ROUND_PDK), ROUND_PDK, { heaterPowerLimitMw: 1 });
  assert.equal(hot.feasibility.checks.find((c) => c.name === 'heater_power')!.ok, false);
});

test('detector power solves SNR = I²/σ²(I) of the simulator\'s detector-noise model', () => {
  for (const pdk of [ROUND_PDK, builtinPdk('soi-thermo')]) {
    for (const bits of [4, 8, 12]) {
      const d = detectorPowerForSnr(pdk, quantisationSnrDb(bits));
      const snr = (d.currentA * d.currentA) / detectorNoiseVarianceA2(d.currentA, pdk.photodetector);
      near(10 * Math.log10(snr), quantisationSnrDb(bits), `${pdk.name}, ${bits} bits`, 1e-12);
    }
  }
});
