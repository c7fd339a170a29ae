import type { Command } from 'commander';
import { type BackendName, setThreads } from '../../runs/backend';
import { runPoint } from '../../runs/points';
import { followRun } from '../followRun';
import { withInterrupt } from '../interrupt';
import { backendOption, intOption, threadsOption } from '../options';

/** How a child process runs this same CLI, under tsx or as built JavaScript. */
export function childCommand(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1]];
}

/** One point of a sweep or reproduction, in a child process: each checkpoint is reported to the parent's bar. */
async function taskCommand(file: string, index: number, backend: BackendName): Promise<void> {
  // The local executor sends a new share of the run's GRU threads when other points start or end.
  const onThreads = async (m: { type?: string; threads?: unknown }) => {
    if (m?.type !== 'threads' || typeof m.threads !== 'number' || !Number.isInteger(m.threads) || m.threads < 1) return;
    setThreads(m.threads);
    (await import('../../kernels/gru/threads')).setGruThreads(m.threads);
  };
  process.on('message', onThreads);
  // listening must not keep the process alive once the point is trained
  process.channel?.unref();
  try {
    await withInterrupt((signal) =>
      followRun(runPoint(file, index, backend, signal), 'training', (e) => {
        if (e.type === 'checkpoint') process.send?.({ type: 'epoch', index, epoch: e.epoch, epochs: e.epochs });
      }),
    );
  } finally {
    process.off('message', onThreads);
  }
}

/** `slidegraph task`: its flags, parsed into the types above, and the command they run. */
export function addTaskCommand(p: Command): void {
  p.command('task', { hidden: true })
    .description('train one point of a point list (what sweep and reproduce run in each child process or Slurm task)')
    .argument('<file>', 'sweep.json or reproduce.json')
    .argument('<index>', 'the point', intOption('INDEX', 0))
    .addOption(backendOption())
    .addOption(threadsOption())
    .action((file: string, index: number, opts) => taskCommand(file, index, opts.backend));
}
