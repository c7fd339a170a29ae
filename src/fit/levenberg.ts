import { cholesky, cholSolve } from './linalg';

/** Residuals r(θ) (model − data), or null where the model cannot be evaluated (the step is then refused). */
export type Residuals = (theta: readonly number[]) => Float64Array | null;
/** The Jacobian ∂r/∂θ as columns, one Float64Array per parameter. */
export type Jacobian = (theta: readonly number[], r: Float64Array) => Float64Array[];

export interface LmOptions {
  maxIterations: number;
  /** converged when a step changes every parameter by less than this, relative to its scale */
  xtol: number;
  /** or when the cost falls by less than this fraction */
  ftol: number;
  /**
   * or when no step lowers a residual rms already below this: the model's own rounding (its
   * integrator runs at a relative 1e-12), reached only by noise-free records
   */
  rmsFloor: number;
}

export const lmDefaults: Readonly<LmOptions> = Object.freeze({ maxIterations: 200, xtol: 1e-10, ftol: 1e-14, rmsFloor: 1e-10 });

export interface LmResult {
  theta: number[];
  r: Float64Array;
  J: Float64Array[];
  /** Σ r² */
  cost: number;
  iterations: number;
  converged: boolean;
  /** why it stopped */
  reason: string;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Levenberg–Marquardt with Marquardt's diagonal scaling (JᵀJ + λ diag JᵀJ) δ = −Jᵀr: a
 * trust-region method that is Gauss–Newton near the optimum and gradient descent far from it.
 * A step is taken only when it lowers the cost; otherwise λ grows tenfold.
 */
export function levenberg(residuals: Residuals, jacobian: Jacobian, theta0: readonly number[], o: LmOptions = lmDefaults): LmResult {
  let theta = [...theta0];
  let r = residuals(theta);
  if (!r)
    return {
      theta,
      r: new Float64Array(0),
      J: [],
      cost: Infinity,
      iterations: 0,
      converged: false,
      reason: 'the model fails at the start',
    };
  let cost = dot(r, r);
  let J = jacobian(theta, r);
  let lambda = 1e-3;
  for (let it = 1; it <= o.maxIterations; it++) {
    const A = J.map((ci) => J.map((cj) => dot(ci, cj)));
    const g = J.map((c) => dot(c, r as Float64Array));
    let accepted = false;
    while (lambda < 1e16) {
      const M = A.map((row, i) => row.map((v, j) => (i === j ? v * (1 + lambda) + 1e-300 : v)));
      const L = cholesky(M);
      if (!L) {
        lambda *= 10;
        continue;
      }
      const delta = cholSolve(
        L,
        g.map((x) => -x),
      );
      const trial = theta.map((x, i) => x + delta[i]);
      const rt = residuals(trial);
      const ct = rt ? dot(rt, rt) : Infinity;
      if (ct < cost) {
        const small = delta.every((d, i) => Math.abs(d) <= o.xtol * (Math.abs(theta[i]) + o.xtol));
        const flat = cost - ct <= o.ftol * cost;
        theta = trial;
        r = rt as Float64Array;
        cost = ct;
        lambda = Math.max(lambda / 10, 1e-12);
        J = jacobian(theta, r);
        accepted = true;
        if (small || flat || cost === 0)
          return { theta, r, J, cost, iterations: it, converged: true, reason: small ? 'the step is below xtol' : 'the cost is flat' };
        break;
      }
      // The trial was no better: at a tiny step that is convergence to rounding.
      if (lambda <= 1 && delta.every((d, i) => Math.abs(d) <= o.xtol * (Math.abs(theta[i]) + o.xtol)))
        return { theta, r, J, cost, iterations: it, converged: true, reason: 'no smaller cost within rounding' };
      lambda *= 10;
    }
    if (!accepted) {
      // No step helps: at the optimum when even the Gauss–Newton step promises a negligible
      // gain (the Jacobian's rounding then decides the trial), or at the model's rounding floor.
      const L0 = cholesky(A.map((row, i) => row.map((v, j) => (i === j ? v * (1 + 1e-12) + 1e-300 : v))));
      const gn = L0 ? cholSolve(L0, g) : null;
      const promise = gn ? gn.reduce((sum, x, i) => sum + x * g[i], 0) : Infinity;
      if (promise <= 1e-8 * cost)
        return { theta, r, J, cost, iterations: it, converged: true, reason: 'the Gauss–Newton step promises less than 1e-8 of the cost' };
      const floor = Math.sqrt(cost / r.length) < o.rmsFloor;
      return {
        theta,
        r,
        J,
        cost,
        iterations: it,
        converged: floor,
        reason: floor ? "the rms is at the model's rounding" : 'no step lowers the cost (λ grew past 1e16)',
      };
    }
  }
  return { theta, r, J, cost, iterations: o.maxIterations, converged: false, reason: `${o.maxIterations} iterations without convergence` };
}
