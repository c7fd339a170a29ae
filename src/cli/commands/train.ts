import { basename, join } from 'node:path';
import { type Command, Option } from 'commander';
import { parseSet } from '../../run/overrides';
import { flagsPatch, type RunFlags } from '../../run/runSpec';
import type { BackendName } from '../../runs/backend';
import { prepareRun } from '../../runs/prepareRun';
import type { RunMetrics } from '../../train/metrics';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { followRun } from '../followRun';
import { withInterrupt } from '../interrupt';
import { backendOption, intOption, positiveOption, threadsOption } from '../options';

interface TrainFlags extends RunFlags {
  out?: string;
  resume?: string;
  backend: BackendName;
  /** train on this dataset file instead of generating the run section's data */
  data?: string;
  /** `--set PATH=VALUE`, in the order given */
  set?: string[];
  /** checkpoints kept: the newest K and the best */
  keepCheckpoints?: number;
}

const keep = (flags: TrainFlags) => (flags.keepCheckpoints !== undefined ? { keepCheckpoints: flags.keepCheckpoints } : {});

async function trainCommand(graph: string | undefined, flags: TrainFlags): Promise<void> {
  // Loaded when the command runs: main.ts lists every command, and --help must not load tfjs.
  const { resumeRun, trainRun } = await import('../../runs/runTraining');
  const sets = (flags.set ?? []).map(parseSet);
  let dir: string;
  let metrics: RunMetrics | undefined;
  if (flags.resume) {
    if (sets.length) throw new InputError('--set', `cannot change a run that is resumed; ${flags.resume}/graph.json holds its settings`);
    dir = flags.resume;
    const resume = dir;
    metrics = await withInterrupt((signal) => followRun(resumeRun({ dir: resume, backend: flags.backend, signal, ...keep(flags) })));
  } else {
    if (!graph) throw new InputError('GRAPH', 'is missing: give a graph file, or --resume DIR');
    if (flags.data && flags.count !== undefined)
      throw new InputError('--count', 'does not apply with --data: the dataset file fixes the sequences');
    const prepared = prepareRun(
      graph,
      [flagsPatch(flags)],
      sets.map((s) => [s.path, s.value] as const),
    );
    dir = flags.out ?? join('runs', basename(graph).replace(/\.json$/, ''));
    const provenance = { graphFile: graph, ...(sets.length ? { set: Object.fromEntries(sets.map((s) => [s.path, s.value])) } : {}) };
    const out = dir;
    metrics = await withInterrupt((signal) =>
      followRun(
        trainRun(prepared, {
          dir: out,
          backend: flags.backend,
          provenance,
          signal,
          ...(flags.data ? { dataFile: flags.data } : {}),
          ...keep(flags),
        }),
      ),
    );
  }
  if (!metrics) throw new Error('the run stream ended without finishing');
  const last = metrics.epochs[metrics.epochs.length - 1];
  const summary = { dir, status: metrics.status, epochs: metrics.epochs.length, final: last, totalSeconds: metrics.totalSeconds };
  process.stdout.write(`${jsonText(summary, 2)}\n`);
}

/** `slidegraph train`: its flags, parsed into the types above, and the command they run. */
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
    .action((graph: string | undefined, opts) => trainCommand(graph, opts));
}
