import { type Command, Option } from 'commander';
import { importDefaults } from '../../physics/importOptions';
import { sliderSmoothRows } from '../../physics/lab/sliderVelocity';
import { InputError } from '../../util/inputError';
import { intOption, positiveOption } from '../options';
import { addRecordFlags } from '../recordFlags';

/** `slidegraph import`: its flags and help; the command's code (src/cli/commands/import.ts) loads only when it runs. */
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
    .action(async (files: string[], opts, cmd: Command) => {
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
      return (await import('../commands/import')).importCommand(files, { ...opts, vCh: opts.vch });
    });
}
