import { type Command, Option } from 'commander';
import { parseExperimentsCsv } from '../../physics/csv';
import { type ImportOptions, importDataset, importDefaults } from '../../physics/importExperiments';
import { datasetSummary } from '../../physics/summary';
import { readText } from '../../runs/files';
import { writeDatasetFile } from '../../runs/writeDataset';
import { intOption, positiveOption } from '../options';

interface ImportFlags extends ImportOptions {
  out: string;
}

/** Measured experiments (CSV) → an ordinary dataset file that train, evaluate and losses read. */
async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
  const experiments = files.flatMap((f) => parseExperimentsCsv(readText(f), f));
  const { out, ...opts } = flags;
  const ds = importDataset(experiments, opts);
  const sha256 = await writeDatasetFile(ds, out);
  const { rule: _, seed, ...summary } = datasetSummary(ds);
  const withoutHold = ds.sequences.filter((s) => s.protocol.hold === null).length;
  process.stdout.write(
    `${JSON.stringify(
      {
        file: out,
        sha256,
        files: files.length,
        ...summary,
        splitSeed: seed,
        experimentsWithoutHold: withoutHold,
        samples: ds.config.samples,
        maxJumps: ds.config.maxJumps,
        thresholds: { step: opts.step, holdBelow: opts.holdBelow },
      },
      null,
      2,
    )}\n`,
  );
}

/** `slidegraph import`: its flags, parsed into the types above, and the command they run. */
export function addImportCommand(p: Command): void {
  p.command('import')
    .description('read measured experiments (CSV: t, V or Vlp, mu, optional sequence) into a dataset file')
    .argument('<file...>', 'CSV files')
    .requiredOption('--out <file>', 'dataset JSON to write')
    .addOption(
      new Option('--samples <n>', 'samples per experiment (an even grid from its first to its last row)')
        .argParser(intOption('--samples', 2, 100_000))
        .default(importDefaults.samples),
    )
    .addOption(
      new Option('--step <r>', 'a velocity step is a change of V above r × the larger of the two rows')
        .argParser(positiveOption('--step'))
        .default(importDefaults.step),
    )
    .addOption(
      new Option('--hold-below <v>', 'an interval whose mean V (m/s) is below this can be the hold')
        .argParser(positiveOption('--hold-below'))
        .default(importDefaults.holdBelow),
    )
    .addOption(
      new Option('--max-jumps <n>', 'length of the per-jump fields (default: 5, or the most steps found)').argParser(
        intOption('--max-jumps', 1, 64),
      ),
    )
    .addOption(
      new Option('--seed <s>', 'seed of the train/test split').argParser(intOption('--seed', 0, 0xffffffff)).default(importDefaults.seed),
    )
    .addOption(
      new Option('--test-fraction <f>', 'share of experiments held out for testing')
        .argParser(positiveOption('--test-fraction'))
        .default(importDefaults.testFraction),
    )
    .addOption(new Option('--vch <v>', 'characteristic velocity Vch (m/s)').argParser(positiveOption('--vch')).default(importDefaults.vCh))
    .addOption(
      new Option('--dmu-ch <d>', 'characteristic friction change').argParser(positiveOption('--dmu-ch')).default(importDefaults.dmuCh),
    )
    .action((files: string[], opts) => importCommand(files, { ...opts, vCh: opts.vch }));
}
