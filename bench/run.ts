/**
 * `npm run bench`: runs every benchmark in bench/ and writes the figures to bench/results.json (git-ignored).
 * Benchmarks are never part of `npm test`. Sections can be chosen: `npm run bench -- decompose models`.
 * Sections: decompose (mesh decomposition and propagation), models (compile + ideal eval of the shared
 * models), montecarlo (10 chips × 10,000 LeNet-5 images), verilog, layout, report (artifact generation), recovery
 * (issue 4: --correct calibrate/finetune/both on LeNet-5, 10 chips, calibrated on images 0–999, scored on the rest; ≈ 15 min
 * on 2 cores).
 */
import { writeFileSync } from 'node:fs';
import { runDecomposeBench } from './decompose.js';
import { runModelBench } from './models.js';
import { runMonteCarloBench } from './montecarlo.js';
import { runVerilogArtifactsBench } from './artifacts-verilog.js';
import { runLayoutBench } from './artifacts-layout.js';
import { runReportBench } from './artifacts-report.js';
import { runRecoveryBench } from './recovery.js';

const SECTIONS: Record<string, () => unknown | Promise<unknown>> = {
  decompose: () => runDecomposeBench(),
  models: () => runModelBench(),
  montecarlo: () => runMonteCarloBench(),
  verilog: () => runVerilogArtifactsBench('core16'),
  layout: () => runLayoutBench(),
  report: () => runReportBench(),
  recovery: () => runRecoveryBench(),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !(a in SECTIONS));
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  process.exit(2);
}
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) {
  results[name] = await SECTIONS[name]();
}
const file = new URL('./results.json', import.meta.url);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${file.pathname}`);
