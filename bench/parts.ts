import * as tf from '@tensorflow/tfjs-core';
import { FusedLossRunner } from '../src/compile/fused/run';
import { createModel } from '../src/compile/model';
import type { Plan } from '../src/compile/plan';
import { Adam } from '../src/train/adam';
import { batchOf, hostBatch } from '../src/train/pack';
import type { SplitData } from '../src/train/types';
import { TfOpsAdam } from './tfAdam';
import { medianMs } from './timing';

/**
 * Where one runtime step of a graph spends its time, part by part (B sequences): the batch's
 * host arrays, the main net forward + backward, the loss part forward + backward fused and as
 * the graph's tfjs ops, and one update of the runtime's Adam.
 */
export function stepParts(plan: Plan, scoring: Plan, data: SplitData, B: number, timing: Parameters<typeof medianMs>[1]) {
  const rows = Array.from({ length: B }, (_, i) => i);
  const model = createModel(plan, { seed: 1 });
  const out: Record<string, number> = {};
  out.batch = medianMs(() => void hostBatch(data.train, rows, plan.fields), timing).ms;

  const host = hostBatch(data.train, rows, plan.fields);
  const features = tf.tensor2d(host.Features, [B, plan.data.samples]);
  const vars = [...model.variables.values()];
  const pred = plan.outputs.Predictions;
  const weights = tf.randomNormal([B, plan.data.samples], 0, 1, 'float32', 7);
  out.mainNet = medianMs(() => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.mainNet(() => features, [pred])[0], weights)), vars);
    tf.dispose([value, ...Object.values(grads)]);
  }, timing).ms;

  if (model.loss.fused) {
    const runner = new FusedLossRunner(model.loss.net);
    const p = Float32Array.from({ length: B * plan.data.samples }, (_, i) => Math.sin(i));
    out.lossFused = medianMs(() => void runner.forward(B, [p], host).backward(1), timing).ms;
  }
  const reference = createModel(scoring, { seed: 1, loss: 'reference' });
  const predictions = Float32Array.from({ length: data.train.count * plan.data.samples }, (_, i) => Math.sin(i));
  const batch = batchOf({ ...data.train, predictions }, rows, scoring.fields);
  const pt = batch.Predictions;
  out.lossOps = medianMs(() => {
    tf.tidy(
      () =>
        void tf
          .grad((x: tf.Tensor) => reference.evaluate({ ...batch, Predictions: x }).total)(pt)
          .dataSync(),
    );
  }, timing).ms;

  const adam = new Adam(1e-3);
  const g = Object.fromEntries([...model.variables].map(([k, v]) => [k, tf.onesLike(v)]));
  out.adam = medianMs(() => adam.apply(model.variables, g), timing).ms;
  const opsAdam = new TfOpsAdam(1e-3);
  out.adamOps = medianMs(() => opsAdam.apply(model.variables, g), timing).ms;
  opsAdam.dispose();

  tf.dispose([features, weights, ...Object.values(g), ...Object.values(batch)]);
  adam.dispose();
  reference.dispose();
  model.dispose();
  return out;
}
