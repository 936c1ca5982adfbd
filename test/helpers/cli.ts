/**
 * Test helper: runs the real `foundry` command (bin/foundry.js → dist/, built by `npm test`'s pretest) as a
 * child process and captures its exit code, stdout and stderr.
 */
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { FOUNDRY_BIN, REPO_ROOT } from './paths.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runFoundry(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [FOUNDRY_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FOUNDRY_DEBUG: '' },
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts a failed run: the exit code, nothing on stdout, one line on stderr matching `pattern`, no stack. */
export function assertCliError(run: CliRun, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, `exit code ${run.code}, stderr: ${run.stderr}`);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `expected one stderr line, got: ${run.stderr}`);
  assert.match(lines[0], /^foundry( \w+)?: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, 'stack trace on stderr');
  assert.doesNotMatch(lines[0], /internal error/);
}
