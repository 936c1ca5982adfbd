/**
 * @module sim
 * Simulation of programmed photonic circuits. So far: propagation of batches through an MZI mesh (MZI by
 * MZI or via its composed transfer matrix), with an `MziParams` seam for per-MZI imperfections.
 */
export type { MeshKernel, MziParams } from './mesh-propagate.js';
export { buildMeshKernel, composeTransferMatrix, mziMatrixImperfect, propagateKernel, propagateMesh } from './mesh-propagate.js';
