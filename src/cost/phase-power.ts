/**
 * Holding power of programmed phase shifters, and the per-MZI choice of the equivalent setting that lowers it.
 *
 * A heater only adds phase: φ₀ = 0 unpowered, and holding a phase φ costs P = P_π · wrap(φ)/π, wrap to
 * [0, 2π) (thermo-optic: φ ∝ heater power; the PDK's P_π sets the scale for MEMS and electro-optic shifters
 * too). A mesh's power is the sum over θ and φ of every MZI and its output screen.
 *
 * Equivalent MZI setting (mzi_bs_in convention, core/linalg/mzi.ts):
 *     T(θ, φ) = diag(e^{iθ}, e^{i(θ+π)}) · T(−θ, φ − π),
 * so an MZI may be programmed as (−θ, φ − π) when the diagonal on its two outputs is carried forward. A
 * diagonal passes the next MZI on those modes as T(θ', φ')·diag(e^{iα}, e^{iβ}) = e^{iβ}·T(θ', φ' + α − β):
 * the next MZI's φ absorbs the difference and both its outputs carry the common phase β; what is left at the
 * end is added to the output screen. One sweep in order of application chooses, per MZI, the setting with the
 * lower θ + φ power given the phases carried to it (greedy, O(#MZIs)); the mesh's unitary is unchanged. The
 * optimised mesh is kept only when its total power (screen included) is lower than the naive one, so the
 * optimisation never increases power.
 */
import { wrapPhase } from '../core/linalg/mzi.js';
import type { MeshTile, Mzi, MziMesh } from '../ir/circuit.js';
import { heaterPowerMw } from '../pdk/index.js';
import type { Pdk } from '../pdk/types.js';

export interface MeshPhasePower {
  /** θ and φ heaters of every MZI, mW. */
  readonly mzisMw: number;
  /** Output-screen phase shifters, mW. */
  readonly screenMw: number;
  readonly totalMw: number;
}

/** Holding power of every phase shifter of `mesh` as programmed. */
export function meshPhasePower(mesh: MziMesh, pdk: Pdk): MeshPhasePower {
  let mzisMw = 0;
  for (const z of mesh.mzis) mzisMw += heaterPowerMw(z.theta, pdk) + heaterPowerMw(z.phi, pdk);
  let screenMw = 0;
  for (const p of mesh.phasesOut) screenMw += heaterPowerMw(p, pdk);
  return { mzisMw, screenMw, totalMw: mzisMw + screenMw };
}

export interface OptimisedMeshPower {
  /** The mesh to program: the same unitary, with lower (or equal) holding power. */
  readonly mesh: MziMesh;
  readonly naive: MeshPhasePower;
  readonly optimised: MeshPhasePower;
  /** MZIs programmed as (−θ, φ − π) in `mesh`. */
  readonly flippedMzis: number;
}

/** See the module comment. Pure: returns a new mesh, `mesh` is left alone. */
export function optimiseMeshPhasePower(mesh: MziMesh, pdk: Pdk): OptimisedMeshPower {
  const naive = meshPhasePower(mesh, pdk);
  const carried = new Float64Array(mesh.N); // phase carried forward on each mode, rad
  let flippedMzis = 0;
  const mzis: Mzi[] = mesh.mzis.map((z) => {
    const a = z.top;
    const b = a + 1;
    const phiRad = z.phi + carried[a] - carried[b];
    const keepMw = heaterPowerMw(z.theta, pdk) + heaterPowerMw(phiRad, pdk);
    const flipMw = heaterPowerMw(-z.theta, pdk) + heaterPowerMw(phiRad - Math.PI, pdk);
    const common = carried[b];
    if (flipMw < keepMw) {
      flippedMzis++;
      carried[a] = wrapPhase(common + z.theta);
      carried[b] = wrapPhase(common + z.theta + Math.PI);
      return { top: z.top, col: z.col, theta: wrapPhase(-z.theta), phi: wrapPhase(phiRad - Math.PI) };
    }
    carried[a] = common;
    return { top: z.top, col: z.col, theta: z.theta, phi: wrapPhase(phiRad) };
  });
  const phasesOut = new Float64Array(mesh.N);
  for (let m = 0; m < mesh.N; m++) phasesOut[m] = wrapPhase(mesh.phasesOut[m] + carried[m]);
  const candidate: MziMesh = { ...mesh, mzis, phasesOut };
  const optimised = meshPhasePower(candidate, pdk);
  if (optimised.totalMw >= naive.totalMw) return { mesh, naive, optimised: naive, flippedMzis: 0 };
  return { mesh: candidate, naive, optimised, flippedMzis };
}

/**
 * Internal phase of an MZI variable attenuator for amplitude transmission a ∈ [0, 1], rad: the cross port of
 * T(θ, ·) transmits |cos(θ/2)|, so θ = 2·acos(a) — full transmission is unpowered, full extinction costs P_π.
 */
export function attenuatorPhaseRad(amplitude: number): number {
  return 2 * Math.acos(Math.min(1, Math.max(0, amplitude)));
}

export interface TileHeaterPower {
  readonly naiveMw: number;
  readonly optimisedMw: number;
  readonly attenuatorsMw: number;
  readonly flippedMzis: number;
}

/** Heater power of one tile: both meshes (naive and optimised) plus its attenuators, mW. */
export function tileHeaterPower(tile: MeshTile, pdk: Pdk): TileHeaterPower {
  const input = optimiseMeshPhasePower(tile.inputMesh, pdk);
  const output = optimiseMeshPhasePower(tile.outputMesh, pdk);
  let attenuatorsMw = 0;
  for (const a of tile.attenuation) attenuatorsMw += heaterPowerMw(attenuatorPhaseRad(a), pdk);
  return {
    naiveMw: input.naive.totalMw + output.naive.totalMw + attenuatorsMw,
    optimisedMw: input.optimised.totalMw + output.optimised.totalMw + attenuatorsMw,
    attenuatorsMw,
    flippedMzis: input.flippedMzis + output.flippedMzis,
  };
}
