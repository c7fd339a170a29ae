import fitSchema from '../../schema/fit.schema.json' with { type: 'json' };
import type { Step } from '../physics/lab/record';
import type { StateLaw } from '../physics/stateLaws';
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';

/** A fit as `fit --out` writes it (fit.json) or `fit --json` prints it: SI, schema/fit.schema.json. */
export interface FitFile {
  law: StateLaw;
  states: 1 | 2;
  params: { a: number; b: number; dc: number; b2?: number; dc2?: number; k: number; mu0: number; trend: number };
  stderr: Record<string, number>;
  rms: number;
  noise: number | null;
  samples: number;
  steps: Step[];
  correlation: { a_b: number; a_dc: number; b_dc: number };
}

/**
 * fit.json, version 1. `fit --json` prints the same object without `format` and `version`: read as
 * version 0 and stamped, so either can be handed to a command that takes a fit.
 */
const fitFormat: FileFormat = {
  format: 'slidegraph/fit',
  version: 1,
  what: 'a Slidegraph fit (fit --out DIR writes DIR/fit.json)',
  migrations: [stampVersion1('slidegraph/fit')],
  validate: schemaValidator(fitSchema),
};

/** A parsed fit file, upgraded and checked against its schema; a refusal names the file and the field. */
export function fitFromJson(value: unknown, file: string): FitFile {
  const { format: _f, version: _v, ...fit } = readVersioned(value, file, fitFormat);
  return fit as unknown as FitFile;
}
