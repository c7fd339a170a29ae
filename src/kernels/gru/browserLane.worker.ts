/// <reference lib="webworker" />
import { getUnchunkedGruKernel } from './kernel';
import { answerArrays, LaneTapes } from './laneJobs';
import { ANSWERED, ERROR_BYTES, FAILED, type LaneInit, type LaneMessage, type LaneReady } from './sharedLane';

/**
 * One lane of the threaded GRU kernel in a browser (sharedLane.ts): a nested worker with its own
 * kernel instance, running laneJobs.ts, that writes each answer into the shared memory it is
 * given and wakes the waiting thread.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let lane: LaneTapes | null = null;
let shared: LaneInit | null = null;

function raise(state: number): void {
  Atomics.store(shared!.control, 0, state);
  Atomics.notify(shared!.control, 0);
}

function fail(message: string): void {
  const bytes = new TextEncoder().encode(message).subarray(0, ERROR_BYTES);
  shared!.error.set(bytes);
  shared!.control[1] = bytes.length;
  raise(FAILED);
}

scope.addEventListener('message', (e: MessageEvent<LaneMessage>) => {
  const m = e.data;
  if (m.op === 'init') {
    shared = m;
    try {
      lane = new LaneTapes(getUnchunkedGruKernel(m.kind));
      scope.postMessage({ ready: true } satisfies LaneReady);
    } catch (err) {
      scope.postMessage({ ready: false, message: err instanceof Error ? err.message : String(err) } satisfies LaneReady);
    }
    return;
  }
  if (m.op === 'release') return lane?.release(m.id);
  try {
    const value = lane!.run(m);
    const arrays = answerArrays(m, value);
    const out = new Float32Array(m.out);
    let at = 0;
    for (const a of arrays) {
      if (at + a.length > out.length) throw new Error('the answer does not fit the shared memory given for it');
      out.set(a, at);
      at += a.length;
    }
    raise(ANSWERED);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
});
