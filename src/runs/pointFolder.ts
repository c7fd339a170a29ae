import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PointList } from '../run/points';
import { InputError } from '../util/inputError';

/**
 * A point's `dir` is data, never a path the file may choose: a sweep point trains in
 * `runs/NAME` under the sweep folder, a reproduction's stage in `STAGE` or `seed-S/STAGE` under
 * its folder. A point list is a file anyone can edit, and the task that trains a point clears
 * and fills its folder, so `../victim`, `.`, `/home`, `runs\..\x` or a symlinked `runs/` must
 * never reach the file system.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const UNSAFE = /[\\:\u0000-\u001f\u007f-\u009f]/;

function shapeProblem(dir: string, sweep: boolean): string | undefined {
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir)) return 'is an absolute path';
  if (UNSAFE.test(dir)) return 'holds a backslash, a colon or a control character';
  const parts = dir.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, "." or ".." part';
  if (sweep && (parts.length !== 2 || parts[0] !== 'runs')) return 'is not runs/NAME';
  if (!sweep && parts.length > 2) return 'is more than STAGE or seed-S/STAGE';
  return undefined;
}

/** A symbolic link anywhere from the list's folder down to the point's folder would lead out of it. */
function linkOnTheWay(base: string, dir: string): string | undefined {
  let at = base;
  for (const part of dir.split('/')) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return at;
    } catch {
      return undefined; // not there yet: it will be made as a folder
    }
  }
  return undefined;
}

/** The point's run folder, after checking that it lies inside the list's folder (runs/ for a sweep). */
export function pointDir(file: string, list: PointList, index: number): string {
  const p = list.points[index];
  const sweep = list.format !== 'slidegraph/reproduce-points';
  const what = `point ${index} (${JSON.stringify(p.name)}) dir ${JSON.stringify(p.dir)}`;
  const shape = typeof p.dir === 'string' ? shapeProblem(p.dir, sweep) : 'is not a string';
  if (shape)
    throw new InputError(
      'points',
      `${what} ${shape}; a point's folder must be ${sweep ? 'runs/NAME inside the sweep folder' : 'inside the reproduction folder'}`,
      file,
    );
  const link = linkOnTheWay(dirname(file), p.dir);
  if (link)
    throw new InputError('points', `${what} passes through the symbolic link ${link}; a point's folder must be a real folder`, file);
  return join(dirname(file), p.dir);
}
