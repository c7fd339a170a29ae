import { type DataConfig, type Dataset, type Sequence, simulateProtocol } from '../physics/dataset';
import type { GeneratedProtocol } from '../physics/generator';
import { linspace } from '../physics/sampling';
import { InputError } from '../util/inputError';
import { type ErrorSummary, summarizeErrors } from '../util/testError';
import { type FloorResult, floorCategories, informationFloor, sampleCategories } from './floor';
import type { FloorFeatures, FloorPredictor } from './floorKinds';
import { posteriorFloorErrors } from './posteriorFloor';

/** Which floor: the kind of predictor and the features it sees. */
export interface FloorKind {
  predictor: FloorPredictor;
  features: FloorFeatures;
}

export interface FloorChoice extends FloorKind {
  draws: number;
}

const featureWords: Record<FloorFeatures, string> = { v: 'V/Vch', meanv: 'V/Vch and MeanV', grid: 'V/Vch with jumps on samples' };

/** The name every table uses for a floor, so none can stand for another: "forward floor of V/Vch". */
export function floorName(k: FloorKind): string {
  return `${k.predictor} floor of ${featureWords[k.features]}`;
}

/** What a floor is and what it bounds, beside its number, with the command that computes it. */
export function floorMeaning(k: FloorKind): string {
  const command = `slidegraph floor --predictor ${k.predictor} --features ${k.features}`;
  const who = {
    agnostic:
      'a predictor told every interval and velocity, those shorter than a sample too, but not where inside its sample interval a jump fell (under equal slip V/Vch reveals that, so this is no bound on forward or whole-sequence predictors)',
    forward: 'a forward predictor, one that sees the samples up to now as the GRU does',
    sequence: 'a predictor that sees the whole sequence',
  }[k.predictor];
  return `The ${floorName(k)}: the mean eq. (15) error of the least-squares best guess of ${who} from ${featureWords[k.features]}, the posterior mean of the targets. No such predictor has a lower mean squared error; one that commits to a single reading of ambiguous features can have a lower mean of eq. (15) (${command}; its pooled rms is the strict bound).`;
}

/**
 * The floor of one feature set for one kind of predictor. `grid` is V/Vch on data whose jumps sit
 * on sample instants, so the data must have timing grid. `agnostic` ignores where a jump fell
 * inside its sample interval, which MeanV states outright, so it is defined for V/Vch alone.
 */
export interface FeatureFloorResult extends FloorResult {
  /**
   * 100 √(Σ‖p − y‖² / Σ‖y‖²) over the sequences: the conditional mean minimizes every sample's
   * squared error, so no predictor of this kind has a lower pooled relative rms error. The mean of
   * eq. (15) has no such guarantee: its norm rewards committing to one reading of ambiguous features.
   */
  pooled: number;
}

export function featureFloor(config: DataConfig, sequences: readonly Sequence<GeneratedProtocol>[], c: FloorChoice): FeatureFloorResult {
  if (c.features === 'grid' && config.timing !== 'grid')
    throw new InputError('features', 'grid is V/Vch on data with timing grid (jumps on sample instants); this data has timing uniform');
  if (c.features === 'meanv' && config.system !== 'direct')
    throw new InputError(
      'features',
      "meanv's floor reads the slider's slip as linear in the jump times, which holds for the direct system only",
    );
  // the posterior enumerates every structure (n, hidden intervals per sample interval, the hold's
  // place): thousands at 8 jumps, far too many beyond
  if (c.predictor !== 'agnostic' && config.maxJumps > 8)
    throw new InputError(
      'maxJumps',
      `the ${c.predictor} floor enumerates the protocol's structures, too many above 8 jumps; got ${config.maxJumps}`,
    );
  if (config.protocol !== undefined && config.protocol !== 'shs')
    throw new InputError(
      'protocol',
      `${config.protocol} has no floor here: its velocity between samples is not a jump inside one sample interval`,
    );
  if (c.predictor !== 'agnostic' && config.protocol !== undefined)
    throw new InputError(
      'predictor',
      `${c.predictor}'s posterior is that of the paper's protocol (jumps); protocol ${config.protocol} has only the agnostic floor`,
    );
  if (c.predictor === 'agnostic') {
    if (c.features === 'meanv')
      throw new InputError(
        'predictor',
        'agnostic ignores where a jump fell between two samples, which MeanV states: use forward or sequence',
      );
    const r = informationFloor(config, sequences, c.draws);
    const t = linspace(0, config.duration, config.samples);
    const norms = sequences.map((s) => simulateProtocol(config, s.protocol, t).dmuNorm.reduce((a, y) => a + y * y, 0));
    return {
      ...r,
      pooled: pooled(
        r.errors.map((e, q) => (e / 100) ** 2 * norms[q]),
        norms,
      ),
    };
  }
  const r = posteriorFloorErrors(config, sequences, c.predictor, c.features === 'meanv' ? 'meanv' : 'v', c.draws);
  const t = linspace(0, config.duration, config.samples);
  const out: FeatureFloorResult = {
    errors: r.errors,
    pooled: pooled(
      r.squares.map((sq) => sq.reduce((a, d) => a + d, 0)),
      r.norms,
    ),
    categories: { beforeFirstJump: [], firstAfterJump: [], hold: [], lateSliding: [] },
  };
  sequences.forEach((s, q) => {
    const cats = sampleCategories(s, t);
    for (const cat of floorCategories) {
      let d = 0;
      cats.forEach((x, i) => {
        if (x === cat) d += r.squares[q][i];
      });
      out.categories[cat].push(r.norms[q] > 0 ? (100 * Math.sqrt(d)) / Math.sqrt(r.norms[q]) : NaN);
    }
  });
  return out;
}

function pooled(squares: readonly number[], norms: readonly number[]): number {
  const ok = norms.map((n, q) => n > 0 && Number.isFinite(squares[q]));
  const sum = (xs: readonly number[]) => xs.reduce((a, x, q) => a + (ok[q] ? x : 0), 0);
  return 100 * Math.sqrt(sum(squares) / sum(norms));
}

/** A floor over a generated dataset's test split: what table II's test errors compare with. */
export function testSplitFeatureFloor(ds: Dataset<GeneratedProtocol>, c: FloorChoice): ErrorSummary {
  const tests = ds.sequences.filter((s) => s.split === 'test');
  return summarizeErrors(featureFloor(ds.config, tests, c).errors);
}
