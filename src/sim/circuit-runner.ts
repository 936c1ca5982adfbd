/**
 * Runs a compiled circuit on one chip: the circuit's graph on the reference executor, with the
 * `photonic-foundry.PhotonicLinear` nodes served by the chip's optical layers (sim/photonic-linear.ts) and
 * every other node by the same float64 ops as the digital reference.
 */
import type { Tensor } from '../core/tensor.js';
import { PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP, type CircuitIR } from '../ir/circuit.js';
import { Executor } from '../exec/index.js';
import { defaultOps, opKey, type OpDefinition } from '../ops/index.js';
import type { PhotonicChip } from './chip.js';
import { photonicLinearOp } from './photonic-linear.js';

/** The op registry of one chip: the default ops plus PhotonicLinear bound to the chip. */
export function chipOps(circuit: CircuitIR, chip: PhotonicChip): ReadonlyMap<string, OpDefinition> {
  return new Map([...defaultOps, [opKey(PHOTONIC_DOMAIN, PHOTONIC_LINEAR_OP), photonicLinearOp(circuit, chip)]]);
}

export class CircuitRunner {
  private readonly executor: Executor;

  constructor(readonly circuit: CircuitIR, readonly chip: PhotonicChip) {
    this.executor = new Executor(circuit.graph, chipOps(circuit, chip));
  }

  /** Runs one batch; returns the graph outputs by name. */
  run(inputs: Readonly<Record<string, Tensor>>): Record<string, Tensor> {
    return this.executor.run(inputs);
  }
}
