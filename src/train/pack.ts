import * as tf from '@tensorflow/tfjs';
import type { HostFields } from '../compile/fused/run';
import type { Batch } from '../compile/model';
import type { SequenceFields } from '../physics/fields';

/**
 * The dataset as flat float32/int32 arrays, one row per sequence, so a batch is a few
 * subarray copies and one tensor per field instead of thousands of small objects.
 */
export interface PackedData {
  count: number;
  samples: number;
  maxJumps: number;
  floats: Record<'Features' | 'Targets' | 'DeltaF' | 'LogTerms' | 'HoldPairs', Float32Array>;
  ints: Record<'PosBeforeJ' | 'PosAfterJ' | 'Nh', Int32Array>;
  /** optional externally given predictions, [count, samples] */
  predictions?: Float32Array;
}

const widths = (t: number, j: number) => ({
  Features: t,
  Targets: t,
  DeltaF: j,
  LogTerms: t,
  HoldPairs: t - 1,
  PosBeforeJ: j,
  PosAfterJ: j,
  Nh: 1,
});

export function pack(sequences: readonly SequenceFields[], samples: number, maxJumps: number): PackedData {
  const n = sequences.length;
  const w = widths(samples, maxJumps);
  const floats = {
    Features: new Float32Array(n * w.Features),
    Targets: new Float32Array(n * w.Targets),
    DeltaF: new Float32Array(n * w.DeltaF),
    LogTerms: new Float32Array(n * w.LogTerms),
    HoldPairs: new Float32Array(n * w.HoldPairs),
  };
  const ints = { PosBeforeJ: new Int32Array(n * w.PosBeforeJ), PosAfterJ: new Int32Array(n * w.PosAfterJ), Nh: new Int32Array(n) };
  sequences.forEach((s, i) => {
    for (const k of Object.keys(floats) as (keyof typeof floats)[]) floats[k].set(s[k], i * w[k]);
    ints.PosBeforeJ.set(s.PosBeforeJ, i * w.PosBeforeJ);
    ints.PosAfterJ.set(s.PosAfterJ, i * w.PosAfterJ);
    ints.Nh[i] = s.Nh;
  });
  return { count: n, samples, maxJumps, floats, ints };
}

/** Host arrays for the given rows; only the fields the graph reads. */
export function hostBatch(data: PackedData, rows: ArrayLike<number>, fields: readonly string[]): HostFields {
  const w = widths(data.samples, data.maxJumps) as Record<string, number>;
  const b = rows.length;
  const take = <A extends Float32Array | Int32Array>(src: A, width: number, make: (n: number) => A): A => {
    const out = make(b * width);
    for (let r = 0; r < b; r++) out.set(src.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
    return out;
  };
  const host: HostFields = {};
  for (const f of fields) {
    if (f === 'Predictions') {
      if (!data.predictions) throw new Error('no predictions were given to score');
      host[f] = take(data.predictions, data.samples, (n) => new Float32Array(n));
    } else if (f in data.floats) host[f] = take(data.floats[f as keyof PackedData['floats']], w[f], (n) => new Float32Array(n));
    else if (f in data.ints) host[f] = take(data.ints[f as keyof PackedData['ints']], w[f], (n) => new Int32Array(n));
    else throw new Error(`unknown dataset field '${f}'`);
  }
  return host;
}

/** Tensors for the given rows; only the fields the graph reads. The caller disposes them. */
export function batchOf(data: PackedData, rows: ArrayLike<number>, fields: readonly string[]): Batch {
  const host = hostBatch(data, rows, fields);
  const w = widths(data.samples, data.maxJumps) as Record<string, number>;
  const b = rows.length;
  const batch: Batch = {};
  for (const f of fields) {
    const v = host[f];
    const dtype = v instanceof Int32Array ? 'int32' : 'float32';
    batch[f] = f === 'Nh' ? tf.tensor1d(v, dtype) : tf.tensor2d(v, [b, f === 'Predictions' ? data.samples : w[f]], dtype);
  }
  return batch;
}
