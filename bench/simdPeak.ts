// The machine's WebAssembly SIMD peak, the roof against which bench:step reports the GRU kernel's
// GFLOP/s. One function of n independent f32x4 accumulators, each `acc = acc × m + a` per
// iteration (no fused multiply-add in fixed-width wasm SIMD, so a multiply and an add: 8 flops a
// lane-quad); the best of n = 8, 10 and 12. Each chain waits for its multiply and its add, so
// with too few chains the loop measures latency, not issue rate: on the 2-core Xeon 8 chains
// gave about 34 GFLOP/s while the kernel's GEMM ran at 44, 12 chains about 38 (more would not
// fit the 16 vector registers). So the peak is a floor on the roof, and the second number is
// the kernel's own 4 × 8 micro-kernel (gemmP) on operands that stay in L1: what its products
// reach when memory never waits.
// Run: npm run --silent bench:peak   (prints one JSON line {"gflops", "l1GemmGflops", "threads": 1, "cpu"}). Never run by npm test.
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { GruDims } from '../src/kernels/gru/types';
import { FnBuilder, I32, ModuleBuilder, V128 } from '../src/kernels/gru/wasm/asm';
import { buildGruWasmModule, type GruWasmExports } from '../src/kernels/gru/wasm/module';

function peakModule(chains: number): Uint8Array {
  const f = new FnBuilder('peak', ['iterations']);
  const i = f.local(I32, 'i');
  const acc = Array.from({ length: chains }, (_, k) => f.local(V128, `acc${k}`));
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

/** The best of 5 timed runs of about `ms` each of `run(n)`, which does n × `flopsPerUnit` flops: GFLOP/s. */
function bestGflops(run: (n: number) => void, flopsPerUnit: number, ms: number, n: number): number {
  run(n); // compiled by the optimising tier
  let best = 0;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    run(n);
    const dt = performance.now() - t0;
    best = Math.max(best, (n * flopsPerUnit) / (dt * 1e6));
    n = Math.min(2e9, Math.max(1, Math.round((n * ms) / Math.max(dt, 1))));
  }
  return best;
}

/** GFLOP/s of one thread at the wasm SIMD peak: the best over 8, 10 and 12 chains, of runs of about `ms` each. */
export function simdPeakGflops(ms = 300): number {
  let best = 0;
  for (const chains of [8, 10, 12]) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(peakModule(chains) as BufferSource), { env: { memory } });
    best = Math.max(best, bestGflops(instance.exports.peak as (n: number) => void, chains * 8, ms, 1e5));
  }
  return best;
}

/**
 * GFLOP/s of one thread in the kernel's own micro-kernel with every operand in L1: C [16 x 64]
 * += A [16 x 64] · B [64 x 64] through gemmP (packed B, the blocked path), 24 KiB in all.
 */
export function l1GemmGflops(ms = 300): number {
  const [M, N, K] = [16, 64, 64];
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(buildGruWasmModule() as BufferSource), { env: { memory } });
  const ex = instance.exports as unknown as GruWasmExports;
  const [pA, pB, pP, pC] = [0, M * K, M * K + K * N, M * K + 2 * K * N].map((floats) => 64 + 4 * floats);
  const f = new Float32Array(memory.buffer);
  for (let i = 16; i < (pC >> 2) + M * N; i++) f[i] = Math.sin(i) * 0.01;
  ex.pack(K, N, pB, N, pP);
  const run = (n: number) => {
    for (let i = 0; i < n; i++) ex.gemmP(M, N, K, pA, K, 1, pP, pC, N, 0);
  };
  return bestGflops(run, 2 * M * N * K, ms, 100);
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
  console.log(
    JSON.stringify({
      gflops: Number(simdPeakGflops(1000).toFixed(2)),
      l1GemmGflops: Number(l1GemmGflops(1000).toFixed(2)),
      threads: 1,
      cpu: cpus()[0]?.model ?? '?',
    }),
  );
}
