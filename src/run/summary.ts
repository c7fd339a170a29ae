import type { RunMetrics } from '../train/metrics';
import { maxOf, minOf } from '../util/extent';
import { type Stat, stat } from '../util/stats';

/**
 * collect's statistics: the points of a sweep folded over their seeds, one row per setting, with
 * n, the mean and the sample standard deviation (n − 1) of each final number.
 */

export interface PointResult {
  name: string;
  values: Record<string, unknown>;
  seed?: number;
  setting: number;
  metrics: RunMetrics;
}

export interface SettingSummary {
  values: Record<string, unknown>;
  n: number;
  seeds: number[];
  points: string[];
  stats: Record<string, Stat>;
  /** test error per epoch over the seeds that have the epoch */
  curve: { epoch: number[]; mean: number[]; sd: (number | null)[] };
}

/** The numbers of one finished run that collect summarises, by column name. */
function finalNumbers(m: RunMetrics): Record<string, number> {
  const last = m.epochs[m.epochs.length - 1];
  const out: Record<string, number> = { testErrorPercent: last.testErrorPercent };
  for (const [term, v] of Object.entries(last.test)) out[`test_${term}`] = v;
  out.bestTestErrorPercent = minOf(m.epochs.map((e) => e.testErrorPercent));
  out.wallSeconds = m.totalSeconds ?? m.timings.reduce((a, t) => a + t.seconds, 0);
  return out;
}

export function summarize(points: readonly PointResult[]): SettingSummary[] {
  const bySetting = new Map<number, PointResult[]>();
  for (const p of points) {
    const group = bySetting.get(p.setting);
    if (group) group.push(p);
    else bySetting.set(p.setting, [p]);
  }
  return [...bySetting.keys()]
    .sort((a, b) => a - b)
    .map((k) => {
      const group = bySetting.get(k)!;
      const numbers = group.map((p) => finalNumbers(p.metrics));
      const names = [...new Set(numbers.flatMap((x) => Object.keys(x)))];
      const stats = Object.fromEntries(names.filter((c) => numbers.every((x) => c in x)).map((c) => [c, stat(numbers.map((x) => x[c]))]));
      const epochs = maxOf(group.map((p) => p.metrics.epochs.length));
      const curve: SettingSummary['curve'] = { epoch: [], mean: [], sd: [] };
      for (let e = 0; e < epochs; e++) {
        const s = stat(group.filter((p) => p.metrics.epochs[e]).map((p) => p.metrics.epochs[e].testErrorPercent));
        curve.epoch.push(e + 1);
        curve.mean.push(s.mean);
        curve.sd.push(s.sd);
      }
      return {
        values: group[0].values,
        n: group.length,
        seeds: group.flatMap((p) => (p.seed !== undefined ? [p.seed] : [])),
        points: group.map((p) => p.name),
        stats,
        curve,
      };
    });
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export const field = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per setting: the swept values, n, then mean and sd of each number. */
export function summaryCsv(parameters: readonly string[], settings: readonly SettingSummary[]): string {
  const columns = [...new Set(settings.flatMap((s) => Object.keys(s.stats)))];
  const header = [...parameters, 'n', ...columns.flatMap((c) => [`${c}_mean`, `${c}_sd`])];
  const rows = settings.map((s): unknown[] => [
    ...parameters.map((p) => s.values[p]),
    s.n,
    ...columns.flatMap((c): unknown[] => (s.stats[c] ? [s.stats[c].mean, s.stats[c].sd] : ['', ''])),
  ]);
  return `${[header as unknown[], ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
