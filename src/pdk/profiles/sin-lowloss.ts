/**
 * Built-in PDK `sin-lowloss`: low-loss silicon nitride (weakly confining strip waveguides, ≪ 1 dB/cm) with
 * thermo-optic phase shifters. Si3N4's thermo-optic coefficient is ≈ 7× smaller than silicon's, so P_π is
 * higher; bends and mode pitch are larger. Many SiN figures are estimates scaled from soi-thermo (each source
 * says so); electronics, detector and laser are soi-thermo's (hybrid / co-packaged), with their sources.
 */
import type { Pdk } from '../types.js';
import { DEVICE_PARAMETERS_MD, GDSFACTORY_LAYERS, THERMAL_CROSSTALK_LITERATURE } from './citations.js';
import { SOI_THERMO } from './soi-thermo.js';

const SIN_TOC = 'Si3N4 dn/dT ≈ 2.45e-5 /K (Arbabi & Goddard, Opt. Lett. 38(19), 3878 (2013)) vs Si ≈ 1.8e-4 /K';
const SIN_TUNERS = 'Photonics 8(11), 496 (2021), thermo-optic phase tuners on a SiN platform';
const SIN_REVIEW = 'Muñoz et al., Sensors 17(9), 2088 (2017), review of SiN strip-waveguide platforms';

export const SIN_LOWLOSS: Pdk = {
  ...SOI_THERMO,
  name: 'sin-lowloss',
  description: 'low-loss silicon nitride: 0.1 dB/cm waveguides, 0.3 dB MZIs, large bends and pitch, heaters with P_π ≈ 200 mW',
  sources: {
    ...SOI_THERMO.sources,
    'optics.wavelengthNm': `C-band design wavelength, as soi-thermo; SiN is transparent from the visible to the mid-infrared (${SIN_REVIEW})`,
    'mzi.extinctionRatioDb': 'estimate: 25 dB as soi-thermo; imbalance of couplers with coupler.splitRatioSigma 0.005 alone would allow ≈ 40 dB',
    'optics.groupIndex': `typical, literature: SiN strip waveguides at 1550 nm have n_g ≈ 1.9–2.1 (${SIN_REVIEW}); 2.0 taken`,
    'mzi.insertionLossDb': 'estimate: 2 × 0.1 dB SiN couplers + ≈ 0.05 dB heater section + ≈ 1.5 mm of 0.1 dB/cm waveguide ≈ 0.3 dB, a third of soi-thermo’s 0.99 dB',
    'mzi.lengthUm': 'estimate: ≈ 100 µm bend radii of weakly confining SiN (vs ≈ 5 µm in SOI) and a 500 µm heater give ≈ 1.5 mm per MZI cell',
    'mzi.widthUm': 'estimate: two modes at the 125 µm SiN mode pitch (waveguide.pitchUm × 2)',
    'coupler.insertionLossDb': 'estimate: 0.1 dB per SiN directional coupler (low index contrast, low scattering); already included in mzi.insertionLossDb',
    'phaseShifter.pPiMw': `estimate: soi-thermo's 30 mW × (Si/SiN thermo-optic coefficients ≈ 7.3) ≈ 220 mW → 200 mW; ${SIN_TOC}; air trenches can cut it by up to 70 % (${SIN_TUNERS}), not assumed here`,
    'phaseShifter.vPiV': "derived: V_π = √(P_π·R) with soi-thermo's heater resistance R = V_π²/P_π = 4.36² V² / 30 mW ≈ 634 Ω: √(0.2 W × 634 Ω) ≈ 11.3 V",
    'phaseShifter.responseTimeUs': `estimate: SiN heaters under thick oxide are slower than SOI ones; ≈ 12 kHz thermal bandwidth reported in ${SIN_TUNERS} (τ = 1/(2π·11.8 kHz) ≈ 13 µs, 10–90 % rise ≈ 2.2 τ ≈ 30 µs)`,
    'phaseShifter.lengthUm': 'estimate: 500 µm heater (longer than SOI heaters to spread the larger power at a safe heater temperature)',
    'phaseShifter.insertionLossDb': 'estimate: 0.05 dB, the heater sits µm above the weakly confined mode behind thick oxide, so metal absorption is small',
    'phaseShifter.driftSigmaRad': `derived: soi-thermo's 0.01 rad/h × (500 µm × 2.45e-5 /K) / (100 µm × 1.8e-4 /K) ≈ 0.007 rad/h (${SIN_TOC})`,
    'thermalCrosstalk.couplingAtZero': `typical, literature: ${THERMAL_CROSSTALK_LITERATURE}; SiN crosstalk analysed in ${SIN_TUNERS}; κ₀ = 0.3 kept from soi-thermo as our representative fit (≈ 2.5 % at the 125 µm pitch with L = 50 µm)`,
    'thermalCrosstalk.decayLengthUm': `estimate: thicker oxide claddings of SiN platforms spread heat farther than SOI: 2 × soi-thermo's 25 µm (${SIN_TUNERS} discusses SiN crosstalk and its reduction by trenches)`,
    'thermalCrosstalk.cutoffUm': 'derived: κ(400 µm) = κ₀·e^(−400/50) ≈ 1e-4, negligible beyond',
    'waveguide.lossDbPerCm': `typical, literature: "SiN ≪ 1 dB/cm" (${DEVICE_PARAMETERS_MD}, general literature; ${SIN_REVIEW}); 0.1 dB/cm taken`,
    'waveguide.crossingLossDb': 'estimate: 0.1 dB, half of soi-thermo’s 0.2 dB crossing, for the lower index contrast of SiN',
    'waveguide.pitchUm': 'estimate: 125 µm between adjacent modes, 2.5 × soi-thermo, set by the larger SiN bends and coupler gaps',
    'laser.maxOnChipPowerMw': 'estimate: SiN has negligible two-photon absorption at 1550 nm (Moss et al., Nature Photonics 7, 597 (2013)), so watts-class power is possible; 500 mW taken as a practical limit',
    'layers.waveguide': `${GDSFACTORY_LAYERS}: WGN (34, 0)`,
  },
  optics: { wavelengthNm: 1550, groupIndex: 2.0 },
  mzi: { insertionLossDb: 0.3, lossIncludesCouplers: true, extinctionRatioDb: 25, lengthUm: 1500, widthUm: 250 },
  coupler: { insertionLossDb: 0.1, splitRatio: 0.5, splitRatioSigma: 0.005 },
  phaseShifter: {
    ...SOI_THERMO.phaseShifter,
    pPiMw: 200,
    vPiV: 11.3,
    responseTimeUs: 30,
    lengthUm: 500,
    insertionLossDb: 0.05,
    driftSigmaRad: 0.007,
  },
  thermalCrosstalk: { enabled: true, couplingAtZero: 0.3, decayLengthUm: 50, cutoffUm: 400 },
  waveguide: { lossDbPerCm: 0.1, crossingLossDb: 0.1, pitchUm: 125 },
  laser: { ...SOI_THERMO.laser, maxOnChipPowerMw: 500 },
  layers: { ...SOI_THERMO.layers, waveguide: [34, 0] },
};
