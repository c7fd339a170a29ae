import metricsSchema from '../../schema/metrics.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';
import type { RunMetrics } from './metrics';

export const metricsHeader = { format: 'slidegraph/metrics', version: 1 } as const;

/** Version 0 is metrics.json as written before it had a format and version: the same fields. */
const metricsFormat: FileFormat = {
  ...metricsHeader,
  what: 'a Slidegraph metrics.json',
  migrations: [stampVersion1(metricsHeader.format)],
  validate: schemaValidator(metricsSchema),
};

/** metrics.json's parsed value upgraded and checked (schema/metrics.schema.json); a refusal names the file and the field. */
export function parseRunMetrics(value: unknown, file: string): RunMetrics {
  const { format: _f, version: _v, ...metrics } = readVersioned(value, file, metricsFormat);
  return metrics as unknown as RunMetrics;
}
