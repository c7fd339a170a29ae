import type { Dataset } from '../physics/dataset';
import { pack } from './pack';
import type { SplitData } from './types';

/** Packs the train and test sequences apart, each in dataset order, as the run consumes them. */
export function datasetSplit(ds: Dataset): SplitData {
  const { samples, maxJumps } = ds.config;
  return {
    train: pack(
      ds.sequences.filter((s) => s.split === 'train'),
      samples,
      maxJumps,
    ),
    test: pack(
      ds.sequences.filter((s) => s.split === 'test'),
      samples,
      maxJumps,
    ),
  };
}
