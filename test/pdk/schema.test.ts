/**
 * PDK schema and registry: the built-in profiles validate and cite a source for every numeric field; every kind
 * of bad document is one PdkError (PF_ERR_PDK) whose single line names the source, the field and why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BUILTIN_PDK_NAMES,
  DEFAULT_PDK_NAME,
  FoundryError,
  builtinPdk,
  describePdkFields,
  listPdks,
  loadPdk,
  parsePdk,
  pdkNumericFields,
  unitOfField,
  type Pdk,
} from '../../src/index.js';

/** A deep, mutable copy of the default PDK to break. */
function mutable(): any {
  return structuredClone(builtinPdk(DEFAULT_PDK_NAME));
}

function parseError(doc: unknown, source = 'my.json'): FoundryError {
  try {
    parsePdk(doc, source);
  } catch (err) {
    assert.ok(err instanceof FoundryError, `not a FoundryError: ${err}`);
    assert.equal(err.code, 'PF_ERR_PDK');
    assert.doesNotMatch(err.message, /\n/, 'message must be one line');
    return err;
  }
  assert.fail('parsePdk accepted a bad document');
}

test('built-in PDKs: three, soi-thermo first and default, each validates', () => {
  assert.deepEqual(BUILTIN_PDK_NAMES, ['soi-thermo', 'soi-mems', 'sin-lowloss']);
  assert.equal(DEFAULT_PDK_NAME, 'soi-thermo');
  assert.deepEqual(listPdks().map((p) => p.name), BUILTIN_PDK_NAMES);
  for (const { name, description } of listPdks()) {
    const pdk = builtinPdk(name);
    assert.equal(pdk.name, name);
    assert.equal(pdk.description, description);
    assert.ok(description.length > 10);
    assert.deepEqual(parsePdk(JSON.parse(JSON.stringify(pdk)), name), pdk); // JSON round trip validates too
    assert.deepEqual(loadPdk(name), pdk);
  }
});

test('built-in PDKs: a non-trivial source for every numeric field, and no stray source keys', () => {
  for (const name of BUILTIN_PDK_NAMES) {
    const pdk = builtinPdk(name);
    const fields = pdkNumericFields(pdk);
    assert.ok(fields.length >= 45, `${name}: only ${fields.length} numeric fields`);
    assert.ok(fields.includes('phaseShifter.pPiMw') && fields.includes('layers.heater') && fields.includes('adc.bits'));
    for (const f of fields) {
      const source = pdk.sources[f];
      assert.equal(typeof source, 'string', `${name}: no source for ${f}`);
      assert.ok(source.trim().length >= 20, `${name}: source of ${f} too short: ${source}`);
    }
    assert.deepEqual(Object.keys(pdk.sources).sort(), [...fields].sort(), `${name}: sources keys ≠ numeric fields`);
    for (const row of describePdkFields(pdk)) {
      if (typeof row.value === 'number' || Array.isArray(row.value)) assert.equal(row.source, pdk.sources[row.path]);
      else assert.equal(row.source, null);
    }
  }
});

test('built-in PDKs: the figures issue 4 asks for', () => {
  const soi = builtinPdk('soi-thermo');
  assert.equal(soi.phaseShifter.type, 'thermo-optic');
  assert.ok(soi.phaseShifter.pPiMw >= 25 && soi.phaseShifter.pPiMw <= 30);
  assert.equal(soi.phaseShifter.responseTimeUs, 10);
  assert.equal(soi.phaseShifter.law, 'quadratic');
  assert.equal(soi.mzi.insertionLossDb, 0.99);
  assert.equal(soi.mzi.lossIncludesCouplers, true);
  assert.equal(soi.coupler.splitRatioSigma, 0.005);
  assert.ok(soi.phaseShifter.phaseErrorSigmaRad > 0);
  assert.equal(soi.thermalCrosstalk.enabled, true);
  assert.deepEqual(soi.dac, { bits: 8, sampleRateGsps: 14, powerMw: 50 });
  assert.deepEqual(soi.adc, { bits: 8, sampleRateGsps: 10, powerMw: 14.8 });
  assert.equal(soi.photodetector.responsivityAPerW, 1);
  assert.equal(soi.photodetector.darkCurrentNa, 0.1);
  assert.equal(soi.photodetector.bandwidthGhz, 20);
  assert.equal(soi.laser.wallPlugEfficiency, 0.2);
  assert.ok(soi.waveguide.lossDbPerCm >= 1 && soi.waveguide.lossDbPerCm <= 2);
  assert.deepEqual(soi.reticle, { widthMm: 26, heightMm: 33 });

  const mems = builtinPdk('soi-mems');
  assert.equal(mems.phaseShifter.type, 'mems');
  assert.ok(mems.phaseShifter.pPiMw < 1e-3, 'MEMS P_π must be ~nW');
  assert.equal(mems.phaseShifter.responseTimeUs, 2);
  assert.equal(mems.thermalCrosstalk.enabled, false);

  const sin = builtinPdk('sin-lowloss');
  assert.ok(sin.waveguide.lossDbPerCm < 0.5 * soi.waveguide.lossDbPerCm && sin.waveguide.lossDbPerCm < 1);
  assert.ok(sin.mzi.insertionLossDb < soi.mzi.insertionLossDb);
  assert.ok(sin.waveguide.pitchUm > soi.waveguide.pitchUm && sin.mzi.lengthUm > soi.mzi.lengthUm);
  assert.ok(sin.phaseShifter.pPiMw > soi.phaseShifter.pPiMw);
  assert.equal(sin.phaseShifter.type, 'thermo-optic');
});

test('builtinPdk returns a fresh copy every time', () => {
  const a = builtinPdk('soi-thermo') as any;
  a.mzi.insertionLossDb = 42;
  a.layers.heater[0] = 999;
  const b = builtinPdk('soi-thermo');
  assert.equal(b.mzi.insertionLossDb, 0.99);
  assert.deepEqual(b.layers.heater, [47, 0]);
});

test('units of fields come from their names', () => {
  assert.equal(unitOfField('phaseShifter.pPiMw'), 'mW');
  assert.equal(unitOfField('waveguide.lossDbPerCm'), 'dB/cm');
  assert.equal(unitOfField('photodetector.tiaNoisePaPerSqrtHz'), 'pA/√Hz');
  assert.equal(unitOfField('photodetector.responsivityAPerW'), 'A/W');
  assert.equal(unitOfField('photodetector.darkCurrentNa'), 'nA');
  assert.equal(unitOfField('adc.sampleRateGsps'), 'GS/s');
  assert.equal(unitOfField('phaseShifter.driftTimescaleS'), 's');
  assert.equal(unitOfField('phaseShifter.responseTimeUs'), 'µs');
  assert.equal(unitOfField('phaseShifter.vPiV'), 'V');
  assert.equal(unitOfField('dac.bits'), 'bits');
  assert.equal(unitOfField('coupler.splitRatioSigma'), '');
  assert.equal(unitOfField('laser.wallPlugEfficiency'), '');
  for (const row of describePdkFields(builtinPdk('soi-thermo'))) {
    const key = row.path.split('.')[1];
    const dimensionless = ['groupIndex', 'splitRatio', 'splitRatioSigma', 'couplingAtZero', 'wallPlugEfficiency', 'lossIncludesCouplers', 'type', 'law', 'enabled'];
    if (!dimensionless.includes(key)) assert.notEqual(row.unit, '', `${row.path} has no unit`);
  }
});

/** Each bad document → the exact one-line message. */
const BAD: readonly { what: string; edit: (p: any) => unknown; message: string | RegExp }[] = [
  { what: 'negative loss', edit: (p) => ((p.mzi.insertionLossDb = -0.5), p), message: 'my.json: pdk.mzi.insertionLossDb must be ≥ 0 (got -0.5)' },
  { what: 'negative P_π', edit: (p) => ((p.phaseShifter.pPiMw = -3), p), message: 'my.json: pdk.phaseShifter.pPiMw must be > 0 (got -3)' },
  { what: '0 bits', edit: (p) => ((p.dac.bits = 0), p), message: 'my.json: pdk.dac.bits must be an integer in [1, 32] (got 0)' },
  { what: 'fractional bits', edit: (p) => ((p.adc.bits = 8.5), p), message: 'my.json: pdk.adc.bits must be an integer in [1, 32] (got 8.5)' },
  { what: '33 bits', edit: (p) => ((p.adc.bits = 33), p), message: 'my.json: pdk.adc.bits must be an integer in [1, 32] (got 33)' },
  { what: 'splitRatio 1.5', edit: (p) => ((p.coupler.splitRatio = 1.5), p), message: 'my.json: pdk.coupler.splitRatio must be in (0, 1) (got 1.5)' },
  { what: 'splitRatio 0', edit: (p) => ((p.coupler.splitRatio = 0), p), message: 'my.json: pdk.coupler.splitRatio must be in (0, 1) (got 0)' },
  { what: 'efficiency 1.2', edit: (p) => ((p.laser.wallPlugEfficiency = 1.2), p), message: 'my.json: pdk.laser.wallPlugEfficiency must be in (0, 1] (got 1.2)' },
  { what: 'zero sample rate', edit: (p) => ((p.adc.sampleRateGsps = 0), p), message: 'my.json: pdk.adc.sampleRateGsps must be > 0 (got 0)' },
  { what: 'zero footprint', edit: (p) => ((p.mzi.widthUm = 0), p), message: 'my.json: pdk.mzi.widthUm must be > 0 (got 0)' },
  { what: 'group index below 1', edit: (p) => ((p.optics.groupIndex = 0.5), p), message: 'my.json: pdk.optics.groupIndex must be ≥ 1 (got 0.5)' },
  { what: 'negative GDS layer', edit: (p) => ((p.layers.heater = [-1, 0]), p), message: 'my.json: pdk.layers.heater[0] must be an integer in [0, 65535] (got -1)' },
  { what: 'GDS layer of 3 numbers', edit: (p) => ((p.layers.pad = [46, 0, 1]), p), message: 'my.json: pdk.layers.pad must have exactly 2 entries, [layer, datatype] (got [46,0,1])' },
  { what: 'unknown key', edit: (p) => ((p.mzi.colour = 'red'), p), message: 'my.json: pdk.mzi.colour is not a PDK field' },
  { what: 'unknown top-level key', edit: (p) => ((p.version = 2), p), message: 'my.json: pdk.version is not a PDK field' },
  {
    what: 'misspelt key',
    edit: (p) => ((p.phaseShifter.pPiMW = p.phaseShifter.pPiMw), delete p.phaseShifter.pPiMw, p),
    message: "my.json: pdk.phaseShifter.pPiMW is not a PDK field (did you mean 'pPiMw'?) (and 1 more problem)",
  },
  { what: 'missing field', edit: (p) => (delete p.laser.wallPlugEfficiency, p), message: 'my.json: pdk.laser.wallPlugEfficiency is missing (expected a number)' },
  { what: 'missing group', edit: (p) => (delete p.reticle, p), message: 'my.json: pdk.reticle is missing (expected an object)' },
  { what: 'missing enum', edit: (p) => (delete p.phaseShifter.law, p), message: 'my.json: pdk.phaseShifter.law is missing (expected one of "quadratic", "linear")' },
  { what: 'wrong enum', edit: (p) => ((p.phaseShifter.type = 'plasma'), p), message: 'my.json: pdk.phaseShifter.type must be one of "thermo-optic", "mems", "electro-optic" (got "plasma")' },
  { what: 'wrong type (string for number)', edit: (p) => ((p.mzi.lengthUm = '180'), p), message: 'my.json: pdk.mzi.lengthUm must be a number (got "180")' },
  { what: 'wrong type (number for boolean)', edit: (p) => ((p.thermalCrosstalk.enabled = 1), p), message: 'my.json: pdk.thermalCrosstalk.enabled must be true or false (got 1)' },
  { what: 'null', edit: (p) => ((p.waveguide.pitchUm = null), p), message: 'my.json: pdk.waveguide.pitchUm must be a number (got null)' },
  { what: 'not an object', edit: () => [1, 2], message: 'my.json: pdk must be an object (got [1,2])' },
  { what: 'empty name', edit: (p) => ((p.name = ' '), p), message: 'my.json: pdk.name must be a non-empty name (got " ")' },
  {
    what: 'missing source',
    edit: (p) => (delete p.sources['adc.powerMw'], p),
    message: 'my.json: pdk.adc.powerMw has no source: add sources["adc.powerMw"] with a citation',
  },
  { what: 'empty source', edit: (p) => ((p.sources['adc.powerMw'] = ''), p), message: 'my.json: pdk.sources["adc.powerMw"] must be a non-empty citation (got "")' },
  {
    what: 'stray source key',
    edit: (p) => ((p.sources['adc.powerMW'] = 'x'), p),
    message: "my.json: pdk.sources[\"adc.powerMW\"] names no numeric field of the PDK (did you mean 'adc.powerMw'?)",
  },
  {
    what: 'several problems',
    edit: (p) => ((p.mzi.insertionLossDb = -1), (p.dac.bits = 0), (p.coupler.splitRatio = 2), p),
    message: 'my.json: pdk.mzi.insertionLossDb must be ≥ 0 (got -1) (and 2 more problems)',
  },
];

for (const c of BAD) {
  test(`parsePdk rejects ${c.what} with one line naming the field`, () => {
    const err = parseError(c.edit(mutable()));
    if (typeof c.message === 'string') assert.equal(err.message, c.message);
    else assert.match(err.message, c.message);
  });
}

test('loadPdk: unknown name that is no file, directory, garbage JSON, bad file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdk-load-'));
  const expectError = (arg: string, pattern: RegExp): void => {
    assert.throws(() => loadPdk(arg), (err: unknown) => {
      assert.ok(err instanceof FoundryError);
      assert.equal(err.code, 'PF_ERR_PDK');
      assert.match(err.message, pattern);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
  };
  expectError('soi-thermal', /^unknown PDK 'soi-thermal' \(built-in: soi-thermo, soi-mems, sin-lowloss\) and no such file$/);
  expectError(path.join(dir, 'missing.json'), /^unknown PDK '.*missing\.json' .* and no such file$/);
  expectError(dir, /is a directory, not a PDK JSON file$/);
  const garbage = path.join(dir, 'garbage.json');
  writeFileSync(garbage, '{"name": "x",');
  expectError(garbage, /^.*garbage\.json: not valid JSON \(/);
  const bad = path.join(dir, 'bad.json');
  const doc = mutable();
  doc.phaseShifter.pPiMw = -3;
  writeFileSync(bad, JSON.stringify(doc));
  expectError(bad, /^.*bad\.json: pdk\.phaseShifter\.pPiMw must be > 0 \(got -3\)$/);
  assert.throws(() => builtinPdk('nope'), /unknown built-in PDK 'nope'/);
});

test('loadPdk reads a valid file and returns exactly its content', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdk-load-'));
  const file = path.join(dir, 'custom.json');
  const doc = mutable();
  doc.name = 'my-process';
  doc.mzi.insertionLossDb = 0.5;
  doc.sources['mzi.insertionLossDb'] = 'our own measurement, wafer 7';
  writeFileSync(file, JSON.stringify(doc));
  const pdk: Pdk = loadPdk(file);
  assert.deepEqual(pdk, doc);
});
