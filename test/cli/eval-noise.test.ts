/**
 * `foundry eval --noise pdk` through the real CLI (dist/), LeNet-5 on the first MNIST test images, core 16:
 * - every imperfection off equals `--noise ideal` bit for bit (same logits, same JSON fields);
 * - the JSON schema (ideal mode unchanged; pdk mode adds photonic.{accuracy_std,worst,per_chip}, per_layer,
 *   ablation, noise), never a NaN;
 * - reproducibility: same seed → same per_chip, another seed differs, chip 3 of 5 = chip 3 of 8, threads 1 = 2;
 * - the thermo-optic SOI run (8-bit DAC, 0.5 % splitting spread, crosstalk on) with ablation;
 * - bad settings give one-line errors (exit 2) or a clearly reported result.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCliError, runFoundry } from '../helpers/cli.js';
import { MNIST_IMAGES, MNIST_LABELS, MODELS_DIR } from '../helpers/paths.js';
import { builtinPdk } from '../../src/pdk/index.js';

const MODEL = path.join(MODELS_DIR, 'mnist_lenet5_pytorch.onnx');
const BASE = ['eval', MODEL, '--data', MNIST_IMAGES, '--labels', MNIST_LABELS, '--scale', '1/255', '--core-size', '16', '--json'];
const ALL = 'loss,splitting,phase-error,phase-quantization,crosstalk,attenuator,drift,detector-noise,input-quantization,adc';

let dir = '';
before(() => (dir = mkdtempSync(path.join(tmpdir(), 'foundry-eval-noise-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `foundry eval … --json`, expects exit 0 and no NaN/Infinity in the output, returns the parsed JSON. */
function evalJson(args: readonly string[]): any {
  const run = runFoundry([...BASE, ...args]);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout, /NaN|Infinity/);
  return JSON.parse(run.stdout);
}

/** Every number in a JSON value is finite (null allowed). */
function assertFiniteOrNull(v: unknown, where = 'result'): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') return assert.ok(Number.isFinite(v), `${where} = ${v}`);
  if (Array.isArray(v)) return v.forEach((x, i) => assertFiniteOrNull(x, `${where}[${i}]`));
  for (const [k, x] of Object.entries(v as object)) assertFiniteOrNull(x, `${where}.${k}`);
}

test('--noise pdk with every imperfection off = --noise ideal, bit for bit (logits and JSON)', () => {
  const idealFile = path.join(dir, 'ideal.json');
  const pdkFile = path.join(dir, 'pdk-off.json');
  const ideal = evalJson(['--limit', '60', '--save-outputs', idealFile]);
  assert.deepEqual(Object.keys(ideal), ['model', 'n', 'digital', 'photonic', 'agreement', 'logit_diff'], 'ideal-mode keys unchanged');
  assert.deepEqual(Object.keys(ideal.photonic), ['accuracy', 'correct']);
  const off = evalJson(['--limit', '60', '--noise', 'pdk', '--disable', ALL, '--trials', '2', '--save-outputs', pdkFile]);
  assert.deepEqual(off.noise.imperfections, []);
  const a = JSON.parse(readFileSync(idealFile, 'utf8'));
  const b = JSON.parse(readFileSync(pdkFile, 'utf8'));
  assert.deepEqual(b.photonic, a.photonic, 'photonic logits');
  assert.deepEqual(b.digital, a.digital);
  assert.deepEqual(off.digital, ideal.digital);
  assert.equal(off.photonic.accuracy, ideal.photonic.accuracy);
  assert.equal(off.photonic.correct, ideal.photonic.correct);
  assert.deepEqual(off.photonic.per_chip, [ideal.photonic.accuracy, ideal.photonic.accuracy]);
  assert.equal(off.agreement, ideal.agreement);
  assert.deepEqual(off.logit_diff, ideal.logit_diff);
  assert.ok(off.per_layer.every((l: { rel_error: number }) => l.rel_error === 0));
  // `--disable all` is the same as listing them
  assert.deepEqual(evalJson(['--limit', '20', '--noise', 'pdk', '--disable', 'all']).noise.imperfections, []);
});

test('thermo-optic SOI (8-bit DAC, 0.5 % splitting spread, crosstalk on): schema, finite numbers, ablation', () => {
  const r = evalJson(['--limit', '40', '--noise', 'pdk', '--pdk', 'soi-thermo', '--dac-bits', '8', '--split-sigma', '0.005', '--trials', '2', '--ablation']);
  assert.deepEqual(Object.keys(r), ['model', 'n', 'digital', 'photonic', 'agreement', 'logit_diff', 'per_layer', 'ablation', 'noise']);
  assert.deepEqual(Object.keys(r.photonic), ['accuracy', 'correct', 'accuracy_std', 'worst', 'per_chip']);
  assert.equal(r.photonic.per_chip.length, 2);
  assert.equal(r.photonic.accuracy, (r.photonic.per_chip[0] + r.photonic.per_chip[1]) / 2);
  assert.equal(r.photonic.worst, Math.min(...r.photonic.per_chip));
  assert.deepEqual(r.per_layer.map((l: { name: string }) => l.name), ['/net/net.0/Conv', '/net/net.3/Conv', '/net/net.7/Gemm', '/net/net.9/Gemm', '/net/net.11/Gemm']);
  assert.ok(r.per_layer.every((l: { rel_error: number }) => l.rel_error > 0));
  assert.deepEqual(r.noise.imperfections, ALL.split(','));
  assert.deepEqual(Object.keys(r.ablation), ALL.split(','));
  for (const a of Object.values(r.ablation) as number[]) assert.ok(a >= 0 && a <= 1);
  assert.deepEqual({ pdk: r.noise.pdk, trials: r.noise.trials, seed: r.noise.seed }, { pdk: 'soi-thermo', trials: 2, seed: 0 });
  assertFiniteOrNull(r);
  // without thermal crosstalk the same chips are much closer to the ideal ones
  const quiet = evalJson(['--limit', '40', '--noise', 'pdk', '--dac-bits', '8', '--split-sigma', '0.005', '--trials', '2', '--no-crosstalk']);
  assert.equal(quiet.noise.imperfections.includes('crosstalk'), false);
  assert.ok(quiet.per_layer[0].rel_error < r.per_layer[0].rel_error);
});

test('reproducible: same seed → same per_chip, another seed differs, chip 3 of 5 = chip 3 of 8, threads 1 = 2', () => {
  const common = ['--limit', '30', '--noise', 'pdk', '--seed', '7'];
  const f5 = path.join(dir, 'five.json');
  const five = evalJson([...common, '--trials', '5', '--threads', '1', '--save-outputs', f5]);
  const eight = evalJson([...common, '--trials', '8', '--threads', '2']);
  const again = evalJson([...common, '--trials', '5', '--threads', '2']);
  assert.equal(five.photonic.per_chip.length, 5);
  assert.equal(eight.photonic.per_chip.length, 8);
  assert.deepEqual(eight.photonic.per_chip.slice(0, 5), five.photonic.per_chip);
  assert.equal(eight.photonic.per_chip[3], five.photonic.per_chip[3]);
  assert.deepEqual(again, five);
  const f8 = path.join(dir, 'other-seed.json');
  const other = evalJson(['--limit', '30', '--noise', 'pdk', '--seed', '8', '--trials', '5', '--save-outputs', f8]);
  assert.notDeepEqual(other.per_layer, five.per_layer);
  assert.notDeepEqual(JSON.parse(readFileSync(f8, 'utf8')).photonic, JSON.parse(readFileSync(f5, 'utf8')).photonic);
});

test('bad settings: one-line errors, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--noise', 'pdk', '--trials', '-1'], /--trials must be a positive integer, got '-1'/],
    [['--noise', 'pdk', '--trials', '0'], /--trials must be a positive integer/],
    [['--noise', 'pdf'], /--noise must be 'ideal' or 'pdk', got 'pdf'/],
    [['--noise', 'pdk', '--disable', 'crosstalk,noise'], /--disable: unknown imperfection 'noise'/],
    [['--noise', 'pdk', '--dac-bits', '0'], /--dac-bits must be a positive integer/],
    [['--noise', 'pdk', '--split-sigma', '-0.1'], /--split-sigma must be a number from 0 to 0.5/],
    [['--noise', 'pdk', '--pdk', 'no-such-pdk'], /unknown PDK 'no-such-pdk'/],
    [['--trials', '3'], /--trials applies only with --noise pdk/],
    [['--no-crosstalk'], /--no-crosstalk applies only with --noise pdk/],
  ];
  for (const [args, pattern] of cases) assertCliError(runFoundry([...BASE, '--limit', '5', ...args]), 2, pattern);
});

test('PDKs that make the model useless: (almost) 0 dB extinction is a reported result; no light at all is a clear error', () => {
  const pdk = builtinPdk('soi-thermo');
  const noEr = path.join(dir, 'no-extinction.json');
  writeFileSync(noEr, JSON.stringify({ ...pdk, name: 'no-extinction', mzi: { ...pdk.mzi, extinctionRatioDb: 0.01 } }));
  const r = evalJson(['--limit', '30', '--noise', 'pdk', '--pdk', noEr, '--no-crosstalk']);
  assert.equal(r.noise.pdk, 'no-extinction');
  assertFiniteOrNull(r);
  assert.ok(r.per_layer[0].rel_error > 0.1, 'attenuators stuck open wreck every layer');
  const dark = path.join(dir, 'dark.json');
  writeFileSync(dark, JSON.stringify({ ...pdk, name: 'dark', mzi: { ...pdk.mzi, insertionLossDb: 1000 } }));
  assertCliError(runFoundry([...BASE, '--limit', '5', '--noise', 'pdk', '--pdk', dark]), 2, /PDK 'dark': no light reaches the detectors of optical layer '\/net\/net.0\/Conv'/);
});

test('--correct: usage errors (exit 2) — with --noise ideal, bad method, bad or too many calibration samples', () => {
  const cases: [string[], RegExp][] = [
    [['--correct', 'calibrate'], /--correct applies only with --noise pdk/],
    [['--calibration-samples', '3'], /--calibration-samples applies only with --noise pdk/],
    [['--noise', 'pdk', '--correct', 'magic'], /--correct must be one of none, calibrate, finetune, both, got 'magic'/],
    [['--noise', 'pdk', '--correct', 'calibrate', '--calibration-samples', '0'], /--calibration-samples must be a positive integer, got '0'/],
    [['--noise', 'pdk', '--correct', 'calibrate', '--calibration-samples', 'x'], /--calibration-samples must be a positive integer, got 'x'/],
    [['--noise', 'pdk', '--correct', 'calibrate', '--calibration-samples', '5'], /--calibration-samples \(5\) must be less than the number of samples \(5\)/],
    [['--noise', 'pdk', '--correct', 'calibrate'], /--calibration-samples \(1000\) must be less than the number of samples \(5\)/],
    [['--noise', 'pdk', '--calibration-samples', '2'], /--calibration-samples applies only with --correct/],
  ];
  for (const [args, pattern] of cases) assertCliError(runFoundry([...BASE, '--limit', '5', ...args]), 2, pattern);
});

test('--correct calibrate|finetune: "corrected" beside the uncorrected figures, both scored on the samples after the calibration ones', () => {
  const plain = evalJson(['--limit', '100', '--noise', 'pdk', '--split-sigma', '0.005', '--dac-bits', '8', '--trials', '2']);
  for (const method of ['calibrate', 'finetune']) {
    const r = evalJson(['--limit', '100', '--noise', 'pdk', '--split-sigma', '0.005', '--dac-bits', '8', '--trials', '2', '--correct', method, '--calibration-samples', '40']);
    assertFiniteOrNull(r);
    assert.equal(r.n, 60, 'scored on the 60 samples after the 40 calibration ones');
    assert.deepEqual(Object.keys(r.corrected), ['method', 'calibration_samples', 'accuracy', 'accuracy_std', 'worst']);
    assert.equal(r.corrected.method, method);
    assert.equal(r.corrected.calibration_samples, 40);
    // the uncorrected chips are the same chips as without --correct, on the last 60 samples
    assert.notEqual(r.photonic.accuracy, null);
    assert.ok(r.corrected.accuracy > r.photonic.accuracy + 0.3, `${method}: corrected ${r.corrected.accuracy} vs uncorrected ${r.photonic.accuracy}`);
    assert.ok(r.corrected.worst <= r.corrected.accuracy);
  }
  assert.equal(plain.n, 100);
  assert.equal(plain.corrected, undefined);
  const human = runFoundry([...BASE.filter((a) => a !== '--json'), '--limit', '50', '--noise', 'pdk', '--correct', 'calibrate', '--calibration-samples', '20']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /corrected  \d+\.\d+ % mean .*--correct calibrate, calibrated on the first 20 samples, all scores on the other 30/);
});
