import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_INPUT_FILE_BYTES } from '../graph/limits';
import type { Dataset } from '../physics/dataset';
import { datasetJsonChunks } from '../physics/datasetFile';
import { csvName, sequenceCsv } from '../physics/exportCsv';
import { InputError } from '../util/inputError';
import { writeChunksAtomic, writeErrorOf, writeFileAtomic } from './atomicWrite';
import { CSV_MANIFEST, csvManifest } from './csvFolder';

/**
 * Streams a dataset file to disk and returns its sha256, the hash `data` and run.json report.
 * Whole or not at all: a full disk leaves the earlier file (or none), never a truncated one.
 */
export async function writeDatasetFile(ds: Dataset, out: string, limit = MAX_INPUT_FILE_BYTES): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  // A file its readers (train --data, evaluate, predict, losses) would refuse is not written at all.
  writeChunksAtomic(out, datasetJsonChunks(ds), (chunk) => {
    hash.update(chunk);
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > limit)
      throw new InputError(
        '--out',
        `the dataset file would be over ${limit} bytes, the most a dataset file may have to be read back (train --data, evaluate, predict, losses); use a smaller --count`,
        out,
      );
  });
  return hash.digest('hex');
}

/**
 * Each sequence as DIR/NNNNN.csv (columns t, V, mu), each written atomically; the folder is made
 * if missing. The manifest goes first (see csvFolder.ts); requireCsvFolder has checked the folder.
 */
export function writeCsvDir(ds: Dataset, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeErrorOf(dir, e);
  }
  writeFileAtomic(join(dir, CSV_MANIFEST), `${JSON.stringify(csvManifest(ds.config, ds.sequences.length), null, 1)}\n`);
  ds.sequences.forEach((s, i) => writeFileAtomic(join(dir, csvName(i)), sequenceCsv(s, ds.config)));
}
