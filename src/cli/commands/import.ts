import { parseExperimentsCsv } from '../../physics/csv';
import { type ImportOptions, importDataset } from '../../physics/importExperiments';
import { datasetSummary } from '../../physics/summary';
import { readText } from '../../runs/files';
import { refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireDatasetFits } from '../../runs/preflight';
import { writeDatasetFile } from '../../runs/writeDataset';
import { jsonText } from '../cleanText';

export interface ImportFlags extends ImportOptions {
  out: string;
}

/** Measured experiments (CSV) → an ordinary dataset file that train, evaluate and losses read. */
export async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
  refuseOutputOverInput(
    flags.out,
    files.map((f) => ({ path: f, what: `the CSV file ${f}` })),
  );
  const experiments = files.flatMap((f) => parseExperimentsCsv(readText(f), f));
  const { out, ...opts } = flags;
  // every experiment is resampled to --samples rows: 4,000 of them at 100,000 samples need 19 GB
  requireDatasetFits(experiments.length, opts.samples, opts.maxJumps ?? 5, '--samples');
  const ds = importDataset(experiments, opts);
  const sha256 = await writeDatasetFile(ds, out);
  const { rule: _, seed, ...summary } = datasetSummary(ds);
  const withoutHold = ds.sequences.filter((s) => s.protocol.hold === null).length;
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
      },
      2,
    )}\n`,
  );
}
