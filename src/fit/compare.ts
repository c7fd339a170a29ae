import type { Dataset } from '../physics/dataset';
import type { Step } from '../physics/lab/record';
import { muStart } from '../physics/muStart';
import { linspace } from '../physics/sampling';
import { InputError } from '../util/inputError';
import { type ErrorSummary, summarizeErrors, testErrorPercent } from '../util/testError';
import type { FitFile } from './fitFile';
import { type FitSpec, loadPointDisplacement, modelFriction } from './model';

/** One window of a record as every predictor sees it: its sample instants and the measured μ there. */
export interface CompareWindow {
  /** the window's index among the record's windows */
  index: number;
  /** s since the record's first row, one per sample, increasing */
  t: Float64Array;
  /** measured μ at the samples */
  mu: Float64Array;
  /** the μ every predictor is given at the window's start, and the targets are relative to */
  muStart: number;
}

/**
 * The windows of a dataset that `import` made from one record, in record time: sample i of a
 * sequence lies at start + i × duration / (T − 1), as import resampled it, and its measured μ is
 * muStart + δμch × Targets, the very targets the net is scored against.
 */
export function windowsOfDataset(ds: Dataset, start: (index: number) => number = () => 0): CompareWindow[] {
  const { samples: T, dmuCh } = ds.config;
  return ds.sequences.map((s, index) => {
    const duration = 'duration' in s.protocol ? s.protocol.duration : ds.config.duration;
    const m0 = muStart(s, ds.config);
    return { index, t: linspace(start(index), start(index) + duration, T), mu: s.Targets.map((x) => m0 + dmuCh * x), muStart: m0 };
  });
}

/** A stretch of a record, s since its first row. */
export interface Stretch {
  from: number;
  to: number;
}

const baseName = (path: string) => path.replace(/#.*$/, '').split(/[\\/]/).pop() ?? path;

/**
 * The stretches of a record that a dataset's train split holds: the windows `import --window` cut
 * from it (their source is "RECORD@12.5s", the window's start) or, for a record imported whole,
 * all of it. Records are matched by file name, so a path typed differently still matches.
 */
export function trainedStretches(ds: Dataset, record: string): Stretch[] {
  const name = baseName(record);
  return ds.sequences.flatMap((s) => {
    if (s.split !== 'train' || !('source' in s.protocol)) return [];
    const m = /^(.*)@(-?[\d.]+(?:e[+-]?\d+)?)s$/.exec(s.protocol.source);
    const source = m ? m[1] : s.protocol.source;
    if (baseName(source) !== name) return [];
    const from = m ? Number(m[2]) : 0;
    return [{ from, to: from + s.protocol.duration }];
  });
}

/** Whether a window shares any instant with one of the stretches. */
export function overlapsAny(w: CompareWindow, stretches: readonly Stretch[]): boolean {
  const from = w.t[0];
  const to = w.t[w.t.length - 1];
  return stretches.some((s) => from <= s.to && s.from <= to);
}

/**
 * The windows a load-point step acts on: its time after the sample before the window's first
 * (a step in the gap between two windows shows only in the later) and up to its last sample.
 */
export function windowsWithSteps(windows: readonly CompareWindow[], steps: readonly Step[]): number[] {
  return windows.flatMap((w, k) => {
    const from = w.t[0] - (w.t[1] - w.t[0]);
    return steps.some((s) => s.time > from && s.time <= w.t[w.t.length - 1]) ? [k] : [];
  });
}

/** A predictor's error over a set of windows. */
export interface Score {
  /** √(mean of (prediction − μ)² over every sample of every window) */
  rms: number;
  /** eq. (15) per window on μ − muStart, summarized as the paper does (mean, median) */
  eq15: ErrorSummary;
  perWindow: { index: number; rms: number; eq15: number }[];
}

/** The fitted law's steps must be the record's: a fit of another record would be scored against the wrong load point. */
export function requireFitOfRecord(fit: FitFile, steps: readonly Step[], duration: number, fitFile: string): void {
  const same =
    fit.steps.length === steps.length &&
    fit.steps.every(
      (s, j) => Math.abs(s.time - steps[j].time) <= 1e-6 * duration && Math.abs(s.velocity - steps[j].velocity) <= 1e-6 * s.velocity,
    );
  if (!same) {
    const list = (xs: readonly Step[]) => xs.map((s) => `${s.time.toPrecision(6)} s`).join(', ') || 'none';
    throw new InputError(
      'steps',
      `were fitted at ${list(fit.steps)}, but the record's are at ${list(steps)}: a fit of another record?`,
      fitFile,
    );
  }
}

/**
 * μ of the fitted law at `times` (s since the record's first row, any order): the spring-slider of
 * the fit (src/fit/model.ts) with the fitted parameters, driven by the record's load-point history
 * from steady state at its first velocity (the fit's Vref), plus the fitted trend, exactly as the
 * fit evaluated it.
 */
export function lawFriction(fit: FitFile, times: Float64Array, fitFile: string): Float64Array {
  const p = fit.params;
  if (fit.states === 2 && (p.b2 === undefined || p.dc2 === undefined))
    throw new InputError('params', 'has states 2 but no b2 and dc2', fitFile);
  // Fixed k and a linear trend: θ is then (a, b, ln Dc, [b2, ln Dc2], μ0, trend), and physical() gives back p.
  const spec: FitSpec = { law: fit.law, states: fit.states, k: p.k, trend: 'linear' };
  const theta = [p.a, p.b, Math.log(p.dc), ...(fit.states === 2 ? [p.b2 as number, Math.log(p.dc2 as number)] : []), p.mu0, p.trend];
  const order = Array.from(times.keys()).sort((i, j) => times[i] - times[j]);
  const sorted = Float64Array.from(order, (i) => times[i]);
  const d = { t: sorted, mu: sorted, v0: fit.record.v0, steps: fit.steps };
  const mu = modelFriction(spec, d, loadPointDisplacement(d), theta);
  if (!mu)
    throw new InputError(
      'params',
      "the fitted law cannot be simulated on this record (unstable or stiff beyond the fit's step budget)",
      fitFile,
    );
  const out = new Float64Array(times.length);
  order.forEach((i, r) => {
    out[i] = mu[r];
  });
  return out;
}

/**
 * A law's μ over a window, given the same start as every other predictor: muStart plus the law's
 * own change since the window's first sample. So the law is scored on how μ moves, as the net is,
 * and not on the absolute level it learnt from every row of the record.
 */
function anchored(w: CompareWindow, law: Float64Array): Float64Array {
  return law.map((m) => w.muStart + (m - law[0]));
}

/** The sanity predictor: μ stays at the window's start. */
function constantPrediction(w: CompareWindow): Float64Array {
  return new Float64Array(w.mu.length).fill(w.muStart);
}

/** rms in μ over every sample, and eq. (15) per window on the change from muStart. */
export function scoreWindows(windows: readonly CompareWindow[], predictions: readonly Float64Array[]): Score {
  let sq = 0;
  let n = 0;
  const perWindow = windows.map((w, k) => {
    const p = predictions[k];
    if (p.length !== w.mu.length) throw new Error(`window ${w.index}: ${p.length} predictions for ${w.mu.length} samples`);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i] - w.mu[i]) ** 2;
    sq += s;
    n += p.length;
    const eq15 = testErrorPercent(
      p.map((x) => x - w.muStart),
      w.mu.map((x) => x - w.muStart),
    );
    return { index: w.index, rms: Math.sqrt(s / p.length), eq15 };
  });
  return { rms: Math.sqrt(sq / n), eq15: summarizeErrors(perWindow.map((x) => x.eq15)), perWindow };
}

export interface Comparison {
  law: Score;
  net: Score;
  constant: Score;
}

/** Each predictor's μ per window, in the order of the windows. */
export interface PredictorCurves {
  law: readonly Float64Array[];
  net: readonly Float64Array[];
  constant: readonly Float64Array[];
}

/** The three predictors' μ on the windows: the law's raw μ anchored at each window's start, the net's as given, constant μ. */
export function predictorCurves(
  windows: readonly CompareWindow[],
  raw: { law: readonly Float64Array[]; net: readonly Float64Array[] },
): PredictorCurves {
  return { law: windows.map((w, k) => anchored(w, raw.law[k])), net: raw.net, constant: windows.map(constantPrediction) };
}

/** The three predictors scored on the same windows. */
export function compareOnWindows(windows: readonly CompareWindow[], curves: PredictorCurves): Comparison {
  return {
    law: scoreWindows(windows, curves.law),
    net: scoreWindows(windows, curves.net),
    constant: scoreWindows(windows, curves.constant),
  };
}
