import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { flagsPatch } from '../../run/runSpec';
import { parseSlurmSite, type SlurmSite, withOverrides } from '../../run/slurmSite';
import { foldDuplicates, parseSweep, requireGridSize, type SweepPointList, sweepPoints } from '../../run/sweep';
import type { BackendName } from '../../runs/backend';
import { readJson } from '../../runs/files';
import { requireOwnFolder } from '../../runs/ownFolder';
import { checkPoints, readPointList } from '../../runs/points';
import { prepareRun } from '../../runs/prepareRun';
import { makeOutFolder, writeJson } from '../../runs/runFolder';
import { checkSlurmPaths, runSlurm } from '../../runs/slurmExecutor';
import { InputError } from '../../util/inputError';
import { oneLine } from '../cleanText';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from '../fail';
import { type Progress, progressBar } from '../progress';
import { runPointsHere } from '../runHere';
import { collectSweep, summaryText } from '../sweepSummary';
import { childCommand } from './task';

const SITE_FILE = 'slidegraph.slurm.json';

interface SweepFlags {
  out: string;
  executor: 'local' | 'slurm';
  jobs: number;
  wait: boolean;
  backend: BackendName;
  slurmOption: [string, string][];
  slurmConfig?: string;
  throttle?: number;
}

/** The Slurm site file: --slurm-config FILE, else slidegraph.slurm.json in the working folder if there is one. */
function slurmSite(flags: SweepFlags): SlurmSite {
  const file = flags.slurmConfig ?? (existsSync(SITE_FILE) ? SITE_FILE : undefined);
  const site = file ? parseSlurmSite(readJson(file), file) : { options: {}, setup: [] };
  return withOverrides(site, flags.slurmOption, flags.throttle);
}

/** The sweep file's points as DIR/sweep.json; every point is resolved (and so checked) before any starts. */
function sweepList(sweepFile: string, out: string): SweepPointList {
  const folded = foldDuplicates(parseSweep(readJson(sweepFile), sweepFile));
  for (const note of folded.notes) process.stderr.write(`slidegraph: note: ${oneLine(sweepFile)}: ${note}\n`);
  const sweep = folded.sweep;
  requireGridSize(sweep, sweepFile);
  const graph = resolve(dirname(sweepFile), sweep.graph);
  const list: SweepPointList = {
    format: 'slidegraph/sweep-points',
    version: 1,
    sweep: sweepFile,
    graph,
    parameters: Object.keys(sweep.set ?? {}),
    points: sweepPoints(sweep).map((p) => ({
      ...p,
      dir: join('runs', p.name),
      graph,
      patches: [sweep.run ?? {}, flagsPatch({ seed: p.seed })],
      set: Object.entries(p.values),
    })),
  };
  for (const p of list.points) {
    try {
      prepareRun(graph, p.patches, p.set, sweepFile);
    } catch (e) {
      // a bad value is the sweep file's, under its `set`
      if (e instanceof InputError && e.field.startsWith('--set ')) throw new InputError(`set["${e.field.slice(6)}"]`, e.reason, sweepFile);
      throw e;
    }
  }
  requireOwnFolder(out, '--out', 'sweep.json', 'sweep', (f) => readPointList(f, 'slidegraph/sweep-points'));
  makeOutFolder(out);
  return list;
}

export async function sweepCommand(sweepFile: string, flags: SweepFlags): Promise<void> {
  const file = join(flags.out, 'sweep.json');
  // The site file and the paths the job will carry are checked before the folder exists.
  const site = flags.executor === 'slurm' ? slurmSite(flags) : undefined;
  if (site) checkSlurmPaths(file, flags.backend, childCommand(), site);
  const list = sweepList(sweepFile, flags.out);
  const states = checkPoints(file, list);
  writeJson(file, list);
  const epochs = list.points.map((p) => prepareRun(p.graph, p.patches, p.set).run.training.epochs);
  if (site) {
    let bar: Progress | undefined;
    const r = await runSlurm(file, list, states, {
      backend: flags.backend,
      wait: flags.wait,
      site,
      command: childCommand(),
      onProgress: (left, submitted, jobId) => {
        bar ??= progressBar(submitted, `slurm job ${jobId}`, 'points');
        bar.update(left);
      },
    }).finally(() => bar?.stop());
    if (r && !r.waited) {
      process.stdout.write(
        `submitted job array ${r.jobId} (${states.filter((s) => s !== 'done').length} points); watch it with squeue -j ${r.jobId}, then run slidegraph collect ${flags.out}\n`,
      );
      return;
    }
    finish(
      flags.out,
      (r?.failed ?? []).map((f) => `${f.name}: task ${f.task} failed, log ${f.log}`),
      false,
      list.points.length,
    );
    return;
  }
  const r = await runPointsHere('sweep', file, list, states, { jobs: flags.jobs, backend: flags.backend, epochs });
  finish(
    flags.out,
    r.failed.map((f) => `${f.name}: ${f.code === null ? 'not started, a point it needs failed' : `exit ${f.code}`}, log ${f.log}`),
    r.interrupted,
    list.points.length,
  );
}

function finish(out: string, failures: string[], interrupted: boolean, points: number): void {
  const summary = collectSweep(out);
  const finished = summary.settings.reduce((a, s) => a + s.n, 0);
  if (interrupted)
    throw new CliExit(
      EXIT_INTERRUPTED,
      `interrupted with ${finished} of ${points} points finished; run the same command again to continue`,
    );
  process.stdout.write(summaryText(summary, out));
  if (failures.length) {
    for (const f of failures) process.stderr.write(`slidegraph: ${f}\n`);
    throw new CliExit(EXIT_DIVERGED, `${failures.length} of ${points} points failed (listed above); a rerun retries them`);
  }
}
