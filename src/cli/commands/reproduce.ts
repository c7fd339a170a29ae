import { join } from 'node:path';
import type { ReproduceSettings } from '../../paper/reproduce';
import { useBackend } from '../../runs/backend';
import { requireOwnFolder } from '../../runs/ownFolder';
import { checkPoints, readPointList } from '../../runs/points';
import { prepareRun } from '../../runs/prepareRun';
import { makeOutFolder, writeJson } from '../../runs/runFolder';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from '../fail';
import { printNote } from '../followRun';
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
export async function reproduceCommand(flags: ReproduceFlags, command: string): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
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
