/**
 * Runs the open-source EDA tools on an emitted `verilog/` folder (spawned with node:child_process in that
 * folder, so `$readmemh` finds codes.hex): Icarus Verilog (iverilog + vvp) for the testbench, Verilator for
 * lint, Yosys for a generic synthesis and its cell count. A tool that is not installed raises an
 * InvalidInputError naming the Debian package (iverilog, verilator, yosys).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { InvalidInputError } from '../../core/errors.js';
import { TESTBENCH_FILE, TOP_MODULE } from './design.js';

export type EdaTool = 'iverilog' | 'vvp' | 'verilator' | 'yosys';

const DEBIAN_PACKAGE: Record<EdaTool, string> = { iverilog: 'iverilog', vvp: 'iverilog', verilator: 'verilator', yosys: 'yosys' };

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Default time limit of one tool run, ms. */
export const EDA_TIMEOUT_MS = 600_000;

/** Runs `tool args` in `cwd`; throws InvalidInputError when the tool is missing or cannot be started. */
export function runEdaTool(tool: EdaTool, args: readonly string[], cwd: string, timeoutMs = EDA_TIMEOUT_MS): ToolRun {
  const t0 = performance.now();
  const r = spawnSync(tool, args, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InvalidInputError(`${tool} is not installed (not on PATH): install the Debian package '${DEBIAN_PACKAGE[tool]}'`, { stage: 'emit', details: { tool } });
    }
    throw new InvalidInputError(`${tool} could not run in ${cwd}: ${r.error.message}`, { stage: 'emit', details: { tool }, cause: r.error });
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - t0) / 1000 };
}

/** The synthesizable sources of an emitted folder: every `.v` file but the testbench, sorted. */
export function controllerSources(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.v') && !f.startsWith('tb_'))
    .sort();
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface SimulationResult {
  readonly passed: number;
  readonly failed: number;
  /** vvp's exit status (non-zero when the testbench called $fatal). */
  readonly status: number | null;
  readonly output: string;
  /** Compile + simulation wall time, s. */
  readonly seconds: number;
}

/**
 * Compiles the testbench with the controller sources (iverilog -g2005) and runs it (vvp). The counts come
 * from its `N passed, M failed` line (−1 when it printed none).
 */
export function simulateTestbench(dir: string, timeoutMs = EDA_TIMEOUT_MS): SimulationResult {
  const compile = runEdaTool('iverilog', ['-g2005', '-o', 'tb_controller.vvp', TESTBENCH_FILE, ...controllerSources(dir)], dir, timeoutMs);
  if (compile.status !== 0) {
    throw new InvalidInputError(`iverilog could not compile the testbench in ${dir}:\n${tail(compile.stderr + compile.stdout)}`, { stage: 'emit' });
  }
  const run = runEdaTool('vvp', ['-n', 'tb_controller.vvp'], dir, timeoutMs);
  const output = run.stdout + run.stderr;
  const m = /^(\d+) passed, (\d+) failed$/m.exec(output);
  return {
    passed: m ? Number(m[1]) : -1,
    failed: m ? Number(m[2]) : -1,
    status: run.status,
    output,
    seconds: compile.seconds + run.seconds,
  };
}

/** `verilator --lint-only -Wall` on the controller sources; the run (warnings are on stderr). */
export function lintController(dir: string, top = TOP_MODULE): ToolRun {
  return runEdaTool('verilator', ['--lint-only', '-Wall', '--top-module', top, ...controllerSources(dir)], dir);
}

/**
 * Synthesises the controller in `dir` (an emitted `verilog/` folder) with Yosys' generic flow —
 * `read_verilog <sources>; synth -flatten -top photonic_controller; stat` — and returns its number of cells
 * (the flattened design's `Number of cells`). Throws InvalidInputError when Yosys is missing or fails.
 */
export function synthesizeCellCount(dir: string, options: { readonly top?: string; readonly timeoutMs?: number } = {}): number {
  const top = options.top ?? TOP_MODULE;
  const script = `read_verilog ${controllerSources(dir).join(' ')}; synth -flatten -top ${top}; stat`;
  const r = runEdaTool('yosys', ['-p', script], dir, options.timeoutMs);
  if (r.status !== 0) throw new InvalidInputError(`yosys failed in ${dir}:\n${tail(r.stderr + r.stdout)}`, { stage: 'emit' });
  const counts = [...r.stdout.matchAll(/Number of cells:\s+(\d+)/g)];
  if (counts.length === 0) throw new InvalidInputError(`yosys printed no cell count in ${dir}`, { stage: 'emit' });
  return Number(counts[counts.length - 1][1]);
}
