import cliProgress from 'cli-progress';
import type { PointsProgress } from '../runs/localExecutor';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A bar on stderr, so stdout stays clean for results. When stderr is not a terminal (CI, pipes)
 * it stays silent rather than filling logs with redraws.
 */
export function progressBar(total: number, label: string, extra = '', payload: Record<string, string | number> = {}): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% {value}/{total} ${extra} eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, payload);
  return { update: (v, payload) => bar.update(v, payload), stop: () => bar.stop() };
}

/** One bar over all the points of a sweep or reproduction, started at the first report. */
export function pointsBar(label: string): { update(p: PointsProgress): void; stop(): void } {
  let bar: Progress | undefined;
  return {
    update(p) {
      const payload = { done: p.finished, points: p.points };
      bar ??= progressBar(p.totalEpochs, label, 'points {done}/{points}', payload);
      bar.update(p.epochs, payload);
    },
    stop: () => bar?.stop(),
  };
}
