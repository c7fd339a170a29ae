import type { CompiledModel } from '../compile/model';
import { testErrorPercent } from '../util/testError';
import { hostBatch, type PackedData } from './pack';
import type { TermLosses } from './types';

export interface SplitEvaluation {
  /** each term and the objective, averaged over every sequence of the split */
  losses: TermLosses;
  /** each Loss block's weighted contribution to the objective, averaged the same way */
  weighted: Record<string, number>;
  /** eq. (15) per sequence, percent */
  errors: Float64Array;
  /** the main net's predictions, [count × samples] */
  predictions: Float32Array;
}

/**
 * Forward passes only, no gradient tape, in large chunks (the fused loss network where the graph
 * has one), so 3,000 test sequences cost a few big passes and never one giant tensor.
 */
export function evaluateSplit(model: CompiledModel, data: PackedData, chunk = 1000): SplitEvaluation {
  const { plan } = model;
  const names = plan.losses.map((l) => l.name);
  // Same key order as the batch losses: the terms as the graph lists them, then the total.
  const sums: Record<string, number> = Object.fromEntries([...names, 'total'].map((n) => [n, 0]));
  const weighted: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const predictions = new Float32Array(data.count * data.samples);
  for (let start = 0; start < data.count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, data.count - start) }, (_, i) => start + i);
    const s = model.score(rows.length, hostBatch(data, rows, plan.fields));
    for (const n of names) {
      sums[n] += s.terms[n] * rows.length;
      weighted[n] += s.weighted[n] * rows.length;
    }
    sums.total += s.total * rows.length;
    predictions.set(s.predictions, start * data.samples);
  }
  const mean = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / data.count]));
  const losses = mean(sums) as TermLosses;
  const errors = new Float64Array(data.count);
  const T = data.samples;
  for (let i = 0; i < data.count; i++) {
    errors[i] = testErrorPercent(predictions.subarray(i * T, (i + 1) * T), data.floats.Targets.subarray(i * T, (i + 1) * T));
  }
  return { losses, weighted: mean(weighted), errors, predictions };
}
