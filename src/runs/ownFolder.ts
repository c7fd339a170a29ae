import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/inputError';
import { writeErrorOf } from './atomicWrite';

/**
 * The names in a folder a command is about to write many files into ([] when it does not exist
 * yet), refusing a path that is a file. A command writes only into a folder that is empty or
 * holds its own earlier output: it never overwrites what it did not make.
 */
export function folderEntries(dir: string, flag: string): string[] {
  try {
    if (!existsSync(dir)) return [];
    if (!statSync(dir).isDirectory()) throw new InputError(flag, `${dir} is a file, not a folder`);
    return readdirSync(dir);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw writeErrorOf(dir, e);
  }
}

/** A few of `names`, for a refusal that shows what is in the way. */
export const someOf = (names: readonly string[]): string =>
  `${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;

/**
 * Refuses a non-empty folder that lacks `marker`, the file the command writes first (sweep.json,
 * reproduce.json): its files are someone else's. With the marker, the command's own checks of
 * that file decide whether its settings match.
 */
export function requireOwnFolder(dir: string, flag: string, marker: string, command: string, readMarker: (file: string) => void): void {
  const entries = folderEntries(dir, flag);
  if (entries.length === 0) return;
  // A file of that name that is not the command's own is refused by reading it.
  if (entries.includes(marker)) return readMarker(join(dir, marker));
  throw new InputError(
    flag,
    `${dir} already holds files that ${command} did not write (${someOf(entries.sort())}); choose an empty or new folder`,
  );
}
