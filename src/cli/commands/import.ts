import { detectProtocol, type ImportOptions, importDataset, importDefaults } from '../../physics/importExperiments';
import { startSamples } from '../../physics/importOptions';
import { detected } from '../../physics/lab/detected';
import type { Experiment, ReadOptions } from '../../physics/lab/record';
import { withSliderVelocity } from '../../physics/lab/sliderVelocity';
import { cutWindows } from '../../physics/lab/windows';
import { datasetSummary } from '../../physics/summary';
import { fitStiffness } from '../../runs/fitStiffness';
import { readRecord } from '../../runs/labRecord';
import { refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireDatasetFits } from '../../runs/preflight';
import { writeDatasetFile } from '../../runs/writeDataset';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';

interface ImportFlags extends Omit<ImportOptions, 'vCh' | 'dmuCh'>, ReadOptions {
  out: string;
  vCh?: number;
  dmuCh?: number;
  window?: number;
  sliderVelocity?: boolean;
  k?: string;
  smooth: number;
  every?: number;
  stride?: number;
}

/** --k: a number, or a fit's file whose fitted k is taken. */
function springStiffness(raw: string | undefined): { k: number; from: string } {
  const k = Number(raw);
  if (raw !== undefined && raw.trim() !== '' && Number.isFinite(k)) {
    if (!(k > 0)) throw new InputError('--k', `must be a stiffness > 0 (friction per metre of load-point displacement), got ${raw}`);
    return { k, from: 'given' };
  }
  return { k: fitStiffness(String(raw)), from: String(raw) };
}

/** Measured experiments (delimited text) → an ordinary dataset file that train, evaluate and losses read. */
export async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
  refuseOutputOverInput(
    flags.out,
    files.map((f) => ({ path: f, what: `the CSV file ${f}` })),
  );
  const { out, sep, columns, extra, window, every, stride, sliderVelocity, k: kFlag, smooth, ...rest } = flags;
  const k = sliderVelocity ? springStiffness(kFlag) : undefined;
  const records: Experiment[] = files.flatMap((f) => readRecord(f, { sep, columns, extra }));
  const sliding = k === undefined ? records : records.map((e) => withSliderVelocity(e, k.k, detectProtocol(e, rest).jumpRows, smooth));
  const experiments = window ? sliding.flatMap((e) => cutWindows(e, { samples: window, every, stride })) : sliding;
  // Cut to its own scale, a record's Vch and δμch are the record's unless given; whole, the paper's.
  const fromRecord = (given: number | undefined, paper: number) => given ?? (window ? ('record' as const) : paper);
  const opts: ImportOptions = {
    ...rest,
    samples: window ?? rest.samples,
    vCh: fromRecord(flags.vCh, importDefaults.vCh),
    dmuCh: fromRecord(flags.dmuCh, importDefaults.dmuCh),
    startSamples: window ? startSamples : 1,
  };
  // every experiment is resampled to --samples rows: 4,000 of them at 100,000 samples need 19 GB
  requireDatasetFits(experiments.length, opts.samples, opts.maxJumps ?? 5, window ? '--window' : '--samples');
  const ds = importDataset(experiments, opts);
  const sha256 = await writeDatasetFile(ds, out);
  const { rule: _, seed, ...summary } = datasetSummary(ds);
  const withoutHold = ds.sequences.filter((s) => s.protocol.hold === null).length;
  const found = records.map(detected);
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
        ...(window
          ? {
              window: {
                samples: window,
                every: every ?? null,
                stride: stride ?? null,
                windows: experiments.length,
                muStartSamples: startSamples,
              },
            }
          : {}),
        ...(k ? { sliderVelocity: { k: k.k, from: k.from, smoothRows: smooth } } : {}),
        scale: {
          vCh: ds.config.vCh,
          dmuCh: ds.config.dmuCh,
          from: { vCh: opts.vCh === 'record' ? 'record' : 'given', dmuCh: opts.dmuCh === 'record' ? 'record' : 'given' },
        },
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
