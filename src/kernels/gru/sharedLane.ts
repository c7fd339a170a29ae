import type { ChunkGradients, ChunkJob, GruLane } from './chunked';
import type { LaneJob } from './laneJobs';
import type { GruKernelKind, GruParams } from './types';
import { waitWhile } from './waitWhile';

/**
 * A lane of the threaded GRU kernel in a browser: a nested Web Worker with its own kernel
 * instance (browserLane.worker.ts). The kernel interface is synchronous and a browser has no
 * receiveMessageOnPort, so a blocked thread cannot read a message: jobs go out as messages (the
 * lane's thread is free to receive them) and answers come back through shared memory, the lane
 * writing its arrays one after another into `out` and raising `control[0]`, the caller blocked
 * on it with Atomics.wait (allowed in a worker, never on a page's main thread).
 */

/** control[0]: what the answer is */
const PENDING = 0;
export const ANSWERED = 1;
export const FAILED = 2;
/** room for a failure's message, UTF-8 */
export const ERROR_BYTES = 1024;

/** What the lane's thread is sent once, before any job. */
export interface LaneInit {
  op: 'init';
  kind: GruKernelKind;
  /** [state, error message length] */
  control: Int32Array;
  error: Uint8Array;
}

export type LaneMessage = LaneInit | (LaneJob & { out: SharedArrayBuffer }) | { op: 'release'; id: number };

/** What the lane posts when it has started: its kernel compiled, or why not. */
export type LaneReady = { ready: true } | { ready: false; message: string };

/** A chunk takes milliseconds; a lane silent this long is stuck, and the run fails rather than hangs. */
const WAIT_MS = 600_000;

/** Messages to the lane's thread; a Worker in the browser, a stand-in in tests. */
export interface LanePort {
  postMessage(message: LaneMessage): void;
  terminate(): void;
}

export class SharedMemoryLane implements GruLane {
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private readonly error = new Uint8Array(new SharedArrayBuffer(ERROR_BYTES));
  private out = new SharedArrayBuffer(0);
  /** the lengths of the arrays the pending answer holds, in order */
  private lengths: number[] = [];

  private constructor(private readonly port: LanePort) {}

  /** Starts a lane on `port` and resolves once its kernel is ready (or rejects with why not). */
  static start(port: LanePort & Pick<Worker, 'addEventListener'>, kind: GruKernelKind): Promise<SharedMemoryLane> {
    const lane = new SharedMemoryLane(port);
    return new Promise((resolve, reject) => {
      port.addEventListener('message', (e: MessageEvent<LaneReady>) =>
        e.data.ready ? resolve(lane) : reject(new Error(`GRU lane: ${e.data.message}`)),
      );
      port.addEventListener('error', (e: ErrorEvent) =>
        reject(new Error(`GRU lane: the lane did not start (${e.message || 'script error'})`)),
      );
      port.postMessage({ op: 'init', kind, control: lane.control, error: lane.error });
    });
  }

  private post(job: LaneJob, lengths: number[]): void {
    const bytes = lengths.reduce((a, n) => a + n, 0) * 4;
    if (this.out.byteLength < bytes) this.out = new SharedArrayBuffer(bytes);
    this.lengths = lengths;
    Atomics.store(this.control, 0, PENDING);
    this.port.postMessage({ ...job, out: this.out });
  }

  /** the answer's arrays, copied out of shared memory before the next job overwrites it */
  private wait(): Float32Array[] {
    if (!waitWhile(this.control, PENDING, WAIT_MS)) throw new Error(`GRU lane: no answer in ${WAIT_MS / 1000} s`);
    if (Atomics.load(this.control, 0) === FAILED) {
      // TextDecoder refuses views of shared memory: copy first
      throw new Error(`GRU lane: ${new TextDecoder().decode(this.error.slice(0, this.control[1]))}`);
    }
    const all = new Float32Array(this.out);
    let at = 0;
    return this.lengths.map((n) => all.slice(at, (at += n)));
  }

  startForward(jobs: ChunkJob[], params: GruParams, save: boolean, id: number): void {
    this.post(
      { op: 'forward', id, jobs, params, save },
      jobs.map((j) => j.dims.batch * j.dims.time * j.dims.hidden),
    );
  }
  finishForward(): Float32Array[] {
    return this.wait();
  }
  startBackward(jobs: ChunkJob[], params: GruParams, dH: Float32Array[], id: number): void {
    this.post(
      { op: 'backward', id, jobs, params, dH },
      jobs.flatMap(({ dims: { batch, time, input: I, hidden: H } }) => [batch * time * I, I * 3 * H, H * 3 * H, 3 * H]),
    );
  }
  finishBackward(): ChunkGradients[] {
    const a = this.wait();
    return Array.from({ length: a.length / 4 }, (_, k) => ({
      dX: a[4 * k],
      dKernel: a[4 * k + 1],
      dRecurrentKernel: a[4 * k + 2],
      dBias: a[4 * k + 3],
    }));
  }
  release(id: number): void {
    this.port.postMessage({ op: 'release', id });
  }
  terminate(): void {
    this.port.terminate();
  }
}
