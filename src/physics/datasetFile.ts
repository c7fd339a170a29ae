import { fieldNames } from './fields';
import type { Dataset, Sequence } from './dataset';

export const datasetFormat = 'slidegraph/dataset';
export const datasetVersion = 1;

function sequenceJson(s: Sequence): string {
  const record: Record<string, unknown> = { protocol: s.protocol, split: s.split };
  for (const f of fieldNames) {
    const v = s[f];
    record[f] = typeof v === 'number' ? v : Array.from(v);
  }
  return JSON.stringify(record);
}

/**
 * The dataset file as text chunks, so 15,000 sequences (~100 MB) stream to disk and into a hash
 * without one giant string. Key order is fixed, so the same seed gives the same bytes.
 */
export function* datasetJsonChunks(ds: Dataset): Generator<string> {
  yield `{"format":${JSON.stringify(datasetFormat)},"version":${datasetVersion},"config":${JSON.stringify(ds.config)},"sequences":[\n`;
  for (let i = 0; i < ds.sequences.length; i++) {
    yield sequenceJson(ds.sequences[i]) + (i + 1 < ds.sequences.length ? ',\n' : '\n');
  }
  yield ']}\n';
}
