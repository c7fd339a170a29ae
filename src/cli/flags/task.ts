import type { Command } from 'commander';
import { backendOption, intOption, threadsOption } from '../options';

/** `slidegraph task`: its flags and help; the command's code (src/cli/commands/task.ts) loads only when it runs. */
export function addTaskCommand(p: Command): void {
  p.command('task', { hidden: true })
    .description('train one point of a point list (what sweep and reproduce run in each child process or Slurm task)')
    .argument('<file>', 'sweep.json or reproduce.json')
    .argument('<index>', 'the point', intOption('INDEX', 0))
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (file: string, index: number, opts) => (await import('../commands/task')).taskCommand(file, index, opts.backend));
}
