import { availableParallelism } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { floorFeatures, floorPredictors } from '../paper/posteriorFloor';
import { stageFeatures } from '../paper/stages';
import { importDefaults } from '../physics/importOptions';
import { parseSlurmOption } from '../run/slurmSite';
import { backendNames, setThreads } from '../runs/backend';
import { packageVersion } from '../runs/packageRoot';
import { InputError } from '../util/inputError';
import { addFitCommand } from './commands/fit';
import { addDataFlags } from './dataFlags';
import { CliExit, EXIT_INPUT, report } from './fail';
import { choiceOption, intOption, positiveOption } from './options';
import { addRecordFlags } from './recordFlags';

function backendOption(): Option {
  return new Option('--backend <name>', `TensorFlow.js backend: ${backendNames.join(' | ')}`)
    .argParser(choiceOption('--backend', backendNames))
    .default('wasm');
}

function threadsOption(): Option {
  return new Option(
    '--threads <n>',
    'threads of the GRU kernel (default: the cores free to this run; the same results on any number)',
  ).argParser(intOption('--threads', 1, 256));
}

function seedList(raw: string): number[] {
  const parse = intOption('--seeds', 0, 0xffffffff);
  const seeds = raw.split(',').map((s) => parse(s.trim()));
  if (new Set(seeds).size !== seeds.length) throw new InputError('--seeds', `lists a seed twice: ${raw}`);
  return seeds;
}

/**
 * Every command's module is imported when that command runs: tfjs (and what only training needs)
 * is most of the start-up, and `--help`, `check`, `data`, `simulate`, `floor`, `import` and
 * `collect` never load it (test/cli/startup.test.ts holds them to that).
 */
function program(): Command {
  const p = new Command('slidegraph')
    .description('Physics-informed training graphs for rate-and-state friction (Slide, Hold, Learn)')
    .version(packageVersion, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showHelpAfterError(false)
    .hook('preAction', (_p, command) => setThreads(command.opts().threads));

  p.command('simulate')
    .description(
      'simulate one protocol (JSON file): the state law exactly under imposed velocity, or the spring-slider ("system": "spring-slider"); print the samples',
    )
    .argument(
      '<file>',
      'protocol JSON: {law?, params, duration, jumpTimes, velocities, theta0?, sampleTimes?} or {system: "spring-slider", params: {mu0, a, vRef, k, states}, v0, duration, jumpTimes, velocities, sampleTimes?}',
    )
    .action(async (file: string) => (await import('./commands/simulate')).simulateCommand(file));

  addDataFlags(
    p
      .command('data')
      .description("generate a synthetic dataset (the paper's by default) and print its summary")
      .option('--out <file>', 'dataset JSON to write')
      .option('--csv <dir>', 'also (or instead) write each sequence as DIR/NNNNN.csv with columns t, V, mu'),
    15000,
  ).action(async (opts) => (await import('./commands/data')).dataCommand(opts));

  addDataFlags(
    p
      .command('floor')
      .description(
        'estimate a floor of a data configuration: the eq. (15) error of the best predictor of one kind that sees one feature set',
      )
      .addOption(
        new Option(
          '--predictor <kind>',
          'agnostic (ignores where a jump fell between two samples), forward (samples up to now) or sequence',
        )
          .argParser(choiceOption('--predictor', floorPredictors))
          .default('agnostic'),
      )
      .addOption(
        new Option('--features <set>', 'v (V/Vch), meanv (V/Vch and MeanV) or grid (V/Vch with jumps on samples; sets --timing grid)')
          .argParser(choiceOption('--features', floorFeatures))
          .default('v'),
      )
      .addOption(
        new Option('--draws <n>', 'posterior draws of the jump timing per sequence')
          .argParser(intOption('--draws', 1, 100_000))
          .default(32),
      )
      .option('--json', 'print {"predictor", "features", "mean", "median", "pooled", "categories"} in percent'),
    1000,
  ).action(async (opts) => (await import('./commands/floor')).floorCommand(opts));

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
    .action(async (files: string[], opts) => (await import('./commands/import')).importCommand(files, { ...opts, vCh: opts.vch }));

  addFitCommand(p);

  p.command('check')
    .description('validate and compile graph files; print blocks, output shapes, loss terms and the trainable parameter count')
    .argument('<graph...>', 'graph JSON files')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts) => (await import('./commands/check')).checkCommand(files, opts));

  p.command('losses')
    .description("score given predictions with a graph's loss terms (they replace the main net's output)")
    .argument('<graph>', 'graph JSON file')
    .requiredOption('--data <file>', 'dataset JSON written by `data`')
    .requiredOption(
      '--predictions <file>',
      'predictions file written by predict, or a JSON array with one array of normalized predictions per sequence',
    )
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (graph: string, opts) => (await import('./commands/losses')).lossesCommand(graph, opts));

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
    .action(async (graph: string | undefined, opts) => (await import('./commands/train')).trainCommand(graph, opts));

  p.command('evaluate')
    .description("print a finished run's eq. (15) test error summary, losses and error histogram")
    .argument('<rundir>', 'run folder written by train')
    .option('--data <file>', "dataset JSON to evaluate on (default: regenerate the run's own dataset)")
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (dir: string, opts) => (await import('./commands/evaluate')).evaluateCommand(dir, opts));

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
        ? (await import('./commands/ensemble')).ensembleCommand(opts.ensemble, opts)
        : (await import('./commands/predict')).predictCommand(dir, opts);
    });

  p.command('export-onnx')
    .description("write a finished run's main net as an ONNX model (opset 13; input features [batch, T, F], output predictions [batch, T])")
    .argument('<rundir>', 'run folder written by train')
    .requiredOption('--out <file>', 'ONNX file to write')
    .action(async (dir: string, opts) => (await import('./commands/exportOnnx')).exportOnnxCommand(dir, opts));

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
    .action(async (opts) => (await import('./commands/reproduce')).reproduceCommand(opts));
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
    .action(async (file: string, opts) => (await import('./commands/sweep')).sweepCommand(file, opts));

  p.command('collect')
    .description('summarise a sweep folder: summary.json, summary.csv and report.html (mean and sd over seeds per setting)')
    .argument('<dir>', 'folder written by sweep')
    .action(async (dir: string) => (await import('./commands/collect')).collectCommand(dir));

  p.command('editor')
    .description('serve the editor that ships with the package on 127.0.0.1 (offline) until Ctrl-C')
    .addOption(new Option('--port <port>', 'port on 127.0.0.1 (0: any free port)').argParser(intOption('--port', 0, 65535)).default(4173))
    .option('--open', 'open it in the default browser')
    .action(async (opts) => (await import('./commands/editor')).editorCommand(opts));

  p.command('task', { hidden: true })
    .description('train one point of a point list (what sweep and reproduce run in each child process or Slurm task)')
    .argument('<file>', 'sweep.json or reproduce.json')
    .argument('<index>', 'the point', intOption('INDEX', 0))
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (file: string, index: number, opts) => (await import('../runs/points')).runPoint(file, index, opts.backend));
  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are "errors" to commander; usage mistakes are the user's to fix
      if (e.exitCode === 0) return 0;
      const original = (e as CommanderError & { nestedError?: unknown }).nestedError;
      if (original) return report(original);
      return report(new CliExit(EXIT_INPUT, e.message.replace(/^error: /, '')));
    }
    return report(e);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
