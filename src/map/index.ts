/**
 * @module map
 * GraphIR → photonic circuit mapping. So far: the MziMesh type, unitary → mesh decompositions (Clements,
 * Reck, reduced) and the SVD mapping of a real weight matrix onto two meshes and attenuators.
 */
export type { MeshTopology, Mzi, MziMesh, MziPhases, ReducedScope } from './mesh.js';
export { meshDepth, reducedMziCount, scheduleMesh } from './mesh.js';
export type { Decomposer, DecomposeOptions } from './decompose/index.js';
export { DEFAULT_UNITARY_TOL, decomposeClements, decomposeReck, decomposeReduced, defaultDecomposers } from './decompose/index.js';
export type { SvdMesh, SvdMeshOptions } from './svd-mesh.js';
export { decomposeSvd } from './svd-mesh.js';
