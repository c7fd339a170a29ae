import type { Command } from 'commander';
import { InputError } from '../../util/inputError';
import { backendOption, threadsOption } from '../options';

/** `slidegraph predict`: its flags and help; the command's code (src/cli/commands/predict.ts) loads only when it runs. */
export function addPredictCommand(p: Command): void {
  p.command('predict')
    .description(
      "write a finished run's main-net predictions for every sequence (normalized and in mu) as a file losses reads, or an ensemble's mean and sd",
    )
    .argument('[rundir]', 'run folder written by train')
    .option('--ensemble <runs>', 'RUN1,RUN2,… or a sweep folder: per-sample mean and sd of their nets, calibrated on the test split')
    .option('--data <file>', "dataset JSON to predict (default: the run's own dataset; with --ensemble, the first run's)")
    .requiredOption('--out <file>', 'predictions JSON to write ("format": "slidegraph/predictions", or "slidegraph/ensemble")')
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (dir: string | undefined, opts) => {
      if ((dir === undefined) === (opts.ensemble === undefined))
        throw new InputError('predict', 'takes one run folder, or --ensemble RUN1,RUN2,… (or a sweep folder), not both');
      return dir === undefined
        ? (await import('../commands/ensemble')).ensembleCommand(opts.ensemble, opts)
        : (await import('../commands/predict')).predictCommand(dir, opts);
    });
}
