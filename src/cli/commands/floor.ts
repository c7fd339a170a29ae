import { type Command, Option } from 'commander';
import { floorCategories, informationFloor } from '../../paper/floor';
import { generateDataset } from '../../physics/dataset';
import { summarizeErrors } from '../../util/testError';
import { addDataFlags, type DataFlags, dataConfigFromFlags } from '../dataFlags';
import { intOption } from '../options';

interface FloorOptions extends DataFlags {
  draws: number;
  json?: boolean;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Prints the information floor of a data configuration: mean, median and where it sits. */
function floorCommand(opts: FloorOptions): void {
  const config = dataConfigFromFlags(opts);
  const ds = generateDataset(config);
  const r = informationFloor(config, ds.sequences, opts.draws);
  const all = summarizeErrors(r.errors);
  const categories = Object.fromEntries(floorCategories.map((c) => [c, round(summarizeErrors(r.categories[c]).mean)]));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ mean: round(all.mean), median: round(all.median), categories })}\n`);
    return;
  }
  const lines = [
    `information floor of ${config.count} sequences (seed ${config.seed}, ${config.law}, ${config.system}, timing ${config.timing}, hold ${config.hold}), ${opts.draws} redraws each`,
    `  eq. (15) error of the best timing-agnostic predictor: mean ${round(all.mean)} %, median ${round(all.median)} %`,
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
      .description("estimate a data configuration's information floor: the eq. (15) error of the best predictor that sees only V/Vch")
      .addOption(
        new Option('--draws <n>', 'redraws of the jump timing per sequence').argParser(intOption('--draws', 1, 100_000)).default(32),
      )
      .option('--json', 'print {"mean", "median", "categories"} in percent'),
    1000,
  ).action((opts) => floorCommand(opts));
}
