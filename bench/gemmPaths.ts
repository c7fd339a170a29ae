// The GRU kernel's two paths for its matrix products (src/kernels/gru/blocking.ts), plain and
// blocked, timed against each other at one size on this thread: the batch in the op's chunks
// (chunked.ts, no lanes), forward + backward, the two paths alternating, the best of several
// passes each. Timed in CPU time of this process rather than wall time, so that other work on a
// shared machine inflates neither side (the two paths give the same bits; only speed differs).
import { ChunkedGruKernel } from '../src/kernels/gru/chunked';
import { getUnchunkedGruKernel } from '../src/kernels/gru/kernel';
import type { GruDims } from '../src/kernels/gru/types';
import { WasmGruKernel } from '../src/kernels/gru/wasmKernel';

export function gemmPathMs(dims: GruDims, passes = 6): { plain: number; blocked: number } {
  const wasm = getUnchunkedGruKernel('wasm');
  if (!(wasm instanceof WasmGruKernel)) throw new Error('gemmPathMs: the wasm kernel is not loaded');
  const { batch: B, time: T, input: I, hidden: H } = dims;
  const rnd = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
  const params = { kernel: rnd(I * 3 * H), recurrentKernel: rnd(3 * H * H), bias: rnd(3 * H) };
  const x = rnd(B * T * I);
  const dH = rnd(B * T * H);
  const k = new ChunkedGruKernel(wasm);
  const best = { plain: Infinity, blocked: Infinity };
  const previous = wasm.gemmPath;
  try {
    for (let pass = 0; pass < passes + 1; pass++) {
      for (const path of ['plain', 'blocked'] as const) {
        wasm.gemmPath = path;
        const c0 = process.cpuUsage();
        k.backward(k.forward(dims, x, params).tape!, dH);
        const c = process.cpuUsage(c0);
        // the first pass of each path warms it up
        if (pass > 0) best[path] = Math.min(best[path], (c.user + c.system) / 1000);
      }
    }
  } finally {
    wasm.gemmPath = previous;
  }
  return best;
}
