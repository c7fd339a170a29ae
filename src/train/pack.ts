import * as tf from '@tensorflow/tfjs-core';
import '../util/tfjsParts';
import type { HostFields } from '../compile/fused/run';
import type { Batch } from '../compile/model';
import { DATASET_FIELDS, type FloatFieldName, fieldWidth, type IntFieldName, type SequenceFields } from '../physics/fieldTable';

/**
 * The dataset as flat float32/int32 arrays, one row per sequence, so a batch is a few
 * subarray copies and one tensor per field instead of thousands of small objects.
 */
export interface PackedData {
  count: number;
  samples: number;
  maxJumps: number;
  /** the fields of the table in physics/fieldTable.ts by dtype, each [count, width] row-major */
  floats: Record<FloatFieldName, Float32Array>;
  ints: Record<IntFieldName, Int32Array>;
  /** the dataset's extra channels (config.extra), each [count, samples] */
  extra?: Record<string, Float32Array>;
  /** optional externally given predictions, [count, samples] */
  predictions?: Float32Array;
}

const specOf = new Map<string, (typeof DATASET_FIELDS)[number]>(DATASET_FIELDS.map((f) => [f.name, f]));

export function pack(
  sequences: readonly (SequenceFields & { extra?: Record<string, Float64Array> })[],
  samples: number,
  maxJumps: number,
): PackedData {
  const n = sequences.length;
  const floats = {} as Record<string, Float32Array>;
  const ints = {} as Record<string, Int32Array>;
  for (const f of DATASET_FIELDS) {
    const w = fieldWidth(f, samples, maxJumps);
    const out = f.dtype === 'int' ? (ints[f.name] = new Int32Array(n * w)) : (floats[f.name] = new Float32Array(n * w));
    sequences.forEach((s, i) => {
      const v = s[f.name];
      if (typeof v === 'number') out[i] = v;
      else out.set(v, i * w);
    });
  }
  const extra: Record<string, Float32Array> = {};
  for (const name of Object.keys(sequences[0]?.extra ?? {})) {
    const out = (extra[name] = new Float32Array(n * samples));
    sequences.forEach((s, i) => out.set((s.extra as Record<string, Float64Array>)[name], i * samples));
  }
  return { count: n, samples, maxJumps, floats, ints, extra } as PackedData;
}

/** Host arrays for the given rows, [B, width] row-major; only the fields the graph reads. */
export function hostBatch(data: PackedData, rows: ArrayLike<number>, fields: readonly string[]): HostFields {
  const b = rows.length;
  const take = <A extends Float32Array | Int32Array>(src: A, width: number): A => {
    const out = (src instanceof Int32Array ? new Int32Array(b * width) : new Float32Array(b * width)) as A;
    for (let r = 0; r < b; r++) out.set(src.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
    return out;
  };
  const host: HostFields = {};
  for (const f of fields) {
    if (f === 'Predictions') {
      if (!data.predictions) throw new Error('no predictions were given to score');
      host[f] = take(data.predictions, data.samples);
      continue;
    }
    if (data.extra?.[f]) {
      host[f] = take(data.extra[f], data.samples);
      continue;
    }
    const spec = specOf.get(f);
    if (!spec) throw new Error(`unknown dataset field '${f}'`);
    const w = fieldWidth(spec, data.samples, data.maxJumps);
    host[f] = take(spec.dtype === 'int' ? data.ints[spec.name as IntFieldName] : data.floats[spec.name as FloatFieldName], w);
  }
  return host;
}

/** Tensors for the given rows; only the fields the graph reads. The caller disposes them. */
export function batchOf(data: PackedData, rows: ArrayLike<number>, fields: readonly string[]): Batch {
  const host = hostBatch(data, rows, fields);
  const b = rows.length;
  const batch: Batch = {};
  for (const f of fields) {
    const spec = specOf.get(f);
    const w = spec ? fieldWidth(spec, data.samples, data.maxJumps) : data.samples;
    const dtype = spec?.dtype === 'int' ? 'int32' : 'float32';
    batch[f] = spec?.width === 'scalar' ? tf.tensor1d(host[f], dtype) : tf.tensor2d(host[f], [b, w], dtype);
  }
  return batch;
}
