import type { BackendName } from '../../runs/backend';
import { runPoint } from '../../runs/points';
import { followRun } from '../followRun';
import { withInterrupt } from '../interrupt';

/** How a child process runs this same CLI, under tsx or as built JavaScript. */
export function childCommand(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1]];
}

/** One point of a sweep or reproduction, in a child process: each checkpoint is reported to the parent's bar. */
export async function taskCommand(file: string, index: number, backend: BackendName): Promise<void> {
  await withInterrupt((signal) =>
    followRun(runPoint(file, index, backend, signal), 'training', (e) => {
      if (e.type === 'checkpoint') process.send?.({ type: 'epoch', index, epoch: e.epoch, epochs: e.epochs });
    }),
  );
}
