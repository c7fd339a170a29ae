import type { Observable } from 'rxjs';
import type { RunEvent } from '../runs/runEvents';
import type { RunMetrics } from '../train/metrics';
import { oneLine } from './cleanText';
import { type Progress, progressBar } from './progress';

/** A note from the library, one escaped line on stderr. */
export function printNote(message: string, warning = false): void {
  process.stderr.write(`slidegraph: ${warning ? 'warning' : 'note'}: ${oneLine(message)}\n`);
}

/**
 * Follows a run's events on the terminal: a progress bar per training, notes on stderr. Resolves
 * with the final metrics (undefined when the stream had nothing to do, a finished point) and
 * rejects with the run's own error, which `report` turns into an exit code.
 */
export function followRun(
  events: Observable<RunEvent>,
  label = 'training',
  onEvent?: (e: RunEvent) => void,
): Promise<RunMetrics | undefined> {
  let bar: Progress = { update() {}, stop() {} };
  let metrics: RunMetrics | undefined;
  return new Promise<RunMetrics | undefined>((resolve, reject) => {
    events.subscribe({
      next: (e) => {
        if (e.type === 'start') {
          bar.stop();
          bar = progressBar(e.epochs * e.stepsPerEpoch, label, 'epoch {epoch} loss {loss}', { epoch: e.fromEpoch + 1, loss: '-' });
          bar.update(e.fromEpoch * e.stepsPerEpoch);
        } else if (e.type === 'batch') bar.update(e.step, { epoch: e.epoch, loss: e.losses.total.toPrecision(4) });
        else if (e.type === 'note') printNote(e.message, e.warning);
        else if (e.type === 'finished') metrics = e.metrics;
        onEvent?.(e);
      },
      error: (err) => reject(err),
      complete: () => resolve(metrics),
    });
  }).finally(() => bar.stop());
}
