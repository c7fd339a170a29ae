import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { parseSlurmOption } from '../../run/slurmOption';
import { backendOption, choiceOption, intOption, threadsOption } from '../options';

/** `slidegraph sweep`: its flags and help; the command's code (src/cli/commands/sweep.ts) loads only when it runs. */
export function addSweepCommand(p: Command): void {
  p.command('sweep')
    .description('train every point of a sweep file (values × seeds), each into an ordinary run folder, then collect them')
    .argument('<sweep>', 'sweep JSON file (format slidegraph/sweep)')
    .requiredOption('--out <dir>', 'folder for runs/, sweep.json, the summary and the report')
    .addOption(
      new Option('--executor <name>', 'where the points run: local | slurm')
        .argParser(choiceOption('--executor', ['local', 'slurm'] as const))
        .default('local'),
    )
    .addOption(
      new Option('--jobs <n>', 'points trained at once by the local executor (default: the number of cores)')
        .argParser(intOption('--jobs', 1, 1024))
        .default(availableParallelism()),
    )
    .option('--no-wait', 'slurm: submit the job array and return')
    .addOption(
      new Option(
        '--slurm-option <key=value>',
        'slurm: an sbatch option for every task (partition=gpu, mem=4G); repeatable, over the site file',
      )
        .argParser((raw: string, prev: [string, string][]) => [...prev, parseSlurmOption(raw)])
        .default([]),
    )
    .option('--slurm-config <file>', 'slurm: the site file (default: slidegraph.slurm.json in the working folder, if any)')
    .addOption(
      new Option('--throttle <n>', 'slurm: at most N tasks of the array at once (%N)').argParser(intOption('--throttle', 1, 100000)),
    )
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (file: string, opts) => (await import('../commands/sweep')).sweepCommand(file, opts));
}
