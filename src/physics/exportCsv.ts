import { experimentCsv } from './csv';
import type { Dataset, Sequence } from './dataset';
import { muStart } from './muStart';
import { linspace } from './sampling';

/**
 * One sequence as the CSV an experiment would give: t on the sample grid, V = Features × Vch and
 * mu = mu(0) + Targets × dmu_ch, mu(0) as muStart gives it; `import` subtracts it again.
 */
export function sequenceCsv(s: Sequence, config: Dataset['config']): string {
  const duration = 'duration' in s.protocol ? s.protocol.duration : config.duration;
  const t = linspace(0, duration, config.samples);
  const mu0 = muStart(s, config);
  return experimentCsv(
    t,
    s.Features.map((f) => f * config.vCh),
    s.Targets.map((x) => mu0 + x * config.dmuCh),
  );
}

/** DIR/NNNNN.csv for sequence NNNNN (0-based, dataset order). */
export function csvName(index: number): string {
  return `${String(index).padStart(5, '0')}.csv`;
}
