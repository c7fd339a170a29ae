import { type ErrorSummary, summarizeErrors } from '../train/testError';
import { InputError } from '../util/inputError';
import type { DataConfig, Dataset, Sequence } from './dataset';
import { type FloorResult, floorCategories, informationFloor, sampleCategories } from './floor';
import type { GeneratedProtocol } from './generator';
import { type FloorFeatures, type FloorPredictor, posteriorFloorErrors } from './posteriorFloor';
import { linspace } from './sampling';

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

/** What a floor bounds, in one sentence beside its number, with the command that computes it. */
export function floorMeaning(k: FloorKind): string {
  const command = `slidegraph floor --predictor ${k.predictor} --features ${k.features}`;
  if (k.predictor === 'agnostic')
    return `The ${floorName(k)}: the best predictor that ignores where inside its sample interval a jump fell. It bounds only such predictors: under equal slip V/Vch reveals the timing, and a forward or whole-sequence predictor can go lower (${command}).`;
  const who =
    k.predictor === 'forward'
      ? 'forward predictor (one that sees the samples up to now, as the GRU does)'
      : 'predictor that sees the whole sequence';
  return `The ${floorName(k)}: no ${who} of ${featureWords[k.features]} can average below it. It is a lower bound: its Bayes predictor is also told the number of jumps and where intervals shorter than a sample fell (${command}).`;
}

/**
 * The floor of one feature set for one kind of predictor. `grid` is V/Vch on data whose jumps sit
 * on sample instants, so the data must have timing grid. `agnostic` ignores where a jump fell
 * inside its sample interval, which MeanV states outright, so it is defined for V/Vch alone.
 */
export function featureFloor(config: DataConfig, sequences: readonly Sequence<GeneratedProtocol>[], c: FloorChoice): FloorResult {
  if (c.features === 'grid' && config.timing !== 'grid')
    throw new InputError('features', 'grid is V/Vch on data with timing grid (jumps on sample instants); this data has timing uniform');
  if (c.predictor === 'agnostic') {
    if (c.features === 'meanv')
      throw new InputError(
        'predictor',
        'agnostic ignores where a jump fell between two samples, which MeanV states: use forward or sequence',
      );
    return informationFloor(config, sequences, c.draws);
  }
  const r = posteriorFloorErrors(config, sequences, c.predictor, c.features === 'meanv' ? 'meanv' : 'v', c.draws);
  const t = linspace(0, config.duration, config.samples);
  const out: FloorResult = { errors: r.errors, categories: { beforeFirstJump: [], firstAfterJump: [], hold: [], lateSliding: [] } };
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

/** A floor over a generated dataset's test split: what table II's test errors compare with. */
export function testSplitFeatureFloor(ds: Dataset<GeneratedProtocol>, c: FloorChoice): ErrorSummary {
  const tests = ds.sequences.filter((s) => s.split === 'test');
  return summarizeErrors(featureFloor(ds.config, tests, c).errors);
}
