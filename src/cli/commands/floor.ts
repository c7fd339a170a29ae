import { type Command, Option } from 'commander';
import { type FloorKind, featureFloor, floorMeaning, floorName } from '../../paper/featureFloor';
import { floorCategories } from '../../paper/floor';
import { floorFeatures, floorPredictors } from '../../paper/posteriorFloor';
import { generateDataset } from '../../physics/dataset';
import { requireDatasetFits } from '../../runs/preflight';
import { summarizeErrors } from '../../util/testError';
import { jsonText } from '../cleanText';
import { dataConfigFromFlags } from '../dataConfigFlags';
import { addDataFlags, type DataFlags } from '../dataFlags';
import { choiceOption, intOption } from '../options';

interface FloorOptions extends DataFlags, FloorKind {
  draws: number;
  json?: boolean;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Prints one floor of a data configuration: which predictor and features it bounds, mean, median
 * and where it sits. `--features grid` is V/Vch on jumps at sample instants, so it sets timing grid.
 */
function floorCommand(opts: FloorOptions): void {
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

/** `slidegraph floor`: its flags, parsed into the types above, and the command they run. */
export function addFloorCommand(p: Command): void {
  addDataFlags(
    p
      .command('floor')
      .description(
        'estimate a floor of a data configuration: the eq. (15) error of the best predictor of one kind that sees one feature set',
      )
      .addOption(
        new Option(
          '--predictor <kind>',
          'agnostic (ignores where a jump fell between two samples), forward (samples up to now) or sequence',
        )
          .argParser(choiceOption('--predictor', floorPredictors))
          .default('agnostic'),
      )
      .addOption(
        new Option('--features <set>', 'v (V/Vch), meanv (V/Vch and MeanV) or grid (V/Vch with jumps on samples; sets --timing grid)')
          .argParser(choiceOption('--features', floorFeatures))
          .default('v'),
      )
      .addOption(
        new Option('--draws <n>', 'posterior draws of the jump timing per sequence')
          .argParser(intOption('--draws', 1, 100_000))
          .default(32),
      )
      .option('--json', 'print {"predictor", "features", "mean", "median", "pooled", "categories"} in percent'),
    1000,
  ).action((opts) => floorCommand(opts));
}
