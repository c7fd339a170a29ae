// The machine's WebAssembly SIMD peak, the roof against which bench:step reports the GRU kernel's
// GFLOP/s. One function of eight independent f32x4 accumulators, each `acc = acc × m + a` per
// iteration (no fused multiply-add in fixed-width wasm SIMD, so a multiply and an add: 8 flops a
// lane-quad), so neither latency nor memory limits it: what one core can issue.
// Run: npm run --silent bench:peak   (prints one JSON line {"gflops", "threads": 1, "cpu"}). Never run by npm test.
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { GruDims } from '../src/kernels/gru/types';
import { FnBuilder, I32, ModuleBuilder, V128 } from '../src/kernels/gru/wasm/asm';

const ACCUMULATORS = 8;

function peakModule(): Uint8Array {
  const f = new FnBuilder('peak', ['iterations']);
  const i = f.local(I32, 'i');
  const acc = Array.from({ length: ACCUMULATORS }, (_, k) => f.local(V128, `acc${k}`));
  for (const a of acc) f.vconst(1).set(a);
  f.i32(0).set(i);
  f.block().loop();
  f.get(i).get(0).i32LtS().i32Eqz().brIf(1);
  for (const a of acc) f.get(a).vconst(0.999).f32x4Mul().vconst(0.001).f32x4Add().set(a);
  f.get(i).i32(1).i32Add().set(i);
  f.br(0);
  f.end().end();
  // stored, so that no accumulator is dead code
  for (const [k, a] of acc.entries())
    f.i32(16 * k)
      .get(a)
      .v128Store();
  const mod = new ModuleBuilder('simd-peak');
  mod.add(f);
  return mod.encode();
}

/** GFLOP/s of one thread at the wasm SIMD peak: the best of several timed runs of about `ms` each. */
export function simdPeakGflops(ms = 300): number {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(peakModule() as BufferSource), { env: { memory } });
  const peak = instance.exports.peak as (n: number) => void;
  peak(1e5); // compiled by the optimising tier
  let n = 1e6;
  let best = 0;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    peak(n);
    const dt = performance.now() - t0;
    best = Math.max(best, (n * ACCUMULATORS * 8) / (dt * 1e6));
    n = Math.min(2e9, Math.max(1e5, Math.round((n * ms) / Math.max(dt, 1))));
  }
  return best;
}

/**
 * The multiply-adds of one fused GRU forward and backward pass (src/kernels/gru: the GEMMs; the
 * element-wise gate work is left out), as 2 flops each: forward [x,1]·W for all rows and h·U per
 * step; backward dG·Uᵀ, dU, dW and db, dX.
 */
export function gruFlops({ batch: B, time: T, input: I, hidden: H }: GruDims): number {
  const rows = B * T;
  return 2 * rows * 3 * H * (I + 1 + H + H + H + (I + 1) + I);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify({ gflops: Number(simdPeakGflops(1000).toFixed(2)), threads: 1, cpu: cpus()[0]?.model ?? '?' }));
}
