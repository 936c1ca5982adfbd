/**
 * SVD mapping of a real weight matrix onto two MZI meshes and a column of attenuators.
 *
 * For W (m × n, y = W x, W[out, in]) with W = U Σ Vᵀ and r = min(m, n): the input light x (n modes) passes
 * the mesh of Vᵀ, whose first r outputs are scaled by σ_1 … σ_r (the other n − r are discarded), then enter
 * the first r inputs of the mesh of U (the other m − r inputs are dark), whose m outputs are y:
 *
 *   y = M_U · pad_m(σ ⊙ first_r(M_V · x))
 *
 * A factor that is used in full (r = N) gets a full mesh of the chosen topology; otherwise a reduced mesh
 * (map/decompose/reduced.ts) with r(2N − r − 1)/2 MZIs. Only the thin SVD is needed (core/linalg/svd.ts).
 * Scaling σ into attenuator transmissions ≤ 1 (and the global gain) is left to the layer mapper.
 */
import type { CMat } from '../core/linalg/cmat.js';
import { zerosCMat } from '../core/linalg/cmat.js';
import type { RMat } from '../core/linalg/rmat.js';
import { svd } from '../core/linalg/svd.js';
import { decomposeClements } from './decompose/clements.js';
import type { DecomposeOptions } from './decompose/nulling.js';
import { decomposeReck } from './decompose/reck.js';
import { decomposeReduced } from './decompose/reduced.js';
import type { MeshTopology, MziMesh } from './mesh.js';

export interface SvdMeshOptions extends DecomposeOptions {
  /** Topology of factors used in full (square W, or the smaller side of a rectangular W). Default 'clements'. */
  readonly topology?: MeshTopology;
}

export interface SvdMesh {
  /** Outputs m. */
  readonly rows: number;
  /** Inputs n. */
  readonly cols: number;
  /** Mesh of Vᵀ on n modes; its first r outputs are used. */
  readonly inputMesh: MziMesh;
  /** σ_1 ≥ … ≥ σ_r ≥ 0, r = min(m, n). */
  readonly singularValues: Float64Array;
  /** Mesh of U on m modes; light enters its first r inputs. */
  readonly outputMesh: MziMesh;
}

function decomposeFactor(full: CMat, r: number, kind: 'rows' | 'cols', options: SvdMeshOptions): MziMesh {
  if (r < full.rows) return decomposeReduced(full, { kind, count: r }, options);
  return (options.topology ?? 'clements') === 'clements' ? decomposeClements(full, options) : decomposeReck(full, options);
}

/** Maps a real m × n weight onto meshes via its SVD; see the module comment for the signal path. */
export function decomposeSvd(w: RMat, options: SvdMeshOptions = {}): SvdMesh {
  const { rows: m, cols: n } = w;
  const { u, s, v } = svd(w); // thin: u m × r, v n × r
  const r = s.length;
  // Vᵀ as n × n: rows 0 … r−1 are the columns of V; the rest is never read by a reduced decomposition.
  const vt = zerosCMat(n, n);
  for (let i = 0; i < r; i++) for (let j = 0; j < n; j++) vt.re[i * n + j] = v.data[j * r + i];
  // U as m × m: columns 0 … r−1 are U's.
  const uf = zerosCMat(m, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) uf.re[i * m + j] = u.data[i * r + j];
  return {
    rows: m,
    cols: n,
    inputMesh: decomposeFactor(vt, r, 'rows', options),
    singularValues: s,
    outputMesh: decomposeFactor(uf, r, 'cols', options),
  };
}
