import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/inputError';

/** A path as the file system sees it: its folder's links resolved, so `a/../b` and a linked folder compare equal. */
function canonical(path: string): string {
  try {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  } catch {
    return resolve(path);
  }
}

function sameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  try {
    // a hard link or a symbolic link to the input is the input too
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Refuses an output that names one of the command's own inputs: the write would replace the
 * input before (or while) it is read, and nothing could bring it back.
 */
export function refuseOutputOverInput(out: string, inputs: { path: string; what: string }[], flag = '--out'): void {
  const hit = inputs.find((i) => sameFile(out, i.path));
  if (hit)
    throw new InputError(flag, `${out} is ${hit.what}, an input of this command; writing there would destroy it. Choose another ${flag}`);
}

/** Whether `path` lies in `folder` (or is it), after resolving links on the way. */
export function isInside(path: string, folder: string): boolean {
  const p = canonical(path);
  let f: string;
  try {
    f = realpathSync(folder);
  } catch {
    f = resolve(folder);
  }
  return p === f || p.startsWith(f.endsWith('/') ? f : `${f}/`);
}
