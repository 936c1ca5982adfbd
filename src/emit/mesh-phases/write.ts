/**
 * Writes an MziMesh as a mesh-phases v1 document (shared/spec/mesh-phases.md).
 *
 * Photonic Foundry writes only MZIs in `elements`, in the `mzi_bs_in` convention (that of map/mesh.ts), in
 * the mesh's order of application with their layout `col`; the mesh's output screen goes to `phases_out`,
 * `phases_in` is null. Angles are wrapped to [0, 2π). Numbers are written with full float64 precision
 * (shortest round-trip form), so a reader rebuilds the unitary to rounding error.
 */
import { wrapPhase } from '../../core/linalg/mzi.js';
import type { MziMesh } from '../../map/mesh.js';
import type { MeshPhasesDoc, MeshPhasesMzi, MeshPhasesTiming } from './format.js';
import { MESH_PHASES_FORMAT, MESH_PHASES_VERSION, MZI_CONVENTION_FORMULAS, VECTOR_CONVENTION } from './format.js';

export interface EmitMeshPhasesOptions {
  /** Optional wall-clock figures, seconds. */
  readonly timing?: MeshPhasesTiming;
}

/** The mesh-phases v1 document of a mesh (a plain JSON-ready object). */
export function emitMeshPhases(mesh: MziMesh, options: EmitMeshPhasesOptions = {}): MeshPhasesDoc {
  const elements: MeshPhasesMzi[] = mesh.mzis.map((z) => ({ modes: [z.top, z.top + 1], theta: wrapPhase(z.theta), phi: wrapPhase(z.phi), col: z.col }));
  return {
    format: MESH_PHASES_FORMAT,
    version: MESH_PHASES_VERSION,
    N: mesh.N,
    vector_convention: VECTOR_CONVENTION,
    mzi_convention: 'mzi_bs_in',
    mzi_convention_formula: MZI_CONVENTION_FORMULAS.mzi_bs_in,
    phases_in: null,
    elements,
    phases_out: Array.from(mesh.phasesOut, wrapPhase),
    mzi_count: elements.length,
    ...(options.timing === undefined ? {} : { timing: { ...options.timing } }),
  };
}

/** JSON text of a document with one element per line (diffable, and far smaller than 2-space indentation). */
export function stringifyMeshPhases(doc: MeshPhasesDoc): string {
  const lines: string[] = [];
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined);
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    if (key === 'elements' && Array.isArray(value) && value.length > 0) {
      lines.push(`  "elements": [`);
      value.forEach((e, i) => lines.push(`    ${JSON.stringify(e)}${i < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  return `{\n${lines.join('\n')}\n}\n`;
}
