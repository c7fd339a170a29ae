import { type Command, Option } from 'commander';
import { importDefaults } from '../../physics/importOptions';
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
    .addOption(new Option('--vch <v>', 'characteristic velocity Vch (m/s)').argParser(positiveOption('--vch')).default(importDefaults.vCh))
    .addOption(
      new Option('--dmu-ch <d>', 'characteristic friction change').argParser(positiveOption('--dmu-ch')).default(importDefaults.dmuCh),
    )
    .option(
      '--extra <names>',
      'measured channels to keep as extra data fields, in SI, named as written here (header cells or their names without unit), e.g. sigma_n,thickness',
      (raw: string) => raw.split(',').map((s) => s.trim()),
    )
    .action(async (files: string[], opts) => (await import('../commands/import')).importCommand(files, { ...opts, vCh: opts.vch }));
}
