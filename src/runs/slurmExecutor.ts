import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PointList } from '../run/points';
import type { SlurmSite } from '../run/slurmSite';
import { InputError } from '../util/inputError';
import { writeFileAtomic } from './atomicWrite';
import type { BackendName } from './backend';
import type { PointOutcome } from './localExecutor';
import { pointDir } from './pointFolder';
import { type PointState, pointState } from './points';

/** A word the shell reads back as exactly this text, whatever it holds ($, spaces, quotes). */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Every path that reaches the job is checked first: a newline in --out would end the script's
 * line and start one of its own, so control characters are refused; a `%` would be read by
 * Slurm as a file-name pattern.
 */
function requirePlainPath(path: string, what: string, slurmPattern = false): string {
  if (CONTROL.test(path))
    throw new InputError(
      '--executor slurm',
      `${what} ${JSON.stringify(path)} holds a control character (a newline, tab, escape); choose a plain path`,
    );
  if (slurmPattern && path.includes('%'))
    throw new InputError(
      '--executor slurm',
      `${what} ${JSON.stringify(path)} holds a %, which Slurm reads as a file-name pattern; choose another path`,
    );
  return path;
}

/**
 * The job array: task i trains point i with `cli` (the CLI passes itself). The site's sbatch options come first
 * (account, partition, time, …; cpus-per-task 1 unless it says otherwise), the array is throttled
 * to `%N` when asked, and the site's setup lines (`module load …`) run before each task. Each
 * attempt of a task logs to a file of its own, named by the array job, the task and Slurm's restart
 * count, so a requeued task never overwrites the log of the attempt before it. Paths never appear
 * in an #SBATCH line (sbatch splits those at spaces): Slurm's own log and the working folder go to
 * sbatch as arguments (sbatchArguments), and every path in a command is single-quoted.
 */
export function sbatchScript(
  file: string,
  indexes: number[],
  backend: BackendName,
  cli: readonly string[],
  site: SlurmSite = { options: {}, setup: [] },
): string {
  const dir = resolve(dirname(file));
  const options = { 'cpus-per-task': '1', ...site.options };
  const logs = quote(requirePlainPath(join(dir, 'logs'), '--out'));
  const attemptLog = `${logs}"/slurm-\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}.attempt-\${attempt}.log"`;
  const command = [...cli, 'task', resolve(file)].map((w) => quote(requirePlainPath(w, 'the path')));
  return [
    '#!/bin/bash',
    '#SBATCH --job-name=slidegraph-sweep',
    `#SBATCH --array=${indexes.join(',')}${site.throttle ? `%${site.throttle}` : ''}`,
    '#SBATCH --ntasks=1',
    // sbatch splits an #SBATCH line at blanks unless the value is in double quotes.
    ...Object.entries(options).map(([k, v]) => `#SBATCH --${k}=${/\s/.test(v) ? `"${v}"` : v}`),
    '#SBATCH --open-mode=append',
    '# One point of the sweep per array task; a rerun of `slidegraph sweep` reuses finished points.',
    `cd ${quote(requirePlainPath(process.cwd(), 'the working folder'))} || exit 1`,
    // Slurm counts requeues in SLURM_RESTART_COUNT, unset on the first attempt.
    'attempt=$((SLURM_RESTART_COUNT + 0))',
    `exec >>${attemptLog} 2>&1`,
    'echo "slidegraph: task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID, attempt $attempt, on $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    ...site.setup,
    `${command.join(' ')} "$SLURM_ARRAY_TASK_ID" --backend ${quote(backend)} --threads "\${SLURM_CPUS_PER_TASK:-1}"`,
    'status=$?',
    'echo "slidegraph: task $SLURM_ARRAY_TASK_ID exit $status, $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    'exit $status',
    '',
  ].join('\n');
}

/** sbatch's own arguments: the log files (with Slurm's %A_%a) and the working folder, each one argv word. */
export function sbatchArguments(file: string, script: string): string[] {
  const logs = requirePlainPath(join(resolve(dirname(file)), 'logs'), '--out', true);
  return [
    '--parsable',
    `--output=${join(logs, 'slurm-%A_%a.out')}`,
    `--chdir=${requirePlainPath(process.cwd(), 'the working folder')}`,
    script,
  ];
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

/** Refuses, before the sweep folder exists, an --out whose path the job could not carry. */
export function checkSlurmPaths(file: string, backend: BackendName, cli: readonly string[], site?: SlurmSite): void {
  sbatchArguments(file, join(dirname(file), 'sweep.sbatch'));
  sbatchScript(file, [0], backend, cli, site);
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
  const text = sbatchScript(file, todo.length ? todo : [0], o.backend, o.command, o.site);
  const args = sbatchArguments(file, script);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileAtomic(script, text);
  if (todo.length === 0) return undefined;
  const jobId = run('sbatch', args).trim().split(';')[0];
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
