import type { Experiment, Step } from './record';

/** What a record showed: its steps, its holds, its sample rate and the noise of μ. */
export interface Detected {
  source: string;
  rows: number;
  /** 1 / the median row spacing, Hz */
  sampleRate: number;
  steps: Step[];
  /** steps to V = 0 */
  holds: number;
  /** residual sd of μ about a line on the first steady segment (the rows before the first step) */
  muNoise: number;
}

/** The steps, from the piecewise fit when there was one, else from the rows where V changes. */
function stepsOf(e: Experiment): Step[] {
  if (e.steps) return e.steps;
  const out: Step[] = [];
  for (let k = 1; k < e.V.length; k++)
    if (Math.abs(e.V[k] - e.V[k - 1]) > 1e-6 * Math.max(e.V[k], e.V[k - 1])) out.push({ time: e.t[k] - e.t[0], velocity: e.V[k] });
  return out;
}

/** Residual sd of y about its least-squares line over rows [0, end). */
export function lineResidualSd(t: ArrayLike<number>, y: ArrayLike<number>, end: number): number {
  if (end < 3) return Number.NaN;
  let st = 0;
  let sy = 0;
  for (let i = 0; i < end; i++) {
    st += t[i] - t[0];
    sy += y[i];
  }
  const tm = st / end;
  const ym = sy / end;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < end; i++) {
    stt += (t[i] - t[0] - tm) ** 2;
    sty += (t[i] - t[0] - tm) * (y[i] - ym);
  }
  const slope = stt > 0 ? sty / stt : 0;
  let sse = 0;
  for (let i = 0; i < end; i++) sse += (y[i] - ym - slope * (t[i] - t[0] - tm)) ** 2;
  return Math.sqrt(sse / (end - 2));
}

/** The record's sample interval: the median of its row intervals, so one late row does not set it. */
export function sampleInterval(e: Experiment): number {
  const dt = Float64Array.from({ length: e.t.length - 1 }, (_, i) => e.t[i + 1] - e.t[i]).sort();
  if (!dt.length) return Number.NaN;
  return dt.length % 2 ? dt[dt.length >> 1] : (dt[dt.length / 2 - 1] + dt[dt.length / 2]) / 2;
}

export function detected(e: Experiment): Detected {
  const steps = stepsOf(e);
  const first = steps.length ? e.t.findIndex((t) => t - e.t[0] >= steps[0].time) : e.t.length;
  return {
    source: e.source,
    rows: e.t.length,
    sampleRate: 1 / sampleInterval(e),
    steps,
    holds: steps.filter((s) => s.velocity === 0).length,
    muNoise: lineResidualSd(e.t, e.mu, first < 0 ? e.t.length : first),
  };
}
