import metricsSchema from '../../schema/metrics.schema.json' with { type: 'json' };
import type { RunMetrics } from '../train/metrics';
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';
import { readJson } from './files';
import { writeJson } from './runFolder';

const metricsHeader = { format: 'slidegraph/metrics', version: 1 } as const;

/** Version 0 is metrics.json as written before it had a format and version: the same fields. */
const metricsFormat: FileFormat = {
  ...metricsHeader,
  what: 'a Slidegraph metrics.json',
  migrations: [stampVersion1(metricsHeader.format)],
  validate: schemaValidator(metricsSchema),
};

/** metrics.json (schema/metrics.schema.json) read, upgraded and checked; a refusal names the file and the field. */
export function readRunMetrics(file: string): RunMetrics {
  const { format: _f, version: _v, ...metrics } = readVersioned(readJson(file), file, metricsFormat);
  return metrics as unknown as RunMetrics;
}

export function writeRunMetrics(file: string, metrics: RunMetrics): void {
  writeJson(file, { ...metricsHeader, ...metrics });
}
