import * as tf from '@tensorflow/tfjs-core';
import type { DataShape } from '../../nodes/block';
import { compileGraph } from '../../src/compile/compile';
import type { Batch } from '../../src/compile/model';
import { fileResolver, readGraphFile } from '../../src/runs/graphFiles';
import { type HandCase, handFields } from './equations';

export function compileFile(path: string, data: DataShape, predictionsFromData = false) {
  const { doc } = readGraphFile(path);
  const r = compileGraph(doc, { file: path, resolve: fileResolver, data, predictionsFromData });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.plan;
}

/** A batch from hand-made cases (all of one length T). */
export function handBatch(cases: HandCase[], maxJumps: number): Batch {
  const rows = cases.map((c) => handFields(c, maxJumps));
  const f2 = (k: keyof (typeof rows)[0]) => tf.tensor2d(rows.map((r) => r[k] as number[]));
  const i2 = (k: 'PosBeforeJ' | 'PosAfterJ') =>
    tf.tensor2d(
      rows.map((r) => r[k]),
      undefined,
      'int32',
    );
  return {
    Features: f2('Features'),
    Targets: f2('Targets'),
    Predictions: f2('Predictions'),
    PosBeforeJ: i2('PosBeforeJ'),
    PosAfterJ: i2('PosAfterJ'),
    DeltaF: f2('DeltaF'),
    Nh: tf.tensor1d(
      rows.map((r) => r.Nh),
      'int32',
    ),
    LogTerms: f2('LogTerms'),
    HoldPairs: f2('HoldPairs'),
  };
}
