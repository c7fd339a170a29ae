/**
 * The Node face of the `slidegraph` package (`slidegraph/node`): train a graph file into a run
 * folder, resume one, open a finished one. It reads and writes files, so it is kept apart from
 * the main entry, which also runs in the browser. No terminal: progress is a stream of RunEvents,
 * failures are typed errors, cancellation is an AbortSignal.
 *
 *   import { prepareRun, runToEnd, trainRun } from 'slidegraph/node';
 *   const metrics = await runToEnd(trainRun(prepareRun('graph.json', [{ training: { epochs: 2 } }]), { dir: 'runs/a', backend: 'wasm' }));
 */

export { type BackendName, backendNames, useBackend } from './runs/backend';
export { prepareRun } from './runs/prepareRun';
export { RunDiverged, RunInterrupted } from './runs/runErrors';
export type { RunEvent } from './runs/runEvents';
export { openFinishedRun, type PreparedRun, type RunOptions, resumeRun, runToEnd, trainRun } from './runs/runTraining';
export type { RunMetrics } from './train/metrics';
export { InputError } from './util/inputError';
