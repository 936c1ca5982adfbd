/**
 * `foundry` command line: argv → options → library → output + exit code. A thin shell: no model logic here.
 * Exit codes: see exit-codes.ts. Errors are one line on stderr: `foundry: <message>`.
 */
import { Command, CommanderError } from 'commander';
import { errorMessage, FoundryError } from '../core/errors.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, exitCodeFor } from './exit-codes.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerInfer } from './commands/infer.js';
import { registerCompile } from './commands/compile.js';
import { registerEval } from './commands/eval.js';
import { registerDecompose } from './commands/decompose.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerPdk } from './commands/pdk.js';
import { registerRender } from './commands/render.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
}

/** A command's action resolves to its exit code. */
export type CommandAction = (...args: never[]) => Promise<number>;

export function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('foundry')
    .description('Photonic Foundry: compile trained neural networks (ONNX) into silicon-photonic MZI-mesh accelerators')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // commander's own usage errors: keep them to one line, prefixed like ours
      outputError: (s, write) => write(`foundry: ${s.replace(/^error:\s*/i, '').split('\n')[0]}\n`),
    })
    .exitOverride();
  const ctx = { io, setCode };
  registerAnalyze(program, ctx);
  registerInfer(program, ctx);
  registerCompile(program, ctx);
  registerEval(program, ctx);
  registerDecompose(program, ctx);
  registerRebuild(program, ctx);
  registerPdk(program, ctx);
  registerRender(program, ctx);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`foundry ${cmd.name()}: ${s.replace(/^error:\s*/i, '').split('\n')[0]}\n`),
    });
  }
  return program;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly setCode: (code: number) => void;
}

const VERSION = '0.1.0';

/** Runs the CLI on `args` (without node and script) and returns the process exit code. */
export async function runCli(args: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => (code = c));
  if (args.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_BAD_INPUT;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every usage error is exit 2 (commander's default would be 1)
      return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    const exit = exitCodeFor(err);
    if (err instanceof FoundryError) {
      io.stderr.write(`foundry: ${errorMessage(err)}\n`);
    } else {
      // a bug, not bad input: still one line, the stack only on request
      io.stderr.write(`foundry: internal error: ${errorMessage(err)} (set FOUNDRY_DEBUG=1 for details)\n`);
      if (process.env.FOUNDRY_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    }
    return exit;
  }
}
