import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../compile/model';
import type { Adam } from './adam';
import { hostBatch, type PackedData } from './pack';

/** A loss that is not finite, or has diverged; the step's update is not applied, so the weights stay good. */
export class NonFiniteLoss extends Error {
  constructor(
    readonly term: string,
    value: number,
    why?: string,
  ) {
    super(why ?? `the loss term '${term}' is ${value}`);
  }
}

/**
 * The one training step the runtime runs (and bench:step times): the batch's rows as host
 * arrays, the main net's tfjs ops, the loss part as one fused op (or the graph's ops where it
 * cannot be fused), the gradient of the weighted sum of terms, and one update of the runtime's
 * Adam. Returns each term's batch mean (the plan's Loss order) and then the total.
 */
export function trainingStep(
  model: CompiledModel,
  adam: Pick<Adam, 'apply'>,
  data: PackedData,
  rows: ArrayLike<number>,
  /** may refuse the step's losses (divergence) by throwing NonFiniteLoss, before the update */
  check?: (values: number[]) => void,
): number[] {
  const { plan } = model;
  const fields = hostBatch(data, rows, plan.fields);
  let values: (() => number[]) | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const o = model.objective(rows.length, fields);
    values = o.values;
    return o.total;
  }, [...model.variables.values()]);
  value.dispose();
  try {
    const read = values!();
    const names = plan.losses.map((l) => l.name);
    const bad = read.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new NonFiniteLoss(bad < names.length ? names[bad] : 'total', read[bad]);
    check?.(read);
    const byTfName = new Map([...model.variables].map(([name, v]) => [v.name, name]));
    adam.apply(model.variables, Object.fromEntries(Object.entries(grads).map(([k, g]) => [byTfName.get(k)!, g])));
    return read;
  } finally {
    tf.dispose(Object.values(grads));
  }
}
