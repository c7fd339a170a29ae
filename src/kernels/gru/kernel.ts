/**
 * Kernel selection. The WebAssembly SIMD kernel is the default wherever the engine can compile
 * the module (Node >= 16.4, every current browser, in workers too); the plain TypeScript kernel,
 * about 10× slower, is the fallback. Both are synchronous and use no Node-only API.
 *
 * The fallback is never silent. `loadWasmGruKernel` tells the reasons apart and keeps the
 * engine's own message; `gruKernelNotice()` turns a fallback into one line that the CLI
 * (src/runs/backend.ts) prints on stderr and the editor's training worker posts as a notice; and
 * asking for 'wasm' explicitly throws with that message instead of falling back.
 */
import { ChunkedGruKernel, type GruLane } from './chunked';
import { JsGruKernel } from './jsKernel';
import type { GruKernel, GruKernelKind } from './types';
import { buildGruWasmModule } from './wasm/module';
import { WasmGruKernel } from './wasmKernel';

/**
 * Why the WebAssembly kernel cannot run:
 * - no-webassembly: the engine has no WebAssembly at all;
 * - no-simd: it has, but rejects a one-instruction SIMD128 module (the engine predates SIMD);
 * - compile-failed: SIMD works, yet the generated module does not compile. A bug in wasm/asm.ts
 *   or wasm/module.ts, or a browser's main thread, where Chrome compiles nothing over 4 KiB
 *   synchronously (train in a worker);
 * - instantiate-failed: it compiled but cannot start (its memory cannot be allocated, say).
 */
type WasmUnavailableCode = 'no-webassembly' | 'no-simd' | 'compile-failed' | 'instantiate-failed';

type WasmKernelLoad = { ok: true; kernel: WasmGruKernel } | { ok: false; code: WasmUnavailableCode; message: string };

/** (module (func v128.const i32x4 0 0 0 0 drop)): valid exactly where SIMD128 is. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x17, 0x01, 0x15, 0x00,
  0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1a, 0x0b,
]);

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Compiles and instantiates the kernel's module (`bytes`, normally the generated one), or says
 * precisely why it cannot. `wasm` is the engine's WebAssembly namespace, null where there is none
 * (a test passes stand-ins for engines without SIMD or without WebAssembly).
 */
export function loadWasmGruKernel(
  bytes: Uint8Array = buildGruWasmModule(),
  wasm: typeof WebAssembly | null = globalThis.WebAssembly ?? null,
): WasmKernelLoad {
  if (typeof wasm?.Module !== 'function') {
    return { ok: false, code: 'no-webassembly', message: 'WebAssembly is not available in this engine' };
  }
  if (!wasm.validate(SIMD_PROBE)) {
    return { ok: false, code: 'no-simd', message: 'WebAssembly SIMD is not available in this engine' };
  }
  let module: WebAssembly.Module;
  try {
    module = new wasm.Module(bytes as BufferSource);
  } catch (e) {
    return { ok: false, code: 'compile-failed', message: `the WebAssembly module does not compile (${describe(e)})` };
  }
  try {
    return { ok: true, kernel: WasmGruKernel.instantiate(module) };
  } catch (e) {
    return { ok: false, code: 'instantiate-failed', message: `the WebAssembly module compiled but cannot start (${describe(e)})` };
  }
}

export interface GruKernelChoice {
  /** what 'auto' runs */
  kernel: GruKernel;
  /** why the WebAssembly kernel is not the one; null when it is */
  fallback: { code: WasmUnavailableCode; message: string } | null;
}

export function chooseGruKernel(load: WasmKernelLoad): GruKernelChoice {
  if (load.ok) return { kernel: load.kernel, fallback: null };
  return { kernel: getJsKernel(), fallback: { code: load.code, message: load.message } };
}

/** The one line a user sees when 'auto' falls back to the JS kernel; null when it does not. */
export function gruKernelNotice(choice: GruKernelChoice = gruKernelChoice()): string | null {
  if (!choice.fallback) return null;
  return `GRU kernel: ${choice.fallback.message}; using the plain JavaScript kernel instead, about 10× slower`;
}

let choice: GruKernelChoice | undefined;
let jsKernel: JsGruKernel | undefined;
const chunked = new Map<GruKernel, ChunkedGruKernel>();

function getJsKernel(): JsGruKernel {
  if (!jsKernel) jsKernel = new JsGruKernel();
  return jsKernel;
}

/**
 * What the op runs: the kernel chunk by chunk (src/kernels/gru/chunked.ts), the same bits on any
 * number of threads. Only the chosen kernel gets the lanes: a lane runs that kernel's kind.
 */
function inChunks(kernel: GruKernel): ChunkedGruKernel {
  let c = chunked.get(kernel);
  if (!c) {
    c = new ChunkedGruKernel(kernel);
    chunked.set(kernel, c);
  }
  return c;
}

/**
 * Other threads for the chosen kernel's chunks (Node: src/kernels/gru/threads.ts); none by
 * default, and none in the editor, whose page is not cross-origin isolated.
 */
export function setGruLanes(lanes: readonly GruLane[]): void {
  inChunks(gruKernelChoice().kernel).lanes = lanes;
}

/** This engine's choice, made once. */
export function gruKernelChoice(): GruKernelChoice {
  if (!choice) choice = chooseGruKernel(loadWasmGruKernel());
  return choice;
}

/** 'auto' (default): wasm when it runs, else js (see gruKernelNotice). 'wasm' throws where it does not run. */
export function getGruKernel(kind: GruKernelKind | 'auto' = 'auto'): GruKernel {
  if (kind === 'js') return inChunks(getJsKernel());
  const c = gruKernelChoice();
  if (kind === 'wasm' && c.fallback) throw new Error(`GRU kernel: ${c.fallback.message}`);
  return inChunks(c.kernel);
}

/** The kernel itself, one call for the whole batch: what a lane's thread runs on its chunks. */
export function getUnchunkedGruKernel(kind: GruKernelKind): GruKernel {
  if (kind === 'js') return getJsKernel();
  const c = gruKernelChoice();
  if (c.fallback) throw new Error(`GRU kernel: ${c.fallback.message}`);
  return c.kernel;
}
