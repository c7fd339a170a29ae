import fitSchema from '../../schema/fit.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { readVersioned } from '../util/versionedFile';
import { readJson } from './files';

const fitFormat = {
  format: 'slidegraph/fit',
  version: 1,
  what: 'a Slidegraph fit (fit.json from fit --out DIR)',
  migrations: [],
  validate: schemaValidator(fitSchema),
};

/** The spring stiffness a fit found (fit.json, checked against schema/fit.schema.json), for `import --slider-velocity --k FIT.json`. */
export function fitStiffness(path: string): number {
  const fit = readVersioned(readJson(path), path, fitFormat) as { params: { k: number } };
  const k = fit.params.k;
  if (!(k > 0)) throw new InputError('params.k', `must be > 0 to correct for the spring, got ${k}`, path);
  return k;
}
