import type { DataConfig } from '../physics/dataset';
import type { GeneratedProtocol } from '../physics/generator';

/**
 * What a timing-aware floor's predictor has seen, and the structures the protocol may have behind
 * it (posteriorFloor.ts): the number of jumps, the intervals hidden between two samples, the hold.
 */
/** A stretch of samples with one velocity: one interval of the protocol that holds a sample. */
interface Run {
  v: number;
  hold: boolean;
  /** its first sample; the jumps before it fell in (t[start − 1], t[start]] */
  start: number;
}

/** What the predictor has seen: the runs up to sample `last`, and with MeanV each change's slip. */
export interface Seen {
  runs: Run[];
  /** slip over (t[start − 1], t[start]] before each run r ≥ 1 (index r − 1) */
  slips: number[];
  last: number;
  forward: boolean;
  meanv: boolean;
}

export function seenOf(p: GeneratedProtocol, t: Float64Array, slip: Float64Array, last: number, forward: boolean, meanv: boolean): Seen {
  const runs: Run[] = [];
  const slips: number[] = [];
  let k = -1;
  for (let i = 0; i <= last; i++) {
    const ki = p.jumpTimes.filter((tau) => tau <= t[i]).length;
    if (ki === k) continue;
    k = ki;
    runs.push({ v: p.velocities[ki], hold: ki === p.hold, start: i });
    if (i > 0) slips.push(slip[i] - slip[i - 1]);
  }
  return { runs, slips, last, forward, meanv };
}

/** One structure: n jumps, q[r] hidden intervals before run r (q[0] = 0), and where the hold is. */
export interface Structure {
  n: number;
  q: number[];
  /** the hold's interval, or 'future' (a forward predictor that has not seen it yet) */
  hold: number | 'future';
}

/** Compositions of `total` into `parts` non-negative parts. */
function* compositions(total: number, parts: number): Generator<number[]> {
  if (parts === 0) {
    if (total === 0) yield [];
    return;
  }
  for (let x = 0; x <= total; x++) for (const rest of compositions(total - x, parts - 1)) yield [x, ...rest];
}

export function holdRange(config: DataConfig, n: number): [number, number] {
  return [1, config.hold === 'interior' ? n - 1 : n];
}

export function* structures(config: DataConfig, seen: Seen): Generator<Structure> {
  const m = seen.runs.length;
  const visibleHold = seen.runs.findIndex((r) => r.hold);
  for (let n = Math.max(config.minJumps, m - 1); n <= config.maxJumps; n++) {
    const [lo, hi] = holdRange(config, n);
    const hiddenTotals = seen.forward ? Array.from({ length: n - (m - 1) + 1 }, (_, h) => h) : [n - (m - 1)];
    for (const hidden of hiddenTotals) {
      for (const tail of compositions(hidden, m - 1)) {
        const q = [0, ...tail];
        const indexOfRun = (r: number) => r + q.slice(0, r + 1).reduce((a, x) => a + x, 0);
        const k = m - 1 + hidden; // jumps seen (or hidden) so far
        if (visibleHold >= 0) {
          const h = indexOfRun(visibleHold);
          if (h >= lo && h <= hi) yield { n, q, hold: h };
          continue;
        }
        // the hold is one of the hidden intervals, or still to come
        for (let r = 1; r < m; r++)
          for (let j = 0; j < q[r]; j++) {
            const h = indexOfRun(r - 1) + 1 + j;
            if (h >= lo && h <= hi) yield { n, q, hold: h };
          }
        if (seen.forward && Math.max(lo, k + 1) <= hi) yield { n, q, hold: 'future' };
      }
    }
  }
}

/** The intervals a structure stands for: each run's, and the hidden ones between. */
export interface Layout {
  k: number;
  /** per interval up to the current one: the run it is, or -1 when hidden */
  run: number[];
  /** per jump (0-based): the sample interval it fell in */
  gap: number[];
}

export function layoutOf(seen: Seen, s: Structure): Layout {
  const run: number[] = [];
  const gap: number[] = [];
  seen.runs.forEach((r, i) => {
    for (let j = 0; j < s.q[i]; j++) {
      gap.push(r.start - 1);
      run.push(-1);
    }
    if (i > 0) gap.push(r.start - 1);
    run.push(i);
  });
  return { k: gap.length, run, gap };
}
