#!/usr/bin/env node
/**
 * Builds the optional native mesh kernels: native/mesh_kernels.c → build/mesh_kernels.node (an N-API addon;
 * see src/sim/kernels/native.ts). Run by `npm install` / `npm ci` (the "install" script) and by
 * `npm run build:native`.
 *
 * No network and no node-gyp: the C compiler ($CC, else `cc`) is invoked directly with the Node headers found
 * locally ($FOUNDRY_NODE_INCLUDE, $npm_config_nodedir/include/node, <node prefix>/include/node next to
 * process.execPath, process.config's node_prefix, or node-gyp's header cache). The result is loaded in a
 * child process before it replaces build/mesh_kernels.node, so a broken build never replaces a good one.
 *
 * This script NEVER fails: whatever goes wrong (no compiler, no headers, unsupported platform or CPU,
 * compile error) it prints one line "native kernels not built (…); using WebAssembly" and exits 0; the
 * simulator then uses its WebAssembly SIMD (or TypeScript) kernels. FOUNDRY_SKIP_NATIVE=1 skips the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'native', 'mesh_kernels.c');
const output = path.join(root, 'build', 'mesh_kernels.node');

class Skip extends Error {}

function includeDir() {
  const prefix = process.config?.variables?.node_prefix;
  const candidates = [
    process.env.FOUNDRY_NODE_INCLUDE,
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include', 'node'),
    path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
    typeof prefix === 'string' && prefix !== '' && path.join(prefix, 'include', 'node'),
    path.join(os.homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
    path.join(os.homedir(), 'Library', 'Caches', 'node-gyp', process.versions.node, 'include', 'node'),
  ];
  const dir = candidates.find((d) => typeof d === 'string' && d !== '' && existsSync(path.join(d, 'node_api.h')));
  if (dir === undefined) throw new Skip('Node headers (node_api.h) not found; set FOUNDRY_NODE_INCLUDE');
  return dir;
}

function firstLine(text) {
  const line = String(text ?? '').split('\n').find((l) => /error/i.test(l)) ?? String(text ?? '').split('\n')[0];
  return line.trim().slice(0, 200);
}

function build() {
  if (process.env.FOUNDRY_SKIP_NATIVE === '1') throw new Skip('FOUNDRY_SKIP_NATIVE=1');
  if (process.platform === 'win32') throw new Skip('Windows is not supported by this build script');
  if (process.arch !== 'x64') throw new Skip(`the kernels need x86-64 with AVX2, this is ${process.arch}`);
  if (!existsSync(source)) throw new Skip(`${path.relative(root, source)} is missing`);
  const include = includeDir();
  mkdirSync(path.dirname(output), { recursive: true });
  const tmp = path.join(path.dirname(output), `mesh_kernels.${process.pid}.tmp.node`);
  const cc = process.env.CC || 'cc';
  // The AVX2/FMA code carries a target attribute, so the file is compiled for the baseline ISA and the
  // addon checks the CPU when loaded. -ffp-contract=off: no FMA contraction in the MZI and detection kernels (their
  // results must stay bit-identical to the TypeScript loops).
  const args = ['-O3', '-std=c11', '-ffp-contract=off', '-fPIC', '-shared', '-fvisibility=hidden', '-Wall', `-I${include}`, source, '-o', tmp];
  if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup');
  try {
    const compile = spawnSync(cc, args, { encoding: 'utf8', timeout: 180_000 });
    if (compile.error) throw new Skip(compile.error.code === 'ENOENT' ? `no C compiler (${cc})` : `${cc}: ${compile.error.message}`);
    if (compile.status !== 0) throw new Skip(`${cc} failed: ${firstLine(compile.stderr) || `exit ${compile.status}`}`);
    const check = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(tmp)}).simd)`], { encoding: 'utf8', timeout: 60_000 });
    if (check.status !== 0) throw new Skip(`the built addon does not load: ${firstLine(check.stderr) || `exit ${check.status}`}`);
    if (check.stdout !== 'avx2+fma') throw new Skip('this CPU does not support AVX2 and FMA');
    renameSync(tmp, output);
    return check.stdout;
  } finally {
    rmSync(tmp, { force: true });
  }
}

try {
  const simd = build();
  console.log(`native kernels built: ${path.relative(root, output)} (${simd})`);
} catch (e) {
  const why = e instanceof Skip ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  console.log(`native kernels not built (${why}); using WebAssembly`);
}
process.exitCode = 0;
