import csvFolderSchema from '../../schema/csv-folder.schema.json' with { type: 'json' };
import type { DataConfig } from '../physics/dataset';
import { csvName } from '../physics/exportCsv';
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { type FileFormat, readVersioned } from '../util/versionedFile';
import { readJson } from './files';
import { folderEntries, someOf } from './ownFolder';

/**
 * DIR/.slidegraph-csv.json: what `data --csv DIR` wrote there. It is written before the CSVs, so a
 * run stopped half-way leaves a folder that the same command may finish, and any other folder
 * that is not empty is refused rather than overwritten.
 */
export const CSV_MANIFEST = '.slidegraph-csv.json';

interface CsvManifest {
  format: 'slidegraph/csv-folder';
  version: 1;
  config: DataConfig;
  files: number;
}

const csvFolderFormat: FileFormat = {
  format: 'slidegraph/csv-folder',
  version: 1,
  what: 'a Slidegraph CSV folder manifest',
  migrations: [],
  validate: schemaValidator(csvFolderSchema),
};

export const csvManifest = (config: DataConfig, files: number): CsvManifest => ({
  format: 'slidegraph/csv-folder',
  version: 1,
  config: JSON.parse(JSON.stringify(config)),
  files,
});

/**
 * Before any data is generated: `dir` must be empty, missing, or hold only this command's own
 * files (the manifest and its NNNNN.csv) from the same settings, which are then written again.
 */
export function requireCsvFolder(dir: string, config: DataConfig): void {
  const entries = folderEntries(dir, '--csv');
  if (entries.length === 0) return;
  const refuse = (why: string): never => {
    throw new InputError('--csv', `${dir} ${why}; choose an empty or new folder`);
  };
  if (!entries.includes(CSV_MANIFEST)) refuse(`already holds files that data --csv did not write (${someOf(entries.sort())})`);
  const file = `${dir}/${CSV_MANIFEST}`;
  const had = readVersioned(readJson(file), file, csvFolderFormat) as unknown as CsvManifest;
  const own = new Set([CSV_MANIFEST, ...Array.from({ length: had.files }, (_, i) => csvName(i))]);
  const others = entries.filter((f) => !own.has(f)).sort();
  if (others.length) refuse(`holds files that data --csv did not write (${someOf(others)})`);
  const want = csvManifest(config, config.count);
  const differs = Object.keys({ ...want.config, ...had.config }).filter(
    (k) => JSON.stringify(had.config[k as keyof DataConfig]) !== JSON.stringify(want.config[k as keyof DataConfig]),
  );
  if (differs.length) refuse(`holds CSVs of other data settings (${someOf(differs)} differ)`);
}
