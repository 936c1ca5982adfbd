/**
 * Placement types: the physical position of every element of a compiled circuit, as plain serialisable data.
 * This is the one geometry every physical model reads — the cost model (worst-path length, component areas),
 * the thermal-crosstalk model (heater centres) and the GDS layout (which draws exactly this placement).
 *
 * Coordinates (µm): light flows along +x; mode m of a tile runs along y = m·pitchUm; a tile's origin is the
 * left edge of its input couplers at mode 0. "Upper" mode of an MZI (`top`, the matrix-row-wise upper mode)
 * is the one with the smaller y. Element origins (xUm, yUm) are lower-left corners; heater and port positions
 * are centres.
 */

export type HeaterKind = 'theta' | 'phi' | 'screen' | 'attenuator';
export type MeshSide = 'input' | 'output';

/** One heater (thermo-optic phase shifter or the heater of an attenuator), centre position. */
export interface HeaterPlacement {
  readonly kind: HeaterKind;
  /**
   * The mesh it belongs to: 'input' = Vᵀ mesh, 'output' = U mesh. Attenuators sit between the two meshes and
   * are tagged 'input' (they follow the input mesh's output screen).
   */
  readonly mesh: MeshSide;
  /**
   * theta / phi: index into `mesh.mzis`; screen: the mode (index into `mesh.phasesOut`); attenuator: the
   * index into `tile.attenuation` (= its mode).
   */
  readonly index: number;
  readonly xUm: number;
  readonly yUm: number;
  /** Heater length along the light (the PDK phase-shifter length), µm. */
  readonly lengthUm: number;
}

/** One MZI cell: lower-left corner, footprint, and which MZI of which mesh it is. */
export interface MziPlacement {
  readonly mesh: MeshSide;
  /** Index into `mesh.mzis`. */
  readonly index: number;
  readonly top: number;
  readonly col: number;
  readonly xUm: number;
  readonly yUm: number;
  readonly lengthUm: number;
  readonly widthUm: number;
}

/**
 * 'loss-dummy': a passive element with the MZI's insertion loss at every (column, mode) of a mesh's grid that no
 * MZI occupies (the edge modes of alternate Clements columns, the empty triangle of a Reck mesh), so every path
 * through a mesh crosses one lossy element per column: uniform MZI loss then scales the whole mesh by one factor
 * instead of favouring the edge modes (the loss balance Clements et al., Optica 3, 1460 (2016) count on).
 */
export type CellKind = 'modulator' | 'attenuator' | 'screen' | 'loss-dummy';

/** A single-mode element (modulator, attenuator, screen phase shifter) on mode `mode`. */
export interface CellPlacement {
  readonly kind: CellKind;
  readonly mesh?: MeshSide;
  readonly mode: number;
  /** Mesh column of a loss dummy. */
  readonly col?: number;
  /** Lower-left corner; the cell is centred on its mode and one pitch wide. */
  readonly xUm: number;
  readonly yUm: number;
  readonly lengthUm: number;
  readonly widthUm: number;
}

export type PortDevice = 'edge-coupler' | 'grating-coupler' | 'photodetector';

/** An optical port: where light enters the tile (coupler) or leaves the optics (on-chip photodetector). */
export interface PortPlacement {
  readonly side: 'input' | 'output';
  readonly device: PortDevice;
  readonly mode: number;
  /** Centre of the port device. */
  readonly xUm: number;
  readonly yUm: number;
  /** Footprint: length along x, width across (one pitch), µm. */
  readonly lengthUm: number;
  readonly widthUm: number;
}

/** A straight waveguide between two elements on one mode (x from xStartUm to xEndUm at y = mode·pitch). */
export interface WaveguideSegment {
  readonly mode: number;
  readonly xStartUm: number;
  readonly xEndUm: number;
  readonly yUm: number;
  readonly lengthUm: number;
}

/** x of the left edge of each column group of a tile, µm (for layout and tests). */
export interface TileColumns {
  readonly portXUm: number;
  readonly modulatorXUm: number;
  readonly inputMeshXUm: number;
  readonly inputScreenXUm: number;
  readonly attenuatorXUm: number;
  readonly outputMeshXUm: number;
  readonly outputScreenXUm: number;
  readonly detectorXUm: number;
  /** x step between adjacent MZI columns: mzi.lengthUm + columnGapUm. */
  readonly mziColumnPitchUm: number;
}

export interface BoundingBox {
  readonly xUm: number;
  readonly yUm: number;
  readonly widthUm: number;
  readonly heightUm: number;
}

/** The longest optical path of a tile (the one that sets the worst-case loss). */
export interface WorstPath {
  /** MZIs along the deepest input → detector path (both meshes). */
  readonly mzis: number;
  /** Loss dummies on that path (both meshes): every path crosses one MZI or dummy per mesh column. */
  readonly dummies: number;
  /** Phase-shifter screens crossed (one per mesh with a screen on the path). */
  readonly screens: number;
  /** Attenuators crossed (0 or 1). */
  readonly attenuators: number;
  /** Modulators crossed (1 on every lit path). */
  readonly modulators: number;
  /** Plain waveguide on the path (the path minus the elements on it), µm. */
  readonly routingLengthUm: number;
  /** Waveguide crossings on the path. */
  readonly crossings: number;
}

export interface TilePlacement {
  /** Mode pitch actually used, µm: max(pdk.waveguide.pitchUm, mzi.widthUm / 2) so cells of a column never overlap. */
  readonly pitchUm: number;
  readonly modes: { readonly input: number; readonly output: number; readonly signal: number };
  readonly columns: TileColumns;
  readonly mzis: readonly MziPlacement[];
  /** Heaters: per mesh φ and θ of every MZI, the output screen, then (after the input mesh) the attenuators. */
  readonly heaters: readonly HeaterPlacement[];
  /** Modulators, screen phase shifters, attenuators and loss dummies as cells (photodetectors are output ports). */
  readonly cells: readonly CellPlacement[];
  readonly ports: readonly PortPlacement[];
  readonly waveguides: readonly WaveguideSegment[];
  readonly bbox: BoundingBox;
  /** Worst (longest) input-coupler → photodetector optical path length, µm (straight-line layout, bends ignored). */
  readonly pathLengthUm: number;
  readonly worstPath: WorstPath;
  /** Waveguide crossings in the tile (0: nearest-neighbour meshes are planar). */
  readonly crossings: number;
}

/** One physical mesh core placed on the chip, and the (layer, tile) steps it runs. */
export interface CorePlacement {
  readonly core: number;
  /** Offset of the core's tile origin on the chip, µm. */
  readonly xUm: number;
  readonly yUm: number;
  readonly steps: readonly { readonly layer: number; readonly tile: number }[];
  /** Geometry of the core (placed from its first tile; every tile on a core has the same mesh grid). */
  readonly tile: TilePlacement;
}

export interface CircuitPlacement {
  readonly cores: readonly CorePlacement[];
  /** Chip bounding box of all cores, µm. */
  readonly bbox: BoundingBox;
  readonly options: ResolvedPlacementOptions;
}

export type InputCoupler = 'edge-coupler' | 'grating-coupler';

/** Layout choices not in the PDK. Defaults: see `resolvePlacementOptions`. */
export interface PlacementOptions {
  /** Clearance between adjacent columns along x (routing), µm. Default 10. */
  readonly columnGapUm?: number;
  /** Gap between cores stacked along y, µm. Default 100. */
  readonly coreGapUm?: number;
  /** Input port device. Default 'edge-coupler'. */
  readonly inputCoupler?: InputCoupler;
  /** Length of an input coupler along x, µm. Default 200 (edge coupler taper) or 30 (grating coupler). */
  readonly couplerLengthUm?: number;
  /** Length of an input modulator, µm. Default: the PDK MZI length (an MZI modulator cell). */
  readonly modulatorLengthUm?: number;
  /** Length of a photodetector, µm. Default 50. */
  readonly detectorLengthUm?: number;
}

/** PlacementOptions with every default filled in (see options.ts). */
export type ResolvedPlacementOptions = Required<PlacementOptions>;
