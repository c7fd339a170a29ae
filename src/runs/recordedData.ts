import { createHash } from 'node:crypto';
import type { ResolvedDataConfig } from '../graph';
import { type Dataset, dataConfig, generateDataset } from '../physics/dataset';
import { datasetJsonChunks, parseDataset } from '../physics/datasetFile';
import { type RunnableGraph, resolveRun } from '../run/runSpec';
import { readJson } from './files';
import type { RunRecord } from './runRecord';

/** The sha256 of the dataset file `data` writes for this dataset. */
export function datasetHash(ds: Dataset): string {
  const hash = createHash('sha256');
  for (const chunk of datasetJsonChunks(ds)) hash.update(chunk);
  return hash.digest('hex');
}

export function datasetOf(data: ResolvedDataConfig): Dataset {
  return generateDataset(dataConfig(data));
}

/** The rule that drew the hold interval before `interior` became the default (docs/data.md). */
const OLD_DEFAULT_HOLD = 'not-first';

export interface RecordedData {
  ds: Dataset;
  sha256: string;
  /** the dataset file, when the run trained on one */
  file?: string;
  /** the settings it was generated with (to record in run.json) */
  settings?: ResolvedDataConfig;
  /** set when the data could not be confirmed to be the run's own (its hash differs from run.json's) */
  differs?: string;
}

/** A dataset file the user names, read and checked in full. */
export function readDatasetFile(file: string): Dataset {
  return parseDataset(readJson(file), file);
}

/**
 * The dataset a run folder trained on, as evaluate, predict and --resume need it again: its
 * dataset file, or the data regenerated with the settings run.json records, so a later change
 * of a default never changes it. run.json files from before the settings were recorded did not
 * say which hold rule drew the data: the recorded sha256 decides between the old default
 * (`not-first`) and today's (`interior`), and when neither matches (the dataset format has since
 * changed too) the old default is used and `differs` says so.
 */
export function recordedData(doc: RunnableGraph, record: RunRecord | undefined, dataFile?: string): RecordedData {
  const file = dataFile ?? record?.dataset.file;
  const want = record?.dataset.sha256;
  const mismatch = (sha256: string) =>
    want && sha256 !== want
      ? `${file ? `the dataset file ${file}` : 'the regenerated data'} has sha256 ${sha256}, run.json records ${want}`
      : undefined;
  if (file) {
    const ds = readDatasetFile(file);
    const sha256 = datasetHash(ds);
    // --data naming another file is a deliberate choice, not a difference to report.
    const differs = dataFile ? undefined : mismatch(sha256);
    return { ds, sha256, file, ...(differs ? { differs } : {}) };
  }
  const graphData = resolveRun(doc).data;
  const candidates: ResolvedDataConfig[] = record?.dataset.settings
    ? [record.dataset.settings]
    : doc.run.data.hold !== undefined
      ? [graphData]
      : [{ ...graphData, hold: OLD_DEFAULT_HOLD }, graphData];
  let first: RecordedData | undefined;
  for (const settings of candidates) {
    const ds = datasetOf(settings);
    const sha256 = datasetHash(ds);
    const differs = mismatch(sha256);
    if (!differs) return { ds, sha256, settings };
    first ??= { ds, sha256, settings, differs };
  }
  return first!;
}
