import { type MessagePort, workerData } from 'node:worker_threads';
import { getUnchunkedGruKernel } from './kernel';
import { answerArrays, type LaneJob, LaneTapes } from './laneJobs';
import type { GruKernelKind } from './types';

/**
 * One lane of the threaded GRU kernel in Node (threads.ts): a worker thread with its own kernel
 * instance (its own wasm memory) running laneJobs.ts; after posting each answer it raises `done`
 * so the waiting thread wakes.
 */
type Job = LaneJob | { op: 'release'; id: number };

const { port, done, kind } = workerData as { port: MessagePort; done: Int32Array; kind: GruKernelKind };
const lane = new LaneTapes(getUnchunkedGruKernel(kind));

function answer(message: unknown, transfer: ArrayBuffer[]): void {
  port.postMessage(message, transfer);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

port.on('message', (job: Job) => {
  if (job.op === 'release') return lane.release(job.id);
  try {
    const value = lane.run(job);
    const arrays = answerArrays(job, value);
    answer(
      { ok: true, value },
      arrays.map((a) => a.buffer as ArrayBuffer),
    );
  } catch (e) {
    answer({ ok: false, message: e instanceof Error ? e.message : String(e) }, []);
  }
});
