/**
 * The "Meshes" section: per optical layer the meshes of its first tiles (a full-size layer has one tile; a
 * tiled layer shows `tilesPerLayer` of them and says how many there are), each tile as its Vᵀ mesh (input side)
 * then its U mesh (output side). A mesh with at most `detailMaxMzis` MZIs is drawn MZI by MZI
 * (mesh-detail.ts), a larger one as φ/θ heat maps (mesh-heatmap.ts).
 *
 * Each mesh is a `<figure class="mesh">` with data-layer, data-tile, data-side (V | U), data-view
 * (detail | heatmap) and data-mzis, so tools and tests can find it.
 */
import type { CircuitIR, MeshTile, MziMesh, OpticalLayer } from '../../ir/circuit.js';
import { meshDepth } from '../../ir/circuit.js';
import { formatCount, formatNumber } from './format.js';
import { html, joinHtml, type Html } from './html.js';
import { renderMeshDetail } from './mesh-detail.js';
import { renderMeshHeatmap } from './mesh-heatmap.js';
import type { ResolvedReportHtmlOptions } from './options.js';
import { renderPhaseLegend } from './phase-legend.js';

function range(start: number, count: number): string {
  return count <= 1 ? String(start) : `${start}–${start + count - 1}`;
}

function renderMesh(mesh: MziMesh, layer: number, tile: number, side: 'V' | 'U', layerName: string, o: ResolvedReportHtmlOptions): Html {
  const isDetail = mesh.mzis.length <= o.detailMaxMzis;
  const title = side === 'V' ? 'Vᵀ mesh (input side)' : 'U mesh (output side)';
  const label = `${layerName}, tile ${tile}, ${title}`;
  const reduced = mesh.reduced ? ` · reduced: first ${mesh.reduced.count} ${mesh.reduced.kind}` : '';
  const body = isDetail ? renderMeshDetail(mesh, label) : renderMeshHeatmap(mesh, label, o.heatmapBins);
  return html`<figure class="mesh" data-layer="${layer}" data-tile="${tile}" data-side="${side}" data-view="${isDetail ? 'detail' : 'heatmap'}" data-mzis="${mesh.mzis.length}">
<figcaption><strong>${title}</strong><br>${mesh.N} modes · ${formatCount(mesh.mzis.length)} MZIs · depth ${meshDepth(mesh)} · ${mesh.topology}${reduced}${isDetail ? '' : ' · heat map'}</figcaption>
${body}</figure>`;
}

function renderTile(tile: MeshTile, t: number, l: number, layer: OpticalLayer, o: ResolvedReportHtmlOptions): Html {
  const block = layer.tiles.length > 1 ? html` · block (${tile.rowBlock}, ${tile.colBlock}): rows ${range(tile.rowStart, tile.rows)}, inputs ${range(tile.colStart, tile.cols)}` : '';
  return html`<div class="tile"><h4>Tile ${t}${block} · σ<sub>max</sub> = ${formatNumber(tile.sigmaMax)}</h4>
<div class="tile-meshes">${renderMesh(tile.inputMesh, l, t, 'V', layer.name, o)}<div class="attenuators" title="attenuators σᵢ/σ_max between the meshes">→ ${tile.attenuation.length} attenuators →</div>${renderMesh(tile.outputMesh, l, t, 'U', layer.name, o)}</div></div>`;
}

function renderLayerMeshes(layer: OpticalLayer, l: number, o: ResolvedReportHtmlOptions): Html {
  const shown = layer.tiles.slice(0, o.tilesPerLayer);
  const core = layer.coreSize === null ? 'full-size meshes' : `${layer.rowBlocks} × ${layer.colBlocks} tiles on a ${layer.coreSize} × ${layer.coreSize} core`;
  const note =
    shown.length < layer.tiles.length
      ? html`<p class="note">Showing the first ${shown.length} of ${formatCount(layer.tiles.length)} tiles. Every tile's meshes are in <code>phases/layer${l}_tile&lt;t&gt;_{V,U}.json</code>.</p>`
      : '';
  return html`<div class="layer-meshes" id="mesh-layer-${l}"><h3><span class="layer-index">${l}</span> ${layer.name} <span class="muted">${layer.opType} · ${layer.matrix.rows} × ${layer.matrix.cols} · ${core}</span></h3>
${note}${joinHtml(shown.map((tile, t) => renderTile(tile, t, l, layer, o)))}</div>`;
}

export function renderMeshesSection(circuit: CircuitIR, o: ResolvedReportHtmlOptions): Html {
  return html`<section id="meshes"><h2>Meshes</h2>
<p class="lead">Each MZI sits at its layout column (light flows left to right) across its two modes (mode 0 at the top), coloured by its phases on a cyclic scale; the last column is the output phase screen. Meshes with more than ${formatCount(o.detailMaxMzis)} MZIs are drawn as heat maps of the circular mean phase per column × mode bin. Hover for values.</p>
<div class="legend">${renderPhaseLegend()}</div>
${joinHtml(circuit.layers.map((layer, l) => renderLayerMeshes(layer, l, o)))}</section>`;
}
