import { InputError } from '../../util/inputError';
import type { Experiment } from './record';

/** Rows either side of each row in the line whose slope is dμ/dt: an 11-row line by default. */
export const sliderSmoothRows = 5;

/**
 * dμ/dt at each row: the slope of the least-squares line through μ on the rows within `half` rows
 * either side, cut at the velocity steps (`breaks`, the first row of each new interval). At a step
 * the load point's velocity jumps while the slider's does not, so dμ/dt = k (V_lp − V) jumps too:
 * a line across it would smear that jump into both sides. Near a step or an end the line is
 * one-sided. With rows Δt apart and noise σ in μ, the slope's sd is σ / (Δt √(n(n² − 1)/12)), n = 2·half + 1.
 */
export function frictionRate(t: Float64Array, mu: Float64Array, breaks: readonly number[], half: number): Float64Array {
  const n = t.length;
  const rate = new Float64Array(n);
  const starts = [0, ...breaks, n];
  for (let s = 0; s + 1 < starts.length; s++) {
    const [first, end] = [starts[s], starts[s + 1]];
    for (let i = first; i < end; i++) {
      let lo = Math.max(first, i - half);
      let hi = Math.min(end - 1, i + half);
      // an interval of one row has no slope of its own: its neighbours give it one
      if (hi === lo) [lo, hi] = [Math.max(0, i - 1), Math.min(n - 1, i + 1)];
      let tm = 0;
      let mm = 0;
      for (let j = lo; j <= hi; j++) [tm, mm] = [tm + t[j], mm + mu[j]];
      const m = hi - lo + 1;
      [tm, mm] = [tm / m, mm / m];
      let sxy = 0;
      let sxx = 0;
      for (let j = lo; j <= hi; j++) {
        sxy += (t[j] - tm) * (mu[j] - mm);
        sxx += (t[j] - tm) ** 2;
      }
      rate[i] = sxx > 0 ? sxy / sxx : 0;
    }
  }
  return rate;
}

/**
 * The slider's velocity on each row from the elastic coupling dμ/dt = k (V_lp − V) of the
 * spring-slider (src/physics/springSlider.ts): V = V_lp − (dμ/dt)/k, dμ/dt from frictionRate.
 * `k` is friction per metre of load-point displacement, as `fit` reports it. The load point's V
 * stays in `V`: the steps and the hold are still read from it.
 */
export function withSliderVelocity(e: Experiment, k: number, breaks: readonly number[], half = sliderSmoothRows): Experiment {
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError('--k', `must be a stiffness > 0 (friction per metre of load-point displacement), got ${k}`);
  const rate = frictionRate(e.t, e.mu, breaks, half);
  return { ...e, slider: e.V.map((v, i) => v - rate[i] / k) };
}
