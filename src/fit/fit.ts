import { type Detected, detected } from '../physics/lab/detected';
import type { Experiment, Step } from '../physics/lab/record';
import { InputError } from '../util/inputError';
import { type LmResult, levenberg, lmDefaults } from './levenberg';
import { cholesky, cholInverse } from './linalg';
import { type FitData, type FitSpec, loadPointDisplacement, modelFriction, parameterNames, physical } from './model';
import { startingPoints } from './starts';

/** The fit did not converge from any start (exit 3). */
export class FitError extends Error {}

interface FitResult {
  law: FitSpec['law'];
  states: 1 | 2;
  /** SI: dc in m, k per metre of load-point displacement, trend per metre of load-point displacement */
  params: Record<string, number>;
  /** one standard error per parameter, from the Jacobian at the optimum; 0 for a fixed one */
  stderr: Record<string, number>;
  /** residual rms of μ */
  rms: number;
  /** the record's noise level: residual sd of μ on the steady segment before the first step */
  noise: number;
  samples: number;
  steps: Step[];
  /** what `data --from-fit` needs to draw records like this one (version 2) */
  record: FittedRecord;
  /** correlations between the estimates of a, b and Dc */
  correlation: { a_b: number; a_dc: number; b_dc: number };
}

/** The record's load-point velocity before the first step (m/s), its length (s) and its sample rate (Hz). */
interface FittedRecord {
  v0: number;
  duration: number;
  sampleRate: number;
}

/** What the report draws besides the numbers. */
export interface FitDetail {
  result: FitResult;
  t: Float64Array;
  mu: Float64Array;
  model: Float64Array;
  /** every start's final cost, best first, to show the optimum is not a local one */
  starts: { cost: number; converged: boolean }[];
}

function fitData(e: Experiment): FitData {
  return { t: e.t.map((x) => x - e.t[0]), mu: e.mu, v0: e.V[0], steps: stepsOf(e) };
}

function stepsOf(e: Experiment): Step[] {
  return detected(e).steps;
}

/** Every row, or every m-th (and the last) for the starts' cheap first pass. */
function thin(d: FitData, every: number): FitData {
  if (every <= 1) return d;
  const keep = Array.from({ length: Math.ceil(d.t.length / every) }, (_, i) => i * every);
  if (keep[keep.length - 1] !== d.t.length - 1) keep.push(d.t.length - 1);
  return { ...d, t: Float64Array.from(keep, (i) => d.t[i]), mu: Float64Array.from(keep, (i) => d.mu[i]) };
}

function problem(spec: FitSpec, d: FitData) {
  const xlp = loadPointDisplacement(d);
  const names = parameterNames(spec);
  const residuals = (theta: readonly number[]) => {
    const m = modelFriction(spec, d, xlp, theta);
    if (!m) return null;
    for (let i = 0; i < m.length; i++) m[i] -= d.mu[i];
    return m;
  };
  // μ0 shifts the model by exactly 1 and the trend adds the load-point displacement: those two
  // columns are exact; the others are forward differences at steps far above the model's tolerance.
  const jacobian = (theta: readonly number[], r: Float64Array) =>
    names.map((name, j) => {
      if (name === 'mu0') return new Float64Array(r.length).fill(1);
      if (name === 'trend') return Float64Array.from(xlp);
      const h = name.startsWith('ln') ? 1e-6 : 1e-6 * Math.max(Math.abs(theta[j]), 1e-3);
      const shifted = [...theta];
      shifted[j] += h;
      const rh = residuals(shifted) ?? residuals(theta.map((x, i) => (i === j ? x - h : x)))?.map((v) => -v);
      if (!rh) return new Float64Array(r.length);
      return rh.map((v, i) => (v - r[i]) / h);
    });
  return { residuals, jacobian, names };
}

export interface FitOptions {
  /** starting points in optimiser coordinates; by default startingPoints() */
  starts?: number[][];
  /** use every m-th row for the starts (the polish uses every row); by default so that about 1000 rows are used */
  thinning?: number;
  /** the most Levenberg–Marquardt iterations for the run to convergence and the polish; lmDefaults' by default */
  maxIterations?: number;
}

/**
 * The rate-and-state inversion: Levenberg–Marquardt on the exact spring-slider from every start
 * on a thinned record, then the best polished on every row. Standard errors are
 * √diag(s² (JᵀJ)⁻¹) with s² = Σr²/(n − p), mapped from ln Dc and ln k to Dc and k.
 */
export function fitExperiment(e: Experiment, spec: FitSpec, options: FitOptions = {}): FitDetail {
  const file = e.source.replace(/#.*$/, '');
  const d = fitData(e);
  if (d.steps.length === 0) throw new InputError('record', `${e.source} has no velocity step; a fit needs at least one`, file);
  if (!(d.v0 > 0)) throw new InputError('record', `${e.source} starts at rest; the fit starts from steady sliding`, file);
  const full = problem(spec, d);
  const every = options.thinning ?? Math.max(1, Math.floor(d.t.length / 1000));
  const coarse = every > 1 ? problem(spec, thin(d, every)) : full;
  const starts = options.starts ?? startingPoints(spec, d);
  // Every start gets a short run; only the lowest goes on to convergence, then to every row.
  const lm = { ...lmDefaults, maxIterations: options.maxIterations ?? lmDefaults.maxIterations };
  const scout = { ...lm, maxIterations: starts.length > 1 ? Math.min(20, lm.maxIterations) : lm.maxIterations };
  const runs = starts.map((s) => levenberg(coarse.residuals, coarse.jacobian, s, scout)).sort((x, y) => x.cost - y.cost);
  const ranked = runs.filter((r) => Number.isFinite(r.cost));
  if (ranked.length === 0) throw new FitError(`${e.source}: the model could not be evaluated from any of ${starts.length} starts`);
  let best: LmResult = ranked[0];
  if (!best.converged) best = levenberg(coarse.residuals, coarse.jacobian, best.theta, lm);
  if (every > 1) best = levenberg(full.residuals, full.jacobian, best.theta, lm);
  if (!best.converged)
    throw new FitError(`${e.source}: the fit did not converge (${best.reason}; rms ${Math.sqrt(best.cost / d.t.length)})`);
  return {
    result: summarise(spec, d, best, full.names, detected(e)),
    t: d.t,
    mu: d.mu,
    model: best.r.map((r, i) => r + d.mu[i]),
    starts: runs.map((r) => ({ cost: r.cost, converged: r.converged })),
  };
}

function summarise(spec: FitSpec, d: FitData, lm: LmResult, names: string[], seen: Detected): FitResult {
  const n = lm.r.length;
  const p = names.length;
  const A = lm.J.map((ci) => lm.J.map((cj) => ci.reduce((s, x, i) => s + x * cj[i], 0)));
  const L = cholesky(A);
  if (!L) throw new FitError('the parameters are not identifiable from this record (JᵀJ is singular at the optimum)');
  const s2 = lm.cost / Math.max(1, n - p);
  const cov = cholInverse(L).map((row) => row.map((x) => x * s2));
  const params = physical(spec, lm.theta);
  const se = (name: string) => {
    const j = names.indexOf(name);
    return j < 0 ? 0 : Math.sqrt(cov[j][j]);
  };
  // Dc = e^θ: se(Dc) = Dc se(θ) to first order, as the Jacobian's own linearisation gives
  const stderr: Record<string, number> = {
    a: se('a'),
    b: se('b'),
    dc: params.dc * se('lnDc'),
    ...(spec.states === 2 ? { b2: se('b2'), dc2: params.dc2 * se('lnDc2') } : {}),
    k: spec.k === 'free' ? params.k * se('lnK') : 0,
    mu0: se('mu0'),
    trend: se('trend'),
  };
  const corr = (x: string, y: string) => {
    const i = names.indexOf(x);
    const j = names.indexOf(y);
    return cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
  };
  return {
    law: spec.law,
    states: spec.states,
    params,
    stderr,
    rms: Math.sqrt(lm.cost / n),
    noise: seen.muNoise,
    samples: n,
    steps: [...d.steps],
    record: { v0: d.v0, duration: d.t[d.t.length - 1], sampleRate: seen.sampleRate },
    correlation: { a_b: corr('a', 'b'), a_dc: corr('a', 'lnDc'), b_dc: corr('b', 'lnDc') },
  };
}
