/**
 * The state evolution laws under a slider velocity V (SPEC §6), their steady states, the state
 * term they add to the friction law, and their exact solutions at constant V.
 *
 *   aging: dθ/dt = 1 − Vθ/Dc                 θss = Dc/V     term b ln(Vref θ/Dc)
 *   slip:  dθ/dt = −(Vθ/Dc) ln(Vθ/Dc)        θss = Dc/V     term b ln(Vref θ/Dc)
 *   prz:   dθ/dt = 1 − (Vθ/(2Dc))²           θss = 2Dc/V    term b ln(Vref θ/(2Dc))
 */
export type StateLaw = 'aging' | 'slip' | 'prz';
export const stateLaws: readonly StateLaw[] = ['aging', 'slip', 'prz'];

/** The length that θ is measured against: Dc, or 2Dc for PRZ (so θss = L/V for every law). */
export function stateLength(law: StateLaw, dc: number): number {
  return law === 'prz' ? 2 * dc : dc;
}

export function steadyState(law: StateLaw, v: number, dc: number): number {
  return stateLength(law, dc) / v;
}

/** The state's contribution to μ: b ln(Vref θ / L). */
export function stateTerm(law: StateLaw, b: number, vRef: number, theta: number, dc: number): number {
  return b * Math.log((vRef * theta) / stateLength(law, dc));
}

/** dθ/dt at slider velocity v, for numerical integration (the spring-slider). */
export function stateRate(law: StateLaw, v: number, theta: number, dc: number): number {
  const x = (v * theta) / stateLength(law, dc);
  if (law === 'aging') return 1 - x;
  if (law === 'slip') return -x * Math.log(x);
  return 1 - x * x;
}

/**
 * θ after a time dt at constant V, from θᵢ, exactly and without cancellation.
 *
 * aging: θ e^−x − (Dc/V) expm1(−x), x = V dt/Dc (the textbook Dc/V + (θᵢ − Dc/V) e^−x
 *   subtracts numbers of size 1e5 in a hold to get one of size 1e−3).
 * slip:  y = ln(Vθ/Dc) obeys dy/dt = −(V/Dc) y, so y = yᵢ e^−x, i.e. θ = (Dc/V)(Vθᵢ/Dc)^exp(−x);
 *   written as ln θ = ln θᵢ + yᵢ expm1(−x), which never forms ln(Dc/V) + y from two large terms.
 * prz:   s = Vθ/(2Dc) obeys the Riccati equation ds/dt = c(1 − s²), c = V/(2Dc), solved by
 *   s = tanh(c t + artanh sᵢ) (or coth for sᵢ > 1). The addition theorem gives one form for both:
 *   s = (sᵢ + tanh u)/(1 + sᵢ tanh u), u = c dt, every term ≥ 0, so nothing cancels.
 */
export function evolveState(law: StateLaw, thetaStart: number, v: number, dt: number, dc: number): number {
  if (dt === 0) return thetaStart;
  if (law === 'aging') {
    const x = (v * dt) / dc;
    return thetaStart * Math.exp(-x) - (dc / v) * Math.expm1(-x);
  }
  if (law === 'slip') {
    const x = (v * dt) / dc;
    const y = Math.log((v * thetaStart) / dc);
    return thetaStart * Math.exp(y * Math.expm1(-x));
  }
  const l = 2 * dc;
  const s = (v * thetaStart) / l;
  const th = Math.tanh((v * dt) / l);
  return ((s + th) / (1 + s * th)) * (l / v);
}
