import { linkSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../util/inputError';
import { writeErrorOf, writeFileAtomic } from './atomicWrite';

/** The lock file of a run folder: who trains into it. */
export const LOCK_FILE = '.lock';

interface Holder {
  pid: number;
  hostname: string;
  started: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
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

/** A lock whose process is gone (killed, crashed, powered off) on this machine. */
export function lockIsStale(dir: string): boolean {
  const h = readHolder(join(dir, LOCK_FILE));
  return h === undefined || (h.hostname === hostname() && !alive(h.pid));
}

/**
 * Takes the run folder's lock, or refuses in one line naming who holds it. The lock file is
 * written whole under a temporary name and hard-linked into place, so taking it is atomic and
 * exclusive. A lock left by a dead process on this host is stale and taken over; one from
 * another host cannot be checked and is named in the refusal. The lock is released on exit.
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
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') refuse(dir, file);
          throw writeErrorOf(file, e);
        }
        if (!lockIsStale(dir)) refuse(dir, file);
        unlinkSync(file);
      }
    }
  } finally {
    unlinkSync(temp);
  }
  const release = () => {
    const h = readHolder(file);
    if (h?.pid === me.pid && h.hostname === me.hostname && h.started === me.started) {
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

function refuse(dir: string, file: string): never {
  const h = readHolder(file);
  const who = h ? `process ${h.pid} on ${h.hostname} since ${h.started}` : 'another process';
  throw new InputError(
    'run folder',
    `${dir} is in use by ${who}; wait for it to finish${h && h.hostname !== hostname() ? `, or delete ${file} if that process is gone` : ''}`,
  );
}
