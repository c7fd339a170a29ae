import type { RsfParams } from './params';
import { type StateLaw, stateTerm, steadyState } from './stateLaws';

/** Eq. (3): mu = mu0 + a ln(V/Vref) + b ln(Vref theta / L), L = Dc (2 Dc for PRZ). */
export function frictionLaw(p: RsfParams, v: number, theta: number, law: StateLaw = 'aging'): number {
  return p.mu0 + p.a * Math.log(v / p.vRef) + stateTerm(law, p.b, p.vRef, theta, p.dc);
}

/** The law's fixed point at constant V: theta_ss = Dc / V (2 Dc / V for PRZ). */
export function steadyStateTheta(p: RsfParams, v: number, law: StateLaw = 'aging'): number {
  return steadyState(law, v, p.dc);
}
