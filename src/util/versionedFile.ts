import type { SchemaProblem } from './ajv';
import { describe, InputError } from './inputError';

/** One upgrade of a file format, from `from` to `from + 1`; version 0 is a file without `format` and `version`. */
export interface FormatMigration {
  from: number;
  up: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/** A versioned JSON file format: its name, current version, upgrades and schema. */
export interface FileFormat {
  format: string;
  version: number;
  /** what the file is, for a refusal: "a Slidegraph checkpoint" */
  what: string;
  /** from version 0 (or the oldest version still read) up to `version`, one step each */
  migrations: readonly FormatMigration[];
  /** the current version's schema (schema/*.json) */
  validate: (value: unknown) => SchemaProblem | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a parsed file of a versioned format the way graphs are read (src/graph/migrations.ts):
 * an older file is upgraded step by step, a newer one is refused, and the result is checked
 * against the current version's schema with ajv. Every refusal is one line naming the file
 * and the field.
 */
export function readVersioned(value: unknown, file: string, f: FileFormat): Record<string, unknown> {
  if (!isObject(value)) throw new InputError('file', `is not ${f.what} (expected a JSON object, got ${describe(value)})`, file);
  const versionless = !('format' in value) && !('version' in value);
  let version = 0;
  if (!versionless) {
    if (value.format !== f.format) throw new InputError('format', `must be "${f.format}", got ${describe(value.format)}`, file);
    const v = value.version;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new InputError('version', `must be an integer from 1 to ${f.version}, got ${describe(v)}`, file);
    if (v > f.version)
      throw new InputError('version', `is ${v}, written by a newer Slidegraph; this one reads up to version ${f.version}`, file);
    version = v;
  }
  if (versionless && !f.migrations.some((m) => m.from === 0))
    throw new InputError('format', `is missing: the file is not ${f.what} (expected "format": "${f.format}")`, file);
  let doc = value;
  try {
    for (let v = version; v < f.version; v++) {
      const step = f.migrations.find((s) => s.from === v);
      if (!step) throw new InputError('version', `${version} is no longer read (no upgrade from version ${v})`);
      doc = step.up(doc);
    }
  } catch (e) {
    // A step reads what the old version held: what it finds wrong is named in the file.
    if (e instanceof InputError && e.source === undefined) throw e.withSource(file);
    throw e;
  }
  const problem = f.validate(doc);
  if (problem) throw new InputError(problem.path, problem.message, file);
  return doc;
}

/** The first upgrade of every format that had none: the version-less file gains its name and version 1. */
export const stampVersion1 = (
  format: string,
  more: (doc: Record<string, unknown>) => Record<string, unknown> = (d) => d,
): FormatMigration => ({
  from: 0,
  up: (doc) => ({ format, version: 1, ...more(doc) }),
});
