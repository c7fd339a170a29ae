import { frictionLaw, steadyStateTheta } from './frictionLaw';
import { characteristic } from './params';
import type { Protocol } from './protocol';
import { evolveState } from './stateLaws';

export interface Simulation {
  t: Float64Array;
  V: Float64Array;
  theta: Float64Array;
  mu: Float64Array;
  /** (mu - mu(t=0)) / dmu_ch, the paper's normalized target */
  dmuNorm: Float64Array;
  /** slider displacement since t = 0 */
  slip: Float64Array;
}

/** A simulation of zeros at the given sample instants, for a simulator to fill in. */
export function emptySimulation(sampleTimes: Float64Array): Simulation {
  const n = sampleTimes.length;
  return {
    t: Float64Array.from(sampleTimes),
    V: new Float64Array(n),
    theta: new Float64Array(n),
    mu: new Float64Array(n),
    dmuNorm: new Float64Array(n),
    slip: new Float64Array(n),
  };
}

/**
 * Integrates the state law (aging by default) exactly, interval by interval, over the true jump times, and reads
 * V, theta and mu at the sample instants (sorted ascending). Every sample is reached from the
 * state at the last jump before it, never from the previous sample, so rounding does not
 * accumulate along a long interval and a jump between two samples is still honoured.
 */
export function simulate(protocol: Protocol, sampleTimes: Float64Array, dmuCh: number = characteristic.dmuCh): Simulation {
  const { params: p, jumpTimes, velocities } = protocol;
  const law = protocol.law ?? 'aging';
  const n = sampleTimes.length;
  const out = emptySimulation(sampleTimes);
  const theta0 = protocol.theta0 ?? steadyStateTheta(p, velocities[0], law);
  const muStart = frictionLaw(p, velocities[0], theta0, law);
  let k = 0; // current interval
  let tJump = 0; // start of interval k
  let thetaJump = theta0; // theta at tJump
  let slipJump = 0; // slip at tJump
  for (let i = 0; i < n; i++) {
    const t = sampleTimes[i];
    while (k < jumpTimes.length && jumpTimes[k] <= t) {
      thetaJump = evolveState(law, thetaJump, velocities[k], jumpTimes[k] - tJump, p.dc);
      slipJump += velocities[k] * (jumpTimes[k] - tJump);
      tJump = jumpTimes[k];
      k++;
    }
    const v = velocities[k];
    const theta = evolveState(law, thetaJump, v, t - tJump, p.dc);
    out.V[i] = v;
    out.slip[i] = slipJump + v * (t - tJump);
    out.theta[i] = theta;
    out.mu[i] = frictionLaw(p, v, theta, law);
    out.dmuNorm[i] = (out.mu[i] - muStart) / dmuCh;
  }
  return out;
}
