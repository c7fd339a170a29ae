/**
 * Ctrl-C and SIGTERM (how Slurm's scancel or time limit, and a sweep's parent, stop a process) as
 * an AbortSignal for the run library, for as long as `body` runs.
 */
export async function withInterrupt<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  try {
    return await body(stop.signal);
  } finally {
    process.removeListener('SIGINT', abort);
    process.removeListener('SIGTERM', abort);
  }
}
