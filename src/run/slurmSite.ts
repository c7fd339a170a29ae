import slurmSchema from '../../schema/slurm.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { type FileFormat, readVersioned } from '../util/versionedFile';

/** What a cluster asks of every job: sbatch options (KEY → VALUE, no dashes) and setup lines. */
export interface SlurmSite {
  options: Record<string, string>;
  setup: string[];
  throttle?: number;
}

const NAMED = ['account', 'partition', 'time', 'mem', 'cpus-per-task', 'qos'] as const;

/** Options the job script sets itself: the array, where logs go, the folder and the name. */
const OWN = new Set(['array', 'output', 'error', 'chdir', 'job-name', 'open-mode', 'parsable', 'wrap']);

const slurmFormat: FileFormat = {
  format: 'slidegraph/slurm',
  version: 1,
  what: 'a Slidegraph Slurm site file',
  // Version 1 is the first.
  migrations: [],
  validate: schemaValidator(slurmSchema),
};

function checkKey(key: string, source: string): void {
  if (OWN.has(key)) throw new InputError(key, `is set by slidegraph's job script and cannot be given here`, source);
}

/** A value goes on an #SBATCH line, in double quotes when it has blanks: it cannot hold a double quote. */
function checkValue(key: string, value: string, source: string): string {
  if (value.includes('"'))
    throw new InputError(key, `cannot hold a double quote (it goes on an #SBATCH line), got ${JSON.stringify(value)}`, source);
  return value;
}

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

/** `--slurm-option KEY=VALUE` (repeatable), which override the site file's. */
export function parseSlurmOption(raw: string): [string, string] {
  const m = /^--?([a-z][a-z0-9-]*)=([^\n\r]+)$/.exec(raw.trim()) ?? /^([a-z][a-z0-9-]*)=([^\n\r]+)$/.exec(raw.trim());
  if (!m)
    throw new InputError(
      '--slurm-option',
      `must be KEY=VALUE with an sbatch option name (partition=gpu, mem=4G), got ${JSON.stringify(raw)}`,
    );
  checkKey(m[1], '--slurm-option');
  return [m[1], checkValue(m[1], m[2], '--slurm-option')];
}

/** The site file's settings with the command line's on top. */
export function withOverrides(site: SlurmSite, options: readonly [string, string][], throttle?: number): SlurmSite {
  const t = throttle ?? site.throttle;
  return { options: { ...site.options, ...Object.fromEntries(options) }, setup: site.setup, ...(t !== undefined ? { throttle: t } : {}) };
}
