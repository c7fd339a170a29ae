/**
 * Independent references for the physics tests: the aging law integrated numerically with
 * classical RK4, landing exactly on every jump and sample, and eq. (3) written out again.
 */
export interface RefParams {
  mu0: number;
  a: number;
  b: number;
  vRef: number;
  dc: number;
}

/** Classical RK4 for dθ/dt = f(θ) over `dt`, in `steps` equal steps. */
export function rk4(f: (theta: number) => number, theta: number, dt: number, steps: number): number {
  const h = dt / steps;
  for (let s = 0; s < steps; s++) {
    const k1 = f(theta);
    const k2 = f(theta + (h / 2) * k1);
    const k3 = f(theta + (h / 2) * k2);
    const k4 = f(theta + h * k3);
    theta += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return theta;
}

const rk4Theta = (theta: number, v: number, dt: number, dc: number, steps: number) => rk4((th) => 1 - (v * th) / dc, theta, dt, steps);

/** theta and mu at each sample time, by RK4 with at most maxStep per step. */
export function referenceRun(
  p: RefParams,
  jumpTimes: number[],
  velocities: number[],
  samples: ArrayLike<number>,
  maxStep: number,
  theta0 = p.dc / velocities[0],
) {
  const events = [...jumpTimes.map((t) => ({ t, jump: true })), ...Array.from(samples, (t) => ({ t, jump: false }))];
  // At equal times the jump comes first: V is right-continuous.
  events.sort((x, y) => x.t - y.t || (x.jump === y.jump ? 0 : x.jump ? -1 : 1));
  let k = 0;
  let now = 0;
  let theta = theta0;
  const thetas: number[] = [];
  const mus: number[] = [];
  const vs: number[] = [];
  for (const e of events) {
    const dt = e.t - now;
    if (dt > 0) theta = rk4Theta(theta, velocities[k], dt, p.dc, Math.max(1, Math.ceil(dt / maxStep)));
    now = e.t;
    if (e.jump) k++;
    else {
      const v = velocities[k];
      thetas.push(theta);
      vs.push(v);
      mus.push(p.mu0 + p.a * Math.log(v / p.vRef) + p.b * Math.log((p.vRef * theta) / p.dc));
    }
  }
  return { theta: thetas, mu: mus, V: vs };
}
