import type { FusedContext, Vec } from '../../../nodes/fused';
import type { FusedLoss } from './plan';

/** A batch's host arrays: each field the loss part reads, B rows. */
export type HostFields = Record<string, Float32Array | Int32Array>;

export interface LossValues {
  /** batch mean of each term before its Scale blocks, by Loss name */
  terms: Record<string, number>;
  /** batch mean of each Loss block's input */
  weighted: Record<string, number>;
  /** the objective: the sum of the weighted means */
  total: number;
  /** each term per sequence, before its Scale blocks (copies) */
  perSequence(name: string): Float64Array;
}

/** What a forward pass keeps for its backward pass. */
export interface FusedTape {
  values: LossValues;
  /**
   * dTotal/d(boundary input) for each of the net's main-net inputs, given dy = dLoss/dTotal and,
   * optionally, dLoss/d(term) for each raw term (by Loss order). Consumes the tape.
   */
  backward(dTotal: number, dTerms?: ArrayLike<number>): Float32Array[];
  /** Gives the buffers back for reuse without a backward pass. */
  release(): void;
}

interface Buffers {
  values: Float64Array[];
  /** made on the first backward pass: evaluation never needs them */
  grads: Float64Array[] | null;
}

/** Larger batches (evaluation chunks) get fresh buffers each time rather than holding memory. */
const POOLED_BATCH = 1024;

/**
 * Runs a fused loss network on plain arrays. Buffers are reused across calls of one batch size,
 * so a steady training loop allocates nothing per step; a tape holds its buffers until its
 * backward pass (or release) hands them back.
 */
export class FusedLossRunner {
  private readonly pool = new Map<number, Buffers[]>();

  constructor(readonly net: FusedLoss) {}

  /** Forward pass over B sequences; `inputs` are the net's main-net wires in boundary order. */
  forward(batch: number, inputs: readonly Vec[], fields: HostFields): FusedTape {
    const { net } = this;
    const buf = this.take(batch);
    const vals: Vec[] = buf.values.slice();
    net.boundary.forEach((b, i) => {
      if (inputs[i].length !== batch * net.slots[b.slot].size) throw new Error(`fused loss: input ${i} has ${inputs[i].length} values`);
      vals[b.slot] = inputs[i];
    });
    const field = (name: string) => {
      const f = fields[name];
      if (!f) throw new Error(`the batch has no field '${name}'`);
      return f;
    };
    const ctxs: FusedContext[] = [];
    for (const s of net.steps) {
      const ctx: FusedContext = { batch, params: s.params, size: s.size, field };
      ctxs.push(ctx);
      s.rule.forward(ctx, pick(vals, s.inputs), pick(buf.values, s.outputs));
    }
    const B = batch;
    const mean = (slot: number) => {
      const v = vals[slot];
      let sum = 0;
      for (let b = 0; b < B; b++) sum += v[b];
      return sum / B;
    };
    const terms: Record<string, number> = {};
    const weighted: Record<string, number> = {};
    let total = 0;
    for (const l of net.losses) {
      terms[l.name] = mean(l.raw);
      weighted[l.name] = mean(l.value);
    }
    for (const l of net.losses) total += weighted[l.name];
    let live = true;
    const release = () => {
      if (!live) return;
      live = false;
      this.give(batch, buf);
    };
    const values: LossValues = {
      terms,
      weighted,
      total,
      perSequence: (name) => {
        const l = net.losses.find((x) => x.name === name);
        if (!l || !live) throw new Error(`fused loss: no per-sequence values of '${name}'`);
        return Float64Array.from(vals[l.raw] as ArrayLike<number>);
      },
    };
    return {
      values,
      release,
      backward: (dTotal, dTerms) => {
        if (!live) throw new Error('fused loss: backward on a released tape');
        if (buf.grads) for (const g of buf.grads) g.fill(0);
        else buf.grads = net.slots.map((s) => new Float64Array(s.size * B));
        const grads = buf.grads;
        net.losses.forEach((l, i) => {
          const seedValue = dTotal / B;
          const seedRaw = (dTerms?.[i] ?? 0) / B;
          const gv = grads[l.value];
          const gr = grads[l.raw];
          for (let b = 0; b < B; b++) {
            gv[b] += seedValue;
            gr[b] += seedRaw;
          }
        });
        for (let k = net.steps.length - 1; k >= 0; k--) {
          const s = net.steps[k];
          // the planner refuses a step that needs a gradient and has no backward rule
          if (!s.backward) continue;
          s.rule.backward!(ctxs[k], pick(vals, s.inputs), pick(buf.values, s.outputs), pick(grads, s.outputs), pick(grads, s.inputs));
        }
        const out = net.boundary.map((b) => Float32Array.from(grads[b.slot]));
        release();
        return out;
      },
    };
  }

  private take(batch: number): Buffers {
    const free = this.pool.get(batch)?.pop();
    if (free) {
      for (const v of free.values) v.fill(0);
      return free;
    }
    return { values: this.net.slots.map((s) => new Float64Array(s.size * batch)), grads: null };
  }

  private give(batch: number, buf: Buffers): void {
    if (batch > POOLED_BATCH) return;
    const list = this.pool.get(batch) ?? [];
    // One or two per batch size is all a training loop needs; a tape never backpropagated is left to the GC.
    if (list.length < 2) list.push(buf);
    this.pool.set(batch, list);
  }
}

function pick<T>(arr: readonly T[], slots: Record<string, number>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k in slots) out[k] = arr[slots[k]];
  return out;
}
