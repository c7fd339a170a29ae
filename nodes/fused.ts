import type { Params } from './params';

/**
 * A block's rule for the fused loss network (src/compile/fused): what it computes on plain
 * arrays over the whole batch, and how it passes gradients back, side by side, as micrograd's
 * ops state theirs. Every socket holds B rows of `size[socket]` values (1 for a scalar), row b at
 * [b·size, (b+1)·size). Index wires hold integer positions as numbers.
 */
export type Vec = Float64Array | Float32Array | Int32Array;

export interface FusedContext<P = Params> {
  /** sequences in the batch, B */
  batch: number;
  params: P;
  /** values per sequence on each connected input and each output socket */
  size: Record<string, number>;
  /** a dataset field of the current batch, B rows */
  field(name: string): Vec;
}

export interface FusedRule<P = Params> {
  /** Fills each output in `out` (B·size zeros on entry) from the inputs. */
  forward(ctx: FusedContext<P>, inputs: Record<string, Vec>, out: Record<string, Float64Array>): void;
  /**
   * Adds dLoss/dInput into `dIn` for every float input given dLoss/dOutput `dOut`. Add, never
   * assign: a wire feeding several blocks collects every consumer's share. Absent for sources.
   */
  backward?(
    ctx: FusedContext<P>,
    inputs: Record<string, Vec>,
    out: Record<string, Float64Array>,
    dOut: Record<string, Float64Array>,
    dIn: Record<string, Float64Array>,
  ): void;
}

/** 0-based position `at` in a row of n values, or -1 if it is outside the row (tf.oneHot gives a zero row there). */
export function inRow(at: number, n: number): number {
  return at >= 0 && at < n ? at : -1;
}
