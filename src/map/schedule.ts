/**
 * The optical schedule: which tile runs on which core in which time step.
 *
 * Full-size mapping (no core size): every layer has its own mesh pair, programmed once; one step per layer,
 * no reprogramming. Tiled mapping (core size K): one physical K × K core runs every tile in turn, layer by
 * layer, block row by block row; the core is reprogrammed before each tile (once per batch: a tile serves
 * every sample and every conv position of the batch before the next is loaded).
 */
import type { CircuitSchedule, OpticalLayer, ScheduleStep } from '../ir/circuit.js';

export function buildSchedule(layers: readonly OpticalLayer[], coreSize: number | null): CircuitSchedule {
  const steps: ScheduleStep[] = [];
  layers.forEach((layer, l) => {
    layer.tiles.forEach((_, t) => {
      steps.push({
        step: steps.length,
        layer: l,
        tile: t,
        core: coreSize === null ? l : 0,
        reprogram: coreSize !== null,
        passesPerSample: layer.passesPerSample,
      });
    });
  });
  return {
    steps,
    cores: coreSize === null ? layers.length : layers.length > 0 ? 1 : 0,
    reprogrammingsPerBatch: steps.filter((s) => s.reprogram).length,
    passesPerSample: steps.reduce((s, st) => s + st.passesPerSample, 0),
  };
}
