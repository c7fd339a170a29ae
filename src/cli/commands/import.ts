import { type Command, Option } from 'commander';
import { type ImportOptions, importDataset, importDefaults } from '../../physics/importExperiments';
import { detected } from '../../physics/lab/detected';
import type { Experiment, ReadOptions } from '../../physics/lab/record';
import { datasetSummary } from '../../physics/summary';
import { readRecord } from '../../runs/labRecord';
import { refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireDatasetFits } from '../../runs/preflight';
import { writeDatasetFile } from '../../runs/writeDataset';
import { jsonText } from '../cleanText';
import { intOption, positiveOption } from '../options';
import { addRecordFlags } from '../recordFlags';

interface ImportFlags extends ImportOptions, ReadOptions {
  out: string;
}

/** Measured experiments (delimited text) → an ordinary dataset file that train, evaluate and losses read. */
async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
  refuseOutputOverInput(
    flags.out,
    files.map((f) => ({ path: f, what: `the CSV file ${f}` })),
  );
  const { out, sep, columns, extra, ...opts } = flags;
  const experiments: Experiment[] = files.flatMap((f) => readRecord(f, { sep, columns, extra }));
  // every experiment is resampled to --samples rows: 4,000 of them at 100,000 samples need 19 GB
  requireDatasetFits(experiments.length, opts.samples, opts.maxJumps ?? 5, '--samples');
  const ds = importDataset(experiments, opts);
  const sha256 = await writeDatasetFile(ds, out);
  const { rule: _, seed, ...summary } = datasetSummary(ds);
  const withoutHold = ds.sequences.filter((s) => s.protocol.hold === null).length;
  const found = experiments.map(detected);
  const median = (xs: number[]) => {
    const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return s.length ? s[s.length >> 1] : null;
  };
  process.stdout.write(
    `${jsonText(
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
        detected: {
          steps: found.reduce((s, d) => s + d.steps.length, 0),
          holds: found.reduce((s, d) => s + d.holds, 0),
          sampleRate: median(found.map((d) => d.sampleRate)),
          muNoise: median(found.map((d) => d.muNoise)),
          // each record's steps, while there are few enough records to read them
          ...(found.length <= 10
            ? {
                records: found.map(({ source, rows, sampleRate, steps, holds, muNoise }) => ({
                  source,
                  rows,
                  sampleRate,
                  steps,
                  holds,
                  muNoise,
                })),
              }
            : {}),
        },
      },
      2,
    )}\n`,
  );
}

/** `slidegraph import`: its flags, parsed into the types above, and the command they run. */
export function addImportCommand(p: Command): void {
  addRecordFlags(p.command('import'))
    .description(
      'read measured experiments (delimited text: time, V/Vlp or load-point displacement, mu or shear/normal stress; docs/lab.md) into a dataset file',
    )
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
    .option(
      '--extra <names>',
      'measured channels to keep as extra data fields, in SI, named as written here (header cells or their names without unit), e.g. sigma_n,thickness',
      (raw: string) => raw.split(',').map((s) => s.trim()),
    )
    .action((files: string[], opts) => importCommand(files, { ...opts, vCh: opts.vch }));
}
