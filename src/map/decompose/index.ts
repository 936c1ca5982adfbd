/**
 * @module map/decompose
 * Unitary → MZI mesh decompositions. Each `Decomposer` turns an N × N unitary into an MziMesh (map/mesh.ts)
 * that rebuilds it to rounding error; `defaultDecomposers` is the registry callers may replace or extend.
 * Reduced meshes (only some rows or columns of the unitary are used) come from `decomposeReduced`.
 */
import type { CMat } from '../../core/linalg/cmat.js';
import type { MeshTopology, MziMesh } from '../mesh.js';
import { decomposeClements } from './clements.js';
import type { DecomposeOptions } from './nulling.js';
import { decomposeReck } from './reck.js';

export interface Decomposer {
  readonly topology: MeshTopology;
  decompose(u: CMat, options?: DecomposeOptions): MziMesh;
}

export const defaultDecomposers: Readonly<Record<MeshTopology, Decomposer>> = {
  clements: { topology: 'clements', decompose: decomposeClements },
  reck: { topology: 'reck', decompose: decomposeReck },
};

export { decomposeClements } from './clements.js';
export { decomposeReck } from './reck.js';
export { decomposeReduced } from './reduced.js';
export { DEFAULT_UNITARY_TOL } from './nulling.js';
export type { DecomposeOptions } from './nulling.js';
