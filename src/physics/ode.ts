/**
 * An embedded Runge–Kutta 5(4) integrator (Dormand & Prince 1980) with per-step error control,
 * for the spring-slider. Each call integrates one smooth stretch [t0, t1]: the caller restarts
 * it at every load-point jump and sample, so no step ever straddles a discontinuity, and hands
 * on the last accepted step size as the next stretch's first guess.
 */
export type Rhs = (y: Float64Array, dydt: Float64Array) => void;

export interface OdeOptions {
  rtol: number;
  atol: number;
  /** refuse a stretch that needs more steps than this (a stiffness the explicit method cannot afford) */
  maxSteps: number;
  /**
   * steps left to a whole simulation, shared by its stretches and counted down in place: an
   * optimiser's trial in a stiff corner must fail fast rather than run maxSteps per sample
   */
  budget?: { steps: number };
  /**
   * integrate on from sample to sample between load-point jumps and read the samples off the
   * method's continuous extension (4th order) instead of stopping at each: many times faster on a
   * long record whose samples are closer than the steps the tolerance allows
   */
  dense?: boolean;
}

/** Times inside a stretch (offsets from its start, ascending, in (0, span]) and what receives y there. */
export interface DenseSamples {
  times: ArrayLike<number>;
  emit: (i: number, y: Float64Array) => void;
}

export class OdeError extends Error {}

const A: number[][] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
// fifth-order weights are A[6]; E = fifth minus fourth order, for the error estimate
// Dormand–Prince's continuous extension (Hairer, Nørsett & Wanner, Solving ODEs I, §II.6; dopri5's CONTD5)
const D = [
  -12715105075 / 11282082432,
  0,
  87487479700 / 32700410799,
  -10690763975 / 1880347072,
  701980252875 / 199316789632,
  -1453857185 / 822651844,
  69997945 / 29380423,
];
const E = [
  35 / 384 - 5179 / 57600,
  0,
  500 / 1113 - 7571 / 16695,
  125 / 192 - 393 / 640,
  -2187 / 6784 + 92097 / 339200,
  11 / 84 - 187 / 2100,
  -1 / 40,
];

// A spring-slider restarts the integrator at every sample: reusing the stage arrays keeps a
// long record's many short stretches from allocating nine arrays each.
let work: { k: Float64Array[]; tmp: Float64Array; yNew: Float64Array; yAt: Float64Array } | null = null;
function scratch(n: number) {
  if (!work || work.tmp.length !== n)
    work = {
      k: Array.from({ length: 7 }, () => new Float64Array(n)),
      tmp: new Float64Array(n),
      yNew: new Float64Array(n),
      yAt: new Float64Array(n),
    };
  return work;
}

/** y at θ ∈ [0, 1] of the accepted step y0 → y1 of size h (exactly y1 at θ = 1). */
function interpolate(y0: Float64Array, y1: Float64Array, k: Float64Array[], h: number, theta: number, out: Float64Array): void {
  for (let i = 0; i < y0.length; i++) {
    const r2 = y1[i] - y0[i];
    const r3 = h * k[0][i] - r2;
    const r4 = r2 - h * k[6][i] - r3;
    let d = 0;
    for (let j = 0; j < 7; j++) d += D[j] * k[j][i];
    const r5 = h * d;
    out[i] = y0[i] + theta * (r2 + (1 - theta) * (r3 + theta * (r4 + (1 - theta) * r5)));
  }
}

/**
 * Advances y (in place) from 0 to span. Returns the step size to try next. The right-hand side
 * is autonomous on a stretch because the load-point velocity is constant there.
 */
export function integrateStretch(f: Rhs, y: Float64Array, span: number, hGuess: number, o: OdeOptions, at?: DenseSamples): number {
  const n = y.length;
  const { k, tmp, yNew, yAt } = scratch(n);
  let next = 0; // the first of at.times not yet emitted
  let t = 0;
  let h = Math.min(hGuess > 0 ? hGuess : span, span);
  f(y, k[0]);
  for (let steps = 0; t < span; steps++) {
    if (steps >= o.maxSteps) throw new OdeError(`needed more than ${o.maxSteps} steps on a stretch of ${span}`);
    if (o.budget && o.budget.steps-- <= 0) throw new OdeError('the simulation ran out of its step budget');
    const last = t + h >= span;
    if (last) h = span - t;
    for (let s = 1; s < 7; s++) {
      const a = A[s];
      for (let i = 0; i < n; i++) {
        let acc = y[i];
        for (let j = 0; j < s; j++) acc += h * a[j] * k[j][i];
        (s === 6 ? yNew : tmp)[i] = acc;
      }
      f(s === 6 ? yNew : tmp, k[s]);
    }
    let err = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < 7; j++) e += E[j] * k[j][i];
      const scale = o.atol + o.rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
      err = Math.max(err, Math.abs(h * e) / scale);
    }
    if (!Number.isFinite(err)) {
      h *= 0.1;
      if (h <= Number.EPSILON * Math.max(span, 1e-300)) throw new OdeError('the solution left the finite numbers');
      continue;
    }
    if (err <= 1) {
      const t1 = last ? span : t + h;
      if (at)
        for (; next < at.times.length && (at.times[next] <= t1 || last); next++) {
          const theta = Math.min(1, (at.times[next] - t) / h);
          interpolate(y, yNew, k, h, theta, yAt);
          at.emit(next, yAt);
        }
      t = t1;
      y.set(yNew);
      k[0].set(k[6]); // first same as last
    }
    const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
    if (err <= 1 && last) return h * factor;
    h *= err <= 1 ? factor : Math.min(1, factor);
    if (h <= Number.EPSILON * Math.max(t, span) * 1e-3) throw new OdeError('the step size fell below the time resolution');
  }
  return h;
}
