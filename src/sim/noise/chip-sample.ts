/**
 * One Monte-Carlo chip: its random draws and the transfer matrices they give.
 *
 * Streams: chip k of seed s uses createRng(s, k) only — to draw four sub-seeds, one per kind of randomness
 * (couplers, heater phase errors, drift, detector noise), always all four and in this order. Each kind then has
 * its own stream, so switching one imperfection off (or running it alone, for ablation) leaves the others'
 * draws unchanged, and chip k is the same whatever the number of chips, threads or batches. Detector noise uses
 * one stream per sample: createRng(detectorSeed, sampleIndex) (sim/noise/detection.ts; chip-run.ts creates them
 * as StateRngs (core/rng.ts), which give the same numbers).
 *
 * Draw order: couplers — per core, input side then output side, per MZI slot: input coupler, output coupler;
 * phase errors — per core, per heater (placement order); drift — per step, per core, per heater.
 *
 * Coupler error: the power splitting ratio r ~ N(coupler.splitRatio, splitRatioSigma²), clipped to [0, 1], is
 * the coupling angle δ of sim/mzi-imperfect.ts with cos²(π/4 + δ) = r, i.e. δ = asin(1 − 2r)/2.
 *
 * Realised heater phase: programmed + (driven − programmed) + crosstalk + phase error + drift (chip-plan.ts has the
 * deterministic first terms). Attenuators are MZIs read at the bar port: amplitude |sin(θ_a/2)|, phase θ_a/2 (up to
 * a constant the design already absorbed), so a realised θ_a' gives power sin²(θ_a'/2), raised to the
 * extinction-ratio floor P_min + (1 − P_min)·sin²(θ_a'/2), and the phase error ψ = (θ_a' − θ_a)/2.
 */
import { createRng, type Rng } from '../../core/rng.js';
import { dbToAmplitude } from '../../core/units.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { tileResponse, type PhotonicChip, type TileParams } from '../chip.js';
import { zerosCMat, type CMat } from '../../core/linalg/cmat.js';
import { composeKernel, type MeshKernel, type MziParams } from '../mesh-propagate.js';
import { couplerTrig, noisyMeshKernel, type CouplerTrig } from './mesh-kernel.js';
import type { ChipPlan, SideHeaters, TilePlan } from './chip-plan.js';
import { isEnabled } from './noise-model.js';

/** The random hardware of one core of one chip. */
export interface CoreSample {
  /** Coupling-angle errors δ per MZI slot, rad: [input side, output side]. */
  readonly couplerInRad: readonly [Float64Array, Float64Array];
  readonly couplerOutRad: readonly [Float64Array, Float64Array];
  /** cos/sin(π/4 + δ) of the couplers per side (null: ideal 50:50 couplers, splitting off). */
  readonly couplers: readonly [CouplerTrig | null, CouplerTrig | null];
  /** Static phase error per heater, rad. */
  readonly phaseErrorRad: Float64Array;
  /** Current drift per heater, rad (advanced by advanceDrift). */
  readonly driftRad: Float64Array;
}

export interface ChipSample {
  readonly chip: number;
  readonly cores: readonly CoreSample[];
  /** Seed of the per-sample detector-noise streams. */
  readonly detectorSeed: number;
  /** Drift stream and the step the drift state is at. */
  readonly driftRng: Rng;
  driftStep: number;
}

/** A 53-bit non-negative integer from two words (a seed for createRng). */
function drawSeed(rng: Rng): number {
  return (rng.nextUint32() >>> 11) * 2 ** 32 + rng.nextUint32();
}

/** Coupling angle δ of a coupler with through-power ratio r: cos²(π/4 + δ) = r. */
export function couplerAngleRad(splitRatio: number): number {
  const r = Math.min(1, Math.max(0, splitRatio));
  return Math.asin(1 - 2 * r) / 2;
}

/** Draws chip k's hardware (see the module comment). */
export function sampleChip(plan: ChipPlan, seed: number, k: number): ChipSample {
  const root = createRng(seed, k);
  const couplerSeed = drawSeed(root);
  const phaseSeed = drawSeed(root);
  const driftSeed = drawSeed(root);
  const detectorSeed = drawSeed(root);
  const { splitRatio, splitRatioSigma } = plan.model.pdk.coupler;
  const sigmaRad = plan.model.pdk.phaseShifter.phaseErrorSigmaRad;
  const couplerRng = createRng(couplerSeed);
  const phaseRng = createRng(phaseSeed);
  const splitting = isEnabled(plan.model, 'splitting');
  const phaseError = isEnabled(plan.model, 'phase-error');
  const cores = plan.cores.map((c): CoreSample => {
    const side = (slots: number): [Float64Array, Float64Array] => {
      const din = new Float64Array(slots);
      const dout = new Float64Array(slots);
      if (splitting) {
        for (let s = 0; s < slots; s++) {
          din[s] = couplerAngleRad(splitRatio + splitRatioSigma * couplerRng.normal());
          dout[s] = couplerAngleRad(splitRatio + splitRatioSigma * couplerRng.normal());
        }
      }
      return [din, dout];
    };
    const [inIn, inOut] = side(c.inputSlots);
    const [outIn, outOut] = side(c.outputSlots);
    const phaseErrorRad = new Float64Array(c.heaterCount);
    if (phaseError) for (let h = 0; h < c.heaterCount; h++) phaseErrorRad[h] = sigmaRad * phaseRng.normal();
    return {
      couplerInRad: [inIn, outIn],
      couplerOutRad: [inOut, outOut],
      couplers: splitting ? [couplerTrig(inIn, inOut), couplerTrig(outIn, outOut)] : [null, null],
      phaseErrorRad,
      driftRad: new Float64Array(c.heaterCount),
    };
  });
  return { chip: k, cores, detectorSeed, driftRng: createRng(driftSeed), driftStep: 0 };
}

/** Advances the drift random walk to `step` (steps only move forward); returns whether the state changed. */
export function advanceDrift(plan: ChipPlan, sample: ChipSample, step: number): boolean {
  const sigma = plan.driftStepSigmaRad;
  if (sigma === 0 || step <= sample.driftStep) return false;
  for (; sample.driftStep < step; sample.driftStep++) {
    for (const c of sample.cores) for (let h = 0; h < c.driftRad.length; h++) c.driftRad[h] += sigma * sample.driftRng.normal();
  }
  return true;
}

/** Realised − programmed phase of every heater of the tile's core (into `out` when it has the right length). */
function heaterOffsets(plan: ChipPlan, tp: TilePlan, cs: CoreSample, out?: Float64Array): Float64Array {
  const on = (n: Parameters<typeof isEnabled>[1]): boolean => isEnabled(plan.model, n);
  const H = cs.phaseErrorRad.length;
  let off: Float64Array;
  if (out && out.length === H) {
    off = out;
    if (tp.baseOffsetRad) off.set(tp.baseOffsetRad);
    else off.fill(0);
  } else {
    off = tp.baseOffsetRad ? Float64Array.from(tp.baseOffsetRad) : new Float64Array(H);
  }
  if (on('phase-error')) for (let h = 0; h < H; h++) off[h] += cs.phaseErrorRad[h];
  if (on('drift')) for (let h = 0; h < H; h++) off[h] += cs.driftRad[h];
  return off;
}

function meshParams(plan: ChipPlan, slots: Int32Array, heaters: SideHeaters, N: number, cs: CoreSample, sideIndex: 0 | 1, off: Float64Array | null): MziParams {
  const K = slots.length;
  const pick = (idx: Int32Array, n: number, at: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const h = idx[at(i)];
      out[i] = h >= 0 ? off![h] : 0;
    }
    return out;
  };
  const params: { -readonly [K in keyof MziParams]: MziParams[K] } = {};
  if (off) {
    params.thetaOffsetRad = pick(heaters.theta, K, (k) => slots[k]);
    params.phiOffsetRad = pick(heaters.phi, K, (k) => slots[k]);
    params.phasesOutOffsetRad = pick(heaters.screen, N, (m) => m);
  }
  if (isEnabled(plan.model, 'splitting')) {
    params.couplerInErrorRad = Float64Array.from(slots, (s) => cs.couplerInRad[sideIndex][s]);
    params.couplerOutErrorRad = Float64Array.from(slots, (s) => cs.couplerOutRad[sideIndex][s]);
  }
  if (isEnabled(plan.model, 'loss')) {
    params.lossDb = new Float64Array(K).fill(plan.mziLossDb);
    params.dummyLossDb = plan.mziLossDb;
  }
  return params;
}

/** Attenuators, amplitude factor and receiver gain of one tile (the non-mesh part of its TileParams). */
function tileExtras(plan: ChipPlan, tp: TilePlan, off: Float64Array | null, attenuation: Float64Array): TileParams {
  const cp = plan.cores[tp.core];
  const params: { -readonly [K in keyof TileParams]: TileParams[K] } = {};
  const floor = plan.attenuatorFloorPower;
  if (off || floor > 0) {
    const r = attenuation.length;
    const a = new Float64Array(r);
    const psi = off ? new Float64Array(r) : undefined;
    for (let m = 0; m < r; m++) {
      const h = m < cp.attenuator.length ? cp.attenuator[m] : -1;
      const theta = tp.attenuatorThetaRad[m];
      const realised = theta + (off && h >= 0 ? off[h] : 0);
      const s = Math.sin(realised / 2);
      a[m] = Math.sqrt(floor + (1 - floor) * s * s);
      if (psi) psi[m] = (realised - theta) / 2;
    }
    params.attenuation = a;
    if (psi) params.attenuationPhaseRad = psi;
  }
  if (isEnabled(plan.model, 'loss')) {
    params.amplitudeScale = dbToAmplitude(cp.fixedLossDb);
    params.receiverGain = tp.receiverGain;
  }
  return params;
}

/**
 * The realised values of one tile on chip `sample` as TileParams (the reference form, for buildChip; composeChip
 * builds the same matrices faster).
 */
export function tileParams(plan: ChipPlan, tp: TilePlan, sample: ChipSample, attenuation: Float64Array, inputN: number, outputN: number): TileParams {
  const cp = plan.cores[tp.core];
  const cs = sample.cores[tp.core];
  const off = plan.hasHeaterOffsets ? heaterOffsets(plan, tp, cs) : null;
  return {
    input: meshParams(plan, tp.inputSlot, cp.input, inputN, cs, 0, off),
    output: meshParams(plan, tp.outputSlot, cp.output, outputN, cs, 1, off),
    ...tileExtras(plan, tp, off, attenuation),
  };
}

/** Composes chip `sample` (its current drift state) into transfer matrices. */
export function composeChip(plan: ChipPlan, sample: ChipSample, circuit: CircuitIR): PhotonicChip {
  if (!plan.hasStatic) return plan.staticFreeChip;
  const amplitude = isEnabled(plan.model, 'loss') ? dbToAmplitude(plan.mziLossDb) : 1;
  // scratch reused tile after tile (everything but the tiles' responses is a temporary)
  let offScratch: Float64Array | undefined;
  let kv: MeshKernel | undefined;
  let ku: MeshKernel | undefined;
  const mats = new Map<number, [CMat, CMat]>();
  const scratchMats = (N: number): [CMat, CMat] => {
    let m = mats.get(N);
    if (!m) {
      m = [zerosCMat(N, N), zerosCMat(N, N)];
      mats.set(N, m);
    }
    return m;
  };
  return {
    layers: circuit.layers.map((layer, l) => ({
      rows: layer.matrix.rows,
      cols: layer.matrix.cols,
      tiles: layer.tiles.map((tile, i) => {
        const tp = plan.tiles[l][i];
        const cp = plan.cores[tp.core];
        const cs = sample.cores[tp.core];
        const off = plan.hasHeaterOffsets ? (offScratch = heaterOffsets(plan, tp, cs, offScratch)) : null;
        const [dv, du] = tp.dummies ?? [null, null];
        kv = noisyMeshKernel(tile.inputMesh, tp.inputSlot, cp.input.theta, cp.input.phi, cp.input.screen, off, cs.couplers[0], amplitude, dv, kv);
        ku = noisyMeshKernel(tile.outputMesh, tp.outputSlot, cp.output.theta, cp.output.phi, cp.output.screen, off, cs.couplers[1], amplitude, du, ku);
        const tv = composeKernel(kv, plan.propagator, scratchMats(kv.N)[0]);
        const tu = composeKernel(ku, plan.propagator, scratchMats(ku.N)[1]);
        return tileResponse(tile, tv, tu, tileExtras(plan, tp, off, tile.attenuation), plan.quadrature);
      }),
    })),
  };
}
