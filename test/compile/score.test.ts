import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../src/compile/model';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetSplit } from '../../src/train/data';
import { batchOf, hostBatch } from '../../src/train/pack';
import { compileFile } from '../support/graphs';

/**
 * score() (evaluation and predict) hands its host arrays out of tf.tidy without returning them
 * through it. Its numbers must be exactly those of the model's other paths: the predictions those
 * of predict(), read outside any tidy, and the terms those of objective(), bit for bit, with the
 * loss fused and as the graph's tfjs ops; and it leaves no tensor behind.
 */
const config = dataConfig({ count: 30, seed: 11 });
const split = datasetSplit(generateDataset(config));
const rows = [0, 2, 3, 7, 9, 12, 17];
const plan = compileFile('graphs/fig6-global.json', { samples: config.samples, maxJumps: config.maxJumps });

for (const loss of ['fused', 'reference'] as const) {
  test(`score(), loss ${loss}: predictions and terms bit for bit those of predict() and objective(); no tensor left`, () => {
    const model = createModel(plan, { seed: 4, loss });
    assert.equal(model.loss.fused, loss === 'fused', `the model runs the ${loss} loss`);
    const host = hostBatch(split.train, rows, plan.fields);
    const before = tf.memory().numTensors;
    const s = model.score(rows.length, host);
    assert.equal(tf.memory().numTensors, before);

    const batch = batchOf(split.train, rows, plan.fields);
    const p = model.predict((f) => batch[f]!);
    const predicted = p.dataSync() as Float32Array;
    assert.ok(s.predictions instanceof Float32Array);
    assert.equal(s.predictions.length, rows.length * config.samples);
    assert.deepEqual(new Uint8Array(s.predictions.buffer.slice(0)), new Uint8Array(predicted.buffer.slice(0)));

    const objective = model.objective(rows.length, host);
    const values = objective.values();
    objective.total.dispose();
    const names = plan.losses.map((l) => l.name);
    assert.deepEqual([...names.map((n) => s.terms[n]), s.total], values);
    assert.ok(names.every((n) => Number.isFinite(s.terms[n]) && Number.isFinite(s.weighted[n])));
    tf.dispose([p, ...Object.values(batch)]);
    model.dispose();
  });
}
