import type { Rng } from '../util/random';
import { frictionLaw, steadyStateTheta } from './frictionLaw';
import { integrateStretch } from './ode';
import type { RsfParams } from './params';
import { emptySimulation, type Simulation } from './simulate';
import { type StateLaw, stateRate } from './stateLaws';

/**
 * A velocity that changes between jumps (issue 29): linear ramps through knots, or a sine about a
 * mean. No closed form covers the state under them, so `simulateShape` integrates it.
 */
export type VelocityShape =
  | { kind: 'ramps'; times: number[]; levels: number[] }
  | { kind: 'sine'; mean: number; amplitude: number; period: number; phase: number };

/** The velocity range the shapes draw from, m/s: the paper's sliding velocities span about this. */
const shapeVelocities = Object.freeze({ min: 0.05, max: 5 });

const logUniform = (rng: Rng, lo: number, hi: number) => lo * (hi / lo) ** rng.open();

/**
 * Ramps: 3 to 6 knots, the first at 0 and the last at T, the others uniform in between; each
 * knot's velocity log-uniform over shapeVelocities. Draw order: knot count, times, velocities.
 */
export function drawRamps(rng: Rng, duration: number): VelocityShape {
  const n = 3 + rng.int(4);
  const inner = Array.from({ length: n - 2 }, () => rng.open() * duration).sort((a, b) => a - b);
  const times = [0, ...inner, duration];
  return { kind: 'ramps', times, levels: times.map(() => logUniform(rng, shapeVelocities.min, shapeVelocities.max)) };
}

/**
 * Sine: V = V̄ (1 + A sin(2π t/P + φ)), V̄ log-uniform over shapeVelocities, A uniform in
 * [0.2, 0.9], the period log-uniform between 1 and 100 times Dc/V̄, φ uniform. Draw order as listed.
 */
export function drawSine(rng: Rng, dc: number): VelocityShape {
  const mean = logUniform(rng, shapeVelocities.min, shapeVelocities.max);
  const amplitude = 0.2 + 0.7 * rng.open();
  const period = logUniform(rng, 1, 100) * (dc / mean);
  return { kind: 'sine', mean, amplitude, period, phase: 2 * Math.PI * rng.open() };
}

function rampSegment(s: { times: number[] }, t: number): number {
  let k = 0;
  while (k + 2 < s.times.length && s.times[k + 1] <= t) k++;
  return k;
}

export function velocityAt(s: VelocityShape, t: number): number {
  if (s.kind === 'sine') return s.mean * (1 + s.amplitude * Math.sin((2 * Math.PI * t) / s.period + s.phase));
  const k = rampSegment(s, t);
  const f = (t - s.times[k]) / (s.times[k + 1] - s.times[k]);
  return s.levels[k] + f * (s.levels[k + 1] - s.levels[k]);
}

/** Slip since t = 0, the velocity's exact integral. */
function slipAt(s: VelocityShape, t: number): number {
  if (s.kind === 'sine') {
    const w = (2 * Math.PI) / s.period;
    return s.mean * t - ((s.mean * s.amplitude) / w) * (Math.cos(w * t + s.phase) - Math.cos(s.phase));
  }
  let slip = 0;
  for (let k = 0; k + 1 < s.times.length && s.times[k] < t; k++) {
    const end = Math.min(t, s.times[k + 1]);
    slip += ((velocityAt(s, s.times[k]) + velocityAt(s, end)) / 2) * (end - s.times[k]);
  }
  return slip;
}

const shapeOde = { rtol: 1e-10, atol: 1e-20, maxSteps: 2_000_000 };

/**
 * The state law under the shape's velocity, by the embedded Runge–Kutta 5(4) integrator with y =
 * (θ, t), stopping at every sample and ramp knot so no step straddles a kink; θ starts at steady
 * state at V(0), and the targets are (μ − μ(0)) / δμch as for jumps.
 */
export function simulateShape(shape: VelocityShape, p: RsfParams, law: StateLaw, sampleTimes: Float64Array, dmuCh: number): Simulation {
  const n = sampleTimes.length;
  const out = emptySimulation(sampleTimes);
  const v0 = velocityAt(shape, 0);
  const y = Float64Array.of(steadyStateTheta(p, v0, law), 0);
  const rhs = (yy: Float64Array, d: Float64Array) => {
    d[0] = stateRate(law, velocityAt(shape, yy[1]), yy[0], p.dc);
    d[1] = 1;
  };
  const knots = shape.kind === 'ramps' ? shape.times : [];
  const muStart = frictionLaw(p, v0, y[0], law);
  let h = 0;
  for (let i = 0; i < n; i++) {
    const stops = [...knots.filter((x) => x > y[1] && x < sampleTimes[i]), sampleTimes[i]];
    for (const stop of stops) {
      if (stop > y[1]) h = integrateStretch(rhs, y, stop - y[1], h, shapeOde);
      y[1] = stop;
    }
    const v = velocityAt(shape, sampleTimes[i]);
    out.V[i] = v;
    out.theta[i] = y[0];
    out.slip[i] = slipAt(shape, sampleTimes[i]);
    out.mu[i] = frictionLaw(p, v, y[0], law);
    out.dmuNorm[i] = (out.mu[i] - muStart) / dmuCh;
  }
  return out;
}
