import { type Command, Option } from 'commander';
import { backendOption, intOption, positiveOption, threadsOption } from '../options';

/** `slidegraph train`: its flags and help; the command's code (src/cli/commands/train.ts) loads only when it runs. */
export function addTrainCommand(p: Command): void {
  p.command('train')
    .description('train a graph file into a run folder (graph, metrics JSON/CSV, checkpoints, weights, TF.js model)')
    .argument('[graph]', 'graph JSON file (not needed with --resume)')
    .addOption(
      new Option('--count <n>', "sequences to generate (default: the graph's run section, else 15000)").argParser(
        intOption('--count', 2, 10_000_000),
      ),
    )
    .addOption(new Option('--epochs <n>', 'epochs (default: run section, else 50)').argParser(intOption('--epochs', 1, 100_000)))
    .addOption(new Option('--seed <s>', 'one seed for data, initialisation and shuffling').argParser(intOption('--seed', 0, 0xffffffff)))
    .addOption(new Option('--batch <n>', 'batch size (default 32)').argParser(intOption('--batch', 1, 100_000)))
    .addOption(new Option('--lr <rate>', 'Adam learning rate (default 1e-3)').argParser(positiveOption('--lr')))
    .addOption(
      new Option('--divergence <factor>', 'stop (exit 3) when the loss exceeds this many times its lowest value (default 1e6)').argParser(
        positiveOption('--divergence'),
      ),
    )
    .option('--data <file>', 'train on a dataset file (written by data or import) instead of generating one')
    .option('--init <rundir>', "start from a finished run's weights (the paper's staging)")
    .option(
      '--set <path=value>',
      'change a node parameter (beta.factor=0.2, main/gru.units=16) or a run setting (run.training.learningRate=5e-4); repeatable',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--out <dir>', 'run folder to create (default runs/<graph name>)')
    .option('--resume <dir>', 'continue an interrupted run from its last checkpoint')
    .addOption(
      new Option('--keep-checkpoints <k>', 'keep the newest K checkpoints and the best (default 2; 0 keeps all)').argParser(
        intOption('--keep-checkpoints', 0, 1_000_000),
      ),
    )
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (graph: string | undefined, opts) => (await import('../commands/train')).trainCommand(graph, opts));
}
