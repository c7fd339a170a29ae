/**
 * Named fault points for the fault-injection tests (docs/reliability.md). SLIDEGRAPH_FAULT holds
 * comma-separated points; a process that reaches one dies at once with SIGKILL (no handler, no
 * cleanup), exactly as a power cut or `kill -9` would leave the disk.
 *   after-checkpoint-write        the checkpoint is in place, metrics.json is not yet updated
 *   during-write:NAME             half of file NAME (its base name) is in its temporary file
 *   enospc:NAME                   writing file NAME fails with ENOSPC, as on a full disk
 *   stale-lock-race:N             a process that judged a run folder's lock stale waits until N
 *                                 have (they meet in the folder SLIDEGRAPH_BARRIER; see runLock.ts)
 * Unset (always, outside tests) every check is one string comparison.
 */
const points = (): string[] => (process.env.SLIDEGRAPH_FAULT ?? '').split(',').filter(Boolean);

export const faultArmed = (name: string): boolean => points().includes(name);

/** The parameter of an armed point `NAME:VALUE`, e.g. `2` for `stale-lock-race:2`. */
export const faultParameter = (name: string): string | undefined =>
  points()
    .find((p) => p.startsWith(`${name}:`))
    ?.slice(name.length + 1);

export function faultPoint(name: string): void {
  if (faultArmed(name)) process.kill(process.pid, 'SIGKILL');
}

/** A real ENOSPC-coded error, for tests where no small filesystem can be mounted. */
export function injectedWriteError(file: string): NodeJS.ErrnoException | undefined {
  if (!faultArmed(`enospc:${file}`)) return undefined;
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', syscall: 'write' });
}
