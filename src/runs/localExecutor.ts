import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PointList } from '../run/points';
import { writeErrorOf } from './atomicWrite';
import { type BackendName, runThreads } from './backend';
import type { PointState } from './points';

export interface PointOutcome {
  name: string;
  /** exit code of the child; null when it never started (a point it depends on failed) */
  code: number | null;
  log: string;
}

export interface LocalResult {
  failed: PointOutcome[];
  interrupted: boolean;
}

/**
 * The threads of each of `points` running points out of a run's `threads`: as even as whole
 * numbers allow, the first ones one more, every point at least one (more points than threads is
 * the user's --jobs, and then each runs on one).
 */
export function threadShares(threads: number, points: number): number[] {
  return Array.from({ length: points }, (_, k) => Math.max(1, Math.floor(threads / points) + (k < threads % points ? 1 : 0)));
}

/** How far a list of points has come: epochs over all points, and points finished. */
export interface PointsProgress {
  epochs: number;
  totalEpochs: number;
  finished: number;
  points: number;
}

export interface LocalOptions {
  jobs: number;
  backend: BackendName;
  /** the command line that runs `task FILE INDEX` (the CLI passes itself) */
  command: readonly string[];
  epochsOf: (index: number) => number;
  onProgress?: (p: PointsProgress) => void;
  /** passed on to every running child as SIGINT; nothing new starts */
  signal?: AbortSignal;
}

/**
 * Trains the points of a list in up to `jobs` child processes at once, each `COMMAND task FILE
 * INDEX`, in list order as their `after` points finish. Children report finished epochs, summed
 * for `onProgress`. An abort is passed to every running child, which saves its metrics and
 * checkpoint and exits; nothing new starts, so a rerun continues where this stopped.
 */
export async function runLocal(file: string, list: PointList, states: PointState[], o: LocalOptions): Promise<LocalResult> {
  const logs = join(dirname(file), 'logs');
  try {
    mkdirSync(logs, { recursive: true });
  } catch (e) {
    throw writeErrorOf(logs, e);
  }
  const n = list.points.length;
  const status: ('waiting' | 'running' | 'ok' | 'failed')[] = states.map((s) => (s === 'done' ? 'ok' : 'waiting'));
  const progress = states.map((s, i) => (s === 'done' ? o.epochsOf(i) : 0));
  const total = list.points.reduce((sum, _p, i) => sum + o.epochsOf(i), 0);
  const update = () =>
    o.onProgress?.({
      epochs: progress.reduce((a, b) => a + b, 0),
      totalEpochs: total,
      finished: status.filter((s) => s === 'ok').length,
      points: n,
    });
  update();
  const outcomes: PointOutcome[] = [];
  const running = new Map<number, ChildProcess>();
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    for (const child of running.values()) child.kill('SIGINT');
  };
  if (o.signal?.aborted) interrupt();
  o.signal?.addEventListener('abort', interrupt);

  // The run's GRU threads are shared among the points running at each moment, so they never
  // oversubscribe the cores and a point that runs alone (ME before ME+ICs) has them all. A point
  // starts with its share and is sent a new one whenever another starts or ends; the numbers do not
  // depend on it (src/kernels/gru/chunked.ts).
  const budget = await runThreads();
  const reshare = () => {
    const shares = threadShares(budget, running.size);
    [...running.values()].forEach((child, k) => {
      if (child.connected) child.send({ type: 'threads', threads: shares[k] }, () => {});
    });
  };
  const logOf = (i: number) => join(logs, `${list.points[i].name.replace(/[/\\]/g, '_')}.log`);
  const start = (i: number) =>
    new Promise<void>((resolveDone) => {
      status[i] = 'running';
      const fd = openSync(logOf(i), 'a');
      const [cmd, ...args] = o.command;
      // Its own process group: a terminal's Ctrl-C reaches the children once, through us.
      const share = threadShares(budget, running.size + 1)[running.size];
      const child = spawn(cmd, [...args, 'task', file, String(i), '--backend', o.backend, '--threads', String(share)], {
        stdio: ['ignore', 'ignore', fd, 'ipc'],
        detached: true,
      });
      closeSync(fd);
      running.set(i, child);
      reshare();
      child.on('message', (m: { type?: string; epoch?: number }) => {
        if (m.type === 'epoch' && typeof m.epoch === 'number') {
          progress[i] = m.epoch;
          update();
        }
      });
      child.on('exit', (code, signal) => {
        running.delete(i);
        reshare();
        status[i] = code === 0 ? 'ok' : 'failed';
        if (code === 0) progress[i] = o.epochsOf(i);
        else outcomes.push({ name: list.points[i].name, code: code ?? (signal ? 128 : 1), log: logOf(i) });
        update();
        resolveDone();
      });
    });

  try {
    const active = new Set<Promise<void>>();
    for (;;) {
      if (!interrupted) {
        for (let i = 0; i < n && running.size < o.jobs; i++) {
          if (status[i] !== 'waiting') continue;
          const deps = list.points[i].after ?? [];
          if (deps.some((d) => status[d] === 'failed')) {
            status[i] = 'failed';
            outcomes.push({ name: list.points[i].name, code: null, log: logOf(deps.find((d) => status[d] === 'failed')!) });
            continue;
          }
          if (deps.every((d) => status[d] === 'ok')) {
            const p = start(i).then(() => void active.delete(p));
            active.add(p);
          }
        }
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
  } finally {
    o.signal?.removeEventListener('abort', interrupt);
  }
  return { failed: interrupted ? [] : outcomes, interrupted };
}
