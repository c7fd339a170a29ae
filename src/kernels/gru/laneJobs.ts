import type { ChunkGradients, ChunkJob } from './chunked';
import type { GruKernel, GruParams, GruTape } from './types';

/**
 * What a lane of the threaded GRU kernel does with the work it is sent, whatever thread carries
 * it (a Node worker thread, laneWorker.ts; a browser worker, browserLane.worker.ts): it computes
 * its chunks with its own kernel instance and keeps their tapes, by tape id, for the backward pass.
 */
export type LaneJob =
  | { op: 'forward'; id: number; jobs: ChunkJob[]; params: GruParams; save: boolean }
  | { op: 'backward'; id: number; jobs: ChunkJob[]; params: GruParams; dH: Float32Array[] };

export class LaneTapes {
  private readonly tapes = new Map<number, Map<number, GruTape>>();
  constructor(private readonly kernel: GruKernel) {}

  /** forward: each chunk's h; backward: each chunk's gradients */
  run(job: LaneJob): Float32Array[] | ChunkGradients[] {
    if (job.op === 'forward') {
      const kept = new Map<number, GruTape>();
      const value = job.jobs.map((j) => {
        const r = this.kernel.forward(j.dims, j.x, job.params, { saveForBackward: job.save });
        if (r.tape) kept.set(j.chunk, r.tape);
        return r.h;
      });
      if (job.save) this.tapes.set(job.id, kept);
      return value;
    }
    const kept = this.tapes.get(job.id);
    this.tapes.delete(job.id);
    const value = job.jobs.map((j, i) => {
      // a tape this lane no longer holds is recomputed from the chunk's inputs
      const tape = kept?.get(j.chunk) ?? this.kernel.forward(j.dims, j.x, job.params).tape!;
      kept?.delete(j.chunk);
      return this.kernel.backward(tape, job.dH[i]);
    });
    for (const t of kept?.values() ?? []) t.release();
    return value;
  }

  release(id: number): void {
    for (const t of this.tapes.get(id)?.values() ?? []) t.release();
    this.tapes.delete(id);
  }
}

/** A backward answer's arrays in one fixed order: how they are transferred or laid out in shared memory. */
function gradientArrays(g: ChunkGradients): Float32Array[] {
  return [g.dX, g.dKernel, g.dRecurrentKernel, g.dBias];
}

/** An answer's arrays in the order both lanes send them: each chunk's h, or each chunk's four gradients. */
export function answerArrays(job: LaneJob, value: Float32Array[] | ChunkGradients[]): Float32Array[] {
  return job.op === 'forward' ? (value as Float32Array[]) : (value as ChunkGradients[]).flatMap(gradientArrays);
}
