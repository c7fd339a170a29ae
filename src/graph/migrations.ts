import { formatPath, type GraphFileError, graphError } from './errors';
import { MigrationError, type MigrationStep, type RawDocument } from './migrations/step';
import { v0ToV1 } from './migrations/v0-to-v1';
import { CURRENT_GRAPH_VERSION } from './types';

export { MigrationError, type MigrationStep, type RawDocument };

/** Checks the sequence once at startup: a gap or a misnumbered step is a programming error. */
export function defineMigrations(current: number, steps: MigrationStep[]): readonly MigrationStep[] {
  steps.forEach((s, k) => {
    const from = steps[0]!.from + k;
    if (s.from !== from || s.to !== from + 1) {
      throw new Error(`migration ${k} goes ${s.from}→${s.to}, expected ${from}→${from + 1}`);
    }
  });
  const last = steps[steps.length - 1];
  if (last !== undefined && last.to !== current) {
    throw new Error(`migrations end at version ${last.to}, but the current version is ${current}`);
  }
  return Object.freeze([...steps]);
}

export const GRAPH_MIGRATIONS = defineMigrations(CURRENT_GRAPH_VERSION, [v0ToV1]);

export type MigrateResult = { ok: true; doc: RawDocument } | { ok: false; errors: GraphFileError[] };

/** Applies the steps from `version` up to `current`, one at a time. */
export function migrateGraph(
  doc: RawDocument,
  version: number,
  source: string,
  steps: readonly MigrationStep[] = GRAPH_MIGRATIONS,
  current = CURRENT_GRAPH_VERSION,
): MigrateResult {
  let out = doc;
  for (let v = version; v < current; v++) {
    const step = steps.find((s) => s.from === v);
    if (step === undefined) {
      return {
        ok: false,
        errors: [graphError(source, 'version', 'bad-version', `version ${version} is not supported (no upgrade from version ${v})`)],
      };
    }
    try {
      out = step.up(out);
    } catch (e) {
      if (!(e instanceof MigrationError)) throw e;
      const detail = `${e.message} (reading a version ${v} file to upgrade it to version ${step.to})`;
      return { ok: false, errors: [graphError(source, formatPath(e.path), 'migration-failed', detail)] };
    }
  }
  return { ok: true, doc: out };
}
