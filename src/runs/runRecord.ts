import { existsSync } from 'node:fs';
import { join } from 'node:path';
import runSchema from '../../schema/run.schema.json' with { type: 'json' };
import type { ResolvedDataConfig } from '../graph';
import { schemaValidator } from '../util/ajv';
import { type FileFormat, readVersioned, stampVersion1 } from '../util/versionedFile';
import { readJson } from './files';
import { runFiles, writeJson } from './runFolder';

/** run.json (schema/run.schema.json): where a run came from and what it trained on. */
export interface RunRecord {
  format: 'slidegraph/run';
  version: 1;
  graphFile?: string;
  init?: string;
  startedAt?: string;
  resumedAt?: string;
  finishedAt?: string;
  versions: Record<string, string>;
  dataset: {
    sha256: string;
    count: number;
    train: number;
    test: number;
    seed: number;
    rule: string;
    /** the dataset file trained on (`--data`) */
    file?: string;
    /** the generated data's settings, defaults filled in; absent in folders made before version 1 */
    settings?: ResolvedDataConfig;
  };
  /** what the command adds: `set`, a sweep's `point` */
  [more: string]: unknown;
}

/**
 * Version 0 is run.json as written before it had a format and version: the same fields, and no
 * record of the data settings. Its dataset is regenerated under the rules of that time
 * (recordedData.ts), never under today's defaults.
 */
const runFormat: FileFormat = {
  format: 'slidegraph/run',
  version: 1,
  what: 'a Slidegraph run.json',
  migrations: [stampVersion1('slidegraph/run')],
  validate: schemaValidator(runSchema),
};

export const runRecordHeader = { format: 'slidegraph/run', version: 1 } as const;

/** run.json read, upgraded and checked; undefined when the folder has none (a kill right after graph.json, by an older Slidegraph). */
export function readRunRecord(dir: string): RunRecord | undefined {
  const file = join(dir, runFiles.run);
  if (!existsSync(file)) return undefined;
  return readVersioned(readJson(file), file, runFormat) as RunRecord;
}

export function writeRunRecord(dir: string, record: RunRecord): void {
  writeJson(join(dir, runFiles.run), record);
}
