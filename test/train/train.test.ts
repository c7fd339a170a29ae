import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { filter, firstValueFrom, lastValueFrom, Subject, take, tap, toArray } from 'rxjs';
import type { Plan } from '../../src/compile/plan';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { compileGraphFile } from '../../src/runs/graphFiles';
import { datasetSplit } from '../../src/train/data';
import { train } from '../../src/train/train';
import type { TrainCommand, TrainEvent, TrainOptions } from '../../src/train/types';

const data = datasetSplit(generateDataset(dataConfig({ count: 60, seed: 3 })));
const shape = { data: { samples: 100, maxJumps: 5 } };
const fig6 = compileGraphFile('graphs/fig6-global.json', shape).plan;
const stageMe = compileGraphFile('graphs/stage-me.json', shape).plan;
const nanLoss = compileGraphFile('test/fixtures/graphs/nan-loss.json', shape).plan;
const base: TrainOptions = { epochs: 3, batchSize: 16, learningRate: 3e-3, seed: 5 };

const run = (plan: Plan, options: Partial<TrainOptions> = {}) => lastValueFrom(train(plan, data, { ...base, ...options }).pipe(toArray()));
const ofType = <K extends TrainEvent['type']>(events: TrainEvent[], type: K) =>
  events.filter((e): e is Extract<TrainEvent, { type: K }> => e.type === type);
const tick = () => new Promise((r) => setTimeout(r, 20));

test('a short run: the training loss falls, and every event arrives in order', async () => {
  const events = await run(fig6, { epochs: 4 });
  const epochs = ofType(events, 'epoch');
  assert.equal(epochs.length, 4);
  const losses = epochs.map((e) => e.train.total);
  assert.ok(losses.every((l, i) => i === 0 || l < losses[i - 1]) && losses[3] < 0.93 * losses[0], `train loss ${losses}`);
  assert.deepEqual(Object.keys(epochs[0].train), ['ME', 'ICs', 'DE', 'H', 'total']);
  assert.deepEqual(Object.keys(epochs[0].test), ['ME', 'ICs', 'DE', 'H', 'total']);
  // 48 train sequences in batches of 16: three steps an epoch
  assert.deepEqual(
    ofType(events, 'batch').map((e) => e.step),
    [...Array(12)].map((_, i) => i + 1),
  );
  assert.equal(events[0].type, 'start');
  assert.equal(events[events.length - 1].type, 'done');
  const ev = ofType(events, 'evaluation')[3];
  assert.equal(ev.errors.length, data.test.count);
  assert.ok(Math.abs(ev.errors.reduce((s, e) => s + e, 0) / ev.errors.length - epochs[3].testErrorPercent) < 1e-9);
  assert.equal(
    ev.histogram.counts.reduce((a, b) => a + b, 0),
    data.test.count,
  );
});

test('two identical runs give identical numbers', async () => {
  const strip = (events: TrainEvent[]) => ofType(events, 'epoch').map(({ seconds: _s, ...rest }) => rest);
  assert.deepEqual(strip(await run(fig6)), strip(await run(fig6)));
  assert.notDeepEqual(strip(await run(fig6)), strip(await run(fig6, { seed: 6 })));
});

test('numTensors is flat across epochs and a mid-run loss swap, and back to zero after', async () => {
  const before = tf.memory().numTensors;
  const commands = new Subject<TrainCommand>();
  const events = await lastValueFrom(
    train(stageMe, data, { ...base, epochs: 4, commands }).pipe(
      tap((e) => e.type === 'epoch' && e.epoch === 2 && commands.next({ type: 'swap', plan: fig6, note: 'added ICs, DE and H' })),
      toArray(),
    ),
  );
  const epochs = ofType(events, 'epoch');
  const swaps = ofType(events, 'swap');
  assert.equal(swaps.length, 1);
  assert.deepEqual(swaps[0].terms, ['ME', 'ICs', 'DE', 'H']);
  assert.equal(swaps[0].step, 6);
  assert.deepEqual(Object.keys(epochs[1].train), ['ME', 'total']);
  assert.deepEqual(Object.keys(epochs[2].train), ['ME', 'ICs', 'DE', 'H', 'total']);
  // the main net carried on: the ME after the swap continues from where it was, not from a fresh init
  assert.ok(epochs[2].train.ME < epochs[0].train.ME);
  assert.equal(new Set(epochs.map((e) => e.numTensors)).size, 1, `numTensors ${epochs.map((e) => e.numTensors)}`);
  assert.equal(tf.memory().numTensors, before);
});

test('unsubscribing stops the run and frees every tensor', async () => {
  const before = tf.memory().numTensors;
  const seen = await firstValueFrom(
    train(fig6, data, base).pipe(
      filter((e) => e.type === 'batch'),
      take(2),
      toArray(),
    ),
  );
  assert.equal(seen.length, 2);
  await tick();
  assert.equal(tf.memory().numTensors, before);
});

test('pause holds the run between steps; resume continues; stop ends it with the current weights', async () => {
  const commands = new Subject<TrainCommand>();
  const events: TrainEvent[] = [];
  const done = lastValueFrom(train(fig6, data, { ...base, commands }).pipe(tap((e) => events.push(e))));
  while (!events.some((e) => e.type === 'batch')) await tick();
  commands.next({ type: 'pause' });
  await tick();
  const paused = events.length;
  await tick();
  await tick();
  assert.equal(events.length, paused, 'no event while paused');
  assert.equal(events[paused - 1].type, 'paused');
  commands.next({ type: 'resume' });
  while (!events.some((e) => e.type === 'epoch')) await tick();
  commands.next({ type: 'stop' });
  const last = await done;
  assert.equal(last.type, 'done');
  assert.ok(last.type === 'done' && last.stopped && Object.keys(last.weights).length === 5);
  assert.ok(events.some((e) => e.type === 'resumed'));
  assert.ok(ofType(events, 'epoch').length < 3);
});

test('a NaN loss ends the run with an error naming the step and the term; the last good checkpoint comes with it', async () => {
  const before = tf.memory().numTensors;
  const commands = new Subject<TrainCommand>();
  const events = await lastValueFrom(
    train(fig6, data, { ...base, commands }).pipe(
      tap((e) => e.type === 'checkpoint' && commands.next({ type: 'swap', plan: nanLoss, note: 'log of a negative number' })),
      toArray(),
    ),
  );
  const err = events[events.length - 1];
  assert.equal(err.type, 'error');
  if (err.type !== 'error') return;
  assert.equal(err.term, 'LogErr');
  assert.equal(err.step, 4);
  assert.match(err.message, /^step 4 \(epoch 2\): the loss term 'LogErr' is NaN$/);
  assert.equal(err.lastCheckpoint?.epoch, 1);
  const checkpoint = ofType(events, 'checkpoint')[0].checkpoint;
  assert.deepEqual(err.lastCheckpoint, checkpoint);
  assert.ok(Object.values(checkpoint.weights).every((w) => w.values.every(Number.isFinite)));
  assert.equal(tf.memory().numTensors, before);
});

test('staging: a run initialised from another run starts from its weights', async () => {
  const first = await run(stageMe, { epochs: 1 });
  const weights =
    first[first.length - 1].type === 'done' ? (first[first.length - 1] as Extract<TrainEvent, { type: 'done' }>).weights : undefined;
  assert.ok(weights);
  // A learning rate of 1e-12 moves no weight by more than ~1e-11: what comes out is what went in.
  const second = await run(fig6, { epochs: 1, learningRate: 1e-12, initialWeights: weights, seed: 99 });
  const after = (second[second.length - 1] as Extract<TrainEvent, { type: 'done' }>).weights;
  for (const [name, w] of Object.entries(weights)) {
    const got = after[name].values;
    assert.ok(
      w.values.every((v, i) => Math.abs(v - got[i]) < 1e-6),
      name,
    );
  }
  const fresh = await run(fig6, { epochs: 1, learningRate: 1e-12, seed: 99 });
  const freshWeights = (fresh[fresh.length - 1] as Extract<TrainEvent, { type: 'done' }>).weights;
  assert.ok(Object.keys(weights).some((name) => weights[name].values.some((v, i) => Math.abs(v - freshWeights[name].values[i]) > 1e-3)));
});

test('resuming from a checkpoint gives the numbers of the uninterrupted run', async () => {
  const whole = await run(fig6, { epochs: 3 });
  const checkpoint = ofType(whole, 'checkpoint')[0].checkpoint;
  const rest = await run(fig6, { epochs: 3, resume: checkpoint });
  const strip = (events: TrainEvent[]) => ofType(events, 'epoch').map(({ seconds: _s, ...r }) => r);
  assert.deepEqual(strip(rest), strip(whole).slice(1));
});

test('bad settings are refused before anything runs, naming the field', () => {
  assert.throws(() => train(fig6, data, { ...base, batchSize: 0 }), /batchSize: must be an integer >= 1, got 0/);
  assert.throws(() => train(fig6, data, { ...base, learningRate: NaN }), /learningRate: must be a finite number > 0, got NaN/);
  assert.throws(
    () => train(nanLoss, data, { ...base, resume: { epoch: 9, step: 0, weights: {}, optimizer: { step: 0, m: {}, v: {} } } }),
    /epochs: is 3, but the run to resume has already done 9/,
  );
});

test('a swap that changes a weight shape (GRU units 4 → 8) re-initialises that weight and its Adam moments', async () => {
  const { readFileSync } = await import('node:fs');
  const { compileGraph } = await import('../../src/compile/compile');
  const doc = JSON.parse(readFileSync('test/fixtures/graphs/nan-loss.json', 'utf8'));
  // Square instead of Log: a finite sum-of-squares loss on the same tiny net.
  doc.nodes.find((n: { id: string }) => n.id === 'log').type = 'Square';
  const compile = (units: number) => {
    doc.nodes.find((n: { id: string }) => n.id === 'gru').params.units = units;
    const r = compileGraph(structuredClone(doc), { data: shape.data });
    assert.ok(r.ok);
    return r.plan;
  };
  const narrow = compile(4);
  const wide = compile(8);
  const before = tf.memory().numTensors;
  const commands = new Subject<TrainCommand>();
  const events = await lastValueFrom(
    train(narrow, data, { ...base, commands }).pipe(
      tap((e) => e.type === 'checkpoint' && e.checkpoint.epoch === 1 && commands.next({ type: 'swap', plan: wide, note: 'units 8' })),
      toArray(),
    ),
  );
  const done = events[events.length - 1];
  assert.equal(done.type, 'done', JSON.stringify(events.filter((e) => e.type === 'error')));
  if (done.type !== 'done') return;
  assert.deepEqual(done.weights['gru/kernel'].shape, [1, 24]);
  assert.deepEqual(done.weights['lin/kernel'].shape, [8, 1]);
  assert.equal(tf.memory().numTensors, before);
});
