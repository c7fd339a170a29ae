import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { stageFeatures } from '../../paper/stageFeatures';
import { backendOption, choiceOption, intOption, seedList, threadsOption } from '../options';

/** `slidegraph reproduce`: its flags and help; the command's code (src/cli/commands/reproduce.ts) loads only when it runs. */
export function addReproduceCommand(p: Command, argv: readonly string[]): void {
  p.command('reproduce')
    .description("train the paper's four stages (fig. 7) and print tables I and II beside the paper's numbers")
    .addOption(new Option('--epochs <n>', 'epochs per stage').argParser(intOption('--epochs', 1, 100_000)).default(50))
    .addOption(new Option('--count <n>', 'sequences').argParser(intOption('--count', 2, 10_000_000)).default(15000))
    .addOption(new Option('--seed <s>', 'one seed for everything').argParser(intOption('--seed', 0, 0xffffffff)).default(0))
    .addOption(
      new Option('--seeds <list>', 'several seeds (0,1,2): the stages of each, tables as mean ± sd; folders OUT/seed-S/<stage>').argParser(
        seedList,
      ),
    )
    .addOption(
      new Option('--jobs <n>', 'stages trained at once (default: the number of cores)')
        .argParser(intOption('--jobs', 1, 1024))
        .default(availableParallelism()),
    )
    .option('--control', 'also the epoch control: ME continued with the ME loss alone for as many epochs (default with --seeds)')
    .option('--no-control', 'leave the epoch control out')
    .addOption(
      new Option('--floor-draws <n>', 'posterior draws per test sequence for the forward floor of the features beside table II')
        .argParser(intOption('--floor-draws', 1, 100_000))
        .default(16),
    )
    .addOption(
      new Option('--features <set>', "the main net's inputs: v (the paper's V/Vch) or meanv (V/Vch and MeanV; graphs/stage-meanv-*.json)")
        .argParser(choiceOption('--features', stageFeatures))
        .default('v'),
    )
    .option(
      '--set <path=value>',
      'change a node parameter or a run setting in every stage (run.data.timing=grid), as train --set, or in one stage (ME:run.training.epochs=100); repeatable',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--out <dir>', 'folder for the four run folders and the report', 'runs/reproduce')
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (opts) => (await import('../commands/reproduce')).reproduceCommand(opts, ['slidegraph', ...argv].join(' ')));
}
