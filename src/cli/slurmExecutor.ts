import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PointList } from '../run/points';
import { InputError } from '../util/inputError';
import type { BackendName } from './backend';
import { cliCommand, type PointOutcome } from './localExecutor';
import { pointDir } from './pointFolder';
import { type PointState, pointState } from './points';
import { progressBar } from './progress';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The job array: task i trains point i with this same CLI, its log in DIR/logs. */
function sbatchScript(file: string, indexes: number[], backend: BackendName): string {
  const dir = resolve(dirname(file));
  return [
    '#!/bin/bash',
    '#SBATCH --job-name=slidegraph-sweep',
    `#SBATCH --array=${indexes.join(',')}`,
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${join(dir, 'logs', 'slurm-%A_%a.out')}`,
    `#SBATCH --chdir=${process.cwd()}`,
    '# One point of the sweep per array task; a rerun of `slidegraph sweep` reuses finished points.',
    `exec ${[...cliCommand(), 'task', resolve(file)].map(quote).join(' ')} "$SLURM_ARRAY_TASK_ID" --backend ${backend}`,
    '',
  ].join('\n');
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error)
    throw new InputError(
      '--executor slurm',
      `${cmd} cannot run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); is Slurm installed? (scripts/slurm-local.sh start)`,
    );
  if (r.status !== 0) throw new InputError('--executor slurm', `${cmd} ${args.join(' ')} failed: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}

export interface SlurmResult {
  jobId: string;
  failed: (PointOutcome & { task: string })[];
  waited: boolean;
}

/**
 * Submits the unfinished points as one job array and, unless told not to wait, polls squeue
 * until the array has left the queue. A point whose run folder did not finish is a failed task,
 * listed with its job id (and sacct's state where accounting is on) and its log.
 */
export async function runSlurm(
  file: string,
  list: PointList,
  states: PointState[],
  o: { backend: BackendName; wait: boolean; pollSeconds?: number },
): Promise<SlurmResult | undefined> {
  const todo = states.flatMap((s, i) => (s === 'done' ? [] : [i]));
  const dir = dirname(file);
  const script = join(dir, 'sweep.sbatch');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(script, sbatchScript(file, todo.length ? todo : [0], o.backend));
  if (todo.length === 0) return undefined;
  const jobId = run('sbatch', ['--parsable', script]).trim().split(';')[0];
  const log = (i: number) => join(resolve(dir), 'logs', `slurm-${jobId}_${i}.out`);
  if (!o.wait) return { jobId, failed: [], waited: false };
  const bar = progressBar(todo.length, `slurm job ${jobId}`, 'points');
  try {
    for (;;) {
      const queued = run('squeue', ['-h', '-r', '-j', jobId, '-o', '%K'])
        .split('\n')
        .filter((l) => l.trim() !== '').length;
      bar.update(todo.length - queued);
      if (queued === 0) break;
      await new Promise((r) => setTimeout(r, (o.pollSeconds ?? 2) * 1000));
    }
  } finally {
    bar.stop();
  }
  const sacct = accountingStates(jobId);
  const failed = todo
    .filter((i) => pointState(pointDir(file, list, i)) !== 'done')
    .map((i) => ({
      name: list.points[i].name,
      task: `${jobId}_${i}`,
      code: null,
      log: log(i) + (sacct.get(`${jobId}_${i}`) ? ` (${sacct.get(`${jobId}_${i}`)})` : ''),
    }));
  return { jobId, failed, waited: true };
}

/** sacct's state per array task, where Slurm keeps accounting; empty where it does not. */
function accountingStates(jobId: string): Map<string, string> {
  const r = spawnSync('sacct', ['-n', '-P', '-X', '-j', jobId, '-o', 'JobID,State,ExitCode'], { encoding: 'utf8' });
  if (r.status !== 0) return new Map();
  return new Map(
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|'))
      .map(([id, state, code]) => [id, `${state}, exit ${code}`]),
  );
}
