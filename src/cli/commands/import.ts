import { type ImportOptions, importDataset } from '../../physics/importExperiments';
import { detected } from '../../physics/lab/detected';
import type { Experiment, ReadOptions } from '../../physics/lab/record';
import { datasetSummary } from '../../physics/summary';
import { readRecord } from '../../runs/labRecord';
import { refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireDatasetFits } from '../../runs/preflight';
import { writeDatasetFile } from '../../runs/writeDataset';
import { jsonText } from '../cleanText';

interface ImportFlags extends ImportOptions, ReadOptions {
  out: string;
}

/** Measured experiments (delimited text) → an ordinary dataset file that train, evaluate and losses read. */
export async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
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
