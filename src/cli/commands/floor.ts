import { floorCategories, informationFloor } from '../../paper/floor';
import { generateDataset } from '../../physics/dataset';
import { requireDatasetFits } from '../../runs/preflight';
import { summarizeErrors } from '../../util/testError';
import { jsonText } from '../cleanText';
import { type DataFlags, dataConfigFromFlags } from '../dataFlags';

export interface FloorOptions extends DataFlags {
  draws: number;
  json?: boolean;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Prints the information floor of a data configuration: mean, median and where it sits. */
export function floorCommand(opts: FloorOptions): void {
  const config = dataConfigFromFlags(opts);
  // the floor holds the whole dataset, as data does: refused before minutes are spent on it
  requireDatasetFits(config.count, config.samples, config.maxJumps, '--count');
  const ds = generateDataset(config);
  const r = informationFloor(config, ds.sequences, opts.draws);
  const all = summarizeErrors(r.errors);
  const categories = Object.fromEntries(floorCategories.map((c) => [c, round(summarizeErrors(r.categories[c]).mean)]));
  if (opts.json) {
    process.stdout.write(`${jsonText({ mean: round(all.mean), median: round(all.median), categories })}\n`);
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
