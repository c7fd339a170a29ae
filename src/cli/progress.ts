import cliProgress from 'cli-progress';

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
