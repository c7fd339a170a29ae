/**
 * An independent spring-slider for tests: one aging-law state, plain RK4 at a fixed step, with
 * the fit's conventions (Vref = v0, steady state at v0 at t = 0, μ0 the steady friction there,
 * trend × load-point displacement added). It shares no code with src/physics, so a test that
 * compares the two checks the project's simulator rather than restating it.
 */
export interface Rk4Law {
  a: number;
  b: number;
  dc: number;
  k: number;
  mu0: number;
  trend: number;
}

/** Load-point velocity v0 until the first step, then each step's velocity from its time on. */
export interface Rk4Protocol {
  v0: number;
  steps: { time: number; velocity: number }[];
}

/** μ at `times` (increasing, from 0), stepping h (the step times are hit exactly). */
export function rk4Friction(p: Rk4Law, protocol: Rk4Protocol, times: ArrayLike<number>, h = 2e-3): Float64Array {
  const { v0 } = protocol;
  const slider = (mu: number, lnTheta: number) => v0 * Math.exp((mu - p.mu0 - p.b * Math.log((v0 * Math.exp(lnTheta)) / p.dc)) / p.a);
  const rhs = (mu: number, lnTheta: number, vlp: number): [number, number] => {
    const v = slider(mu, lnTheta);
    return [p.k * (vlp - v), Math.exp(-lnTheta) - v / p.dc];
  };
  const breaks = protocol.steps.map((s) => s.time);
  const vlpAt = (t: number) => {
    let v = v0;
    for (const s of protocol.steps) if (t >= s.time) v = s.velocity;
    return v;
  };
  let t = 0;
  let mu = p.mu0;
  let lnTheta = Math.log(p.dc / v0);
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    while (t < times[i]) {
      const next = Math.min(times[i], t + h, ...breaks.filter((b) => b > t));
      const dt = next - t;
      const vlp = vlpAt(t);
      const k1 = rhs(mu, lnTheta, vlp);
      const k2 = rhs(mu + (dt / 2) * k1[0], lnTheta + (dt / 2) * k1[1], vlp);
      const k3 = rhs(mu + (dt / 2) * k2[0], lnTheta + (dt / 2) * k2[1], vlp);
      const k4 = rhs(mu + dt * k3[0], lnTheta + dt * k3[1], vlp);
      mu += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
      lnTheta += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
      t = next;
    }
    out[i] = mu + p.trend * loadPointDisplacement(protocol, times[i]);
  }
  return out;
}

/** The load point's displacement at t: each velocity times the time it lasted, from 0. */
export function loadPointDisplacement(protocol: Rk4Protocol, t: number): number {
  let x = 0;
  let from = 0;
  let v = protocol.v0;
  for (const s of protocol.steps) {
    if (s.time >= t) break;
    x += v * (s.time - from);
    from = s.time;
    v = s.velocity;
  }
  return x + v * (t - from);
}
