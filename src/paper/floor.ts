import { type DataConfig, type Sequence, simulateProtocol } from '../physics/dataset';
import { holdSampleIndices } from '../physics/fields';
import type { GeneratedProtocol } from '../physics/generator';
import { linspace } from '../physics/sampling';
import { createRng, type Rng } from '../util/random';
import { testErrorPercent } from '../util/testError';

export const floorCategories = ['beforeFirstJump', 'firstAfterJump', 'hold', 'lateSliding'] as const;
export type FloorCategory = (typeof floorCategories)[number];

export interface FloorResult {
  /** eq. (15) error of the conditional mean, percent, per sequence */
  errors: number[];
  /** per sequence and category: 100 ||p − y||_category / ||y||, so the squares add up to errors² */
  categories: Record<FloorCategory, number[]>;
}

/**
 * Each jump moved to a uniform point of its own sample interval (t_b, t_{b+1}), so the samples
 * of V see the same protocol. Under 'grid' timing a jump sits on a sample instant, which the
 * features reveal, so there is nothing to redraw.
 */
function redraw(p: GeneratedProtocol, t: Float64Array, rng: Rng): GeneratedProtocol {
  const jumpTimes = p.jumpTimes.map((tau) => {
    let b = 0;
    while (b + 1 < t.length && t[b + 1] < tau) b++;
    return t[b] + rng.open() * (t[b + 1] - t[b]);
  });
  jumpTimes.sort((x, y) => x - y); // two jumps in one interval keep their order and their velocities
  return { ...p, jumpTimes };
}

/** Which part of the protocol each sample belongs to; the first matching category wins. */
export function sampleCategories(s: Sequence<GeneratedProtocol>, t: Float64Array): FloorCategory[] {
  const { jumpTimes, hold } = s.protocol;
  const inHold = new Set(holdSampleIndices(t, jumpTimes, hold));
  const after = new Set(Array.from(s.PosAfterJ.slice(0, jumpTimes.length)));
  return Array.from(t, (ti, i): FloorCategory => {
    if (ti < jumpTimes[0]) return 'beforeFirstJump';
    if (after.has(i)) return 'firstAfterJump';
    return inHold.has(i) ? 'hold' : 'lateSliding';
  });
}

/**
 * The agnostic floor (issue 16; named in issue 29): the eq. (15) error of the least-squares best
 * predictor told every interval and velocity but not where inside its sample interval a jump fell.
 * Under equal slip V/Vch reveals that timing, so this is no bound on forward or whole-sequence
 * predictors (posteriorFloor.ts). The features fix the velocities and the sample interval of each
 * jump, not where inside it the jump fell; the best predictor is the conditional mean of the
 * targets over that position, estimated from `draws` uniform redraws. A mean of M draws adds the
 * conditional variance / M to the squared error, so each sequence's squared error is scaled by
 * M / (M + 1). The targets are the clean ones: noise, if configured, comes on top.
 */
export function informationFloor(config: DataConfig, sequences: readonly Sequence<GeneratedProtocol>[], draws: number): FloorResult {
  const t = linspace(0, config.duration, config.samples);
  const rng = createRng(config.seed, 'floor');
  const shrink = config.timing === 'grid' ? 1 : Math.sqrt(draws / (draws + 1));
  const out: FloorResult = { errors: [], categories: { beforeFirstJump: [], firstAfterJump: [], hold: [], lateSliding: [] } };
  for (const s of sequences) {
    const truth = simulateProtocol(config, s.protocol, t).dmuNorm;
    const mean = new Float64Array(t.length);
    if (config.timing === 'grid') mean.set(truth);
    else {
      for (let m = 0; m < draws; m++) {
        const y = simulateProtocol(config, redraw(s.protocol, t, rng), t).dmuNorm;
        for (let i = 0; i < t.length; i++) mean[i] += y[i] / draws;
      }
    }
    out.errors.push(shrink * testErrorPercent(mean, truth));
    const cats = sampleCategories(s, t);
    let norm = 0;
    for (const y of truth) norm += y * y;
    for (const c of floorCategories) {
      let d = 0;
      for (let i = 0; i < t.length; i++) if (cats[i] === c) d += (mean[i] - truth[i]) ** 2;
      out.categories[c].push(norm > 0 ? (shrink * 100 * Math.sqrt(d)) / Math.sqrt(norm) : NaN);
    }
  }
  return out;
}
