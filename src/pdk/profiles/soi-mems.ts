/**
 * Built-in PDK `soi-mems`: the SOI process of `soi-thermo` with electrostatic MEMS phase shifters (≈ nW holding
 * power, 2 µs, no heat so no thermal crosstalk). Fields not listed here, with their sources, are soi-thermo's.
 */
import type { Pdk } from '../types.js';
import { LT_DEVICE_PARAMS, SIMPHONY_PHASE_SHIFTER } from './citations.js';
import { SOI_THERMO } from './soi-thermo.js';

const MEMS_REVIEW = 'MEMS_PS ref. https://www.nature.com/articles/s41378-023-00498-z';
const NO_HEAT = 'not applicable: electrostatic MEMS actuation dissipates ≈ no heat, so thermal crosstalk is disabled (this figure is unused)';

export const SOI_MEMS: Pdk = {
  ...SOI_THERMO,
  name: 'soi-mems',
  description: 'MEMS-tuned silicon-on-insulator: electrostatic phase shifters (P_π ≈ 1 nW, 2 µs), 0.99 dB MZIs, no thermal crosstalk',
  sources: {
    ...SOI_THERMO.sources,
    'mzi.insertionLossDb': `${LT_DEVICE_PARAMS}: mzi.insertion_loss 0.99 dB = 2 × 0.33 dB couplers + 0.33 dB shifter, the MEMS shifter's loss in ${SIMPHONY_PHASE_SHIFTER} MEMS_PS`,
    'mzi.extinctionRatioDb': 'estimate: 25 dB as soi-thermo (same couplers; imbalance with coupler.splitRatioSigma 0.005 alone would allow ≈ 40 dB)',
    'phaseShifter.pPiMw': `${SIMPHONY_PHASE_SHIFTER}: MEMS_PS P_pi "nW level" (${MEMS_REVIEW}); 1 nW = 1e-6 mW taken`,
    'phaseShifter.vPiV': `estimate: electrostatic silicon-photonic MEMS phase shifters are driven with tens of volts (review cited by ${SIMPHONY_PHASE_SHIFTER}, ${MEMS_REVIEW}); 20 V taken`,
    'phaseShifter.responseTimeUs': `${SIMPHONY_PHASE_SHIFTER}: MEMS_PS response_time 2000 ns`,
    'phaseShifter.lengthUm': `${SIMPHONY_PHASE_SHIFTER}: MEMS_PS length 100 µm (width 45 µm)`,
    'phaseShifter.insertionLossDb': `${SIMPHONY_PHASE_SHIFTER}: MEMS_PS insertion_loss 0.33 dB`,
    'phaseShifter.driftSigmaRad': 'estimate: no published per-hour figure found; taken equal to soi-thermo (0.01 rad per hour; MEMS drift comes from dielectric charging rather than temperature)',
    'thermalCrosstalk.couplingAtZero': NO_HEAT,
    'thermalCrosstalk.decayLengthUm': NO_HEAT,
    'thermalCrosstalk.cutoffUm': NO_HEAT,
  },
  phaseShifter: {
    ...SOI_THERMO.phaseShifter,
    type: 'mems',
    pPiMw: 1e-6,
    vPiV: 20,
    // electrostatic force ∝ V², displacement ∝ force for small travel: phase ≈ quadratic in V like a heater
    law: 'quadratic',
    responseTimeUs: 2,
    lengthUm: 100,
    insertionLossDb: 0.33,
    driftSigmaRad: 0.01,
  },
  thermalCrosstalk: { enabled: false, couplingAtZero: 0, decayLengthUm: 25, cutoffUm: 0 },
};
