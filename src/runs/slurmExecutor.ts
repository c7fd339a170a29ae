import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PointList } from '../run/points';
import type { SlurmSite } from '../run/slurmSite';
import { InputError } from '../util/inputError';
import type { BackendName } from './backend';
import type { PointOutcome } from './localExecutor';
import { type PointState, pointDir, pointState } from './points';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The job array: task i trains point i with `command` (the CLI passes itself). The site's sbatch options come first
 * (account, partition, time, …; cpus-per-task 1 unless it says otherwise), the array is throttled
 * to `%N` when asked, and the site's setup lines (`module load …`) run before each task. Each
 * attempt of a task logs to a file of its own, named by the array job, the task and Slurm's restart
 * count, so a requeued task never overwrites the log of the attempt before it.
 */
export function sbatchScript(
  file: string,
  indexes: number[],
  backend: BackendName,
  command: readonly string[],
  site: SlurmSite = { options: {}, setup: [] },
): string {
  const dir = resolve(dirname(file));
  const options = { 'cpus-per-task': '1', ...site.options };
  const attemptLog = `${join(dir, 'logs')}/slurm-\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}.attempt-\${attempt}.log`;
  return [
    '#!/bin/bash',
    '#SBATCH --job-name=slidegraph-sweep',
    `#SBATCH --array=${indexes.join(',')}${site.throttle ? `%${site.throttle}` : ''}`,
    '#SBATCH --ntasks=1',
    // sbatch splits an #SBATCH line at blanks unless the value is in double quotes.
    ...Object.entries(options).map(([k, v]) => `#SBATCH --${k}=${/\s/.test(v) ? `"${v}"` : v}`),
    `#SBATCH --output=${join(dir, 'logs', 'slurm-%A_%a.out')}`,
    '#SBATCH --open-mode=append',
    `#SBATCH --chdir=${process.cwd()}`,
    '# One point of the sweep per array task; a rerun of `slidegraph sweep` reuses finished points.',
    // Slurm counts requeues in SLURM_RESTART_COUNT, unset on the first attempt.
    'attempt=$((SLURM_RESTART_COUNT + 0))',
    `exec >>"${attemptLog}" 2>&1`,
    'echo "slidegraph: task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID, attempt $attempt, on $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    ...site.setup,
    `${[...command, 'task', resolve(file)].map(quote).join(' ')} "$SLURM_ARRAY_TASK_ID" --backend ${backend} --threads "\${SLURM_CPUS_PER_TASK:-1}"`,
    'status=$?',
    'echo "slidegraph: task $SLURM_ARRAY_TASK_ID exit $status, $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    'exit $status',
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
  o: {
    backend: BackendName;
    wait: boolean;
    /** the command line that runs `task FILE INDEX` */
    command: readonly string[];
    pollSeconds?: number;
    site?: SlurmSite;
    /** array tasks that have left the queue, of all submitted */
    onProgress?: (left: number, submitted: number, jobId: string) => void;
  },
): Promise<SlurmResult | undefined> {
  const todo = states.flatMap((s, i) => (s === 'done' ? [] : [i]));
  const dir = dirname(file);
  const script = join(dir, 'sweep.sbatch');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(script, sbatchScript(file, todo.length ? todo : [0], o.backend, o.command, o.site));
  if (todo.length === 0) return undefined;
  const jobId = run('sbatch', ['--parsable', script]).trim().split(';')[0];
  const log = (i: number) => join(resolve(dir), 'logs', `slurm-${jobId}_${i}.attempt-*.log`);
  if (!o.wait) return { jobId, failed: [], waited: false };
  for (;;) {
    const queued = run('squeue', ['-h', '-r', '-j', jobId, '-o', '%K'])
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    o.onProgress?.(todo.length - queued, todo.length, jobId);
    if (queued === 0) break;
    await new Promise((r) => setTimeout(r, (o.pollSeconds ?? 2) * 1000));
  }
  const sacct = accountingStates(jobId);
  const failed = todo
    .filter((i) => pointState(pointDir(file, list.points[i])) !== 'done')
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
