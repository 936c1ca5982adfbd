/**
 * The part of the WebAssembly JavaScript API the kernels use (ops/wasm-matmul.ts, sim/kernels/mzi-simd.ts).
 * The project compiles with lib ES2022 and @types/node, neither of which declares the `WebAssembly` global
 * (it lives in lib.dom), so it is declared here, once.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { readonly exports: Record<string, unknown> };
}

/** The runtime's WebAssembly API, or undefined where there is none. */
export function webAssembly(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
