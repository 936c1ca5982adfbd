/**
 * @module core/linalg
 * Dense float64 linear algebra on flat row-major buffers: complex matrices with split re/im (CMat), real
 * matrices (RMat), Householder QR, real SVD, Haar-random unitaries, and the MZI 2×2 convention.
 */
export type { CMat } from './cmat.js';
export {
  adjointCMat,
  cloneCMat,
  cmatFromReal,
  cmatFromRows,
  identityCMat,
  maxAbs,
  maxAbsDiff,
  modulus,
  multiplyCMat,
  transposeCMat,
  unitarityDeviation,
  zerosCMat,
} from './cmat.js';
export type { RMat } from './rmat.js';
export { identityRMat, maxAbsDiffRMat, maxAbsRMat, multiplyRMat, rmatFromRows, transposeRMat, zerosRMat } from './rmat.js';
export type { QrResult } from './qr.js';
export { qrHouseholder } from './qr.js';
export type { SvdOptions, SvdResult } from './svd.js';
export { svd } from './svd.js';
export { gaussianRMat, haarOrthogonal, haarUnitary } from './haar.js';
export type { CommutedMzi } from './mzi.js';
export { commuteInverseThroughScreen, mziMatrix, wrapPhase } from './mzi.js';
