/**
 * The GDSII writer and reader: 8-byte reals bit for bit (1e-3 and 1e-9 as KLayout writes them), big-endian
 * even-length records, every element round-tripping through our reader AND through KLayout, the format's
 * limits refused, and a truncated or corrupted file rejected by both readers.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GDS_RECORD, GdsWriter, MemoryGdsSink, flattenTexts, gdsReal8Bytes, inspectGdsWithKlayout, readGds, readGdsReal8, structureBbox,
} from '../../src/emit/gdsii/index.js';
import { FoundryError, InvalidInputError } from '../../src/core/errors.js';

let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-gds-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

test('8-byte reals: 1e-3 and 1e-9 bit for bit (excess-64, base 16), as KLayout writes them', () => {
  // 1e-3 = 0x4189374BC6A7F0 / 2^56 · 16^(62−64): the float64 1e-3 exactly (correctly rounded, not the truncated …EF)
  assert.equal(hex(gdsReal8Bytes(1e-3)), '3E4189374BC6A7F0');
  assert.equal(hex(gdsReal8Bytes(1e-9)), '3944B82FA09B5A54');
  assert.equal(hex(gdsReal8Bytes(1)), '4110000000000000');
  assert.equal(hex(gdsReal8Bytes(-1)), 'C110000000000000');
  assert.equal(hex(gdsReal8Bytes(0.5)), '4080000000000000');
  assert.equal(hex(gdsReal8Bytes(90)), '425A000000000000');
  assert.equal(hex(gdsReal8Bytes(0)), '0000000000000000');
});

test('8-byte reals round-trip every float64 in range exactly; out of range is an error', () => {
  const values = [1e-3, 1e-9, 1, -1, 0.1, 1 / 3, Math.PI, -2.5e-7, 123456.789, 2 ** 52 + 1, 1e70, 1e-70, 1e-77, 7e75, Number.EPSILON];
  for (const v of values) {
    const b = gdsReal8Bytes(v);
    assert.equal(readGdsReal8(new DataView(b.buffer), 0), v, `round trip of ${v}`);
  }
  assert.throws(() => gdsReal8Bytes(1e80), FoundryError);
  assert.throws(() => gdsReal8Bytes(1e-80), FoundryError);
  assert.throws(() => gdsReal8Bytes(NaN), FoundryError);
});

/** A small library with every element kind. */
function sampleLibrary(): Uint8Array {
  const sink = new MemoryGdsSink();
  const w = new GdsWriter(sink, 1024); // a small buffer: exercises flushing
  w.beginLibrary({ libName: 'TESTLIB' });
  w.beginStructure('LEAF');
  w.box(1, 0, 0, 0, 1000, 500);
  w.path(47, 2, 400, [0, 250, 1000, 250, 1000, 2000]);
  w.text(66, 0, 500, 250, 'leaf');
  w.endStructure();
  w.beginStructure('MID');
  w.sref('LEAF', 10000, 20000);
  w.sref('LEAF', 0, 0, { angleDeg: 90, reflect: true, mag: 2 });
  w.aref('LEAF', 3, 2, 0, 50000, [2000, 0], [0, 3000]);
  w.boundary(2, 0, [0, 0, 100, 0, 50, 80]);
  w.endStructure();
  w.beginStructure('TOP');
  w.sref('MID', -5000, 7000);
  w.text(66, 1, -1, -1, 'odd'); // odd-length string: padded with one NUL
  w.endStructure();
  w.endLibrary();
  return sink.bytes();
}

test('records: big-endian header, even lengths, HEADER … ENDLIB; UNITS = 1e-3 µm / 1e-9 m', () => {
  const bytes = sampleLibrary();
  const view = new DataView(bytes.buffer);
  let pos = 0;
  const types: number[] = [];
  while (pos < bytes.length) {
    const len = view.getUint16(pos);
    assert.ok(len >= 4 && len % 2 === 0, `record at ${pos} has length ${len}`);
    types.push(view.getUint16(pos + 2));
    if (view.getUint16(pos + 2) === GDS_RECORD.UNITS) {
      assert.equal(hex(bytes.subarray(pos + 4, pos + 12)), '3E4189374BC6A7F0');
      assert.equal(hex(bytes.subarray(pos + 12, pos + 20)), '3944B82FA09B5A54');
    }
    pos += len;
  }
  assert.equal(pos, bytes.length);
  assert.equal(types[0], GDS_RECORD.HEADER);
  assert.equal(types[1], GDS_RECORD.BGNLIB);
  assert.equal(types.at(-1), GDS_RECORD.ENDLIB);
  assert.equal(types.filter((t) => t === GDS_RECORD.BGNSTR).length, 3);
  // header of the first record: 00 06 00 02 (6 bytes, HEADER, int2) then version 600 = 0x0258
  assert.equal(hex(bytes.subarray(0, 6)), '000600020258');
});

test('our reader reads back every element, transform and the hierarchy bbox', () => {
  const lib = readGds(sampleLibrary(), 'sample');
  assert.equal(lib.version, 600);
  assert.equal(lib.libName, 'TESTLIB');
  assert.equal(lib.userUnitsPerDbu, 1e-3);
  assert.equal(lib.metersPerDbu, 1e-9);
  assert.deepEqual(lib.structures.map((s) => s.name), ['LEAF', 'MID', 'TOP']);
  const [leaf, mid, top] = lib.structures;
  assert.deepEqual(Array.from(leaf.boundaries[0].xy), [0, 0, 1000, 0, 1000, 500, 0, 500, 0, 0]);
  assert.deepEqual({ ...leaf.paths[0], xy: Array.from(leaf.paths[0].xy) }, { layer: 47, datatype: 2, pathtype: 0, width: 400, xy: [0, 250, 1000, 250, 1000, 2000] });
  assert.deepEqual(leaf.texts[0], { layer: 66, texttype: 0, x: 500, y: 250, text: 'leaf' });
  assert.deepEqual(mid.references[1], { kind: 'sref', name: 'LEAF', x: 0, y: 0, angleDeg: 90, mag: 2, reflect: true });
  assert.deepEqual(mid.references[2], {
    kind: 'aref', name: 'LEAF', x: 0, y: 50000, angleDeg: 0, mag: 1, reflect: false, cols: 3, rows: 2, colStep: [2000, 0], rowStep: [0, 3000],
  });
  assert.equal(top.texts[0].text, 'odd');
  // texts through the hierarchy: 1 (direct) + 1 + 1 + 6 (AREF) leaf copies
  const texts = flattenTexts(lib);
  assert.equal(texts.length, 1 + 8);
  const leafTexts = texts.filter((t) => t.text === 'leaf').map((t) => `${t.x},${t.y}`).sort();
  // SREF at (10000, 20000) then MID at (−5000, 7000); reflected+rotated+magnified copy: (x, y) → (−2y, 2x)·… = (−500, 1000)
  assert.ok(leafTexts.includes(`${500 + 10000 - 5000},${250 + 20000 + 7000}`));
  assert.ok(leafTexts.includes(`${-5000 + 500},${7000 + 1000}`), leafTexts.join(' '));
  assert.ok(leafTexts.includes(`${-5000 + 500 + 2 * 2000},${7000 + 50000 + 250 + 3000}`));
  const bbox = structureBbox(lib, 'TOP');
  assert.ok(bbox);
});

test('KLayout reads the same library: units, structures, references, bbox and texts', () => {
  const bytes = sampleLibrary();
  const file = path.join(dir, 'sample.gds');
  writeFileSync(file, bytes);
  const k = inspectGdsWithKlayout(file, { texts: 'all' });
  const ours = readGds(bytes);
  assert.equal(k.dbu, 0.001);
  assert.equal(k.cells, 3);
  assert.deepEqual(k.topCells, ['TOP']);
  assert.deepEqual(k.references.MID, { LEAF: 3 }); // two SREFs and one AREF (one instance record)
  assert.deepEqual(k.references.TOP, { MID: 1 });
  const b = structureBbox(ours, 'TOP')!;
  assert.deepEqual(k.bboxDbu, [b.x0, b.y0, b.x1, b.y1]);
  const key = (t: { text: string; x: number; y: number }): string => `${t.text}@${Math.round(t.x)},${Math.round(t.y)}`;
  assert.deepEqual(k.texts.map(key).sort(), flattenTexts(ours).map(key).sort());
});

test('the writer refuses what the format cannot hold', () => {
  const w = new GdsWriter(new MemoryGdsSink());
  w.beginLibrary();
  assert.throws(() => w.beginStructure('has space'), /structure name/);
  assert.throws(() => w.beginStructure('X'.repeat(33)), /structure name/);
  w.beginStructure('OK');
  assert.throws(() => w.box(1, 0, 0, 0, 2 ** 31, 10), /int32/);
  assert.throws(() => w.box(1, 0, 0, 0, 1.5, 10), /integer/);
  assert.throws(() => w.boundary(1, 0, [0, 0, 1, 1]), /at least 3 points/);
  assert.throws(() => w.boundary(1, 0, new Array(2 * 8191).fill(0)), /at most/);
  assert.throws(() => w.path(1, 0, 10, [0, 0]), /at least 2 points/);
  assert.throws(() => w.text(66, 0, 0, 0, 'µm'), /ASCII/);
  assert.throws(() => w.box(70000, 0, 0, 0, 1, 1), /layer/);
  assert.throws(() => w.endLibrary(), FoundryError); // structure still open
});

test('a truncated file fails in our reader at every cut, and in KLayout', () => {
  const bytes = sampleLibrary();
  for (let cut = 0; cut < bytes.length; cut += 1) {
    assert.throws(() => readGds(bytes.subarray(0, cut), 'cut'), InvalidInputError, `cut at ${cut} of ${bytes.length}`);
  }
  // a corrupted record length (odd) and trailing garbage
  const odd = bytes.slice();
  new DataView(odd.buffer).setUint16(6, 27);
  assert.throws(() => readGds(odd, 'odd'), /not an even number/);
  assert.throws(() => readGds(Uint8Array.from([...bytes, 0, 4, 4, 0]), 'extra'), /after ENDLIB/);

  const file = path.join(dir, 'truncated.gds');
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  assert.throws(() => inspectGdsWithKlayout(file), (err: unknown) => err instanceof InvalidInputError && /klayout could not read/.test(err.message));
});
