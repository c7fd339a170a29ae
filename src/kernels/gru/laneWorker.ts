import { type MessagePort, workerData } from 'node:worker_threads';
import type { ChunkGradients, ChunkJob } from './chunked';
import { getUnchunkedGruKernel } from './kernel';
import type { GruKernelKind, GruParams, GruTape } from './types';

/**
 * One lane of the threaded GRU kernel (threads.ts): a worker thread with its own kernel instance
 * (its own wasm memory). It computes the chunks it is sent and keeps their tapes, by tape id, for
 * the backward pass; after posting each answer it raises `done` so the waiting thread wakes.
 */
type Job =
  | { op: 'forward'; id: number; jobs: ChunkJob[]; params: GruParams; save: boolean }
  | { op: 'backward'; id: number; jobs: ChunkJob[]; params: GruParams; dH: Float32Array[] }
  | { op: 'release'; id: number };

const { port, done, kind } = workerData as { port: MessagePort; done: Int32Array; kind: GruKernelKind };
const kernel = getUnchunkedGruKernel(kind);
const tapes = new Map<number, Map<number, GruTape>>();

function answer(message: unknown, transfer: ArrayBuffer[]): void {
  port.postMessage(message, transfer);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

function run(job: Exclude<Job, { op: 'release' }>): { value: Float32Array[] | ChunkGradients[]; transfer: ArrayBuffer[] } {
  if (job.op === 'forward') {
    const kept = new Map<number, GruTape>();
    const value = job.jobs.map((j) => {
      const r = kernel.forward(j.dims, j.x, job.params, { saveForBackward: job.save });
      if (r.tape) kept.set(j.chunk, r.tape);
      return r.h;
    });
    if (job.save) tapes.set(job.id, kept);
    return { value, transfer: value.map((h) => h.buffer as ArrayBuffer) };
  }
  const kept = tapes.get(job.id);
  tapes.delete(job.id);
  const value = job.jobs.map((j, i) => {
    // a tape this lane no longer holds is recomputed from the chunk's inputs
    const tape = kept?.get(j.chunk) ?? kernel.forward(j.dims, j.x, job.params).tape!;
    kept?.delete(j.chunk);
    return kernel.backward(tape, job.dH[i]);
  });
  for (const t of kept?.values() ?? []) t.release();
  return { value, transfer: value.flatMap((g) => [g.dX, g.dKernel, g.dRecurrentKernel, g.dBias].map((a) => a.buffer as ArrayBuffer)) };
}

port.on('message', (job: Job) => {
  if (job.op === 'release') {
    for (const t of tapes.get(job.id)?.values() ?? []) t.release();
    tapes.delete(job.id);
    return;
  }
  try {
    const { value, transfer } = run(job);
    answer({ ok: true, value }, transfer);
  } catch (e) {
    answer({ ok: false, message: e instanceof Error ? e.message : String(e) }, []);
  }
});
