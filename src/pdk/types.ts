/**
 * PDK: the device models of one photonic process — the figures every physics, noise, cost and layout model
 * reads. A PDK is a JSON file (validated by pdk/schema.ts, fields in camelCase with units in every name) or
 * one of the built-in profiles in pdk/profiles/. Every numeric figure has a source in `sources` (key: the
 * field's dotted path, e.g. "mzi.insertionLossDb").
 *
 * Conventions: dB are power ratios (amplitude factor 10^(−dB/20)); phases in radians; lengths in µm unless
 * the name says otherwise; a heater only adds phase (φ ≥ 0 above its unpowered state).
 */

export type PhaseShifterType = 'thermo-optic' | 'mems' | 'electro-optic';

/** Phase vs drive voltage: thermal φ = π·(V/V_π)², so the 2π full scale is V_2π = √2·V_π; linear φ = π·V/V_π. */
export type PhaseLaw = 'quadratic' | 'linear';

export interface Pdk {
  readonly name: string;
  readonly description: string;
  /** Citation per numeric field, keyed by dotted path ("phaseShifter.pPiMw"). */
  readonly sources: Readonly<Record<string, string>>;

  readonly optics: {
    readonly wavelengthNm: number;
    readonly groupIndex: number;
  };
  readonly mzi: {
    /** Insertion loss of one MZI, power, dB. */
    readonly insertionLossDb: number;
    /** Whether insertionLossDb already includes its two couplers (then coupler.insertionLossDb is not added). */
    readonly lossIncludesCouplers: boolean;
    /** Extinction ratio, dB: bounds the smallest realisable transmission (σ_i/σ_max ≥ 10^(−ER/20)). */
    readonly extinctionRatioDb: number;
    /** Footprint of one MZI cell: length along the light, width across it, µm. */
    readonly lengthUm: number;
    readonly widthUm: number;
  };
  readonly coupler: {
    readonly insertionLossDb: number;
    /** Nominal power splitting ratio (0.5 = 50:50). */
    readonly splitRatio: number;
    /** Fabrication spread of the splitting ratio (standard deviation, absolute, e.g. 0.005 = 0.5 %). */
    readonly splitRatioSigma: number;
  };
  readonly phaseShifter: {
    readonly type: PhaseShifterType;
    /** Power for a π shift, mW (thermo-optic: ~20–30 mW; MEMS: ~1e-6 mW). */
    readonly pPiMw: number;
    /** Drive voltage for a π shift, V (see PhaseLaw; full scale V_2π is pdk/phase-drive.ts vTwoPiV). */
    readonly vPiV: number;
    readonly law: PhaseLaw;
    /** Settling time after a step in drive, µs (how long reprogramming one phase takes). */
    readonly responseTimeUs: number;
    /** Length of the phase-shifter section along the waveguide, µm. */
    readonly lengthUm: number;
    /** Loss of a standalone phase shifter (e.g. an output phase screen), dB; an MZI's own is in mzi.insertionLossDb. */
    readonly insertionLossDb: number;
    /** Static fabrication phase error (standard deviation), rad. */
    readonly phaseErrorSigmaRad: number;
    /** Phase drift: standard deviation reached after one timescale, rad; random-walk-like. */
    readonly driftSigmaRad: number;
    readonly driftTimescaleS: number;
  };
  readonly thermalCrosstalk: {
    readonly enabled: boolean;
    /** Fraction of a heater's phase seen by a neighbour at distance d: κ(d) = κ₀·exp(−d/L). */
    readonly couplingAtZero: number;
    readonly decayLengthUm: number;
    /** Heaters farther apart than this are not coupled, µm. */
    readonly cutoffUm: number;
  };
  readonly waveguide: {
    readonly lossDbPerCm: number;
    readonly crossingLossDb: number;
    /** Centre-to-centre pitch of adjacent modes in a mesh, µm. */
    readonly pitchUm: number;
  };
  readonly photodetector: {
    readonly responsivityAPerW: number;
    readonly darkCurrentNa: number;
    readonly bandwidthGhz: number;
    /** Input-referred current noise density of the TIA, pA/√Hz. */
    readonly tiaNoisePaPerSqrtHz: number;
    readonly tiaPowerMw: number;
  };
  readonly adc: { readonly bits: number; readonly sampleRateGsps: number; readonly powerMw: number };
  readonly dac: { readonly bits: number; readonly sampleRateGsps: number; readonly powerMw: number };
  readonly modulator: { readonly energyPjPerSymbol: number; readonly insertionLossDb: number };
  readonly laser: { readonly wallPlugEfficiency: number; readonly maxOnChipPowerMw: number };
  readonly electronics: {
    /** Energy of one electronic element-wise operation (activation, add, pooling compare), pJ. */
    readonly energyPjPerOp: number;
    /** Latency of one electronic stage between optical passes, ns. */
    readonly stageLatencyNs: number;
  };
  readonly reticle: { readonly widthMm: number; readonly heightMm: number };
  /** GDS layer numbers [layer, datatype]. */
  readonly layers: {
    readonly waveguide: readonly [number, number];
    readonly heater: readonly [number, number];
    readonly metal: readonly [number, number];
    readonly pad: readonly [number, number];
    readonly text: readonly [number, number];
  };
}
