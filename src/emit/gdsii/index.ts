/**
 * @module emit/gdsii — the GDSII layout of a compiled circuit. Our own streaming writer (`writer.ts`: 1 nm
 * database unit, µm user unit, big-endian records, excess-64 reals) and a small reader for tests and tools
 * (`reader.ts`); `layout.ts` draws a placed circuit hierarchically (device cells referenced per device, one cell
 * per core, a top cell); `render-klayout.ts` renders a GDS file to PNG with KLayout in batch mode.
 */
export { emitLayoutGds, writeLayoutGds, coreCellName, type GdsLayout, type LayoutSummary } from './layout.js';
export { DEFAULT_LAYOUT_OPTIONS, resolveLayoutOptions, type GdsLayer, type LayoutOptions } from './options.js';
export { CELL_NAMES, HEATER_LABELS } from './device-cells.js';
export { heaterPinName, type ElectricalInterface } from './heater-routing.js';
export { GdsWriter, MemoryGdsSink, FileGdsSink, GDS_DEFAULT_TIMESTAMP, type GdsSink, type GdsLibraryOptions, type GdsTransform } from './writer.js';
export {
  readGds, flattenTexts, structureBbox, topStructures,
  type GdsLibrary, type GdsStructure, type GdsBoundary, type GdsPath, type GdsText, type GdsReference, type PlacedText,
} from './reader.js';
export type { Bbox } from './bbox.js';
export { gdsReal8Bytes, readGdsReal8, writeGdsReal8 } from './real8.js';
export { GDS_RECORD } from './records.js';
export { renderLayoutPng, runKlayoutMacro, DEFAULT_RENDER_SIZE_PX, type RenderOptions, type RenderResult } from './render-klayout.js';
export { inspectGdsWithKlayout, type KlayoutInspection } from './klayout-inspect.js';
