import { type Command, Option } from 'commander';
import { detectProtocol, type ImportOptions, importDataset, importDefaults } from '../../physics/importExperiments';
import { startSamples } from '../../physics/importOptions';
import { detected } from '../../physics/lab/detected';
import type { Experiment, ReadOptions } from '../../physics/lab/record';
import { sliderSmoothRows, withSliderVelocity } from '../../physics/lab/sliderVelocity';
import { cutWindows } from '../../physics/lab/windows';
import { datasetSummary } from '../../physics/summary';
import { fitStiffness } from '../../runs/fitStiffness';
import { readRecord } from '../../runs/labRecord';
import { refuseOutputOverInput } from '../../runs/outputOverInput';
import { requireDatasetFits } from '../../runs/preflight';
import { writeDatasetFile } from '../../runs/writeDataset';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { intOption, positiveOption } from '../options';
import { addRecordFlags } from '../recordFlags';

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
async function importCommand(files: string[], flags: ImportFlags): Promise<void> {
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
    .addOption(
      new Option(
        '--window <n>',
        'cut each record into windows of n samples at its own rate, instead of resampling it whole to --samples',
      ).argParser(intOption('--window', 2, 100_000)),
    )
    .addOption(
      new Option('--every <s>', "with --window: seconds between samples (default: the record's sample interval)").argParser(
        positiveOption('--every'),
      ),
    )
    .addOption(
      new Option(
        '--stride <s>',
        "with --window: seconds from one window's start to the next (default: a window's n × every, no overlap)",
      ).argParser(positiveOption('--stride')),
    )
    .addOption(
      new Option(
        '--vch <v>',
        `characteristic velocity Vch (m/s; default ${importDefaults.vCh}, or with --window the record's fastest velocity)`,
      ).argParser(positiveOption('--vch')),
    )
    .addOption(
      new Option(
        '--dmu-ch <d>',
        `characteristic friction change (default ${importDefaults.dmuCh}, or with --window the widest spread of mu in a window)`,
      ).argParser(positiveOption('--dmu-ch')),
    )
    .option('--slider-velocity', "features from the slider's velocity V_lp − (dμ/dt)/k instead of the load point's (needs --k)")
    .option(
      '--k <k>',
      'with --slider-velocity: the spring stiffness, friction per metre of load-point displacement, or a fit.json to take it from',
    )
    .addOption(
      new Option('--smooth <n>', 'with --slider-velocity: dμ/dt is the slope of a line through n rows either side')
        .argParser(intOption('--smooth', 1, 10_000))
        .default(sliderSmoothRows),
    )
    .option(
      '--extra <names>',
      'measured channels to keep as extra data fields, in SI, named as written here (header cells or their names without unit), e.g. sigma_n,thickness',
      (raw: string) => raw.split(',').map((s) => s.trim()),
    )
    .action((files: string[], opts, cmd: Command) => {
      if (opts.window === undefined)
        for (const flag of ['every', 'stride'] as const)
          if (opts[flag] !== undefined) throw new InputError(`--${flag}`, 'applies to windows: give --window N too');
      if (!opts.sliderVelocity)
        for (const flag of ['k', 'smooth'] as const)
          if (cmd.getOptionValueSource(flag) === 'cli')
            throw new InputError(`--${flag}`, 'applies to the slider velocity: give --slider-velocity too');
      if (opts.sliderVelocity && opts.k === undefined)
        throw new InputError(
          '--slider-velocity',
          "needs the spring's stiffness: --k K (per metre of load-point displacement) or --k FIT.json",
        );
      if (opts.window !== undefined && cmd.getOptionValueSource('samples') === 'cli')
        throw new InputError('--samples', 'resamples a record whole; with --window N each window has N samples');
      return importCommand(files, { ...opts, vCh: opts.vch });
    });
}
