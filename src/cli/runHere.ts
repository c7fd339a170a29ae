import type { PointList } from '../run/points';
import type { BackendName } from '../runs/backend';
import { type LocalResult, runLocal } from '../runs/localExecutor';
import type { PointState } from '../runs/points';
import { childCommand } from './commands/task';
import { withInterrupt } from './interrupt';
import { pointsBar } from './progress';

/** sweep and reproduce run their points on this machine the same way: this CLI as each child, one bar, Ctrl-C passed on. */
export async function runPointsHere(
  label: string,
  file: string,
  list: PointList,
  states: PointState[],
  o: { jobs: number; backend: BackendName; epochs: readonly number[] },
): Promise<LocalResult> {
  const bar = pointsBar(label);
  return withInterrupt((signal) =>
    runLocal(file, list, states, {
      jobs: o.jobs,
      backend: o.backend,
      command: childCommand(),
      epochsOf: (i) => o.epochs[i],
      onProgress: bar.update,
      signal,
    }),
  ).finally(() => bar.stop());
}
