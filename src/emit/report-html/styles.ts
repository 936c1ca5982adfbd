/**
 * The report's stylesheet (inlined: the report must open from disk with no network). System font stacks
 * only, no web fonts. Tabular figures in tables; print rules hide the navigation.
 */
import { phasePaletteCss } from './colour.js';

const BASE_CSS = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--accent:#3e63dd;--ok:#1e7b34;--ok-bg:#e3f6e8;--fail:#b42318;--fail-bg:#fdecea}
*{box-sizing:border-box}
html{scroll-behavior:smooth;scroll-padding-top:56px}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em}
pre{background:#f0f2f5;border:1px solid var(--line);border-radius:8px;padding:10px 14px;overflow-x:auto}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:linear-gradient(120deg,#1b2a4a,#26406e);color:#fff;padding:28px 0 22px}
header.top .wrap{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;flex-wrap:wrap}
header.top h1{margin:0;font-size:26px;font-weight:650;letter-spacing:-.01em;word-break:break-all}
header.top .kicker{text-transform:uppercase;letter-spacing:.12em;font-size:11px;opacity:.75;margin-bottom:4px}
header.top .meta{font-size:13px;opacity:.85;margin-top:6px}
header.top .meta code{background:rgba(255,255,255,.12);padding:1px 5px;border-radius:4px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
nav.sections{position:sticky;top:0;z-index:5;background:rgba(255,255,255,.92);backdrop-filter:blur(6px);border-bottom:1px solid var(--line)}
nav.sections ul{list-style:none;margin:0 auto;padding:0 24px;max-width:1180px;display:flex;gap:4px;overflow-x:auto}
nav.sections a{display:block;padding:12px 12px;color:var(--muted);font-size:14px;font-weight:500;white-space:nowrap}
nav.sections a:hover{color:var(--ink);text-decoration:none;background:#f0f2f5}
main{padding:8px 0 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:22px 26px;margin:20px 0;box-shadow:0 1px 2px rgba(16,24,40,.04)}
h2{margin:0 0 12px;font-size:20px;font-weight:650;letter-spacing:-.01em}
h3{margin:22px 0 8px;font-size:16px;font-weight:600}
h4{margin:14px 0 8px;font-size:14px;font-weight:600;color:#323f4b}
.lead{color:#3e4c59;margin:0 0 14px;max-width:90ch}
.note{background:#f0f4ff;border-left:3px solid var(--accent);padding:8px 12px;border-radius:4px;color:#323f4b}
.small{font-size:13px}.muted{color:var(--muted);font-weight:400}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;margin:8px 0 14px}
.figure{border:1px solid var(--line);border-radius:10px;padding:12px 14px;background:#fbfcfd}
.figure.ok{background:var(--ok-bg);border-color:#b7e4c2}.figure.fail{background:var(--fail-bg);border-color:#f5c2bd}
.figure-label{font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.figure-value{font-size:20px;font-weight:650;font-variant-numeric:tabular-nums;margin-top:2px;overflow-wrap:anywhere}
.figure-note{font-size:12.5px;color:var(--muted);margin-top:2px}
.table-wrap{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
table.data th{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;text-align:left;border-bottom:2px solid var(--line);padding:8px 8px;white-space:nowrap}
table.data td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}
table.data tbody tr:hover{background:#f8f9fb}
table.data .num{text-align:right;white-space:nowrap}
table.data td.name{white-space:nowrap}
table.data tfoot td{font-weight:600;border-top:2px solid var(--line);border-bottom:none}
table.data td.source{color:var(--muted);font-size:12.5px;max-width:60ch}
table.checks td.message{max-width:70ch}
.badge{display:inline-block;font-size:11.5px;font-weight:700;letter-spacing:.06em;padding:2px 8px;border-radius:999px;white-space:nowrap}
.badge.ok{background:var(--ok-bg);color:var(--ok);border:1px solid #b7e4c2}
.badge.fail{background:var(--fail-bg);color:var(--fail);border:1px solid #f5c2bd}
.verdict{display:flex;align-items:center;gap:10px;padding:10px 14px;border-radius:8px;margin-bottom:12px;font-weight:500}
.verdict.ok{background:var(--ok-bg)}.verdict.fail{background:var(--fail-bg)}
.verdict .badge{font-size:13px}
.legend{margin:4px 0 10px}
.layer-meshes{border-top:1px solid var(--line);padding-top:6px;margin-top:18px}
.layer-meshes h3{display:flex;align-items:baseline;gap:8px;flex-wrap:wrap;overflow-wrap:anywhere}
.layer-index{display:inline-block;min-width:22px;text-align:center;background:#e8edfb;color:var(--accent);border-radius:6px;font-size:13px;padding:0 6px}
.tile{margin:8px 0 14px}
.tile-meshes{display:flex;flex-wrap:wrap;gap:14px 18px;align-items:center}
.attenuators{font-size:12px;color:var(--muted);writing-mode:horizontal-tb;white-space:nowrap}
figure{margin:0}
figure.mesh{border:1px solid var(--line);border-radius:10px;padding:10px 12px;background:#fff;max-width:100%}
figure.mesh>figcaption{font-size:12.5px;color:var(--muted);margin-bottom:6px}
figure.mesh>figcaption strong{color:var(--ink);font-weight:600}
svg{max-width:100%;height:auto;overflow:visible}
svg text{fill:#52606d;font-family:inherit;font-size:12px}
.wg{fill:none;stroke:#cbd2d9;stroke-width:1px;vector-effect:non-scaling-stroke}
.mzi path,.screen{stroke:rgba(31,41,51,.28);stroke-width:.5px;vector-effect:non-scaling-stroke}
.mzi:hover path,.screen:hover{stroke:#111;stroke-width:1.5px}
.modes text{fill:#9aa5b1;font-size:inherit}
.heatmap-pair{display:flex;gap:14px;flex-wrap:wrap}
.heatmap-panel figcaption{font-size:12px;color:var(--muted);text-align:center}
.heatmap{border:1px solid var(--line);background:#fff}
.heatmap path{shape-rendering:crispEdges}
.heatmap .empty{fill:#eef1f4}
.phase-legend text{font-size:12px}
.phase-legend .tick{stroke:#7b8794;stroke-width:1}
.chart{margin:6px 0 14px}
.chart .grid{stroke:#e9edf1;stroke-width:1}
.chart text.axis{font-size:11px;fill:#9aa5b1}
.chart text.label{font-size:12.5px;fill:#3e4c59}
.chart text.value{font-size:12.5px;fill:#1f2933;font-variant-numeric:tabular-nums}
.chart .overflow rect{opacity:.55}
.chart figcaption{margin-top:2px}
.timeline .reprogram{stroke:#1f2933;stroke-width:1.2;fill:none}
ul.swatches{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12.5px;color:#3e4c59}
ul.swatches li{display:flex;align-items:center;gap:6px;overflow-wrap:anywhere}
.accuracy-bars{display:grid;gap:8px;margin-top:6px}
.accuracy-row{display:grid;grid-template-columns:180px minmax(120px,340px) 90px;align-items:center;gap:12px;font-size:13.5px}
.accuracy-track .track{fill:#eef1f4}.accuracy-track .fill{fill:var(--accent)}
.accuracy-value{font-variant-numeric:tabular-nums;font-weight:600;text-align:right}
details summary{cursor:pointer;color:var(--accent);margin:10px 0 6px;font-size:14px}
#tooltip{position:fixed;z-index:10;pointer-events:none;background:#1f2933;color:#fff;font-size:12px;line-height:1.45;padding:6px 9px;border-radius:6px;white-space:pre-line;box-shadow:0 4px 14px rgba(0,0,0,.2);max-width:320px}
#tooltip[hidden]{display:none}
footer{color:var(--muted);font-size:12.5px;padding:0 0 32px}
@media print{nav.sections,#tooltip{display:none}body{background:#fff}section{box-shadow:none;break-inside:avoid-page}header.top{background:#fff;color:var(--ink)}}
`;

/** The whole stylesheet: base rules and the phase colour classes. */
export function reportCss(): string {
  return BASE_CSS.trim() + '\n' + phasePaletteCss() + '\n';
}
