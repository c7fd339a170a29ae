import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../util/inputError';
import { faultArmed, faultPoint, injectedWriteError } from './faults';

/** Why a write failed, in the user's terms: the cause they can fix comes first. */
const causes: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the filesystem is read-only',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'the folder does not exist',
  EEXIST: 'already exists',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
};

/** One line naming the file and the cause (ENOSPC, EACCES, EROFS, …); the CLI exits 2 on it. */
class WriteError extends InputError {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super('write', `cannot write (${code}: ${causes[code] ?? 'the system refused it'})`, file);
  }
}

export function writeErrorOf(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' ? new WriteError(file, code) : (e as Error);
}

let counter = 0;
const tempName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
const TEMP = /^\..+\.(\d+)\.\d+\.tmp$/;

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/**
 * Removes the temporary files that writes killed half-way (kill -9, power loss) left in a
 * folder: up to a checkpoint's size each, they would otherwise stay for good. Only those of a
 * process that is gone; a live writer's file is its own.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m && Number(m[1]) !== process.pid && gone(Number(m[1]))) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // removed by another process just now, or not ours to remove: it is only litter
      }
    }
  }
}

/** Makes a rename durable: the folder's entry is on disk, not only the file's bytes. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a folder; the rename itself is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a file so that a reader only ever sees the old or the new content, never a torn one:
 * the bytes go to a temporary name in the same folder, are fsynced, then renamed into place.
 * A failed write removes its temporary file and leaves the old file as it was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  writeChunksAtomic(path, [data], undefined, mode);
}

/** As writeFileAtomic for content that comes in pieces (a 100 MB dataset is never one string). */
export function writeChunksAtomic(
  path: string,
  chunks: Iterable<string | Uint8Array>,
  onChunk?: (chunk: string | Uint8Array) => void,
  mode = 0o644,
): void {
  refuseNonRegular(path);
  const temp = tempName(path);
  const name = basename(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    let written = 0;
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const injected = injectedWriteError(name);
      if (injected) throw injected;
      // during-write: the process dies with half of the first piece on disk, under the temporary name
      if (written === 0 && bytes.length > 1 && faultArmed(`during-write:${name}`)) {
        const half = bytes.subarray(0, bytes.length >> 1);
        writeAll(fd, half);
        fsyncSync(fd);
        faultPoint(`during-write:${name}`);
        writeAll(fd, bytes.subarray(half.length));
      } else writeAll(fd, bytes);
      written += bytes.length;
      onChunk?.(chunk);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw writeErrorOf(path, e);
  }
  syncFolder(dirname(path));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Only a regular file is ever replaced: a rename over /dev/full or a FIFO would replace the device itself. */
function refuseNonRegular(path: string): void {
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(path);
  } catch {
    return; // absent: a new file
  }
  if (st.isDirectory()) throw new WriteError(path, 'EISDIR');
  if (!st.isFile()) throw new InputError('write', 'is not a regular file (a device, FIFO, socket or link); choose a file name', path);
}
