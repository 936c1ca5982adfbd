/**
 * The mesh-phases v1 document (shared/spec/mesh-phases.md): types and the fixed convention strings.
 *
 * Meaning: U = diag(e^{i phases_out}) · E_K ⋯ E_1 · diag(e^{i phases_in}); E_k is an MZI on modes [m, m+1] in
 * the named convention or a single-mode phase shifter {"ps": m, "phi"}; a null screen is the identity.
 */

export const MESH_PHASES_FORMAT = 'mesh-phases';
export const MESH_PHASES_VERSION = 1;

export const VECTOR_CONVENTION =
  'column: y = U @ x, U[out, in]; modes 0-indexed; elements applied in list order (first acts first on the input)';

export type MziConvention = 'mzi_bs_in' | 'clements_T';

/** The formula string written next to each convention name. */
export const MZI_CONVENTION_FORMULAS: Readonly<Record<MziConvention, string>> = {
  mzi_bs_in: 'T(theta,phi) = B . diag(e^{i theta}, 1) . B . diag(e^{i phi}, 1), B = [[1, i], [i, 1]] / sqrt(2)',
  clements_T: 'T(theta,phi) = [[e^{i phi} cos(theta), -sin(theta)], [e^{i phi} sin(theta), cos(theta)]] (Clements et al., Optica 3, 1460 (2016), Eq. 1)',
};

export interface MeshPhasesMzi {
  readonly modes: readonly [number, number];
  readonly theta: number;
  readonly phi: number;
  readonly col?: number;
}

export interface MeshPhasesPhaseShifter {
  readonly ps: number;
  readonly phi: number;
  readonly col?: number;
}

export type MeshPhasesElement = MeshPhasesMzi | MeshPhasesPhaseShifter;

export interface MeshPhasesTiming {
  readonly decompose_s?: number;
  readonly forward_s?: number;
}

/** A mesh-phases v1 document, key for key. */
export interface MeshPhasesDoc {
  readonly format: typeof MESH_PHASES_FORMAT;
  readonly version: typeof MESH_PHASES_VERSION;
  readonly N: number;
  readonly vector_convention: string;
  readonly mzi_convention: MziConvention;
  readonly mzi_convention_formula: string;
  readonly phases_in: readonly number[] | null;
  readonly elements: readonly MeshPhasesElement[];
  readonly phases_out: readonly number[] | null;
  readonly mzi_count: number;
  readonly timing?: MeshPhasesTiming;
}

export function isPhaseShifter(e: MeshPhasesElement): e is MeshPhasesPhaseShifter {
  return 'ps' in e;
}
