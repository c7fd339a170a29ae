import { describe, InputError, requireArray, requireChoice, requireFiniteNumber, requirePositive } from '../util/inputError';
import { type DenseSamples, integrateStretch, OdeError, type OdeOptions } from './ode';
import { requireProtocolSchema } from './protocol';
import { type StateLaw, stateLaws, stateLength, stateRate } from './stateLaws';

/** One state variable of the spring-slider: its own law, b and Dc. */
interface StateSpec {
  law: StateLaw;
  b: number;
  dc: number;
}

interface SpringParams {
  mu0: number;
  a: number;
  vRef: number;
  /** spring stiffness, friction per unit load-point displacement */
  k: number;
  states: StateSpec[];
}

/** A load-point protocol: velocities[j] holds on [jumpTimes[j-1], jumpTimes[j]), right-continuous. */
export interface SpringProtocol {
  params: SpringParams;
  v0: number;
  duration: number;
  jumpTimes: number[];
  velocities: number[];
}

export interface SpringSimulation {
  t: Float64Array;
  /** slider velocity */
  V: Float64Array;
  mu: Float64Array;
  /** one array per state variable */
  thetas: Float64Array[];
  /** slider displacement since t = 0 */
  slip: Float64Array;
}

/** Tolerances well below rsfmodel's published 1e-8 digits (its odeint runs at 1e-12). */
const preciseOde: Readonly<OdeOptions> = { rtol: 1e-12, atol: 1e-14, maxSteps: 2_000_000 };

/**
 * Integrates dμ/dt = k (V_lp − V), V = Vref exp((μ − μ0 − Σ φⱼ)/a), φⱼ = bⱼ ln(Vref θⱼ/Lⱼ), with
 * each θⱼ following its law, from steady state at v0. The unknowns are μ, ln θⱼ (positive by
 * construction, and smooth where θ spans decades) and the slip. Integration restarts at every
 * load-point jump, so V_lp is constant on every step, and at every sample, unless `ode.dense`
 * reads the samples off the continuous extension instead (what the fit does: far fewer steps).
 */
export function simulateSpringSlider(p: SpringProtocol, sampleTimes: Float64Array, ode: OdeOptions = preciseOde): SpringSimulation {
  const { params: q, jumpTimes, velocities } = p;
  const ns = q.states.length;
  const lengths = q.states.map((s) => stateLength(s.law, s.dc));
  const y = new Float64Array(ns + 2); // [μ, ln θ₁..ln θₙ, slip]
  y[0] = q.mu0 + (q.a - q.states.reduce((s, st) => s + st.b, 0)) * Math.log(p.v0 / q.vRef);
  for (let j = 0; j < ns; j++) y[1 + j] = Math.log(lengths[j] / p.v0);
  const slider = (w: Float64Array) => {
    let phi = 0;
    for (let j = 0; j < ns; j++) phi += q.states[j].b * (Math.log(q.vRef / lengths[j]) + w[1 + j]);
    return q.vRef * Math.exp((w[0] - q.mu0 - phi) / q.a);
  };
  let vlp = velocities[0];
  const rhs = (w: Float64Array, d: Float64Array) => {
    const v = slider(w);
    d[0] = q.k * (vlp - v);
    for (let j = 0; j < ns; j++) {
      const theta = Math.exp(w[1 + j]);
      d[1 + j] = stateRate(q.states[j].law, v, theta, q.states[j].dc) / theta;
    }
    d[ns + 1] = v;
  };
  const n = sampleTimes.length;
  const out: SpringSimulation = {
    t: Float64Array.from(sampleTimes),
    V: new Float64Array(n),
    mu: new Float64Array(n),
    thetas: q.states.map(() => new Float64Array(n)),
    slip: new Float64Array(n),
  };
  let now = 0;
  let jump = 0;
  let h = 0;
  const record = (i: number, w: Float64Array) => {
    out.V[i] = slider(w);
    out.mu[i] = w[0];
    for (let j = 0; j < ns; j++) out.thetas[j][i] = Math.exp(w[1 + j]);
    out.slip[i] = w[ns + 1];
  };
  const advance = (to: number, at?: DenseSamples) => {
    if (to > now) {
      try {
        h = integrateStretch(rhs, y, to - now, h, ode, at);
      } catch (e) {
        if (e instanceof OdeError) throw new InputError('spring-slider', `integration failed near t = ${now}: ${e.message}`);
        throw e;
      }
      now = to;
    }
  };
  if (ode.dense) {
    // one stretch per load-point velocity, through the samples before its end
    let i = 0;
    for (; i < n && jump <= jumpTimes.length; jump++) {
      const last = jump === jumpTimes.length;
      const end = last ? sampleTimes[n - 1] : jumpTimes[jump];
      while (i < n && sampleTimes[i] <= now) record(i++, y);
      const first = i;
      while (i < n && (last || sampleTimes[i] < end)) i++;
      const times = sampleTimes.subarray(first, i).map((t) => t - now);
      advance(end, { times, emit: (j, w) => record(first + j, w) });
      if (!last) vlp = velocities[jump + 1];
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const t = sampleTimes[i];
    while (jump < jumpTimes.length && jumpTimes[jump] <= t) {
      advance(jumpTimes[jump]);
      jump++;
      vlp = velocities[jump];
    }
    advance(t);
    record(i, y);
  }
  return out;
}

function validateState(raw: unknown, field: string): StateSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError(field, `must be an object {law, b, dc}, got ${describe(raw)}`);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!['law', 'b', 'dc'].includes(key)) throw new InputError(`${field}.${key}`, 'unknown field (expected law, b, dc)');
  return {
    law: o.law === undefined ? 'aging' : requireChoice(o.law, `${field}.law`, stateLaws),
    b: requireFiniteNumber(o.b, `${field}.b`),
    dc: requirePositive(o.dc, `${field}.dc`),
  };
}

function validateSpringParams(raw: unknown, field = 'params'): SpringParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError(field, 'must be an object with mu0, a, vRef, k, states');
  const o = raw as Record<string, unknown>;
  const keys = ['mu0', 'a', 'vRef', 'k', 'states'];
  for (const key of Object.keys(o))
    if (!keys.includes(key)) throw new InputError(`${field}.${key}`, `unknown parameter (expected one of ${keys.join(', ')})`);
  const states = requireArray(o.states, `${field}.states`).map((s, i) => validateState(s, `${field}.states[${i}]`));
  if (states.length === 0) throw new InputError(`${field}.states`, 'must hold at least one state variable');
  const a = requireFiniteNumber(o.a, `${field}.a`);
  if (a === 0) throw new InputError(`${field}.a`, 'must not be 0 (V = Vref exp((μ − μ0 − Σφ)/a) divides by it)');
  return {
    mu0: requireFiniteNumber(o.mu0, `${field}.mu0`),
    a,
    vRef: requirePositive(o.vRef, `${field}.vRef`),
    k: requirePositive(o.k, `${field}.k`),
    states,
  };
}

/** A `simulate` file with "system": "spring-slider"; each refusal names the field. */
export function validateSpringProtocol(raw: Record<string, unknown>): SpringProtocol {
  const obj = requireProtocolSchema(raw);
  const params = validateSpringParams(obj.params);
  const duration = requirePositive(obj.duration, 'duration');
  const v0 = requirePositive(obj.v0, 'v0');
  const jumpTimes = requireArray(obj.jumpTimes, 'jumpTimes').map((v, i) => requireFiniteNumber(v, `jumpTimes[${i}]`));
  // a load point at rest (a hold, V_lp = 0) is fine: the slider relaxes against the spring
  const velocities = requireArray(obj.velocities, 'velocities').map((v, i) => {
    const x = requireFiniteNumber(v, `velocities[${i}]`);
    if (x < 0) throw new InputError(`velocities[${i}]`, `must be >= 0 (0 holds the load point at rest), got ${x}`);
    return x;
  });
  if (velocities.length !== jumpTimes.length + 1)
    throw new InputError('velocities', `must have one more entry than jumpTimes (${jumpTimes.length + 1}), got ${velocities.length}`);
  jumpTimes.forEach((t, i) => {
    if (t <= 0 || t >= duration) throw new InputError(`jumpTimes[${i}]`, `must lie strictly inside (0, duration=${duration}), got ${t}`);
    if (i > 0 && t <= jumpTimes[i - 1])
      throw new InputError(`jumpTimes[${i}]`, `must be greater than jumpTimes[${i - 1}] = ${jumpTimes[i - 1]}, got ${t}`);
  });
  return { params, v0, duration, jumpTimes, velocities };
}
