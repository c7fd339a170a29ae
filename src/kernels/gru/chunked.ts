import {
  checkGruInputs,
  type GruDims,
  type GruForwardOptions,
  type GruForwardResult,
  type GruGradients,
  type GruKernel,
  type GruParams,
  type GruTape,
} from './types';

/**
 * The batch is cut into chunks of this many rows whatever the thread count, and the chunks'
 * partial weight gradients are summed in chunk order. So a run gives the same bits on 1 thread
 * as on 16: threads only decide who computes a chunk, never how the sums are grouped.
 */
export const GRU_CHUNK_ROWS = 16;

/** One chunk of the batch as a lane computes it. */
export interface ChunkJob {
  /** the chunk's number (its rows are chunk × GRU_CHUNK_ROWS onwards) */
  chunk: number;
  dims: GruDims;
  x: Float32Array;
}

export interface ChunkGradients {
  dX: Float32Array;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  dBias: Float32Array;
}

/**
 * Another thread with its own kernel instance (src/kernels/gru/threads.ts in Node). Work is
 * started, the calling thread computes its own chunks, then waits: the kernel interface is
 * synchronous, so a lane blocks in `finish*` until its thread is done.
 */
export interface GruLane {
  startForward(jobs: ChunkJob[], params: GruParams, save: boolean, tapeId: number): void;
  finishForward(): Float32Array[];
  /** dH per job; a lane that no longer holds the tape recomputes the forward pass from the jobs */
  startBackward(jobs: ChunkJob[], params: GruParams, dH: Float32Array[], tapeId: number): void;
  finishBackward(): ChunkGradients[];
  /** forgets the tape's saved activations (asynchronous; nothing waits) */
  release(tapeId: number): void;
}

interface Part {
  job: ChunkJob;
  /** -1: this thread */
  lane: number;
  tape: GruTape | null;
}

class ChunkedTape implements GruTape {
  released = false;
  constructor(
    readonly kind: GruTape['kind'],
    readonly dims: GruDims,
    readonly id: number,
    readonly params: GruParams,
    readonly parts: Part[],
    readonly lanes: readonly GruLane[],
  ) {}
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const p of this.parts) p.tape?.release();
    for (const lane of new Set(this.parts.filter((p) => p.lane >= 0).map((p) => this.lanes[p.lane]))) lane.release(this.id);
  }
}

let nextTapeId = 1;

/** [first row, rows] of each chunk of a batch of B rows. */
function chunkRows(B: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let b0 = 0; b0 < B; b0 += GRU_CHUNK_ROWS) out.push([b0, Math.min(GRU_CHUNK_ROWS, B - b0)]);
  return out;
}

/** Adds b into a, element by element, in float32 (a fixed order: the caller's). */
function accumulate(a: Float32Array, b: Float32Array): void {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}

/**
 * A kernel that runs a batch chunk by chunk (GRU_CHUNK_ROWS rows each), spreading the chunks over
 * this thread and `lanes`: chunk k goes to thread k mod (lanes + 1). Forward rows are
 * independent; backward's dX rows are the chunks' own, and dW, dU, db are the chunks' partial
 * sums added in chunk order.
 */
export class ChunkedGruKernel implements GruKernel {
  lanes: readonly GruLane[] = [];
  constructor(readonly local: GruKernel) {}

  get kind() {
    return this.local.kind;
  }

  forward(dims: GruDims, x: Float32Array, params: GruParams, options: GruForwardOptions = {}): GruForwardResult {
    checkGruInputs(dims, x, params);
    const save = options.saveForBackward ?? true;
    const { time: T, input: I, hidden: H } = dims;
    const chunks = chunkRows(dims.batch);
    // one chunk is the whole batch: the kernel itself, its own tape
    if (chunks.length <= 1) return this.local.forward(dims, x, params, options);
    const threads = Math.min(this.lanes.length + 1, chunks.length);
    const parts: Part[] = chunks.map(([b0, n], chunk) => ({
      job: { chunk, dims: { ...dims, batch: n }, x: x.subarray(b0 * T * I, (b0 + n) * T * I) },
      lane: (chunk % threads) - 1,
      tape: null,
    }));
    const id = nextTapeId++;
    const remote = byLane(parts);
    remote.forEach((ps, lane) =>
      this.lanes[lane].startForward(
        ps.map((p) => p.job),
        params,
        save,
        id,
      ),
    );
    const h = new Float32Array(dims.batch * T * H);
    try {
      for (const p of parts) {
        if (p.lane >= 0) continue;
        const r = this.local.forward(p.job.dims, p.job.x, params, { saveForBackward: save });
        p.tape = r.tape;
        h.set(r.h, p.job.chunk * GRU_CHUNK_ROWS * T * H);
      }
    } finally {
      // every lane's answer is read, even when this thread failed, so none is left for the next call
      remote.forEach((ps, lane) => {
        const hs = this.lanes[lane].finishForward();
        ps.forEach((p, i) => h.set(hs[i], p.job.chunk * GRU_CHUNK_ROWS * T * H));
      });
    }
    if (!save) return { h, tape: null };
    const tape = new ChunkedTape(this.local.kind, dims, id, params, parts, this.lanes);
    if (remote.size) released.register(tape, { id, lanes: [...remote.keys()].map((l) => this.lanes[l]) }, tape);
    return { h, tape };
  }

  backward(tape: GruTape, dH: Float32Array): GruGradients {
    if (!(tape instanceof ChunkedTape)) return this.local.backward(tape, dH);
    const { batch: B, time: T, input: I, hidden: H } = tape.dims;
    if (dH.length !== B * T * H) throw new Error(`GRU backward: dH has ${dH.length} values, expected B*T*H`);
    const rowsOf = (p: Part) =>
      dH.subarray(p.job.chunk * GRU_CHUNK_ROWS * T * H, (p.job.chunk * GRU_CHUNK_ROWS + p.job.dims.batch) * T * H);
    // each chunk goes back to the thread that holds its tape
    const remote = byLane(tape.parts);
    remote.forEach((ps, lane) =>
      tape.lanes[lane].startBackward(
        ps.map((p) => p.job),
        tape.params,
        ps.map(rowsOf),
        tape.id,
      ),
    );
    const partial: ChunkGradients[] = new Array(tape.parts.length);
    try {
      for (const p of tape.parts) {
        if (p.lane >= 0) continue;
        // a tape kept by no one (released, or consumed by an earlier backward) is recomputed
        const t = p.tape ?? this.local.forward(p.job.dims, p.job.x, tape.params).tape!;
        partial[p.job.chunk] = this.local.backward(t, rowsOf(p));
        p.tape = null;
      }
    } finally {
      remote.forEach((ps, lane) => {
        const gs = tape.lanes[lane].finishBackward();
        ps.forEach((p, i) => {
          partial[p.job.chunk] = gs[i];
        });
      });
    }
    if (remote.size) released.unregister(tape);
    tape.release();
    const dX = new Float32Array(B * T * I);
    const [first, ...rest] = partial;
    const out: GruGradients = { dX, dKernel: first.dKernel, dRecurrentKernel: first.dRecurrentKernel, dBias: first.dBias };
    tape.parts.forEach((p, k) => dX.set(partial[k].dX, p.job.chunk * GRU_CHUNK_ROWS * T * I));
    for (const g of rest) {
      accumulate(out.dKernel, g.dKernel);
      accumulate(out.dRecurrentKernel, g.dRecurrentKernel);
      accumulate(out.dBias, g.dBias);
    }
    return out;
  }
}

/** the parts each lane computes, in chunk order */
function byLane(parts: Part[]): Map<number, Part[]> {
  const out = new Map<number, Part[]>();
  for (const p of parts) {
    if (p.lane < 0) continue;
    const list = out.get(p.lane) ?? [];
    list.push(p);
    out.set(p.lane, list);
  }
  return out;
}

/** Remote tapes that no backward consumed are dropped by their lanes once the tape is collected. */
const released =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ id: number; lanes: GruLane[] }>(({ id, lanes }) => {
        for (const lane of lanes) lane.release(id);
      })
    : { register: () => {}, unregister: () => {} };
