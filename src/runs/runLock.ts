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
}

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

/** Whether a lock's text names a process that is gone (killed, crashed, powered off) on this machine. */
const staleText = (text: string): boolean => {
  const h = holderOf(text);
  return h === undefined || (h.hostname === hostname() && !alive(h.pid));
};

/** A lock whose process is gone on this machine. */
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
 * host is stale and taken over (see takeOver); one from another host cannot be checked and is
 * named in the refusal. The lock is released on exit.
 */
export function acquireRunLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, hostname: hostname(), started: new Date().toISOString() };
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
  const mine = readRaw(file);
  const release = () => {
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
  const who = h ? `process ${h.pid} on ${h.hostname} since ${h.started}` : 'another process';
  throw new LockHeld(
    'run folder',
    `${dir} is in use by ${who}; wait for it to finish${h && h.hostname !== hostname() ? `, or delete ${file} if that process is gone` : ''}`,
  );
}
