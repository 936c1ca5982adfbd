/**
 * A tiny WebAssembly binary assembler: just enough of the binary format (WebAssembly Core Specification 2.0,
 * §5 "Binary Format", plus the fixed-width SIMD proposal's 0xFD opcodes) to emit small numeric kernels from
 * TypeScript at run time, so no WAT toolchain or generated binary is needed in the repository. Used by the
 * matrix-product kernel (ops/wasm-matmul.ts) and the MZI-propagation kernels (sim/kernels/mzi-simd.ts).
 *
 * Usage: build a function body as a byte array from the opcodes of `op` (instructions without an immediate are
 * byte arrays, the others functions of the immediate) and `loopUntil`, then `assembleModule` wraps functions,
 * a memory (imported or the module's own) and exports into a module binary.
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit values). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: readonly number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

const code = (...bytes: number[]): readonly number[] => bytes;
/** SIMD opcodes: the 0xFD prefix, then the opcode as unsigned LEB128. */
const simd = (opcode: number, ...immediates: number[]): number[] => [0xfd, ...uleb(opcode), ...immediates];

/** Opcodes used by the kernels (memory access: memarg = alignment log2, then the byte offset). */
export const op = {
  block: code(0x02, 0x40),
  loop: code(0x03, 0x40),
  end: code(0x0b),
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  localGet: (i: number): number[] => [0x20, ...uleb(i)],
  localSet: (i: number): number[] => [0x21, ...uleb(i)],
  localTee: (i: number): number[] => [0x22, ...uleb(i)],
  i32Load: (offset = 0): number[] => [0x28, 2, ...uleb(offset)],
  f64Load: (offset = 0): number[] => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0): number[] => [0x39, 3, ...uleb(offset)],
  i32Const: (v: number): number[] => [0x41, ...sleb(v)],
  i32Eqz: code(0x45),
  i32GeU: code(0x4f),
  i32Add: code(0x6a),
  i32Sub: code(0x6b),
  i32Mul: code(0x6c),
  i32Shl: code(0x74),
  v128Load: (offset = 0): number[] => simd(0x00, 4, ...uleb(offset)),
  v128Store: (offset = 0): number[] => simd(0x0b, 4, ...uleb(offset)),
  /** v128.const 0. */
  v128Zero: code(...simd(0x0c, ...new Array<number>(16).fill(0))),
  f64x2Splat: code(...simd(0x14)),
  f64x2Add: code(...simd(0xf0)),
  f64x2Sub: code(...simd(0xf1)),
  f64x2Mul: code(...simd(0xf2)),
};

/**
 * `while (!exitIf) body`: block { loop { exitIf; br_if 1; body; br 0 } }. `exitIf` leaves an i32, nonzero to
 * leave the loop; it is tested before every iteration.
 */
export function loopUntil(exitIf: readonly number[], body: readonly number[]): number[] {
  return [...op.block, ...op.loop, ...exitIf, ...op.brIf(1), ...body, ...op.br(0), ...op.end, ...op.end];
}

export interface WasmFunction {
  /** Export name. */
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Extra locals (after the params), in order. */
  readonly locals: readonly ValType[];
  /** Body instructions, without the final `end`. */
  readonly body: readonly number[];
}

export interface ModuleMemory {
  /** Minimum size in 64 KiB pages (default 1). */
  readonly minPages?: number;
  /**
   * Without it the memory is imported as `env.memory` (so several modules can share one memory); with it the
   * module defines its own memory and exports it under this name.
   */
  readonly exportAs?: string;
}

/** Consecutive locals of one type as (count, type) entries. */
function localGroups(locals: readonly ValType[]): number[][] {
  const groups: { count: number; type: ValType }[] = [];
  for (const type of locals) {
    const last = groups[groups.length - 1];
    if (last?.type === type) last.count++;
    else groups.push({ count: 1, type });
  }
  return groups.map((g) => [...uleb(g.count), g.type]);
}

/** A module with one memory that exports the given functions (function i has type i). */
export function assembleModule(functions: readonly WasmFunction[], memory: ModuleMemory = {}): Uint8Array {
  const { exportAs } = memory;
  const limits = [0x00, ...uleb(memory.minPages ?? 1)]; // min only
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const funcs = functions.map((_, i) => uleb(i));
  const exports = functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]);
  if (exportAs !== undefined) exports.push([...str(exportAs), 0x02, ...uleb(0)]);
  const codes = functions.map((f) => {
    const body = [...vec(localGroups(f.locals)), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...(exportAs === undefined ? section(2, vec([[...str('env'), ...str('memory'), 0x02, ...limits]])) : []),
    ...section(3, vec(funcs)),
    ...(exportAs === undefined ? [] : section(5, vec([limits]))),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
