import type { Command } from 'commander';
import { backendOption, threadsOption } from '../options';

/** `slidegraph evaluate`: its flags and help; the command's code (src/cli/commands/evaluate.ts) loads only when it runs. */
export function addEvaluateCommand(p: Command): void {
  p.command('evaluate')
    .description("print a finished run's eq. (15) test error summary, losses and error histogram")
    .argument('<rundir>', 'run folder written by train')
    .option('--data <file>', "dataset JSON to evaluate on (default: regenerate the run's own dataset)")
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (dir: string, opts) => (await import('../commands/evaluate')).evaluateCommand(dir, opts));
}
