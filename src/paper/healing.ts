import type { Dataset } from '../physics/dataset';
import { linspace } from '../physics/sampling';

/**
 * The classic healing curve of slide-hold-slide (issue 29, the paper's open question about
 * logarithmic healing): the peak friction after a hold, above the sliding friction before it,
 * against log10 of the hold time. Read at the sample instants, for the exact simulation and a net
 * alike, so both are measured the same way.
 */
export interface HealingPoint {
  /** the sequence's place in the dataset */
  index: number;
  holdSeconds: number;
  /** peak Δμ after the hold above μ at the last sample before it, in friction units */
  peak: number;
}

/**
 * A slide-hold-slide: one hold between two slides at one velocity (the `shs` protocol, and its
 * share of `mixed`); a `jumps` sequence with two jumps around a hold slides at two velocities.
 */
const isShs = (p: { shape?: unknown; jumpTimes: number[]; velocities: number[]; hold: number | null }) =>
  !p.shape && p.jumpTimes.length === 2 && p.hold === 1 && p.velocities[0] === p.velocities[2];

/**
 * The test split's slide-hold-slide sequences, each with its peak. `values(q)` is sequence q's
 * curve in units of Δμch (the targets, or a net's normalized predictions).
 */
export function healingPeaks(ds: Dataset, values: (q: number) => ArrayLike<number>): HealingPoint[] {
  const t = linspace(0, ds.config.duration, ds.config.samples);
  const out: HealingPoint[] = [];
  ds.sequences.forEach((s, q) => {
    if (s.split !== 'test' || !isShs(s.protocol)) return;
    const [start, end] = s.protocol.jumpTimes;
    const y = values(q);
    let before = Number.NaN;
    let peak = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < t.length; i++) {
      if (t[i] < start) before = y[i];
      else if (t[i] >= end) peak = Math.max(peak, y[i]);
    }
    // a hold that starts before the second sample, or ends after the last, has no peak to read
    if (Number.isFinite(before) && Number.isFinite(peak))
      out.push({ index: q, holdSeconds: end - start, peak: (peak - before) * ds.config.dmuCh });
  });
  return out;
}

/** β of Δμ_peak = c + β log10 t_hold by least squares, with its standard error (n − 2 degrees of freedom). */
export interface HealingRate {
  beta: number;
  se: number;
  intercept: number;
  n: number;
}

export function healingRate(points: readonly HealingPoint[], minHoldSeconds = 0): HealingRate {
  const used = points.filter((p) => p.holdSeconds >= minHoldSeconds);
  const n = used.length;
  if (n < 3) throw new Error(`a healing rate needs at least 3 holds, got ${n}`);
  const x = used.map((p) => Math.log10(p.holdSeconds));
  const y = used.map((p) => p.peak);
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const beta = sxy / sxx;
  const intercept = my - beta * mx;
  const ssr = y.reduce((a, yi, i) => a + (yi - intercept - beta * x[i]) ** 2, 0);
  return { beta, se: Math.sqrt(ssr / (n - 2) / sxx), intercept, n };
}

/**
 * The aging law's healing rate for holds much longer than Dc/V: θ grows as the hold time, and the
 * peak as b ln θ, so β → b ln 10 per decade. Shorter holds heal less: the curve is not a line.
 */
export const agingLongHoldRate = (b: number) => b * Math.LN10;

/** Mean peak per bin of log10 t_hold (empty bins left out): the curve the figure draws. */
export function binnedCurve(points: readonly HealingPoint[], edges: readonly number[]): { hold: number; peak: number }[] {
  const out: { hold: number; peak: number }[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const inside = points.filter((p) => p.holdSeconds >= edges[k] && p.holdSeconds < edges[k + 1]);
    if (inside.length === 0) continue;
    out.push({ hold: Math.sqrt(edges[k] * edges[k + 1]), peak: inside.reduce((a, p) => a + p.peak, 0) / inside.length });
  }
  return out;
}
