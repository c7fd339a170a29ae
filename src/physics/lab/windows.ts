import { InputError } from '../../util/inputError';
import { sampleInterval } from './detected';
import type { Experiment } from './record';

/** How `import --window` cuts a record (docs/lab.md): every length in seconds, as the record's time column reads. */
export interface WindowOptions {
  /** samples per window: the sequence length of the dataset */
  samples: number;
  /** spacing of the samples, s; by default the record's own sample interval (median of its row intervals) */
  every?: number;
  /** time from one window's start to the next, s; by default one window's length, samples × every (no overlap) */
  stride?: number;
}

/** A value between rows: V held from a row to the next (right-continuous), the others linear, as `resample` reads them. */
function rowAt(e: Experiment, t: number, k: number): { V: number; mu: number; extra: Record<string, number>; Vs?: number } {
  const last = k + 1 >= e.t.length || e.t[k] === t;
  const f = last ? 0 : (t - e.t[k]) / (e.t[k + 1] - e.t[k]);
  const lin = (x: Float64Array) => (last ? x[k] : x[k] + (x[k + 1] - x[k]) * f);
  const extra = Object.fromEntries(Object.entries(e.extra ?? {}).map(([name, x]) => [name, lin(x)]));
  return { V: e.V[k], mu: lin(e.mu), extra, ...(e.slider ? { Vs: lin(e.slider) } : {}) };
}

/**
 * The rows of e between t0 and t1 (absolute times), with a row made at each end where none falls
 * exactly there, so the slice starts at t0 and lasts exactly t1 − t0. Steps fitted from a
 * displacement keep their times, counted from t0.
 */
function slice(e: Experiment, t0: number, t1: number, label: string): Experiment {
  let k0 = 0;
  while (k0 + 1 < e.t.length && e.t[k0 + 1] <= t0) k0++;
  const rows: number[] = [];
  for (let k = k0 + 1; k < e.t.length && e.t[k] < t1; k++) if (e.t[k] > t0) rows.push(k);
  let k1 = k0;
  while (k1 + 1 < e.t.length && e.t[k1 + 1] <= t1) k1++;
  const ends = [
    { t: t0, k: k0, ...rowAt(e, t0, k0) },
    { t: t1, k: k1, ...rowAt(e, t1, k1) },
  ];
  const n = rows.length + 2;
  const out = <T extends Float64Array | Int32Array>(x: T, first: number, last: number): T => {
    const a = new (x.constructor as new (n: number) => T)(n);
    a[0] = first;
    rows.forEach((k, i) => {
      a[i + 1] = x[k];
    });
    a[n - 1] = last;
    return a;
  };
  const w: Experiment = {
    source: `${e.source}@${label}`,
    velocity: e.velocity,
    t: out(e.t, t0, t1),
    V: out(e.V, ends[0].V, ends[1].V),
    mu: out(e.mu, ends[0].mu, ends[1].mu),
    lines: out(e.lines, e.lines[k0], e.lines[k1]),
  };
  if (e.slider) w.slider = out(e.slider, ends[0].Vs as number, ends[1].Vs as number);
  if (e.steps) {
    const from = t0 - e.t[0];
    const to = t1 - e.t[0];
    w.steps = e.steps.filter((s) => s.time > from && s.time <= to).map((s) => ({ ...s, time: s.time - from }));
  }
  if (e.extra)
    w.extra = Object.fromEntries(Object.entries(e.extra).map(([name, x]) => [name, out(x, ends[0].extra[name], ends[1].extra[name])]));
  return w;
}

/** Seconds as a short label: 12.5 → "12.5s". */
const seconds = (x: number) => `${Number(x.toPrecision(10))}s`;

/**
 * One record cut into windows of `samples` samples spaced `every` seconds, one starting every
 * `stride` seconds from the first row, as many as fit whole. Each window is an experiment of
 * its own (source "file@12.5s", its start from the record's first row), which `import`
 * resamples onto exactly its samples. A record shorter than one window, or an `every` below the
 * record's sample interval (samples that would invent data between rows), is refused naming the flag.
 */
export function cutWindows(e: Experiment, o: WindowOptions): Experiment[] {
  const dt = sampleInterval(e);
  const every = o.every ?? dt;
  if (!(every > 0)) throw new InputError('--every', `must be > 0 s, got ${every} (the record ${e.source} has ${e.t.length} rows)`);
  // a relative tolerance, so an --every typed from a rounded rate (0.136 for 0.13600000001) passes
  if (every < dt * (1 - 1e-6))
    throw new InputError(
      '--every',
      `is ${every} s, below the sample interval of ${e.source} (${Number(dt.toPrecision(6))} s): samples closer than the rows would be interpolated, not measured`,
    );
  const length = (o.samples - 1) * every;
  const stride = o.stride ?? o.samples * every;
  if (!(stride > 0)) throw new InputError('--stride', `must be > 0 s, got ${stride}`);
  const span = e.t[e.t.length - 1] - e.t[0];
  if (length > span * (1 + 1e-12))
    throw new InputError(
      '--window',
      `${o.samples} samples every ${Number(every.toPrecision(6))} s span ${Number(length.toPrecision(6))} s, longer than ${e.source} (${Number(span.toPrecision(6))} s)`,
    );
  const out: Experiment[] = [];
  for (let m = 0; m * stride + length <= span * (1 + 1e-12); m++) {
    const from = m * stride;
    out.push(slice(e, e.t[0] + from, e.t[0] + from + length, seconds(from)));
  }
  return out;
}
