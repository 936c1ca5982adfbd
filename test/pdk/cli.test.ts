/**
 * `foundry pdk list` and `foundry pdk show` through the real CLI (dist/): listing, every field with value,
 * unit and source, the show --json → file → loadPdk round trip, and exit 2 with one line for bad PDK files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertCliError, runFoundry } from '../helpers/cli.js';
import { BUILTIN_PDK_NAMES, builtinPdk, loadPdk, pdkNumericFields } from '../../src/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pdk-cli-'));

test('pdk list: the three built-ins with phase shifter, MZI loss, P_π and the default marked', () => {
  const run = runFoundry(['pdk', 'list']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const lines = run.stdout.split('\n');
  assert.match(lines[0], /^name\s+phase shifter\s+MZI loss\s+P_π\s+description$/);
  assert.match(run.stdout, /^soi-thermo \*\s+thermo-optic \(quadratic\)\s+0\.99 dB\s+30 mW\s+thermo-optic silicon-on-insulator/m);
  assert.match(run.stdout, /^soi-mems\s+mems \(quadratic\)\s+0\.99 dB\s+1 nW\s+/m);
  assert.match(run.stdout, /^sin-lowloss\s+thermo-optic \(quadratic\)\s+0\.3 dB\s+200 mW\s+/m);
  assert.match(run.stdout, /\* default PDK/);

  const json = runFoundry(['pdk', 'list', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const list = JSON.parse(json.stdout);
  assert.deepEqual(list.map((e: any) => e.name), BUILTIN_PDK_NAMES);
  assert.deepEqual(list.map((e: any) => e.isDefault), [true, false, false]);
  assert.deepEqual(list[1], {
    name: 'soi-mems',
    description: builtinPdk('soi-mems').description,
    isDefault: false,
    phaseShifterType: 'mems',
    mziInsertionLossDb: 0.99,
    pPiMw: 1e-6,
  });
});

test('pdk show NAME: every field with value, unit and source', () => {
  const run = runFoundry(['pdk', 'show', 'soi-thermo']);
  assert.equal(run.code, 0, run.stderr);
  const pdk = builtinPdk('soi-thermo');
  assert.match(run.stdout, /^name\s+soi-thermo$/m);
  assert.match(run.stdout, /^field\s+value\s+unit\s+source$/m);
  for (const field of pdkNumericFields(pdk)) {
    const line = run.stdout.split('\n').find((l) => l.startsWith(field + ' '));
    assert.ok(line, `no row for ${field}`);
    assert.ok(line.includes(pdk.sources[field]), `${field}: source missing in ${line}`);
  }
  assert.match(run.stdout, /^phaseShifter\.pPiMw\s+30\s+mW\s+SimPhony/m);
  assert.match(run.stdout, /^waveguide\.lossDbPerCm\s+2\s+dB\/cm\s+/m);
  assert.match(run.stdout, /^layers\.heater\s+\[47, 0\]\s+GDS \[layer, datatype\]\s+gdsfactory/m);
  assert.match(run.stdout, /^phaseShifter\.law\s+quadratic\s+-\s+-$/m);
});

test('pdk show --json → file → loadPdk (and show FILE --json) round trip, every built-in', () => {
  for (const name of BUILTIN_PDK_NAMES) {
    const run = runFoundry(['pdk', 'show', name, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const file = path.join(tmp, `${name}.json`);
    writeFileSync(file, run.stdout);
    assert.deepEqual(loadPdk(file), builtinPdk(name));
    const again = runFoundry(['pdk', 'show', file, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, run.stdout);
  }
});

/** Writes soi-thermo with `edit` applied (or raw text) and returns the path. */
function badFile(name: string, edit: ((p: any) => void) | string): string {
  const file = path.join(tmp, name);
  if (typeof edit === 'string') writeFileSync(file, edit);
  else {
    const doc: any = structuredClone(builtinPdk('soi-thermo'));
    edit(doc);
    writeFileSync(file, JSON.stringify(doc, null, 2));
  }
  return file;
}

const BAD_FILES: readonly { what: string; file: () => string; pattern: RegExp }[] = [
  { what: 'negative loss', file: () => badFile('neg-loss.json', (p) => (p.waveguide.lossDbPerCm = -1)), pattern: /neg-loss\.json: pdk\.waveguide\.lossDbPerCm must be ≥ 0 \(got -1\)$/ },
  { what: '0 bits', file: () => badFile('zero-bits.json', (p) => (p.adc.bits = 0)), pattern: /zero-bits\.json: pdk\.adc\.bits must be an integer in \[1, 32\] \(got 0\)$/ },
  { what: 'splitRatio 1.5', file: () => badFile('split.json', (p) => (p.coupler.splitRatio = 1.5)), pattern: /split\.json: pdk\.coupler\.splitRatio must be in \(0, 1\) \(got 1\.5\)$/ },
  { what: 'unknown key', file: () => badFile('unknown.json', (p) => (p.laser.colour = 'red')), pattern: /unknown\.json: pdk\.laser\.colour is not a PDK field$/ },
  { what: 'missing field', file: () => badFile('missing-field.json', (p) => delete p.mzi.extinctionRatioDb), pattern: /missing-field\.json: pdk\.mzi\.extinctionRatioDb is missing \(expected a number\)$/ },
  {
    what: 'missing source',
    file: () => badFile('no-source.json', (p) => delete p.sources['phaseShifter.pPiMw']),
    pattern: /no-source\.json: pdk\.phaseShifter\.pPiMw has no source: add sources\["phaseShifter\.pPiMw"\] with a citation$/,
  },
  { what: 'wrong type', file: () => badFile('wrong-type.json', (p) => (p.dac.powerMw = '50 mW')), pattern: /wrong-type\.json: pdk\.dac\.powerMw must be a number \(got "50 mW"\)$/ },
  { what: 'garbage JSON', file: () => badFile('garbage.json', 'PDK? \u0000\u0001 not json'), pattern: /garbage\.json: not valid JSON \(/ },
  { what: 'empty file', file: () => badFile('empty.json', ''), pattern: /empty\.json: not valid JSON \(/ },
  { what: 'missing file', file: () => path.join(tmp, 'does-not-exist.json'), pattern: /unknown PDK '.*does-not-exist\.json' \(built-in: soi-thermo, soi-mems, sin-lowloss\) and no such file$/ },
  { what: 'unknown name', file: () => 'soi-magic', pattern: /^foundry: unknown PDK 'soi-magic' \(built-in: soi-thermo, soi-mems, sin-lowloss\) and no such file$/ },
  { what: 'a directory', file: () => tmp, pattern: /is a directory, not a PDK JSON file$/ },
];

for (const c of BAD_FILES) {
  test(`pdk show: ${c.what} → exit 2, one line naming the file and field`, () => {
    for (const extra of [[], ['--json']]) {
      const run = runFoundry(['pdk', 'show', c.file(), ...extra]);
      assertCliError(run, 2, c.pattern);
      assert.equal(run.stdout, '');
    }
  });
}

test('pdk usage errors: exit 2, one line', () => {
  assertCliError(runFoundry(['pdk', 'show']), 2, /missing required argument 'pdk'/);
  assertCliError(runFoundry(['pdk', 'show', 'soi-thermo', '--bogus']), 2, /unknown option '--bogus'/);
  assertCliError(runFoundry(['pdk', 'frobnicate']), 2, /unknown command 'frobnicate'/);
});
