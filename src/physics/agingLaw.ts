/**
 * Exact solution of the aging law, eq. (2), dtheta/dt = 1 - V theta / Dc, over a time dt at
 * constant V, starting from thetaStart.
 *
 * Written as theta e^-x - (Dc/V) expm1(-x), x = V dt / Dc, instead of the textbook
 * Dc/V + (theta - Dc/V) e^-x: in a hold Dc/V is ~1e5 s while theta is ~1e-3 s, and the textbook
 * form subtracts two numbers of size 1e5 to get one of size 1e-3, losing ~8 digits.
 */
export function agingLaw(thetaStart: number, v: number, dt: number, dc: number): number {
  const x = (v * dt) / dc;
  return thetaStart * Math.exp(-x) - (dc / v) * Math.expm1(-x);
}
