import { type DataConfig, type Sequence, simulateProtocol } from '../physics/dataset';
import type { GeneratedProtocol } from '../physics/generator';
import { linspace } from '../physics/sampling';
import { createRng, type Rng } from '../util/random';
import { rref } from '../util/rref';
import type { FloorPredictor } from './floorKinds';
import { holdRange, layoutOf, type Seen, type Structure, seenOf, structures } from './floorStructures';

/**
 * Floors for predictors that use the timing the features reveal (issue 29). Under equal slip a
 * sliding interval of velocity V lasts D/(n V), so V/Vch tells where its jumps fell; MeanV also
 * gives the slip over each sample interval, which is linear in the jump times there.
 *
 * The predictor is the Bayes one: the mean of the targets over the posterior of the protocol given
 * what it has seen (all samples, or those up to now). A posterior is a mixture over structures
 * (the number of jumps n, how many jumps fell between each pair of samples where V changed, which
 * interval holds); within one, every visible sliding interval has a known duration and MeanV fixes
 * a linear combination of the jump times per sample interval, so the uniform prior on ordered jump
 * times leaves a uniform density on an affine slice of the sample intervals. A structure weighs
 * prior × Jacobian of the observations × the slice's volume (Monte Carlo), and for a forward
 * predictor × the volume left to the jumps still to come. docs/data.md has the derivation.
 */

/** A draw: the jump times so far and the velocities of the intervals up to the current one. */
interface Draw {
  jumpTimes: number[];
  velocities: number[];
  /** a forward predictor's next jump, when the current interval slides and is not the last */
  next?: number;
  /** prior × Jacobian × volume of its structure, over the tries it took */
  scale: number;
  /** jumps still to come after `next` (or after now, in a hold) */
  future: number;
  /** the current interval is the hold, so the next jump may come any time */
  inHold: boolean;
  /** from a structure that pins every jump: its weight is exact, not a Monte Carlo estimate */
  exact: boolean;
}

function factorial(r: number): number {
  let f = 1;
  for (let i = 2; i <= r; i++) f *= i;
  return f;
}

/**
 * Draws from one structure's slice, weighted so that the weights of all structures add up to
 * their posterior masses (up to one common factor).
 */
function drawStructure(config: DataConfig, t: Float64Array, seen: Seen, s: Structure, draws: number, rng: Rng): Draw[] {
  const T = config.duration;
  const share = (config.totalSlipDc * config.params.dc) / (config.rule === 'equal-slip' ? s.n : 1);
  const { k, run, gap } = layoutOf(seen, s);
  const isHold = (i: number) => (s.hold === 'future' ? false : i === s.hold);
  const current = run.length - 1;
  const currentRun = seen.runs[seen.runs.length - 1];
  // the slip each interval adds per second in MeanV's equations: a hidden sliding one adds its share
  // whatever it lasts (0 here, the share goes right), and a hold's v_hold × duration (~1e-13 m) is
  // below any stored precision, so no floor may read the hold's length from it
  const c = (i: number) => (isHold(i) || run[i] < 0 ? 0 : seen.runs[run[i]].v);
  const duration = (i: number) => share / seen.runs[run[i]].v;
  const rows: number[][] = [];
  // τ_{i+1} − τ_i = Δ_i per visible sliding interval; jump j (1-based) is unknown j − 1, and the
  // boundaries τ_0 = 0 and τ_{n+1} = T are constants on the right-hand side
  for (let i = 0; i <= current; i++) {
    if (run[i] < 0 || isHold(i)) continue;
    if (seen.forward && i === current && k < s.n) continue; // its end is still to come
    const row = new Array<number>(k + 1).fill(0);
    row[k] = duration(i);
    if (i + 1 === s.n + 1) row[k] -= T;
    else row[i] += 1;
    if (i >= 1) row[i - 1] -= 1;
    rows.push(row);
  }
  if (seen.meanv) {
    seen.runs.forEach((r, ri) => {
      if (ri === 0) return;
      const b = r.start - 1;
      const row = new Array<number>(k + 1).fill(0);
      let hiddenSliding = 0;
      let first = -1;
      let lastJ = -1;
      for (let j = 1; j <= k; j++) {
        if (gap[j - 1] !== b) continue;
        if (first < 0) first = j;
        lastJ = j;
        row[j - 1] = c(j - 1) - c(j);
      }
      for (let i = first; i < lastJ; i++) if (!isHold(i)) hiddenSliding++;
      row[k] = seen.slips[ri - 1] - share * hiddenSliding + c(first - 1) * t[b] - c(lastJ) * t[b + 1];
      rows.push(row);
    });
  }
  const red = rref(rows, k);
  if (!red.consistent) return [];
  const free = Array.from({ length: k }, (_, j) => j).filter((j) => !red.pivots.includes(j));
  const box = free.reduce((v, f) => v * (t[gap[f] + 1] - t[gap[f]]), 1);
  // prior × Jacobian: n!/T^n for the ordered jump times, share/u² per sliding velocity seen
  const slidingSeen = seen.runs.filter((r) => !r.hold).length;
  let common = (factorial(s.n) / T ** s.n) * share ** slidingSeen;
  const [lo, hi] = holdRange(config, s.n);
  common /= hi - lo + 1; // P(hold = one interval)
  if (s.hold === 'future') common *= hi - Math.max(lo, k + 1) + 1;
  common *= box / red.det;
  const out: Draw[] = [];
  const x = new Array<number>(k);
  // a structure that yields nothing in 10 tries per draw holds a negligible share of the mass
  const tries = free.length ? draws * 50 : 1;
  const forward = seen.forward && k < s.n;
  let done = 0;
  for (; done < tries && out.length < draws && !(out.length === 0 && done >= draws * 10); done++) {
    for (const f of free) x[f] = t[gap[f]] + rng.open() * (t[gap[f] + 1] - t[gap[f]]);
    red.rows.forEach((row, qi) => {
      let v = row[k];
      for (const f of free) v -= row[f] * x[f];
      x[red.pivots[qi]] = v;
    });
    let ok = true;
    for (let j = 0; j < k && ok; j++) ok = x[j] > t[gap[j]] && x[j] <= t[gap[j] + 1] && (j === 0 || x[j] > x[j - 1]);
    if (!ok) continue;
    const draw: Draw = {
      jumpTimes: [...x],
      velocities: run.map((ri, i) => (isHold(i) ? config.holdVelocity : ri >= 0 ? seen.runs[ri].v : share / (x[i] - x[i - 1]))),
      scale: common,
      future: forward ? (currentRun.hold ? s.n - k : s.n - k - 1) : 0,
      inHold: forward && currentRun.hold,
      exact: free.length === 0,
    };
    if (forward && !currentRun.hold) {
      draw.next = (k ? x[k - 1] : 0) + duration(current);
      if (!(draw.next > t[seen.last] && draw.next < T)) continue;
    }
    out.push(draw);
  }
  for (const d of out) d.scale /= done;
  return out;
}

/** A draw's posterior weight at sample `last`: a forward predictor weighs the room left to the jumps to come. */
function weightAt(d: Draw, T: number, tLast: number): number {
  if (d.inHold) return (d.scale * (T - tLast) ** d.future) / factorial(d.future);
  if (d.next === undefined) return d.scale;
  return d.next > tLast ? (d.scale * (T - d.next) ** d.future) / factorial(d.future) : 0;
}

/** The posterior's draws over every structure; empty when none fits (it cannot: the truth does). */
function posteriorDraws(config: DataConfig, t: Float64Array, seen: Seen, draws: number, rng: Rng): Draw[] {
  const all: Draw[] = [];
  // A loop, not push(...draws): a large --draws would pass the engine's argument limit.
  for (const s of structures(config, seen)) for (const d of drawStructure(config, t, seen, s, draws, rng)) all.push(d);
  return all;
}

/** What the predictor expects at each sample, and the posterior's effective sample size there (Infinity when exact). */
export function predictorMean(
  config: DataConfig,
  p: GeneratedProtocol,
  t: Float64Array,
  predictor: Exclude<FloorPredictor, 'agnostic'>,
  features: 'v' | 'meanv',
  draws: number,
  rng: Rng,
): { mean: Float64Array; ess: Float64Array; truth: Float64Array } {
  const sim = simulateProtocol(config, p, t);
  const truth = sim.dmuNorm;
  const mean = Float64Array.from(truth);
  const ess = new Float64Array(t.length).fill(Infinity);
  if (config.timing === 'grid') return { mean, ess, truth };
  const meanv = features === 'meanv';
  /** The posterior mean at `samples` from draws simulated at `times` (0 first, then the samples). */
  const settle = (post: Draw[], samples: readonly number[], times: Float64Array) => {
    if (post.length === 1 && post[0].exact) return; // the features pin the protocol: the truth
    if (post.length === 0) return; // nothing drawn: leave the truth (a lower bound still)
    const ys = post.map((d) => simulateProtocol(config, { jumpTimes: d.jumpTimes, velocities: d.velocities, hold: p.hold }, times).dmuNorm);
    samples.forEach((i, q) => {
      const w = post.map((d) => weightAt(d, config.duration, t[predictor === 'forward' ? i : t.length - 1]));
      const total = w.reduce((a, x) => a + x, 0);
      if (!(total > 0)) return;
      mean[i] = w.reduce((a, x, d) => a + (x / total) * ys[d][q + 1], 0);
      // only Monte Carlo draws add their variance to the squared error; an exact mixture does not
      if (post.some((d, j) => w[j] > 0 && !d.exact)) ess[i] = (total * total) / w.reduce((a, x) => a + x * x, 0);
    });
  };
  if (predictor === 'sequence') {
    const seen = seenOf(p, t, sim.slip, t.length - 1, false, meanv);
    settle(
      posteriorDraws(config, t, seen, draws, rng),
      Array.from(t, (_, i) => i),
      Float64Array.of(0, ...t),
    );
    return { mean, ess, truth };
  }
  // one posterior per run of samples (drawn at its first sample), weighed again at each sample
  const k = (ti: number) => p.jumpTimes.filter((tau) => tau <= ti).length;
  for (let i = 0; i < t.length; ) {
    let end = i;
    while (end + 1 < t.length && k(t[end + 1]) === k(t[i])) end++;
    if (k(t[i]) > 0) {
      const seen = seenOf(p, t, sim.slip, i, true, meanv);
      const samples = Array.from({ length: end - i + 1 }, (_, q) => i + q);
      settle(posteriorDraws(config, t, seen, draws, rng), samples, Float64Array.of(0, ...samples.map((j) => t[j])));
    }
    i = end + 1;
  }
  return { mean, ess, truth };
}

/**
 * eq. (15) error of the conditional mean, per sequence. A mean of draws with effective size E
 * adds the conditional variance / E to each sample's squared error, so each one is scaled by
 * E / (E + 1), as the agnostic floor does.
 */
export function posteriorFloorErrors(
  config: DataConfig,
  sequences: readonly Sequence<GeneratedProtocol>[],
  predictor: Exclude<FloorPredictor, 'agnostic'>,
  features: 'v' | 'meanv',
  draws: number,
): { errors: number[]; squares: Float64Array[]; norms: number[] } {
  const t = linspace(0, config.duration, config.samples);
  const rng = createRng(config.seed, `floor-${predictor}-${features}`);
  const out = { errors: [] as number[], squares: [] as Float64Array[], norms: [] as number[] };
  for (const s of sequences) {
    const { mean, ess, truth } = predictorMean(config, s.protocol, t, predictor, features, draws, rng);
    const sq = mean.map((m, i) => (m - truth[i]) ** 2 * (ess[i] === Infinity ? 1 : ess[i] / (ess[i] + 1)));
    const norm = truth.reduce((a, y) => a + y * y, 0);
    out.squares.push(sq);
    out.norms.push(norm);
    out.errors.push(norm > 0 ? (100 * Math.sqrt(sq.reduce((a, d) => a + d, 0))) / Math.sqrt(norm) : NaN);
  }
  return out;
}
