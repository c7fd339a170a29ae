import { type FitData, type FitSpec, parameterNames } from './model';

/** The mean of μ over rows [i, j). */
function mean(mu: Float64Array, i: number, j: number): number {
  let s = 0;
  for (let k = i; k < j; k++) s += mu[k];
  return s / Math.max(1, j - i);
}

/**
 * Starting points from what the record shows around its first step: μ0 from the rows before
 * it; a − b from the change of steady friction; a from the peak; k from how fast μ rises to half
 * the peak; Dc spread over two decades of the slip after the step. The optimum must not depend on
 * them, which is why there are several.
 */
export function startingPoints(spec: FitSpec, d: FitData): number[][] {
  const { t, mu, steps, v0 } = d;
  const n = t.length;
  const s = steps[0];
  const iStep = Math.max(
    1,
    t.findIndex((x) => x >= s.time),
  );
  const iEnd =
    steps.length > 1
      ? Math.max(
          iStep + 1,
          t.findIndex((x) => x >= steps[1].time),
        )
      : n;
  const before = mean(mu, Math.max(0, iStep - Math.max(3, Math.floor(iStep / 5))), iStep);
  const tail = Math.max(3, Math.floor((iEnd - iStep) / 5));
  const after = mean(mu, iEnd - tail, iEnd);
  const logRatio = s.velocity > 0 ? Math.log(s.velocity / v0) : 0;
  const sign = Math.sign(logRatio) || 1;
  let peak = 0;
  let iPeak = iStep;
  for (let i = iStep; i < iEnd; i++)
    if (sign * (mu[i] - before) > peak) {
      peak = sign * (mu[i] - before);
      iPeak = i;
    }
  const ab = logRatio !== 0 ? (after - before) / logRatio : 0;
  const a0 = Math.max(logRatio !== 0 ? peak / Math.abs(logRatio) : 0.005, Math.abs(ab) + 1e-3, 1e-3);
  let iHalf = iStep;
  while (iHalf < iPeak && sign * (mu[iHalf] - before) < peak / 2) iHalf++;
  const rise = Math.max(s.velocity, v0) * Math.max(t[iHalf] - s.time, t[Math.min(iStep + 1, n - 1)] - t[iStep]);
  const k0 = Math.max(peak / 2 / Math.max(rise, 1e-300), 1);
  const slip = Math.max(s.velocity, v0) * (t[iEnd - 1] - s.time);
  const names = parameterNames(spec);
  const out: number[][] = [];
  const a = a0;
  for (const dcFraction of [1e-3, 1e-2, 1e-1])
    for (const k of spec.k === 'free' ? [k0, 4 * k0] : [0]) {
      const b = a - ab;
      const dc = slip * dcFraction;
      // a start must slide stably: at least twice the critical stiffness (b − a)/Dc
      const kStable = Math.max(k, (2 * (b - a)) / dc);
      const v: Record<string, number> = {
        a,
        b: spec.states === 2 ? b / 2 : b,
        lnDc: Math.log(dc),
        b2: b / 2,
        lnDc2: Math.log(10 * dc),
        lnK: Math.log(kStable),
        mu0: before,
        trend: 0,
      };
      out.push(names.map((nm) => v[nm]));
    }
  return out;
}
