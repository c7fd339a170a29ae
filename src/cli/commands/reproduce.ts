import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import type { ReproduceSettings } from '../../paper/reproduce';
import { stageFeatures } from '../../paper/stages';
import { useBackend } from '../../runs/backend';
import { requireOwnFolder } from '../../runs/ownFolder';
import { checkPoints, readPointList } from '../../runs/points';
import { prepareRun } from '../../runs/prepareRun';
import { makeOutFolder, writeJson } from '../../runs/runFolder';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from '../fail';
import { printNote } from '../followRun';
import { backendOption, choiceOption, intOption, seedList, threadsOption } from '../options';
import { runPointsHere } from '../runHere';

interface ReproduceFlags extends ReproduceSettings {
  jobs: number;
}

/**
 * The paper's four stages for each seed. Stages that do not depend on each other (ME+ICs+DE and
 * ME+ICs+DE+H after ME+ICs, and different seeds) train at the same time in child processes, one
 * per core; each stage is its own seeded run, so its numbers equal a sequential run's. Finished
 * stages are reused and interrupted ones resumed, so a long reproduction survives a stop.
 * `command` is the command line as typed, recorded in the reports.
 */
async function reproduceCommand(flags: ReproduceFlags, command: string): Promise<void> {
  // Loaded when the command runs: main.ts lists every command, and --help must not load tfjs.
  const { reproducePoints, reproduceResults } = await import('../../paper/reproduce');
  const { versions } = await import('../../runs/runTraining');
  const started = performance.now();
  const file = join(flags.out, 'reproduce.json');
  const list = reproducePoints(flags);
  // Also refuses a bad --set before the folder exists.
  const prepared = list.points.map((p) => prepareRun(p.graph, p.patches, p.set).run);
  const epochs = prepared.map((run) => run.training.epochs);
  requireOwnFolder(flags.out, '--out', 'reproduce.json', 'reproduce', (f) => readPointList(f, 'slidegraph/reproduce-points'));
  makeOutFolder(flags.out);
  const states = checkPoints(file, list);
  writeJson(file, list);
  const r = await runPointsHere('reproduce', file, list, states, { jobs: flags.jobs, backend: flags.backend, epochs });
  if (r.interrupted) throw new CliExit(EXIT_INTERRUPTED, `interrupted; run the same command again to continue from the last epochs`);
  if (r.failed.length) {
    for (const f of r.failed)
      process.stderr.write(
        `slidegraph: stage ${f.name} ${f.code === null ? 'did not start, the stage it starts from failed' : `failed (exit ${f.code})`}; log ${f.log}\n`,
      );
    throw new CliExit(EXIT_DIVERGED, `${r.failed.length} stages failed (listed above); a rerun retries them`);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  // Even when every stage is reused, the report runs each stage's net on its examples.
  await useBackend(flags.backend, (m) => printNote(m, true));
  process.stdout.write(reproduceResults(flags, list, prepared, { command, wallSeconds, versions: versions(flags.backend) }));
}

/** `slidegraph reproduce`: its flags, parsed into the types above, and the command they run. */
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
    .action((opts) => reproduceCommand(opts, ['slidegraph', ...argv].join(' ')));
}
