/**
 * The deterministic part of a Monte-Carlo run: everything that depends on the circuit, the PDK and which
 * imperfections are on, but not on the chip's random draws. Built once per run (per worker), shared by all
 * chips.
 *
 * Physical cores: the schedule maps every tile onto a mesh core (one K × K core for a tiled circuit, one core per
 * layer for full-size meshes). A chip's fabricated hardware — coupler errors, heater phase errors, heater
 * positions, drift — belongs to the CORE, so every tile run on a core sees the same hardware; tiles differ only
 * in their programmed phases. Heaters and MZI slots come from the core's placement (physics/placement, placed
 * from its first tile); another tile's MZI maps to the slot at the same (column, top mode).
 *
 * Per tile this precomputes the programmed phase of every heater of its core (θ, φ, screens, attenuators as
 * MZIs with bar transmission sin(θ_a/2) = a), the deterministic heater offsets (DAC quantisation, then thermal
 * crosstalk from the DRIVEN phases), the nominal loss and receiver gain, and the detection constants.
 *
 * Receiver gain: the electronics are designed for the PDK's nominal loss, so the detected outputs are divided
 * by η = 10^(−L/20), L = the path loss of the tile: every path crosses one MZI or loss-matched dummy per mesh column
 * (physics/placement/loss-dummies.ts), plus modulator, screens, attenuator cell and waveguide. Without it any loss would just scale every logit; with
 * it, loss shows as what it is — less signal against the detector noise, and uneven loss between paths.
 */
import { InvalidInputError } from '../../core/errors.js';
import { dbToAmplitude, dbToPowerRatio, ghzToHz, umToCm, usToS } from '../../core/units.js';
import { meshDepth, type CircuitIR, type MeshTile, type MziMesh } from '../../ir/circuit.js';
import { meshDummies, type MeshDummies } from '../../physics/placement/loss-dummies.js';
import { placeTile, type TilePlacement } from '../../physics/placement/index.js';
import { buildCrosstalkMatrix, crosstalkPhaseRad, type CrosstalkMatrix } from '../../physics/thermal-crosstalk.js';
import { normalizedDetectorNoise } from '../../physics/detector-noise.js';
import { buildChip, type PhotonicChip } from '../chip.js';
import { createMeshPropagator, type MeshPropagator } from '../mesh-propagate.js';
import type { LayerDetection } from './detection.js';
import { isEnabled, type NoiseModel } from './noise-model.js';
import { quantizeHeaterPhaseRad, signedLevels } from './quantize.js';

/** Heater indices (into the core's heater list) of one mesh side. */
export interface SideHeaters {
  /** Per MZI slot (index into the placed tile's mesh.mzis). */
  readonly theta: Int32Array;
  readonly phi: Int32Array;
  /** Per mode. */
  readonly screen: Int32Array;
}

/** One physical mesh core. */
export interface CorePlan {
  readonly core: number;
  readonly placement: TilePlacement;
  readonly heaterCount: number;
  readonly input: SideHeaters;
  readonly output: SideHeaters;
  /** Attenuator heater of each signal mode. */
  readonly attenuator: Int32Array;
  /** MZI slots per side (placed tile's mesh sizes). */
  readonly inputSlots: number;
  readonly outputSlots: number;
  readonly crosstalk: CrosstalkMatrix | null;
  /** Loss of every path outside the MZIs (modulator, screens, attenuator cell, crossings, waveguide), dB. */
  readonly fixedLossDb: number;
}

/** One tile as programmed on its core. */
export interface TilePlan {
  readonly layer: number;
  readonly tile: number;
  readonly core: number;
  /** Slot on the core of each MZI of the tile's meshes. */
  readonly inputSlot: Int32Array;
  readonly outputSlot: Int32Array;
  /** Programmed phase of every heater of the core for this tile, rad (unused heaters 0). */
  readonly programmedRad: Float64Array;
  /** Deterministic realised − programmed phase per heater (quantisation + crosstalk), or null when neither is on. */
  readonly baseOffsetRad: Float64Array | null;
  /** Programmed attenuator phases θ_a = 2·asin(a), per signal mode. */
  readonly attenuatorThetaRad: Float64Array;
  /**
   * Receiver gain g = 1/η_nominal (loss on), else undefined: η_nominal = 10^(−L/20), L the loss of every path of
   * the design (each path crosses one MZI or loss dummy per mesh column).
   */
  readonly receiverGain: number | undefined;
  /** Loss dummies of the input and output mesh (loss on; null otherwise: their loss is not simulated). */
  readonly dummies: readonly [MeshDummies, MeshDummies] | null;
}

export interface ChipPlan {
  readonly model: NoiseModel;
  readonly cores: readonly CorePlan[];
  /** [layer][tile]. */
  readonly tiles: readonly (readonly TilePlan[])[];
  /** The ideal chip (reference and ADC full scales); also the chip itself when no static imperfection is on. */
  readonly idealChip: PhotonicChip;
  /** Some static imperfection is on (else every chip is `staticFreeChip`). */
  readonly hasStatic: boolean;
  /** The chip without static imperfections: `idealChip`, or the same composition with the quadrature Q. */
  readonly staticFreeChip: PhotonicChip;
  /** Some heater phase offset is on (quantisation, crosstalk, phase error, drift). */
  readonly hasHeaterOffsets: boolean;
  /** Per-MZI insertion loss when loss is on, dB. */
  readonly mziLossDb: number;
  /** Power floor of an attenuator, 10^(−ER/10), when the attenuator imperfection is on (else 0). */
  readonly attenuatorFloorPower: number;
  /** Drift: std of one step's increment, rad (0 when drift is off). */
  readonly driftStepSigmaRad: number;
  /** Detection per layer (undefined: ideal readout). */
  readonly detection: readonly (LayerDetection | undefined)[];
  /** Whether chips need the quadrature Q (detector noise). */
  readonly quadrature: boolean;
  /** Propagator for the chips' compositions (TypeScript: the same bits on every machine). */
  readonly propagator: MeshPropagator;
}

const slotKey = (col: number, top: number, N: number): number => col * N + top;

function slotMap(mesh: MziMesh): Map<number, number> {
  const m = new Map<number, number>();
  mesh.mzis.forEach((z, k) => m.set(slotKey(z.col, z.top, mesh.N), k));
  return m;
}

function slotsOf(mesh: MziMesh, placed: MziMesh, map: Map<number, number>, where: string): Int32Array {
  if (mesh.N !== placed.N) throw new InvalidInputError(`${where}: mesh has ${mesh.N} modes, its core ${placed.N}`);
  const out = new Int32Array(mesh.mzis.length);
  mesh.mzis.forEach((z, k) => {
    const s = map.get(slotKey(z.col, z.top, mesh.N));
    if (s === undefined) throw new InvalidInputError(`${where}: MZI at column ${z.col}, modes ${z.top}/${z.top + 1} has no place on its core`);
    out[k] = s;
  });
  return out;
}

function corePlan(core: number, first: MeshTile, model: NoiseModel): CorePlan {
  const { pdk } = model;
  const placement = placeTile(first, pdk);
  const H = placement.heaters.length;
  const side = (mesh: MziMesh): { theta: Int32Array; phi: Int32Array; screen: Int32Array } => ({
    theta: new Int32Array(mesh.mzis.length).fill(-1),
    phi: new Int32Array(mesh.mzis.length).fill(-1),
    screen: new Int32Array(mesh.N).fill(-1),
  });
  const input = side(first.inputMesh);
  const output = side(first.outputMesh);
  const attenuator = new Int32Array(first.attenuation.length).fill(-1);
  placement.heaters.forEach((h, i) => {
    if (h.kind === 'attenuator') {
      attenuator[h.index] = i;
      return;
    }
    const s = h.mesh === 'input' ? input : output;
    s[h.kind][h.index] = i;
  });
  const crosstalk = isEnabled(model, 'crosstalk') ? buildCrosstalkMatrix(placement.heaters, pdk.thermalCrosstalk) : null;
  const w = placement.worstPath;
  const fixedLossDb =
    w.modulators * pdk.modulator.insertionLossDb +
    w.screens * pdk.phaseShifter.insertionLossDb +
    w.attenuators * pdk.mzi.insertionLossDb +
    w.crossings * pdk.waveguide.crossingLossDb +
    pdk.waveguide.lossDbPerCm * umToCm(w.routingLengthUm);
  return {
    core, placement, heaterCount: H, input, output, attenuator,
    inputSlots: first.inputMesh.mzis.length, outputSlots: first.outputMesh.mzis.length, crosstalk, fixedLossDb,
  };
}

/** Builds the plan of a run. Throws InvalidInputError when the nominal loss leaves no light at a detector. */
export function planChips(circuit: CircuitIR, model: NoiseModel, idealChip: PhotonicChip = buildChip(circuit)): ChipPlan {
  const { pdk } = model;
  const on = (n: Parameters<typeof isEnabled>[1]): boolean => isEnabled(model, n);
  const hasHeaterOffsets = on('phase-quantization') || on('crosstalk') || on('phase-error') || on('drift');
  const hasStatic = hasHeaterOffsets || on('loss') || on('splitting') || on('attenuator');
  const propagator = createMeshPropagator({ backend: 'ts' });

  // cores and their placements
  const coreOf = new Map<string, number>();
  const firstTile = new Map<number, MeshTile>();
  for (const s of circuit.schedule.steps) {
    coreOf.set(`${s.layer}/${s.tile}`, s.core);
    if (!firstTile.has(s.core)) firstTile.set(s.core, circuit.layers[s.layer].tiles[s.tile]);
  }
  circuit.layers.forEach((layer, l) =>
    layer.tiles.forEach((t, i) => {
      if (!coreOf.has(`${l}/${i}`)) throw new InvalidInputError(`the circuit's schedule does not place tile ${i} of layer ${l} on a core`);
    }),
  );
  const coreIds = [...firstTile.keys()].sort((a, b) => a - b);
  const cores = hasStatic ? coreIds.map((c) => corePlan(c, firstTile.get(c)!, model)) : [];
  const coreIndex = new Map(coreIds.map((c, i) => [c, i]));

  const mziLossDb = on('loss') ? pdk.mzi.insertionLossDb + (pdk.mzi.lossIncludesCouplers ? 0 : 2 * pdk.coupler.insertionLossDb) : 0;

  // tiles
  const tiles: TilePlan[][] = circuit.layers.map((layer, l) =>
    layer.tiles.map((tile, i) => {
      const core = coreIndex.get(coreOf.get(`${l}/${i}`)!)!;
      const attenuatorThetaRad = Float64Array.from(tile.attenuation, (a) => 2 * Math.asin(Math.min(1, Math.max(0, a))));
      if (!hasStatic) {
        return { layer: l, tile: i, core, inputSlot: new Int32Array(0), outputSlot: new Int32Array(0), programmedRad: new Float64Array(0), baseOffsetRad: null, attenuatorThetaRad, receiverGain: undefined, dummies: null };
      }
      const cp = cores[core];
      const first = firstTile.get(cp.core)!;
      const where = `layer ${l} tile ${i}`;
      const inputSlot = slotsOf(tile.inputMesh, first.inputMesh, slotMap(first.inputMesh), where);
      const outputSlot = slotsOf(tile.outputMesh, first.outputMesh, slotMap(first.outputMesh), where);
      const programmed = new Float64Array(cp.heaterCount);
      const put = (h: number, v: number): void => {
        if (h >= 0) programmed[h] = v;
      };
      tile.inputMesh.mzis.forEach((z, k) => {
        put(cp.input.theta[inputSlot[k]], z.theta);
        put(cp.input.phi[inputSlot[k]], z.phi);
      });
      tile.outputMesh.mzis.forEach((z, k) => {
        put(cp.output.theta[outputSlot[k]], z.theta);
        put(cp.output.phi[outputSlot[k]], z.phi);
      });
      tile.inputMesh.phasesOut.forEach((p, m) => put(cp.input.screen[m], p));
      tile.outputMesh.phasesOut.forEach((p, m) => put(cp.output.screen[m], p));
      attenuatorThetaRad.forEach((t, m) => put(m < cp.attenuator.length ? cp.attenuator[m] : -1, t));
      let baseOffsetRad: Float64Array | null = null;
      if (on('phase-quantization') || on('crosstalk')) {
        const driven = on('phase-quantization') ? programmed.map((p) => quantizeHeaterPhaseRad(p, pdk)) : programmed;
        baseOffsetRad = driven.map((d, h) => d - programmed[h]);
        if (cp.crosstalk) {
          const xt = crosstalkPhaseRad(cp.crosstalk, driven);
          for (let h = 0; h < xt.length; h++) baseOffsetRad[h] += xt[h];
        }
      }
      const dummies = on('loss') ? ([meshDummies(tile.inputMesh), meshDummies(tile.outputMesh)] as const) : null;
      return { layer: l, tile: i, core, inputSlot, outputSlot, programmedRad: programmed, baseOffsetRad, attenuatorThetaRad, receiverGain: undefined as number | undefined, dummies };
    }),
  );

  // receiver gain from the DESIGN's nominal loss: one MZI or dummy per mesh column on every path, plus the losses
  // outside the meshes; the electronics divide by that amplitude (not by the chip's own errors)
  if (on('loss')) {
    circuit.layers.forEach((layer, l) =>
      layer.tiles.forEach((t, i) => {
        const mzisPerPath = meshDepth(t.inputMesh) + meshDepth(t.outputMesh); // MZIs and loss dummies
        const lossDb = mzisPerPath * mziLossDb + cores[tiles[l][i].core].fixedLossDb;
        const eta = dbToAmplitude(lossDb);
        const gain = 1 / eta;
        if (!(eta > 0) || !Number.isFinite(gain * gain * t.sigmaMax * t.sigmaMax)) {
          throw new InvalidInputError(
            `PDK '${pdk.name}': no light reaches the detectors of optical layer '${layer.name}' (tile ${i}): its paths lose ${lossDb.toPrecision(4)} dB (${mziLossDb} dB per MZI)`,
          );
        }
        (tiles[l][i] as { receiverGain: number | undefined }).receiverGain = gain;
      }),
    );
  }

  // drift step: the samples of one step pass through the optics once, and the core is reprogrammed once per batch
  let driftStepSigmaRad = 0;
  if (on('drift')) {
    const ps = pdk.phaseShifter;
    const stepS =
      (model.driftStepSamples * circuit.schedule.passesPerSample) / ghzToHz(pdk.dac.sampleRateGsps) +
      circuit.schedule.reprogrammingsPerBatch * usToS(ps.responseTimeUs);
    driftStepSigmaRad = ps.driftSigmaRad * Math.sqrt(stepS / ps.driftTimescaleS);
  }

  // detection
  const noise = on('detector-noise');
  const det = noise ? normalizedDetectorNoise(pdk.photodetector, model.laserPowerPerModeMw) : { floorVariance: 0, shotPerPower: 0 };
  const inputLevels = on('input-quantization') ? signedLevels(pdk.dac.bits) : 0;
  const adcLevels = on('adc') ? signedLevels(pdk.adc.bits) : 0;
  const detection = circuit.layers.map((layer, l): LayerDetection | undefined => {
    if (!noise && inputLevels === 0 && adcLevels === 0) return undefined;
    return {
      inputLevels,
      adcLevels,
      noise,
      shotPerPower: det.shotPerPower,
      tiles: layer.tiles.map((t, i) => {
        const ideal = idealChip.layers[l].tiles[i];
        const fullScalePerNorm = new Float64Array(ideal.rows);
        for (let r = 0; r < ideal.rows; r++) {
          let s = 0;
          for (let c = 0; c < ideal.cols; c++) s += Math.abs(ideal.readout[r * ideal.cols + c]);
          fullScalePerNorm[r] = s;
        }
        const gain = (tiles[l][i].receiverGain ?? 1) * t.sigmaMax;
        return { floorVarPerNorm2: det.floorVariance * gain * gain, fullScalePerNorm };
      }),
    };
  });

  return {
    model, cores, tiles, idealChip, hasStatic, hasHeaterOffsets, mziLossDb,
    staticFreeChip: noise && !hasStatic ? buildChip(circuit, { quadrature: true }) : idealChip,
    attenuatorFloorPower: on('attenuator') ? dbToPowerRatio(pdk.mzi.extinctionRatioDb) : 0,
    driftStepSigmaRad, detection, quadrature: noise, propagator,
  };
}
