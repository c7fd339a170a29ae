import { createRng, type Rng } from '../util/random';
import { type DataConfig, type Sequence, simulateProtocol } from './dataset';
import type { GeneratedProtocol } from './generator';
import { linspace } from './sampling';

/**
 * Floors for predictors that use the timing the features reveal (issue 29). Under equal slip a
 * sliding interval of velocity V lasts D/(n V), so V/Vch tells where its jumps fell; MeanV also
 * tells where inside its sample interval each jump fell.
 *
 * The predictor is the Bayes one (the conditional mean of the targets) given the features and,
 * on top of them, the discrete structure: the number of jumps n, the hold's interval (once it has
 * begun, for a forward predictor) and how many jumps fell in each sample interval. Knowing more
 * can only lower the error, so each value is a lower bound on every predictor of those features;
 * in practice the features nearly always reveal the structure anyway (docs/data.md).
 *
 * Given all that, every jump lies in a known sample interval, each visible sliding interval has a
 * known duration, and with MeanV each sample interval holding jumps has a known slip, which is
 * linear in the jump times (a hidden sliding interval slips its share, whatever it lasts). The
 * prior on ordered jump times is uniform, so the posterior is uniform on that polytope's slice;
 * a forward predictor also weighs by the volume left to the jumps still to come.
 */
export type FloorPredictor = 'agnostic' | 'forward' | 'sequence';
export const floorPredictors: readonly FloorPredictor[] = ['agnostic', 'forward', 'sequence'];
/** v: V/Vch; meanv: V/Vch and MeanV; grid: V/Vch with jumps on sample instants (timing grid). */
export type FloorFeatures = 'v' | 'meanv' | 'grid';
export const floorFeatures: readonly FloorFeatures[] = ['v', 'meanv', 'grid'];

/** One posterior: its draws' jump times and their weights (uniform unless a forward predictor). */
interface Posterior {
  draws: number[][];
  weights: number[];
}

/** Sample interval b of a jump: t_b < τ ≤ t_{b+1} (V is right-continuous, so t_{b+1} already sees it). */
function gapOf(t: Float64Array, tau: number): number {
  let b = 0;
  while (b + 1 < t.length && t[b + 1] < tau) b++;
  return b;
}

/** Reduced row echelon form of rows over nv unknowns; returns the pivot column of each kept row. */
function rref(rows: number[][], nv: number): { rows: number[][]; pivots: number[] } {
  const m = rows.map((r) => [...r]);
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < nv && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    const scale = Math.max(...m[best].map(Math.abs));
    if (!(Math.abs(m[best][c]) > 1e-12 * scale)) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const p = m[r][c];
    for (let j = 0; j < nv; j++) m[r][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c] === 0) continue;
      const f = m[i][c];
      for (let j = 0; j < nv; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push(c);
    r++;
  }
  return { rows: m.slice(0, r), pivots };
}

interface Known {
  /** jumps 1..k (0-based here) the predictor conditions on */
  k: number;
  /** the sample the forward predictor stands at; the whole record for a sequence predictor */
  last: number;
  forward: boolean;
}

/**
 * Draws from the posterior of the first `known.k` jump times. Returns null when the conditions
 * pin every one of them (the posterior is the truth itself).
 */
function posterior(
  config: DataConfig,
  p: GeneratedProtocol,
  t: Float64Array,
  meanv: boolean,
  known: Known,
  draws: number,
  rng: Rng,
): Posterior | null {
  const { jumpTimes: tau, hold } = p;
  const n = tau.length;
  const T = config.duration;
  const { k } = known;
  if (k === 0) return null;
  const gaps = tau.map((x) => gapOf(t, x));
  const at = (j: number) => (j === 0 ? 0 : j === n + 1 ? T : tau[j - 1]); // boundary j of the intervals
  const gapAt = (j: number) => (j === 0 ? -1 : j === n + 1 ? t.length : gaps[j - 1]);
  const visible = (i: number) => i === 0 || i === n || gapAt(i) !== gapAt(i + 1);
  const rows: number[][] = [];
  const row = () => new Array<number>(k).fill(0);
  // visible sliding intervals before the current one (and the current one when it is the last)
  for (let i = 0; i <= Math.min(k, n); i++) {
    if (i === hold || !visible(i)) continue;
    if (i === k && !(k === n)) continue; // a forward predictor's current interval: its end is in the future
    const r = row();
    if (i + 1 <= k) r[i] = 1;
    if (i >= 1) r[i - 1] -= 1;
    rows.push(r);
  }
  if (meanv) {
    // slip over each sample interval holding jumps: V_before τ_first − V_after τ_last, plus the
    // hold's v_hold × duration; a hidden sliding interval slips its share whatever it lasts
    const c = (i: number) => (i === hold ? config.holdVelocity : visible(i) ? p.velocities[i] : 0);
    for (const g of new Set(gaps.slice(0, k))) {
      const r = row();
      for (let j = 1; j <= k; j++) if (gaps[j - 1] === g) r[j - 1] = c(j - 1) - c(j);
      rows.push(r);
    }
  }
  const { rows: red, pivots } = rref(rows, k);
  const free = Array.from({ length: k }, (_, j) => j).filter((j) => !pivots.includes(j));
  // a forward predictor in a sliding interval that is not the last knows when it ends: τ_k + Δ_k
  const currentSliding = known.forward && k < n && k !== hold;
  const currentDuration = currentSliding ? at(k + 1) - at(k) : 0;
  const futureJumps = n - k - 1;
  if (free.length === 0) return null;
  const out: Posterior = { draws: [], weights: [] };
  const x = new Array<number>(k);
  for (let tries = 0; out.draws.length < draws && tries < draws * 2000; tries++) {
    for (const f of free) x[f] = t[gaps[f]] + rng.open() * (t[gaps[f] + 1] - t[gaps[f]]);
    red.forEach((r, q) => {
      const pc = pivots[q];
      let v = tau[pc];
      for (const f of free) v -= r[f] * (x[f] - tau[f]);
      x[pc] = v;
    });
    let ok = true;
    for (let j = 0; j < k && ok; j++) {
      const g = gaps[j];
      ok = x[j] > t[g] && x[j] <= t[g + 1] && (j === 0 || x[j] > x[j - 1]);
    }
    if (!ok) continue;
    let w = 1;
    if (currentSliding) {
      const next = x[k - 1] + currentDuration;
      if (!(next > t[known.last] && next < T)) continue;
      w = (T - next) ** futureJumps;
    }
    out.draws.push([...x]);
    out.weights.push(w);
  }
  // The truth lies inside the set, so draws fail only on a sliver of it: then treat it as known.
  return out.draws.length ? out : null;
}

/** The protocol a draw stands for: hidden sliding intervals take the velocity their share gives. */
function drawnProtocol(config: DataConfig, p: GeneratedProtocol, x: number[], t: Float64Array): GeneratedProtocol {
  const n = p.jumpTimes.length;
  const k = x.length;
  const share = (config.totalSlipDc * config.params.dc) / (config.rule === 'equal-slip' ? n : 1);
  const gaps = p.jumpTimes.map((tau) => gapOf(t, tau));
  const velocities = p.velocities.slice(0, k + 1).map((v, i) => {
    const hidden = i > 0 && i < n && gaps[i - 1] === gaps[i];
    return hidden && i !== p.hold ? share / (x[i] - x[i - 1]) : v;
  });
  return { jumpTimes: x, velocities, hold: p.hold };
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
  const truth = simulateProtocol(config, p, t).dmuNorm;
  const mean = Float64Array.from(truth);
  const ess = new Float64Array(t.length).fill(Infinity);
  if (config.timing === 'grid') return { mean, ess, truth };
  const meanv = features === 'meanv';
  const settle = (post: Posterior, samples: readonly number[], times: Float64Array, pick: (y: Float64Array, i: number) => number) => {
    const total = post.weights.reduce((s, w) => s + w, 0);
    const sq = post.weights.reduce((s, w) => s + w * w, 0);
    for (const i of samples) mean[i] = 0;
    post.draws.forEach((x, d) => {
      const y = simulateProtocol(config, drawnProtocol(config, p, x, t), times).dmuNorm;
      for (const i of samples) mean[i] += (post.weights[d] / total) * pick(y, i);
    });
    for (const i of samples) ess[i] = (total * total) / sq;
  };
  if (predictor === 'sequence') {
    const post = posterior(config, p, t, meanv, { k: p.jumpTimes.length, last: t.length - 1, forward: false }, draws, rng);
    if (post)
      settle(
        post,
        Array.from(t, (_, i) => i),
        t,
        (y, i) => y[i],
      );
    return { mean, ess, truth };
  }
  for (let i = 0; i < t.length; i++) {
    const k = p.jumpTimes.filter((tau) => tau <= t[i]).length;
    const post = posterior(config, p, t, meanv, { k, last: i, forward: true }, draws, rng);
    if (post) settle(post, [i], Float64Array.of(0, t[i]), (y) => y[1]);
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
    const sq = mean.map((m, i) => ((m - truth[i]) ** 2 * (ess[i] === Infinity ? 1 : ess[i] / (ess[i] + 1))) as number);
    const norm = truth.reduce((a, y) => a + y * y, 0);
    out.squares.push(sq);
    out.norms.push(norm);
    out.errors.push(norm > 0 ? (100 * Math.sqrt(sq.reduce((a, d) => a + d, 0))) / Math.sqrt(norm) : NaN);
  }
  return out;
}
