import slurmSchema from '../../schema/slurm.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned } from '../util/versionedFile';
import { checkKey, checkValue } from './slurmOption';

/** What a cluster asks of every job: sbatch options (KEY → VALUE, no dashes) and setup lines. */
export interface SlurmSite {
  options: Record<string, string>;
  setup: string[];
  throttle?: number;
}

const NAMED = ['account', 'partition', 'time', 'mem', 'cpus-per-task', 'qos'] as const;

const slurmFormat: FileFormat = {
  format: 'slidegraph/slurm',
  version: 1,
  what: 'a Slidegraph Slurm site file',
  // Version 1 is the first.
  migrations: [],
  validate: schemaValidator(slurmSchema),
};

/** A site file (slidegraph.slurm.json) as options and setup lines. */
export function parseSlurmSite(value: unknown, file: string): SlurmSite {
  const doc = readVersioned(value, file, slurmFormat) as Record<string, unknown> & {
    options?: Record<string, string | number>;
    setup?: string[];
    throttle?: number;
  };
  const options: Record<string, string> = {};
  for (const k of NAMED) if (doc[k] !== undefined) options[k] = checkValue(k, String(doc[k]), file);
  for (const [k, v] of Object.entries(doc.options ?? {})) {
    checkKey(k, file);
    options[k] = checkValue(k, String(v), file);
  }
  return { options, setup: doc.setup ?? [], ...(doc.throttle !== undefined ? { throttle: doc.throttle } : {}) };
}

/** The site file's settings with the command line's on top. */
export function withOverrides(site: SlurmSite, options: readonly [string, string][], throttle?: number): SlurmSite {
  const t = throttle ?? site.throttle;
  return { options: { ...site.options, ...Object.fromEntries(options) }, setup: site.setup, ...(t !== undefined ? { throttle: t } : {}) };
}
