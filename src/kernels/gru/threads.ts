import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ChunkGradients, ChunkJob, GruLane } from './chunked';
import { gruKernelChoice, setGruLanes } from './kernel';
import type { GruKernelKind, GruParams } from './types';
import { waitWhile } from './waitWhile';

/**
 * The GRU kernel on several cores of one run, in Node: `threads - 1` worker threads, each with its
 * own kernel instance, take their share of the batch's chunks (chunked.ts) while the calling
 * thread computes its own. The kernel interface is synchronous (a tfjs op calls it), so the
 * calling thread blocks on an Atomics flag until a lane has answered, then reads the answer with
 * receiveMessageOnPort. The results are the same bits on any number of threads.
 */
class WorkerLane implements GruLane {
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;

  constructor(file: URL, kind: GruKernelKind) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(starter(file), { eval: true, workerData: { port: port2, done: this.done, kind }, transferList: [port2] });
    // an idle lane must not keep the process alive
    this.worker.unref();
    this.port.unref();
  }

  private post(message: unknown): void {
    Atomics.store(this.done, 0, 0);
    this.port.postMessage(message);
  }

  private wait<T>(): T {
    if (!waitWhile(this.done, 0, WAIT_MS)) throw new Error(`GRU lane: no answer in ${WAIT_MS / 1000} s`);
    const m = receiveMessageOnPort(this.port)?.message as { ok: true; value: T } | { ok: false; message: string } | undefined;
    if (!m) throw new Error('GRU lane: woke without an answer');
    if (!m.ok) throw new Error(`GRU lane: ${m.message}`);
    return m.value;
  }

  startForward(jobs: ChunkJob[], params: GruParams, save: boolean, id: number): void {
    this.post({ op: 'forward', id, jobs, params, save });
  }
  finishForward(): Float32Array[] {
    return this.wait<Float32Array[]>();
  }
  startBackward(jobs: ChunkJob[], params: GruParams, dH: Float32Array[], id: number): void {
    this.post({ op: 'backward', id, jobs, params, dH });
  }
  finishBackward(): ChunkGradients[] {
    return this.wait<ChunkGradients[]>();
  }
  release(id: number): void {
    this.port.postMessage({ op: 'release', id });
  }
  terminate(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}

/** A chunk takes milliseconds; a lane silent this long is stuck, and the run fails rather than hangs. */
const WAIT_MS = 600_000;

/**
 * The worker's code: the lane's script, after tsx's hooks where it is TypeScript (hooks registered
 * on the main thread do not reach workers). A script that fails to load answers every job with
 * its error, so the waiting thread wakes and reports it instead of hanging.
 */
function starter(file: URL): string {
  const tsx = file.pathname.endsWith('.ts') ? "(await import('tsx/esm/api')).register();" : '';
  return `const { workerData } = await import('node:worker_threads');
try { ${tsx} await import(${JSON.stringify(file.href)}); } catch (e) {
  const { port, done } = workerData;
  port.on('message', (job) => {
    if (job.op === 'release') return;
    port.postMessage({ ok: false, message: 'the lane did not start: ' + (e && e.message) });
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  });
}`;
}

/** The lane's script: the TypeScript source under tsx, dist-cli/gru-lane.js in the built command. */
function laneScript(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./laneWorker.ts', here);
  // bundled: this code sits in dist-cli/ or dist-cli/chunks/
  let dir = dirname(fileURLToPath(here));
  while (!existsSync(join(dir, 'gru-lane.js')) && dirname(dir) !== dir) dir = dirname(dir);
  return new URL(`file://${join(dir, 'gru-lane.js')}`);
}

let lanes: WorkerLane[] = [];

/**
 * Runs the GRU kernel on `threads` threads from now on (1: this thread alone). A fallback to the
 * JS kernel gets lanes of that kind too.
 */
export function setGruThreads(threads: number): void {
  const want = Math.max(0, Math.floor(threads) - 1);
  if (want === lanes.length) return;
  for (const l of lanes) void l.terminate();
  const kind = gruKernelChoice().kernel.kind;
  const file = laneScript();
  lanes = Array.from({ length: want }, () => new WorkerLane(file, kind));
  setGruLanes(lanes);
}

/**
 * The cores free to this run: the machine's, less the one-minute load average others put on it
 * (rounded), at least one. Executors that run several points at once pass each its share instead.
 */
export function freeCores(): number {
  return Math.max(1, Math.min(availableParallelism(), Math.round(availableParallelism() - loadavg()[0])));
}
