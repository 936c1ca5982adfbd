/**
 * @module sim
 * Simulation of programmed photonic circuits. So far: propagation of batches through an MZI mesh (MZI by
 * MZI or via its composed transfer matrix), with an `MziParams` seam for per-MZI imperfections, and
 * TypeScript / WebAssembly SIMD backends.
 */
export type { KernelForm, MeshKernel, MeshKernelOptions, MeshPropagator, MziParams, PropagatorOptions } from './mesh-propagate.js';
export {
  buildMeshKernel,
  composeKernel,
  composeTransferMatrix,
  createMeshPropagator,
  propagateKernel,
  propagateMesh,
} from './mesh-propagate.js';
export { mziMatrixImperfect } from './mzi-imperfect.js';
