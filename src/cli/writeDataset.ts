import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../physics/dataset';
import { datasetJsonChunks } from '../physics/datasetFile';
import { csvName, sequenceCsv } from '../physics/exportCsv';
import { InputError } from '../util/inputError';

/** Streams a dataset file to disk and returns its sha256, the hash `data` and run.json report. */
export async function writeDatasetFile(ds: Dataset, out: string, flag = '--out'): Promise<string> {
  const hash = createHash('sha256');
  const stream = createWriteStream(out);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => reject(new InputError(flag, `cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? e.message})`)));
  });
  await opened;
  for (const chunk of datasetJsonChunks(ds)) {
    hash.update(chunk);
    if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return hash.digest('hex');
}

/** Each sequence as DIR/NNNNN.csv (columns t, V, mu); the folder is made if missing. */
export function writeCsvDir(ds: Dataset, dir: string, flag = '--csv'): void {
  const fail = (e: unknown) => new InputError(flag, `cannot write ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fail(e);
  }
  ds.sequences.forEach((s, i) => {
    try {
      writeFileSync(join(dir, csvName(i)), sequenceCsv(s, ds.config));
    } catch (e) {
      throw fail(e);
    }
  });
}
