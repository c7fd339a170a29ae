import type { Step } from '../physics/lab/record';
import { loadPointDisplacementAt } from '../physics/loadPoint';
import type { OdeOptions } from '../physics/ode';
import { simulateSpringSlider } from '../physics/springSlider';
import type { StateLaw } from '../physics/stateLaws';
import { InputError } from '../util/inputError';

/** What is fitted: the state law, one or two state variables, a fixed or free stiffness, a slip trend or none. */
export interface FitSpec {
  law: StateLaw;
  states: 1 | 2;
  /** friction per metre of load-point displacement, or 'free' to fit it */
  k: number | 'free';
  trend: 'linear' | 'none';
}

/** A record as the fit sees it: times from its first row (s), μ, the velocity before the first step and the steps. */
export interface FitData {
  t: Float64Array;
  mu: Float64Array;
  v0: number;
  steps: readonly Step[];
}

/**
 * The parameter vector θ, in the coordinates the optimiser works in: a and b as they are, Dc
 * and k by their logarithms (positive, and a step in them is relative), μ0 and the trend as
 * they are. `names` says which entry is which.
 */
export function parameterNames(spec: FitSpec): string[] {
  return [
    'a',
    'b',
    'lnDc',
    ...(spec.states === 2 ? ['b2', 'lnDc2'] : []),
    ...(spec.k === 'free' ? ['lnK'] : []),
    'mu0',
    ...(spec.trend === 'linear' ? ['trend'] : []),
  ];
}

/** Physical values from θ: SI, with k from the spec where it is fixed. */
export function physical(spec: FitSpec, theta: readonly number[]): Record<string, number> {
  const names = parameterNames(spec);
  const v = (n: string) => theta[names.indexOf(n)];
  return {
    a: v('a'),
    b: v('b'),
    dc: Math.exp(v('lnDc')),
    ...(spec.states === 2 ? { b2: v('b2'), dc2: Math.exp(v('lnDc2')) } : {}),
    k: spec.k === 'free' ? Math.exp(v('lnK')) : spec.k,
    mu0: v('mu0'),
    trend: spec.trend === 'linear' ? v('trend') : 0,
  };
}

/** Load-point displacement since the first row: the integral of the step function of velocities. */
export function loadPointDisplacement(d: FitData): Float64Array {
  return loadPointDisplacementAt(
    d.t,
    d.steps.map((s) => s.time),
    [d.v0, ...d.steps.map((s) => s.velocity)],
  );
}

/**
 * k_c = Σ max(bⱼ − a·[j = 1], 0)/Dcⱼ: for one state the classical (b − a)/Dc; for two, a bound
 * that counts each state's weakening against its own Dc (conservative by a factor near 1).
 */
function criticalStiffness(p: Record<string, number>, spec: FitSpec): number {
  return Math.max(0, (p.b - p.a) / p.dc) + (spec.states === 2 ? Math.max(0, p.b2 / p.dc2) : 0);
}

/**
 * Model tolerances: far below any lab noise. The samples come off the continuous extension,
 * whose error follows the tolerance: at 1e-10 the finite-difference Jacobian was too rough near a
 * noisy optimum for Levenberg–Marquardt to converge on one coverage draw in 40; 1e-12 costs about
 * twice the steps, still far fewer than a restart per sample.
 */
const fitOde: Readonly<OdeOptions> = { rtol: 1e-12, atol: 1e-15, maxSteps: 20_000, dense: true };

/**
 * μ at every row from the spring-slider of docs/data.md, driven by the record's load-point
 * history from steady state at v0 (Vref = v0, so μ0 is the steady friction before the first
 * step), plus trend × load-point displacement. Null where the simulator cannot go (a ≤ 0, an
 * integration that fails).
 */
export function modelFriction(spec: FitSpec, d: FitData, xlp: Float64Array, theta: readonly number[]): Float64Array | null {
  const p = physical(spec, theta);
  if (!(p.a > 0) || !Object.values(p).every(Number.isFinite)) return null;
  // Below the critical stiffness the slider goes unstable (stick-slip): a record of stable
  // sliding cannot come from there, and the explicit integrator would spend ages on the slips.
  if (p.k <= criticalStiffness(p, spec)) return null;
  const states = [{ law: spec.law, b: p.b, dc: p.dc }, ...(spec.states === 2 ? [{ law: spec.law, b: p.b2, dc: p.dc2 }] : [])];
  try {
    const sim = simulateSpringSlider(
      {
        params: { mu0: p.mu0, a: p.a, vRef: d.v0, k: p.k, states },
        v0: d.v0,
        duration: d.t[d.t.length - 1],
        jumpTimes: d.steps.map((s) => s.time),
        velocities: [d.v0, ...d.steps.map((s) => s.velocity)],
      },
      d.t,
      // a smooth record takes one or two steps per sample; far more is a stiff trial, refused
      { ...fitOde, budget: { steps: 20 * d.t.length + 10_000 } },
    );
    const mu = sim.mu;
    if (p.trend !== 0) for (let i = 0; i < mu.length; i++) mu[i] += p.trend * xlp[i];
    for (const m of mu) if (!Number.isFinite(m)) return null;
    return mu;
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}
