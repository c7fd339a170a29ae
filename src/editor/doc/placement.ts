import type { Position } from './ops';

/** A block's box on the canvas, in block coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 24;

const hits = (a: Box, b: Box, gap = GAP) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** Pairs of boxes that overlap (or sit closer than `gap`, by default the gap new blocks keep). */
export function overlaps(boxes: readonly (Box & { id: string })[], gap = GAP): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (hits(boxes[i], boxes[j], gap)) out.push([boxes[i].id, boxes[j].id]);
  return out;
}

/**
 * Where a new block of size w × h goes: the free spot nearest to `want`, searched on rings of a
 * grid around it, so a block added in the middle of the view lands beside the blocks there,
 * never on top of them.
 */
export function freeSpot(taken: readonly Box[], want: Position, w: number, h: number): Position {
  const fits = (p: Position) => !taken.some((b) => hits({ x: p.x, y: p.y, w, h }, b));
  const step = 40;
  for (let r = 0; r <= 60; r++) {
    let best: Position | null = null;
    let bestD = Infinity;
    for (let i = -r; i <= r; i++)
      for (let j = -r; j <= r; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== r) continue;
        const p = { x: want.x + i * step, y: want.y + j * step };
        const d = Math.hypot(i, j);
        if (d < bestD && fits(p)) [best, bestD] = [p, d];
      }
    if (best) return best;
  }
  return want;
}
