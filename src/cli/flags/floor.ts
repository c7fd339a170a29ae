import { type Command, Option } from 'commander';
import { floorFeatures, floorPredictors } from '../../paper/floorKinds';
import { addDataFlags } from '../dataFlags';
import { choiceOption, intOption } from '../options';

/** `slidegraph floor`: its flags and help; the command's code (src/cli/commands/floor.ts) loads only when it runs. */
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
  ).action(async (opts) => (await import('../commands/floor')).floorCommand(opts));
}
