/**
 * @module emit/mesh-phases
 * The mesh-phases v1 JSON exchange format (shared/spec/mesh-phases.md): write an MziMesh, read documents of
 * any conforming tool (both MZI conventions, phase shifters, input screens) and rebuild their unitary.
 */
export type { MeshPhasesDoc, MeshPhasesElement, MeshPhasesMzi, MeshPhasesPhaseShifter, MeshPhasesTiming, MziConvention } from './format.js';
export { MESH_PHASES_FORMAT, MESH_PHASES_VERSION, MZI_CONVENTION_FORMULAS, VECTOR_CONVENTION } from './format.js';
export type { EmitMeshPhasesOptions } from './write.js';
export { emitMeshPhases, stringifyMeshPhases } from './write.js';
export { parseMeshPhases, parseMeshPhasesText, rebuildUnitary } from './read.js';
