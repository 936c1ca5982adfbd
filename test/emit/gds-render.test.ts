/**
 * `foundry render LAYOUT.gds --png FILE` (the built CLI): LeNet-5 core 16 drawn headless by KLayout into a PNG
 * that is really an image of the layout (decoded here: many non-background pixels, several colours); without
 * KLayout, or with a missing or truncated GDS, exit 2 with one line.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { writeLayoutGds } from '../../src/emit/gdsii/index.js';
import { builtinPdk } from '../../src/pdk/index.js';
import { placeCircuit } from '../../src/physics/placement/index.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { assertCliError, runFoundry } from '../helpers/cli.js';
import { MODELS_DIR } from '../helpers/paths.js';

const LENET = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
let dir = '';
let gds = '';

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'foundry-render-'));
  gds = path.join(dir, 'lenet16.gds');
  const pdk = builtinPdk('soi-thermo');
  const { circuit } = compileModel(LENET, { coreSize: 16 });
  writeLayoutGds(gds, circuit, placeCircuit(circuit, pdk), pdk);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Decodes an 8-bit RGB or RGBA PNG (what KLayout writes) into width, height and RGB pixels. */
function decodePng(bytes: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(Buffer.from(bytes.subarray(0, 8)).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (pos < bytes.length) {
    const len = view.getUint32(pos);
    const type = Buffer.from(bytes.subarray(pos + 4, pos + 8)).toString('latin1');
    const data = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      assert.equal(data[8], 8, 'bit depth 8');
      assert.ok(data[9] === 2 || data[9] === 6, `colour type ${data[9]}`);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb.set(out.subarray(i * channels, i * channels + 3), i * 3);
  return { width, height, rgb };
}

test('foundry render: LeNet-5 core 16 → a PNG of the layout (non-trivial pixels)', () => {
  const png = path.join(dir, 'lenet16.png');
  const run = runFoundry(['render', gds, '--png', png, '--width', '1200', '--height', '500']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /rendered .*lenet16\.gds → .*lenet16\.png \(1200 × 500 px/);
  assert.ok(existsSync(png));
  const { width, height, rgb } = decodePng(readFileSync(png));
  assert.deepEqual([width, height], [1200, 500]);
  const colours = new Set<number>();
  let drawn = 0;
  for (let i = 0; i < width * height; i++) {
    const c = (rgb[3 * i] << 16) | (rgb[3 * i + 1] << 8) | rgb[3 * i + 2];
    colours.add(c);
    if (c !== 0xffffff) drawn++;
  }
  assert.ok(drawn > 0.05 * width * height, `only ${drawn} of ${width * height} pixels drawn`);
  assert.ok(colours.size >= 4, `${colours.size} colours`);
});

test('foundry render: --json prints the summary object', () => {
  const png = path.join(dir, 'small.png');
  const run = runFoundry(['render', gds, '--png', png, '--width', '320', '--height', '200', '--no-text', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const s = JSON.parse(run.stdout);
  assert.deepEqual([s.png, s.widthPx, s.heightPx], [png, 320, 200]);
  assert.ok(s.bytes > 0 && s.seconds > 0);
});

test('foundry render without KLayout, with a missing or truncated GDS, or a bad size: exit 2, one line', () => {
  const png = path.join(dir, 'never.png');
  assertCliError(runFoundry(['render', gds, '--png', png, '--klayout', path.join(dir, 'no-such-klayout')]), 2, /klayout is not installed .*apt-get install klayout/);
  assertCliError(runFoundry(['render', path.join(dir, 'missing.gds'), '--png', png]), 2, /missing\.gds/);
  const cut = path.join(dir, 'cut.gds');
  const bytes = readFileSync(gds);
  writeFileSync(cut, bytes.subarray(0, bytes.length / 2));
  assertCliError(runFoundry(['render', cut, '--png', png]), 2, /klayout could not render .*cut\.gds/);
  assertCliError(runFoundry(['render', gds, '--png', png, '--width', '12']), 2, /--width/);
  assertCliError(runFoundry(['render', gds]), 2, /--png/);
  assert.ok(!existsSync(png));
});
