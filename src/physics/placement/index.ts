/**
 * @module physics/placement
 * Physical placement of a compiled circuit: (x, y) in µm of every MZI, heater, screen phase shifter,
 * attenuator, modulator, port and waveguide segment, per tile and per chip. Plain data shared by the cost
 * model, the thermal-crosstalk model (heater centres) and the GDS layout. Conventions in types.ts.
 */
export type {
  BoundingBox, CellKind, CellPlacement, CircuitPlacement, CorePlacement, HeaterKind, HeaterPlacement, InputCoupler, MeshSide,
  MziPlacement, PlacementOptions, PortDevice, PortPlacement, ResolvedPlacementOptions, TileColumns, TilePlacement,
  WaveguideSegment, WorstPath,
} from './types.js';
export {
  DEFAULT_COLUMN_GAP_UM, DEFAULT_CORE_GAP_UM, DEFAULT_DETECTOR_LENGTH_UM, DEFAULT_EDGE_COUPLER_LENGTH_UM,
  DEFAULT_GRATING_COUPLER_LENGTH_UM, effectivePitchUm, resolvePlacementOptions,
} from './options.js';
export { deepestPathMzis } from './worst-path.js';
export { meshDummies, type MeshDummies } from './loss-dummies.js';
export { tileColumns, worstPathOf, type TileColumnLayout } from './tile-columns.js';
export { placeTile } from './place-tile.js';
export { placeCircuit } from './place-circuit.js';
