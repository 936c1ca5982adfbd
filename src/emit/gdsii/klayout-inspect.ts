/**
 * An independent reading of a GDSII file by KLayout (batch mode, Python macro): database unit, structures,
 * references per structure, the top structure's bounding box, and TEXT labels in top coordinates. Used by the
 * tests to check our writer against a reader we did not write, and by tools that want KLayout's view.
 */
import { InvalidInputError } from '../../core/errors.js';
import { runKlayoutMacro } from './render-klayout.js';

export interface KlayoutInspection {
  /** Database unit, µm. */
  readonly dbu: number;
  readonly cells: number;
  readonly topCells: readonly string[];
  /** references[parent][child] = number of instance records of child in parent. */
  readonly references: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Top cell box [x0, y0, x1, y1], dbu (null for an empty top cell). */
  readonly bboxDbu: readonly [number, number, number, number] | null;
  /** Texts under the top cell, transformed into its coordinates (dbu). */
  readonly texts: readonly { readonly text: string; readonly x: number; readonly y: number; readonly layer: number; readonly datatype: number }[];
}

const INSPECT_MACRO = `
import json, os, sys
import pya
ly = pya.Layout()
try:
    ly.read(gds_in)
except Exception as e:
    sys.stderr.write("inspect failed: %s\\n" % str(e).splitlines()[0])
    sys.stderr.flush()
    os._exit(3)
refs = {}
for c in ly.each_cell():
    d = {}
    for inst in c.each_inst():
        n = inst.cell.name
        d[n] = d.get(n, 0) + 1
    refs[c.name] = d
tops = [c.name for c in ly.top_cells()]
bbox = None
texts = []
if len(tops) == 1:
    top = ly.top_cells()[0]
    b = top.bbox()
    if not b.empty():
        bbox = [b.left, b.bottom, b.right, b.top]
    wanted = None if want_texts == "*" else set(t for t in want_texts.split(",") if t)
    if want_texts != "":
        for li in ly.layer_indexes():
            info = ly.get_info(li)
            it = top.begin_shapes_rec(li)
            while not it.at_end():
                s = it.shape()
                if s.is_text():
                    t = s.text.transformed(it.trans())
                    if wanted is None or t.string in wanted:
                        texts.append([t.string, t.x, t.y, info.layer, info.datatype])
                it.next()
sys.stdout.write(json.dumps({"dbu": ly.dbu, "cells": ly.cells(), "tops": tops, "refs": refs, "bbox": bbox, "texts": texts}))
sys.stdout.write("\\n")
sys.stdout.flush()
`;

/**
 * Reads `gdsPath` with KLayout. `texts`: the TEXT strings to return ('all', or a list; default none). A file
 * KLayout cannot read is an InvalidInputError with KLayout's reason.
 */
export function inspectGdsWithKlayout(gdsPath: string, options: { texts?: 'all' | readonly string[]; klayout?: string; timeoutMs?: number } = {}): KlayoutInspection {
  const wanted = options.texts === 'all' ? '*' : (options.texts ?? []).join(',');
  const r = runKlayoutMacro(INSPECT_MACRO, { gds_in: gdsPath, want_texts: wanted }, options);
  if (r.status !== 0) {
    const why = r.stderr.split('\n').find((l) => l.startsWith('inspect failed:'))?.replace(/^inspect failed:\s*/, '') ?? r.stderr.trim().split('\n').pop();
    throw new InvalidInputError(`klayout could not read '${gdsPath}': ${why || `exit status ${r.status}`}`, { stage: 'import' });
  }
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new InvalidInputError(`klayout printed no result for '${gdsPath}'`, { stage: 'import' });
  const j = JSON.parse(line) as { dbu: number; cells: number; tops: string[]; refs: Record<string, Record<string, number>>; bbox: [number, number, number, number] | null; texts: [string, number, number, number, number][] };
  return {
    dbu: j.dbu,
    cells: j.cells,
    topCells: j.tops,
    references: j.refs,
    bboxDbu: j.bbox,
    texts: j.texts.map(([text, x, y, layer, datatype]) => ({ text, x, y, layer, datatype })),
  };
}
