/**
 * Hardware-aware fine-tuning (`foundry eval --noise pdk --correct finetune`): per chip, fit an electronic gain and
 * offset to every output channel of every optical layer (ChipLayer.outGain / outOffset, applied after detection,
 * before the layer's bias) so that the layer's outputs ON THAT CHIP match the ideal chip's outputs on the same
 * inputs, using the calibration samples only.
 *
 * Method: exact least squares per channel, layer by layer in graph order. For layer l the calibration set runs
 * through the simulated non-ideal chip with the corrections of layers < l already on (so layer l sees the inputs
 * it will see in use); for each output channel i the normal equations of min_{g,c} Σ_p (g·y_ip + c − r_ip)² are
 * accumulated over all passes p (every sample, every conv position), y the chip's detected output and r the ideal
 * chip's output on the same input; then g_i, c_i are solved (2×2). Detector noise uses its own per-sample streams
 * for the calibration set (createRng(detectorSeed, 2^40 + i)), so it is fitted through, not memorised.
 *
 * Guard: the calibration-set loss — mean squared difference between the chip's graph outputs and the ideal chip's —
 * is measured before and after; if the corrections do not lower it, they are dropped (identity), so fine-tuning
 * never worsens the calibration-set loss. This is the last step of `finetune`/`both`: the heater drives are
 * fine-tuned before it, by gradient descent on the chip's model (phase-finetune.ts), and this fit then absorbs what
 * the phases could not (per-channel gain and offset of the whole layer).
 */
import type { CircuitIR } from '../ir/circuit.js';
import type { ChipLayer, PhotonicChip } from '../sim/chip.js';
import { CircuitRunner } from '../sim/circuit-runner.js';
import type { ChipPlan } from '../sim/noise/chip-plan.js';
import { batchInput, type SampleSet } from '../sim/noise/chip-run.js';
import type { ChipSample } from '../sim/noise/chip-sample.js';
import { createStreams } from '../sim/noise/streams.js';

/** Detector-noise stream offset of the calibration samples. */
export const CALIBRATION_STREAM_OFFSET = 2 ** 40;

export interface LayerCorrection {
  readonly gain: Float64Array;
  readonly offset: Float64Array;
}

/** The chip with per-layer output corrections (null: that layer unchanged). */
export function withCorrections(chip: PhotonicChip, corrections: readonly (LayerCorrection | null)[]): PhotonicChip {
  return {
    layers: chip.layers.map((layer, l): ChipLayer => {
      const c = corrections[l];
      return c ? { ...layer, outGain: c.gain, outOffset: c.offset } : layer;
    }),
  };
}

interface RunSetOptions {
  readonly noisy: boolean;
  readonly fit?: { readonly layer: number; readonly sums: Float64Array };
}

/** Graph outputs (n × outputSize, row-major) of `chip` on `set`. */
function runSet(circuit: CircuitIR, plan: ChipPlan, chip: PhotonicChip, sample: ChipSample, set: SampleSet, options: RunSetOptions): Float64Array {
  const runner = new CircuitRunner(circuit, chip, {
    ...(options.noisy ? { detection: plan.detection } : {}),
    ...(options.fit ? { reference: { chip: plan.idealChip, limitSamples: set.n, fit: options.fit } } : {}),
  });
  const noise = options.noisy && plan.quadrature;
  let outputs = new Float64Array(0);
  let outputSize = -1;
  for (const batch of set.batches) {
    // = createRng(detectorSeed, 2^40 + i), in one state array so the native detection kernel can draw them
    const streams = noise ? createStreams(sample.detectorSeed, CALIBRATION_STREAM_OFFSET + batch.start, batch.size) : undefined;
    const out = runner.run({ [set.inputName]: batchInput(set, batch) }, { sampleStart: batch.start, rows: batch.size, streams })[set.outputName];
    if (outputSize < 0) {
      outputSize = out.data.length / batch.size;
      outputs = new Float64Array(set.n * outputSize);
    }
    outputs.set(out.data.subarray(0, batch.real * outputSize), batch.start * outputSize);
  }
  return outputs;
}

function meanSquare(a: Float64Array, b: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    if (Number.isFinite(d)) {
      s += d * d;
      n++;
    } else return Infinity;
  }
  return n > 0 ? s / n : 0;
}

/** Per-channel least-squares gain and offset from the accumulated [Σy, Σr, Σy², Σyr, n] of each row. */
export function solveAffine(sums: Float64Array, rows: number): LayerCorrection {
  const gain = new Float64Array(rows).fill(1);
  const offset = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const [sy, sr, syy, syr, n] = sums.subarray(5 * i, 5 * i + 5);
    if (!(n > 0)) continue;
    const den = n * syy - sy * sy;
    const g = den > 1e-12 * n * syy && Number.isFinite(den) ? (n * syr - sy * sr) / den : 1;
    if (!Number.isFinite(g)) continue;
    gain[i] = g;
    offset[i] = (sr - g * sy) / n;
  }
  return { gain, offset };
}

export interface FinetuneResult {
  /** Per optical layer (null: unchanged). */
  readonly corrections: readonly (LayerCorrection | null)[];
  /** Calibration-set loss (mean squared output difference to the ideal chip) before and after. */
  readonly lossBefore: number;
  readonly lossAfter: number;
}

/** Fits the corrections of `chip` (chip `sample` of `plan`) on the calibration set (see the module comment). */
export function finetuneChip(circuit: CircuitIR, plan: ChipPlan, chip: PhotonicChip, sample: ChipSample, calibration: SampleSet): FinetuneResult {
  const L = chip.layers.length;
  const ideal = runSet(circuit, plan, plan.idealChip, sample, calibration, { noisy: false });
  const before = meanSquare(runSet(circuit, plan, chip, sample, calibration, { noisy: true }), ideal);
  const corrections: (LayerCorrection | null)[] = new Array(L).fill(null);
  for (let l = 0; l < L; l++) {
    const rows = chip.layers[l].rows;
    const sums = new Float64Array(5 * rows);
    runSet(circuit, plan, withCorrections(chip, corrections), sample, calibration, { noisy: true, fit: { layer: l, sums } });
    corrections[l] = solveAffine(sums, rows);
  }
  const after = meanSquare(runSet(circuit, plan, withCorrections(chip, corrections), sample, calibration, { noisy: true }), ideal);
  if (!(after < before)) return { corrections: new Array(L).fill(null), lossBefore: before, lossAfter: before };
  return { corrections, lossBefore: before, lossAfter: after };
}
