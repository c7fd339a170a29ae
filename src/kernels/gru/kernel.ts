/**
 * Kernel selection. The WebAssembly SIMD kernel is the default wherever the engine can compile
 * the module (Node >= 16.4, every current browser, in workers too); the plain TypeScript kernel is
 * the fallback. Both are synchronous and use no Node-only API. On a browser's main thread Chrome
 * refuses to compile a module over 4 KiB synchronously: await prepareGruKernels() there first.
 */
import { JsGruKernel } from './jsKernel';
import type { GruKernel, GruKernelKind } from './types';
import { WasmGruKernel } from './wasmKernel';

let wasmKernel: WasmGruKernel | null | undefined;
let jsKernel: JsGruKernel | undefined;

/** The WebAssembly kernel, or null when this engine cannot compile wasm SIMD. */
export function getWasmGruKernel(): WasmGruKernel | null {
  if (wasmKernel === undefined) {
    try {
      wasmKernel = WasmGruKernel.create();
    } catch {
      wasmKernel = null;
    }
  }
  return wasmKernel;
}

/** Compiles the wasm kernel asynchronously (if it is not yet); resolves to the kernel 'auto' picks. */
export async function prepareGruKernels(): Promise<GruKernelKind> {
  if (wasmKernel === undefined) {
    try {
      wasmKernel = await WasmGruKernel.createAsync();
    } catch {
      wasmKernel = null;
    }
  }
  return wasmKernel ? 'wasm' : 'js';
}

export function getJsGruKernel(): JsGruKernel {
  if (!jsKernel) jsKernel = new JsGruKernel();
  return jsKernel;
}

/** 'auto' (default): wasm when available, else js. 'wasm' throws where wasm SIMD is unavailable. */
export function getGruKernel(kind: GruKernelKind | 'auto' = 'auto'): GruKernel {
  if (kind === 'js') return getJsGruKernel();
  const w = getWasmGruKernel();
  if (w) return w;
  if (kind === 'wasm') throw new Error('GRU: WebAssembly SIMD is not available in this engine');
  return getJsGruKernel();
}
