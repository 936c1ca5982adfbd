/**
 * `npm run bench`: runs every benchmark in bench/ and writes the figures to bench/results.json (git-ignored).
 * Benchmarks are never part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { runDecomposeBench } from './decompose.js';
import { runModelBench } from './models.js';

const results = { date: new Date().toISOString(), node: process.version, decompose: runDecomposeBench(), models: runModelBench() };
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
