/**
 * The report's only script (inlined, allowed by its CSP hash): a hover read-out for mesh drawings — an MZI's
 * column, modes, φ and θ; an output-screen phase; a heat-map bin's column and mode range, MZI count and mean
 * phase. It reads only numeric data attributes and writes with textContent, so it cannot inject anything.
 * The report is complete without it (printing, no-script viewers).
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var tip = document.getElementById('tooltip');
  if (!tip) return;
  var cache = new WeakMap();
  function rad(x) { return Number(x).toFixed(3) + ' rad'; }
  function hide() { tip.hidden = true; }
  function show(text, ev) {
    tip.textContent = text;
    tip.hidden = false;
    var r = tip.getBoundingClientRect();
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + r.width > window.innerWidth - 8) x = ev.clientX - r.width - 14;
    if (y + r.height > window.innerHeight - 8) y = ev.clientY - r.height - 14;
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  }
  function binData(svg, pair) {
    var d = cache.get(svg);
    if (!d) {
      d = { values: (svg.getAttribute('data-values') || '').split(','), counts: (pair.getAttribute('data-counts') || '').split(',') };
      cache.set(svg, d);
    }
    return d;
  }
  function span(i, bins, total) {
    var a = Math.ceil(i * total / bins), b = Math.ceil((i + 1) * total / bins) - 1;
    return a === b ? String(a) : a + '–' + b;
  }
  function heatmapText(svg, ev) {
    var m = svg.getScreenCTM(), pair = svg.closest('.heatmap-pair');
    if (!m || !pair) return null;
    var p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
    var cols = Number(pair.getAttribute('data-cols')), rows = Number(pair.getAttribute('data-rows'));
    var c = Math.floor(p.x), r = Math.floor(p.y);
    if (!(c >= 0 && c < cols && r >= 0 && r < rows)) return null;
    var d = binData(svg, pair), i = r * cols + c;
    var name = svg.getAttribute('data-phase') === 'theta' ? 'θ' : 'φ';
    var text = 'columns ' + span(c, cols, Number(pair.getAttribute('data-depth'))) +
      ', upper modes ' + span(r, rows, Number(pair.getAttribute('data-tops'))) + '\\n' + (d.counts[i] || '0') + ' MZIs';
    if (d.values[i]) text += '\\nmean ' + name + ' = ' + d.values[i] + ' rad';
    return text;
  }
  document.addEventListener('mousemove', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { hide(); return; }
    var g = t.closest('.mzi');
    if (g) {
      var top = Number(g.getAttribute('data-top'));
      show('MZI column ' + g.getAttribute('data-col') + ', modes ' + top + '–' + (top + 1) +
        '\\nφ = ' + rad(g.getAttribute('data-phi')) + '\\nθ = ' + rad(g.getAttribute('data-theta')), ev);
      return;
    }
    var s = t.closest('.screen');
    if (s) { show('output screen, mode ' + s.getAttribute('data-mode') + '\\nphase = ' + rad(s.getAttribute('data-phase')), ev); return; }
    var h = t.closest('svg.heatmap');
    var text = h ? heatmapText(h, ev) : null;
    if (text) { show(text, ev); return; }
    hide();
  });
  document.addEventListener('mouseleave', hide);
})();`;
