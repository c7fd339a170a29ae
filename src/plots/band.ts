import { stat } from '../util/stats';

/**
 * An ensemble's spread as a band: per sample, the mean of its members and mean ± 2 sample sd
 * (n − 1), as `predict --ensemble` calibrates it. Members are equally long series (one per run).
 */
export interface Band {
  mean: number[];
  sd: number[];
  lo: number[];
  hi: number[];
}

export function twoSdBand(members: readonly ArrayLike<number>[]): Band {
  if (members.length < 2) throw new Error(`a band needs at least two members, got ${members.length}`);
  const T = members[0].length;
  const band: Band = { mean: [], sd: [], lo: [], hi: [] };
  for (let i = 0; i < T; i++) {
    const s = stat(members.map((m) => m[i]));
    const sd = s.sd ?? 0;
    band.mean.push(s.mean);
    band.sd.push(sd);
    band.lo.push(s.mean - 2 * sd);
    band.hi.push(s.mean + 2 * sd);
  }
  return band;
}
