import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../util/inputError';
import { writeErrorOf, writeFileAtomic } from './atomicWrite';
import { faultParameter } from './faults';

/** The lock file of a run folder: who trains into it. */
export const LOCK_FILE = '.lock';

interface Holder {
  pid: number;
  hostname: string;
  started: string;
  /** SLURM_JOB_ID of the job the holder ran in, when it ran under Slurm */
  slurmJob?: string;
  /** until when the holder vouches for the lock: it renews it while it runs (see acquireRunLock) */
  lease?: string;
}

/**
 * How long a lock's lease runs; its holder renews it at a fifth of that, so only a process that
 * has stopped (or a host that is down) lets it lapse. SLIDEGRAPH_LOCK_LEASE_SECONDS shortens it in tests.
 */
const leaseMs = () => 1000 * (Number(process.env.SLIDEGRAPH_LOCK_LEASE_SECONDS) || 15 * 60);
/** Clocks of two hosts may disagree by this much before a lease counts as lapsed. */
const CLOCK_SKEW_MS = 60_000;

const readRaw = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function holderOf(text: string | undefined): Holder | undefined {
  try {
    const v = JSON.parse(text ?? '') as Partial<Holder>;
    return typeof v.pid === 'number' && typeof v.hostname === 'string' ? (v as Holder) : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Job states in which a Slurm job's processes may still run; any other (or none) means they are gone. */
const LIVE_STATES = new Set(['RUNNING', 'COMPLETING', 'CONFIGURING', 'SUSPENDED', 'STOPPED', 'SIGNALING', 'STAGE_OUT', 'RESIZING']);

/**
 * Whether Slurm says a job no longer runs: squeue does not know it (it finished and was purged) or
 * lists it in a state where none of its processes can run (finished, failed, or pending again after
 * a requeue). Undefined when squeue cannot be asked or answers something else: then nobody knows.
 */
function slurmJobGone(id: string): boolean | undefined {
  const r = spawnSync('squeue', ['-h', '-j', id, '-o', '%T'], { encoding: 'utf8', timeout: 15_000 });
  if (r.error) return undefined;
  if (r.status !== 0) return /invalid job id/i.test(r.stderr) ? true : undefined;
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .every((state) => !LIVE_STATES.has(state));
}

/**
 * Whether a lock's text names a process that is gone: on this machine, a pid that is not alive;
 * on another, a lease that lapsed (its holder renews it while it runs), a Slurm job that Slurm
 * says no longer runs, or an earlier attempt of the very job this process runs in (a requeued task
 * restarts elsewhere while its old node is down). A lock from another machine with none of these
 * (an older Slidegraph's) cannot be checked and is not stale.
 */
const staleText = (text: string): boolean => {
  const h = holderOf(text);
  if (h === undefined) return true;
  if (h.hostname === hostname()) return !alive(h.pid);
  if (h.lease !== undefined && Date.now() > Date.parse(h.lease) + CLOCK_SKEW_MS) return true;
  if (h.slurmJob === undefined) return false;
  if (h.slurmJob === process.env.SLURM_JOB_ID) return true;
  return slurmJobGone(h.slurmJob) === true;
};

/** A lock whose process is gone (see staleText). */
export function lockIsStale(dir: string): boolean {
  const text = readRaw(join(dir, LOCK_FILE));
  return text === undefined || staleText(text);
}

const removeIfThere = (file: string) => {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the run folder's lock, or refuses in one line naming who holds it. The lock file is
 * written whole under a temporary name and hard-linked into place: link(2) fails when the name
 * exists, so taking a free lock is atomic and exclusive. A lock left by a dead process on this
 * host, or from another host as staleText says, is taken over (see takeOver); any other is named
 * in the refusal. The lock is released on exit.
 */
export function acquireRunLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const job = process.env.SLURM_JOB_ID;
  const started = new Date();
  const me: Holder = {
    pid: process.pid,
    hostname: hostname(),
    started: started.toISOString(),
    ...(job ? { slurmJob: job } : {}),
    lease: new Date(started.getTime() + leaseMs()).toISOString(),
  };
  const temp = join(dir, `.lock.${process.pid}.tmp`);
  writeFileAtomic(temp, `${JSON.stringify(me)}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErrorOf(file, e);
      }
      const text = readRaw(file);
      if (text === undefined) continue; // released (or taken over) just now: try again
      if (!staleText(text) || attempt > 20) refuse(dir, text);
      takeOver(dir, text);
    }
  } finally {
    removeIfThere(temp);
  }
  let mine = readRaw(file);
  // Renew the lease while this process runs, only while the lock is still the one it wrote.
  const renew = setInterval(() => {
    if (readRaw(file) !== mine) return;
    const next = `${JSON.stringify({ ...me, lease: new Date(Date.now() + leaseMs()).toISOString() })}\n`;
    try {
      writeFileAtomic(file, next);
      mine = next;
    } catch {
      // a full or vanished folder: the training's own writes will say so
    }
  }, leaseMs() / 5);
  renew.unref();
  const release = () => {
    clearInterval(renew);
    if (readRaw(file) === mine) {
      try {
        unlinkSync(file);
      } catch {
        // the folder went away; nothing to release
      }
    }
    process.removeListener('exit', release);
  };
  process.on('exit', release);
  return release;
}

/**
 * Removes a stale lock so that exactly one of the processes that found it can go on; the caller
 * then links its own lock as for a free one. Unlinking `.lock` directly is not safe: a second
 * process that also judged it stale could unlink the fresh lock the first one has just linked,
 * and both would run. Instead each process hard-links `.lock` to a name derived from the stale
 * lock's text: link(2) is exclusive, so one process wins that name. The winner checks that the
 * file it linked is still the stale one (not a fresh lock that replaced it) before removing
 * `.lock`; only the holder of that name ever removes a lock with that text. A loser finds the
 * name taken (or linked to a fresh lock) and starts again, meeting the winner's live lock.
 */
function takeOver(dir: string, staleLock: string): void {
  const file = join(dir, LOCK_FILE);
  const claim = join(dir, `.lock.stale-${createHash('sha256').update(staleLock).digest('hex').slice(0, 16)}`);
  arriveAtBarrier();
  for (let wait = 0; ; wait++) {
    try {
      linkSync(file, claim);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // .lock is gone already
      if (code !== 'EEXIST') throw writeErrorOf(file, e);
    }
    // Another process is taking this stale lock over right now: its next step is within
    // milliseconds. A claim that outlives a second belongs to a taker that was killed in between.
    if (readRaw(file) !== staleLock) return;
    if (wait >= 50) {
      removeIfThere(claim);
      continue;
    }
    sleep(20);
  }
  try {
    if (readRaw(claim) === staleLock) removeIfThere(file);
  } finally {
    removeIfThere(claim);
  }
}

/**
 * The fault point `stale-lock-race:N` (tests only): each process that found a stale lock waits
 * here until N have, so that they all take it over at the same moment, the race of
 * docs/reliability.md. SLIDEGRAPH_BARRIER names the folder where they meet.
 */
function arriveAtBarrier(): void {
  const n = Number(faultParameter('stale-lock-race'));
  const at = process.env.SLIDEGRAPH_BARRIER;
  if (!n || !at) return;
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, String(process.pid)), '');
  for (let k = 0; k < 3000 && readdirSync(at).length < n; k++) sleep(10);
}

/** The refusal of a lock that a live process holds; a sweep's point waits for that process instead. */
export class LockHeld extends InputError {}

/** Whether a live process on this host holds the folder's lock: one that can be waited for. */
export function heldHere(dir: string): boolean {
  const text = readRaw(join(dir, LOCK_FILE));
  const h = holderOf(text);
  return h !== undefined && h.hostname === hostname() && alive(h.pid);
}

/** Refuses a folder whose lock a live process holds (a stale one is taken over later). */
export function refuseIfHeld(dir: string): void {
  const text = readRaw(join(dir, LOCK_FILE));
  if (text !== undefined && !staleText(text)) refuse(dir, text);
}

function refuse(dir: string, text: string): never {
  const h = holderOf(text);
  const file = join(dir, LOCK_FILE);
  const who = h
    ? `process ${h.pid} on ${h.hostname}${h.slurmJob ? ` (Slurm job ${h.slurmJob})` : ''} since ${h.started}`
    : 'another process';
  throw new LockHeld(
    'run folder',
    `${dir} is in use by ${who}; wait for it to finish${h && h.hostname !== hostname() ? `, or delete ${file} if that process is gone` : ''}`,
  );
}
