import type { RunMetrics } from '../train/metrics';
import { metricsHeader, parseRunMetrics } from '../train/metricsFormat';
import { readJson } from './files';
import { writeJson } from './runFolder';

/** metrics.json (schema/metrics.schema.json) read, upgraded and checked; a refusal names the file and the field. */
export function readRunMetrics(file: string): RunMetrics {
  return parseRunMetrics(readJson(file), file);
}

export function writeRunMetrics(file: string, metrics: RunMetrics): void {
  writeJson(file, { ...metricsHeader, ...metrics });
}
