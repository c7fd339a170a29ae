import type { RsfParams } from './params';

/** Eq. (3): mu = mu0 + a ln(V/Vref) + b ln(Vref theta / Dc). */
export function frictionLaw(p: RsfParams, v: number, theta: number): number {
  return p.mu0 + p.a * Math.log(v / p.vRef) + p.b * Math.log((p.vRef * theta) / p.dc);
}

/** The aging law's fixed point at constant V: theta_ss = Dc / V. */
export function steadyStateTheta(p: RsfParams, v: number): number {
  return p.dc / v;
}
