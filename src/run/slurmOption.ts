import { InputError } from '../util/inputError';

// Apart from slurmSite.ts (which loads ajv for the site file), so that declaring `sweep
// --slurm-option` at start-up loads neither.

/** Options the job script sets itself: the array, where logs go, the folder and the name. */
const OWN = new Set(['array', 'output', 'error', 'chdir', 'job-name', 'open-mode', 'parsable', 'wrap']);

/** A key the job script does not set itself. */
export function checkKey(key: string, source: string): void {
  if (OWN.has(key)) throw new InputError(key, `is set by slidegraph's job script and cannot be given here`, source);
}

/** A value goes on an #SBATCH line, in double quotes when it has blanks: it cannot hold a double quote. */
export function checkValue(key: string, value: string, source: string): string {
  if (value.includes('"'))
    throw new InputError(key, `cannot hold a double quote (it goes on an #SBATCH line), got ${JSON.stringify(value)}`, source);
  return value;
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
