import { gruKernelChoice, setGruLanes } from './kernel';
import { SharedMemoryLane } from './sharedLane';

/**
 * The GRU kernel on several threads of a browser worker: `threads - 1` nested workers, each with
 * its own kernel instance, take their share of the batch's chunks (chunked.ts), the same bits as
 * on one thread. Shared memory needs a cross-origin isolated page (COOP/COEP headers); without
 * it, or where the lanes cannot start, the kernel stays on the calling thread and the result
 * says why.
 */
export type GruThreadsResult = { threads: number; reason?: string };

let lanes: SharedMemoryLane[] = [];

export async function setBrowserGruThreads(threads: number): Promise<GruThreadsResult> {
  const want = Math.max(0, Math.floor(threads) - 1);
  if (want === lanes.length) return { threads: want + 1 };
  for (const l of lanes) l.terminate();
  lanes = [];
  setGruLanes([]);
  if (want === 0) return { threads: 1 };
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== 'function') {
    return { threads: 1, reason: 'the page is not cross-origin isolated (COOP/COEP headers), so there is no shared memory' };
  }
  const kind = gruKernelChoice().kernel.kind;
  const workers = Array.from({ length: want }, () => new Worker(new URL('./browserLane.worker.ts', import.meta.url), { type: 'module' }));
  const started = await Promise.allSettled(workers.map((w) => SharedMemoryLane.start(w, kind)));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    for (const w of workers) w.terminate();
    return { threads: 1, reason: failed.reason instanceof Error ? failed.reason.message : String(failed.reason) };
  }
  lanes = started.map((s) => (s as PromiseFulfilledResult<SharedMemoryLane>).value);
  setGruLanes(lanes);
  return { threads: want + 1 };
}
