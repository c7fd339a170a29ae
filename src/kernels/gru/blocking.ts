/**
 * Which way the WebAssembly kernel runs its matrix products, and the sizes of its blocks.
 *
 * 'plain' reads the right-hand matrix of every product in place, one K x 8 panel at a time with
 * its rows a whole matrix row apart. 'blocked' first packs each such panel into one contiguous
 * stream (wasm/module.ts: pack, gemmP): the recurrent weights once per pass, the gate gradients
 * of the weight-gradient products sequence by sequence or LONG_K_BLOCK rows at a time. Rows a
 * multiple of 512 bytes apart (Hp = 128: U's rows are 1536 bytes, Uᵀ's 512) fall into a few L1
 * sets and evict each other before the panel is used again; a packed panel of at most
 * 8 · 2Hp floats stays in L1 while every row of the chunk streams past it.
 *
 * Both paths add the same products in the same order into every element (blocking and packing
 * move data, never regroup a sum), so they give the same bits: the choice is a matter of speed
 * only, and it cannot change a run's results or break the determinism across thread counts.
 */
import type { GruDims } from './types';

export type GemmPath = 'plain' | 'blocked';

/** Rows of a long-K product (K = rows · T) packed per block: 256 · 8 floats = 8 KiB a panel. */
export const LONG_K_BLOCK = 256;

/** Hidden size (padded to whole lanes) from which the blocked path runs. */
export const BLOCKED_FROM_HIDDEN = 64;

/**
 * The rule: blocked from Hp = 64 up. The batch does not enter: the op hands the kernel fixed
 * chunks of 16 rows (chunked.ts), so a large batch is already blocked by rows, and a chunk's
 * per-step products depend on H alone.
 */
export function gemmPathFor(dims: GruDims): GemmPath {
  const Hp = (dims.hidden + 3) & ~3;
  return Hp >= BLOCKED_FROM_HIDDEN ? 'blocked' : 'plain';
}
