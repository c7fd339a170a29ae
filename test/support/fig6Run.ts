import * as tf from '@tensorflow/tfjs-core';
import { type CompiledModel, createModel } from '../../src/compile/model';
import type { Plan } from '../../src/compile/plan';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { compileGraphFile } from '../../src/runs/graphFiles';
import { batchOf, type PackedData, pack } from '../../src/train/pack';
import { createRng, permutation } from '../../src/util/random';

/**
 * The paper's global training net (fig. 6) on a small seeded dataset, trained the way the runtime
 * does it (Adam 1e-3, batch 32, optimizer.minimize over the model's variables). Shared by the
 * kernel tests and bench/step.ts.
 */
export interface Fig6 {
  plan: Plan;
  train: PackedData;
  test: PackedData;
}

export function fig6Data(count: number, seed: number, graph = 'graphs/fig6-global.json'): Fig6 {
  const config = dataConfig({ count, seed });
  const ds = generateDataset(config);
  const { plan } = compileGraphFile(graph, { data: { samples: config.samples, maxJumps: config.maxJumps } });
  const split = (s: 'train' | 'test') =>
    pack(
      ds.sequences.filter((q) => q.split === s),
      config.samples,
      config.maxJumps,
    );
  return { plan, train: split('train'), test: split('test') };
}

export interface Trainer {
  model: CompiledModel;
  /** One Adam step on the given rows of the training set; returns nothing (no host read). */
  step(rows: ArrayLike<number>): void;
  /** One epoch in a seeded shuffled order, batch 32. */
  epoch(epoch: number): void;
  dispose(): void;
}

export function trainer(f: Fig6, seed: number, batch = 32): Trainer {
  const model = createModel(f.plan, { seed });
  const optimizer = tf.train.adam(1e-3);
  const vars = [...model.variables.values()];
  const step = (rows: ArrayLike<number>) => {
    const b = batchOf(f.train, rows, f.plan.fields);
    optimizer.minimize(() => model.evaluate(b).total, false, vars);
    tf.dispose(Object.values(b));
  };
  return {
    model,
    step,
    epoch(e) {
      const order = permutation(f.train.count, createRng(seed + e, 'shuffle'));
      for (let i = 0; i + batch <= order.length; i += batch) step(order.slice(i, i + batch));
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** Mean over the test set of eq. (15): 100 ‖NN − target‖ / ‖target‖ per sequence. */
export function testError(model: CompiledModel, data: PackedData): number {
  const T = data.samples;
  const pred = tf.tidy(() => model.predict(() => tf.tensor2d(data.floats.Features, [data.count, T])).dataSync());
  const y = data.floats.Targets;
  let sum = 0;
  for (let s = 0; s < data.count; s++) {
    let num = 0,
      den = 0;
    for (let t = s * T; t < (s + 1) * T; t++) {
      num += (pred[t] - y[t]) ** 2;
      den += y[t] ** 2;
    }
    sum += (100 * Math.sqrt(num)) / Math.sqrt(den);
  }
  return sum / data.count;
}
