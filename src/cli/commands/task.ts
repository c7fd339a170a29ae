import { type BackendName, setThreads } from '../../runs/backend';
import { runPoint } from '../../runs/points';
import { followRun } from '../followRun';
import { withInterrupt } from '../interrupt';

/** How a child process runs this same CLI, under tsx or as built JavaScript. */
export function childCommand(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1]];
}

/** One point of a sweep or reproduction, in a child process: each checkpoint is reported to the parent's bar. */
export async function taskCommand(file: string, index: number, backend: BackendName): Promise<void> {
  // The local executor sends a new share of the run's GRU threads when other points start or end.
  const onThreads = async (m: { type?: string; threads?: unknown }) => {
    if (m?.type !== 'threads' || typeof m.threads !== 'number' || !Number.isInteger(m.threads) || m.threads < 1) return;
    setThreads(m.threads);
    (await import('../../kernels/gru/threads')).setGruThreads(m.threads);
  };
  process.on('message', onThreads);
  // listening must not keep the process alive once the point is trained
  process.channel?.unref();
  // A parent that is gone (kill -9) closes the channel: stop like Ctrl-C, keeping the checkpoint.
  // The listener holds the channel open, so it is removed when the point is done.
  const orphaned = () => process.kill(process.pid, 'SIGTERM');
  process.once('disconnect', orphaned);
  try {
    await withInterrupt((signal) =>
      followRun(runPoint(file, index, backend, signal), 'training', (e) => {
        // A report that cannot be sent (the parent died a moment ago) is dropped, not thrown as EPIPE.
        if (e.type === 'checkpoint' && process.connected)
          process.send?.({ type: 'epoch', index, epoch: e.epoch, epochs: e.epochs }, undefined, {}, () => {});
      }),
    );
  } finally {
    process.off('message', onThreads);
    process.removeListener('disconnect', orphaned);
  }
}
