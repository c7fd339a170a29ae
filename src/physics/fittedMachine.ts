import { describe, InputError, requireArray, requireChoice, requireFiniteNumber, requirePositive } from '../util/inputError';
import type { Rng } from '../util/random';
import type { GeneratedProtocol } from './generator';
import { loadPointDisplacementAt } from './loadPoint';
import type { OdeOptions } from './ode';
import type { RsfParams } from './params';
import type { Simulation } from './simulate';
import { simulateSpringSlider } from './springSlider';
import { type StateLaw, stateLaws } from './stateLaws';

/**
 * What a dataset drawn from a fit (`data --from-fit`) holds beside the usual settings, as
 * `config.fromFit`: the fitted machine (its spring is `config.k`, a, μ0 and Vref are
 * `config.params`) and the record's velocity range and sample rate. The net's input is the
 * load-point velocity of that machine, not the interface's: `input` says so in the file.
 */
export interface FittedMachine {
  input: 'load-point velocity';
  /** every fitted state variable, each with its own law, b and Dc (the first is also config.params.b, dc) */
  states: { law: StateLaw; b: number; dc: number }[];
  /** the fit's linear slip trend: friction per metre of load-point displacement */
  trend: number;
  /** the record's lowest and highest non-zero load-point velocities, m/s */
  vMin: number;
  vMax: number;
  /** the record's sample rate, Hz: samples = duration × rate + 1 */
  sampleRate: number;
  /** the shortest and longest hold, s: hold lengths are drawn log-uniformly between them */
  holdMin: number;
  holdMax: number;
}

/**
 * Holds last from 3 samples (or a thousandth of the longest, whichever is longer) to a third of
 * the record: up to three decades, so healing can be read against log t_h as in a
 * slide-hold-slide series, while two thirds of every record slides.
 */
export function holdRange(duration: number, sampleRate: number): { holdMin: number; holdMax: number } {
  const holdMax = duration / 3;
  return { holdMax, holdMin: Math.min(holdMax, Math.max(3 / sampleRate, holdMax / 1000)) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** config.fromFit as a file states it, each refusal naming its field. */
export function validateFittedMachine(raw: unknown, field = 'fromFit'): FittedMachine {
  if (!isObject(raw)) throw new InputError(field, `must be an object, got ${describe(raw)}`);
  const keys = ['input', 'states', 'trend', 'vMin', 'vMax', 'sampleRate', 'holdMin', 'holdMax'];
  for (const k of Object.keys(raw))
    if (!keys.includes(k)) throw new InputError(`${field}.${k}`, `unknown field (expected ${keys.join(', ')})`);
  if (raw.input !== 'load-point velocity')
    throw new InputError(`${field}.input`, `must be "load-point velocity", got ${describe(raw.input)}`);
  const states = requireArray(raw.states, `${field}.states`).map((s, i) => {
    const at = `${field}.states[${i}]`;
    if (!isObject(s)) throw new InputError(at, `must be an object {law, b, dc}, got ${describe(s)}`);
    return {
      law: requireChoice(s.law, `${at}.law`, stateLaws),
      b: requireFiniteNumber(s.b, `${at}.b`),
      dc: requirePositive(s.dc, `${at}.dc`),
    };
  });
  if (states.length < 1 || states.length > 2)
    throw new InputError(`${field}.states`, `must hold 1 or 2 state variables, got ${states.length}`);
  const m: FittedMachine = {
    input: 'load-point velocity',
    states,
    trend: requireFiniteNumber(raw.trend, `${field}.trend`),
    vMin: requirePositive(raw.vMin, `${field}.vMin`),
    vMax: requirePositive(raw.vMax, `${field}.vMax`),
    sampleRate: requirePositive(raw.sampleRate, `${field}.sampleRate`),
    holdMin: requirePositive(raw.holdMin, `${field}.holdMin`),
    holdMax: requirePositive(raw.holdMax, `${field}.holdMax`),
  };
  if (m.vMax < m.vMin) throw new InputError(`${field}.vMax`, `must be at least vMin = ${m.vMin}, got ${m.vMax}`);
  if (m.holdMax < m.holdMin) throw new InputError(`${field}.holdMax`, `must be at least holdMin = ${m.holdMin}, got ${m.holdMax}`);
  return m;
}

/**
 * One record of a fitted machine. Draw order (part of the reproducibility contract): the number
 * of jumps, whether the record holds (one draw: half of them do), the hold's length
 * (log-uniform over [holdMin, holdMax]) and which interior interval it is, the sliding
 * intervals' boundaries (sorted uniform cuts of what the hold leaves), then each sliding
 * interval's load-point velocity, log-uniform over [vMin, vMax]. A hold stops the load point
 * (V_lp = 0), as a lab's hold does, and the slider relaxes against the spring.
 */
export function fittedProtocol(rng: Rng, c: { duration: number; minJumps: number; maxJumps: number }, m: FittedMachine): GeneratedProtocol {
  const nJumps = c.minJumps + rng.int(c.maxJumps - c.minJumps + 1);
  const holds = nJumps >= 2 && rng.open() < 0.5;
  const h = holds ? m.holdMin * (m.holdMax / m.holdMin) ** rng.open() : 0;
  // 0 means no hold: the first interval never holds (the slider starts in steady sliding)
  const hold = holds ? 1 + rng.int(nJumps - 1) : 0;
  const nSliding = nJumps + 1 - (holds ? 1 : 0);
  const sliding = c.duration - h;
  const cuts = Array.from({ length: nSliding - 1 }, () => rng.open() * sliding).sort((x, y) => x - y);
  const lengths = [...cuts, sliding].map((x, i) => x - (i === 0 ? 0 : cuts[i - 1]));
  const velocities: number[] = [];
  const jumpTimes: number[] = [];
  let now = 0;
  let next = 0;
  for (let k = 0; k <= nJumps; k++) {
    if (k > 0) jumpTimes.push(now);
    now += k === hold && holds ? h : lengths[next++];
  }
  for (let k = 0; k <= nJumps; k++) velocities.push(holds && k === hold ? 0 : m.vMin * (m.vMax / m.vMin) ** rng.open());
  return { jumpTimes, velocities, hold };
}

/**
 * The fitted model of docs/lab.md on one drawn protocol: the spring-slider with every fitted
 * state from steady state at the first velocity, plus trend × load-point displacement. V is the
 * load-point velocity, what the experimenter imposes and the net reads.
 */
export function simulateFitted(
  c: { params: RsfParams; k: number; duration: number; dmuCh: number },
  m: FittedMachine,
  protocol: Pick<GeneratedProtocol, 'jumpTimes' | 'velocities'>,
  t: Float64Array,
  ode: OdeOptions,
): Simulation {
  const { jumpTimes, velocities } = protocol;
  const p = c.params;
  const ss = simulateSpringSlider(
    {
      params: { mu0: p.mu0, a: p.a, vRef: p.vRef, k: c.k, states: m.states },
      v0: velocities[0],
      duration: c.duration,
      jumpTimes,
      velocities,
    },
    t,
    ode,
  );
  const xlp = loadPointDisplacementAt(t, jumpTimes, velocities);
  const mu = ss.mu.map((x, i) => x + m.trend * xlp[i]);
  const V = t.map((ti) => velocities[jumpTimes.filter((tau) => tau <= ti).length]);
  return { t: ss.t, V, theta: ss.thetas[0], mu, dmuNorm: mu.map((x) => (x - mu[0]) / c.dmuCh), slip: ss.slip };
}
