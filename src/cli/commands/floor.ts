import { type FloorKind, featureFloor, floorMeaning, floorName } from '../../paper/featureFloor';
import { floorCategories } from '../../paper/floor';
import { generateDataset } from '../../physics/dataset';
import { requireDatasetFits } from '../../runs/preflight';
import { summarizeErrors } from '../../util/testError';
import { jsonText } from '../cleanText';
import { dataConfigFromFlags } from '../dataConfigFlags';
import type { DataFlags } from '../dataFlags';

interface FloorOptions extends DataFlags, FloorKind {
  draws: number;
  json?: boolean;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Prints one floor of a data configuration: which predictor and features it bounds, mean, median
 * and where it sits. `--features grid` is V/Vch on jumps at sample instants, so it sets timing grid.
 */
export function floorCommand(opts: FloorOptions): void {
  const config = dataConfigFromFlags(opts.features === 'grid' ? { ...opts, timing: 'grid' } : opts);
  // the floor holds the whole dataset, as data does: refused before minutes are spent on it
  requireDatasetFits(config.count, config.samples, config.maxJumps, '--count');
  const kind: FloorKind = { predictor: opts.predictor, features: opts.features };
  const ds = generateDataset(config);
  const r = featureFloor(config, ds.sequences, { ...kind, draws: opts.draws });
  const all = summarizeErrors(r.errors);
  const categories = Object.fromEntries(floorCategories.map((c) => [c, round(summarizeErrors(r.categories[c]).mean)]));
  if (opts.json) {
    process.stdout.write(
      `${jsonText({ ...kind, mean: round(all.mean), median: round(all.median), pooled: round(r.pooled), categories })}\n`,
    );
    return;
  }
  const lines = [
    `${floorName(kind)}, ${config.count} sequences (seed ${config.seed}, ${config.law}, ${config.system}, timing ${config.timing}, hold ${config.hold}, ${config.rule}), ${opts.draws} posterior draws each`,
    `  eq. (15) error of the posterior mean: mean ${round(all.mean)} %, median ${round(all.median)} %; pooled relative rms ${round(r.pooled)} % (no predictor of this kind goes lower)`,
    `  ${floorMeaning(kind)}`,
    '  mean part of eq. (15) per category (squares add up to the total):',
    ...floorCategories.map((c) => `    ${c.padEnd(16)} ${categories[c]} %`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
