/**
 * `foundry pdk list [--json]` and `foundry pdk show NAME|FILE [--json]`: the built-in PDKs, and every field of
 * one PDK with its value, unit and source. `show --json` prints the PDK document itself (a valid PDK file).
 * An unknown name, missing or invalid file is exit 2 with one line naming the file and field.
 */
import type { Command } from 'commander';
import { DEFAULT_PDK_NAME, builtinPdk, describePdkFields, listPdks, loadPdk, type Pdk, type PdkFieldRow } from '../../index.js';
import { EXIT_OK } from '../exit-codes.js';
import { table } from '../format.js';
import type { CommandContext } from '../main.js';

export function registerPdk(program: Command, { io, setCode }: CommandContext): void {
  const pdk = program
    .command('pdk')
    .description('list the built-in PDKs (device models) or show one PDK with every value, unit and source');

  pdk
    .command('list')
    .description('list the built-in PDKs')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      const pdks = listPdks().map((p) => builtinPdk(p.name));
      io.stdout.write(opts.json ? JSON.stringify(pdks.map(listEntry), null, 2) + '\n' : formatPdkList(pdks));
      setCode(EXIT_OK);
    });

  pdk
    .command('show')
    .description('show a PDK (built-in name or JSON file): every field with its value, unit and source')
    .argument('<pdk>', `built-in PDK name (${listPdks().map((p) => p.name).join(', ')}) or PDK JSON file`)
    .option('--json', 'print the PDK document as JSON (a valid PDK file)')
    .action(async (nameOrFile: string, opts: { json?: boolean }) => {
      const loaded = loadPdk(nameOrFile);
      io.stdout.write(opts.json ? JSON.stringify(loaded, null, 2) + '\n' : formatPdk(loaded));
      setCode(EXIT_OK);
    });

  // sub-subcommands: usage errors on one line, prefixed like the others (`foundry pdk: …`)
  for (const cmd of pdk.commands) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`foundry pdk: ${s.replace(/^error:\s*/i, '').split('\n')[0]}\n`),
    });
  }
}

function listEntry(p: Pdk): Record<string, unknown> {
  return {
    name: p.name,
    description: p.description,
    isDefault: p.name === DEFAULT_PDK_NAME,
    phaseShifterType: p.phaseShifter.type,
    mziInsertionLossDb: p.mzi.insertionLossDb,
    pPiMw: p.phaseShifter.pPiMw,
  };
}

/** 30 → "30 mW", 1e-6 → "1 nW", 0.002 → "2 µW". */
function formatPowerMw(mw: number): string {
  if (mw >= 1 || mw === 0) return `${+mw.toPrecision(4)} mW`;
  if (mw >= 1e-3) return `${+(mw * 1e3).toPrecision(4)} µW`;
  return `${+(mw * 1e6).toPrecision(4)} nW`;
}

export function formatPdkList(pdks: readonly Pdk[]): string {
  const rows = pdks.map((p) => [
    p.name + (p.name === DEFAULT_PDK_NAME ? ' *' : ''),
    `${p.phaseShifter.type} (${p.phaseShifter.law})`,
    `${p.mzi.insertionLossDb} dB`,
    formatPowerMw(p.phaseShifter.pPiMw),
    p.description,
  ]);
  return `${table(['name', 'phase shifter', 'MZI loss', 'P_π', 'description'], rows)}\n\n* default PDK\n`;
}

function formatValue(v: PdkFieldRow['value']): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

export function formatPdk(p: Pdk): string {
  const rows = describePdkFields(p).map((r) => [r.path, formatValue(r.value), r.unit || '-', r.source ?? '-']);
  return [`name         ${p.name}`, `description  ${p.description}`, '', table(['field', 'value', 'unit', 'source'], rows)].join('\n') + '\n';
}
