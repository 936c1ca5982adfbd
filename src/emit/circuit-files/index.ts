/**
 * The files of a compiled circuit, written into a directory: circuit.json (the whole circuit, enough to
 * re-simulate it), phases/*.json (every mesh in the mesh-phases v1 format of shared/spec/mesh-phases.md) and
 * report.json (hardware counts). The caller makes the directory atomic (pipeline/output-files.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { circuitToJson } from '../../ir/circuit-json.js';
import type { CircuitIR } from '../../ir/circuit.js';
import { emitMeshPhases, stringifyMeshPhases } from '../mesh-phases/index.js';
import { emitReportJson, phaseFileName, type ReportOptions } from '../report-json/index.js';

export const CIRCUIT_FILE = 'circuit.json';
export const REPORT_FILE = 'report.json';

/** Writes circuit.json, phases/ and report.json (figures for `report`'s PDK or precomputed cost) into `dir`. */
export function writeCircuitFiles(circuit: CircuitIR, dir: string, report: ReportOptions = {}): void {
  writeFileSync(path.join(dir, CIRCUIT_FILE), JSON.stringify(circuitToJson(circuit)) + '\n');
  mkdirSync(path.join(dir, 'phases'));
  circuit.layers.forEach((layer, l) => {
    layer.tiles.forEach((tile, t) => {
      writeFileSync(path.join(dir, phaseFileName(l, t, 'V')), stringifyMeshPhases(emitMeshPhases(tile.inputMesh)));
      writeFileSync(path.join(dir, phaseFileName(l, t, 'U')), stringifyMeshPhases(emitMeshPhases(tile.outputMesh)));
    });
  });
  writeFileSync(path.join(dir, REPORT_FILE), JSON.stringify(emitReportJson(circuit, report), null, 2) + '\n');
}
