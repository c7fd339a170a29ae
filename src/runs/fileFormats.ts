import { datasetFile } from '../physics/datasetFile';
import type { SweepPointList } from '../run/sweep';
import type { RunMetrics } from '../train/metrics';
import { metricsFormat } from '../train/metricsFormat';
import { type PredictionsFile, predictionsFileFormat } from '../train/predictionsFile';
import { type PlainTensor, weightsFormat } from '../train/weightsFile';
import type { FileFormat } from '../util/versionedFile';
import { type CheckpointFile, checkpointFormat } from './checkpoints';
import { evaluationFormat, type RunEvaluation } from './evaluationFile';
import { pointFormat } from './points';
import { type RunRecord, runFormat } from './runRecord';

/**
 * The file formats Slidegraph writes and reads back, in one table: each name's FileFormat (its
 * format string, current version, migrations and ajv-compiled schema from schema/) beside the
 * TypeScript type of its current version on disk (FileTypes). test/runs/fileFormats.test.ts
 * holds one typed sample of every type, with every optional field, and checks that each schema
 * accepts its sample and declares no field the type lacks, so schema and type cannot drift.
 */
export interface FileTypes {
  metrics: { format: 'slidegraph/metrics'; version: 1 } & RunMetrics;
  evaluation: { format: 'slidegraph/evaluation'; version: 1 } & Omit<RunEvaluation, 'errorsPercent'> & {
      /** JSON has no NaN: a sequence whose target never moves is null */
      errorsPercent: (number | null)[];
    };
  run: RunRecord;
  checkpoint: { format: 'slidegraph/checkpoint'; version: 1 } & CheckpointFile;
  weights: { format: 'slidegraph/weights'; version: 1; weights: Record<string, PlainTensor> };
  points: SweepPointList;
  predictions: PredictionsFile;
  /** the dataset's sequences are checked by their schema and src/physics/datasetFile.ts, not typed here */
  dataset: { format: 'slidegraph/dataset'; version: 2; config: Record<string, unknown>; sequences: Record<string, unknown>[] };
}

export const fileFormats: { readonly [K in keyof FileTypes]: FileFormat } = {
  metrics: metricsFormat,
  evaluation: evaluationFormat,
  run: runFormat,
  checkpoint: checkpointFormat,
  weights: weightsFormat,
  points: pointFormat('slidegraph/sweep-points'),
  predictions: predictionsFileFormat,
  dataset: datasetFile,
};
