import * as tf from '@tensorflow/tfjs-core';
import { Observable } from 'rxjs';
import { type CompiledModel, createModel } from '../compile/model';
import { type Plan, trainableCount } from '../compile/plan';
import { createRng, permutation } from '../util/random';
import { defaultHistogramEdges, histogram, summarizeErrors } from '../util/testError';
import { Adam } from './adam';
import { Commands } from './commands';
import { evaluateSplit } from './evaluateSplit';
import { planAtStep } from './replayedEdits';
import { learningRateAt } from './schedule';
import { NonFiniteLoss, trainingStep } from './step';
import { checkTrainOptions, swapRefusal } from './trainChecks';
import type { Checkpoint, SplitData, TermLosses, TrainEvent, TrainOptions } from './types';
import { assignWeights, readWeights, toInitial } from './weights';
import { yieldNow } from './yieldNow';

/**
 * A run diverges when its objective grows past this many times its lowest value so far
 * (run.training.divergence, `--divergence`); it then stops as a NaN does. Losses that only
 * wander stay far below six orders of magnitude; a learning rate that explodes passes it in a
 * few steps, long before the loss overflows.
 */
const DEFAULT_DIVERGENCE = 1e6;

/**
 * Trains a compiled graph: seeded Adam over shuffled batches, the test split evaluated after
 * every epoch. Subscribing starts the run; unsubscribing stops it between two steps and frees
 * every tensor it made. A NaN or Inf loss ends it with an `error` event, never with NaN weights.
 */
export function train(plan: Plan, data: SplitData, options: TrainOptions): Observable<TrainEvent> {
  // Bad settings are the caller's mistake: refuse them now, not as an event later.
  checkTrainOptions(plan, data, options);
  return new Observable<TrainEvent>((subscriber) => {
    let cancelled = false;
    run(
      plan,
      data,
      options,
      (e) => subscriber.next(e),
      () => cancelled,
    ).then(
      () => subscriber.complete(),
      (e: unknown) => subscriber.error(e),
    );
    return () => {
      cancelled = true;
    };
  });
}

async function run(
  firstPlan: Plan,
  data: SplitData,
  options: TrainOptions,
  emit: (e: TrainEvent) => void,
  cancelled: () => boolean,
): Promise<void> {
  const started = performance.now();
  const { batchSize: B, seed } = options;
  const commands = new Commands(options.commands);
  const edits = options.edits ?? [];
  // A resumed run trains on from the graph in force at its checkpoint; the edits before it are done.
  let { plan, applied: nextEdit } = planAtStep(firstPlan, edits, options.resume?.step ?? 0);
  let model: CompiledModel = createModel(plan, { seed, ...(options.initialWeights ? { initial: toInitial(options.initialWeights) } : {}) });
  const adam = new Adam(options.learningRate);
  let epoch = 0;
  let step = 0;
  const snapshot = (): Checkpoint => ({ epoch, step, weights: readWeights(model.variables), optimizer: adam.state() });
  let lastCheckpoint: Checkpoint | undefined;
  const stepsPerEpoch = Math.ceil(data.train.count / B);
  const divergence = options.divergence ?? DEFAULT_DIVERGENCE;
  let lowest = Number.POSITIVE_INFINITY;
  const terms = () => plan.losses.map((l) => l.name);
  const diverged = (values: number[]) => {
    const total = values[values.length - 1];
    if (lowest > 0 && total > divergence * lowest)
      throw new NonFiniteLoss(
        'total',
        total,
        `the loss diverged: it grew to ${total.toPrecision(3)}, more than ${divergence}× its lowest value ${lowest.toPrecision(3)} (the divergence threshold)`,
      );
    lowest = Math.min(lowest, total);
  };

  const swap = (next: Plan, note: string) => {
    const refused = swapRefusal(plan, next);
    if (!refused) {
      const old = model.variables;
      model = createModel(next, { seed, variables: old });
      const kept = new Set(model.variables.values());
      for (const v of old.values()) if (!kept.has(v)) v.dispose();
      // A weight that changed shape (GRU units edited mid-run) is new: its moments start again.
      adam.keepOnly([...model.variables].filter(([name, v]) => old.get(name) === v).map(([name]) => name));
      plan = next;
    }
    emit({ type: 'swap', epoch: epoch + 1, step, note, terms: terms(), ...(refused ? { refused } : {}) });
  };

  const disposeAll = () => {
    for (const v of model.variables.values()) v.dispose();
    adam.dispose();
    commands.close();
  };

  try {
    if (options.resume) {
      assignWeights(model.variables, options.resume.weights);
      adam.restore(options.resume.optimizer);
      ({ epoch, step } = options.resume);
    }
    lastCheckpoint = options.resume ?? snapshot();
    emit({
      type: 'start',
      epochs: options.epochs,
      stepsPerEpoch,
      train: data.train.count,
      test: data.test.count,
      terms: terms(),
      parameters: trainableCount(plan),
      fromEpoch: epoch,
    });
    while (epoch < options.epochs) {
      const order = permutation(data.train.count, createRng(seed, `shuffle/${epoch}`));
      const sums = new Map<string, number>();
      const epochStart = performance.now();
      adam.learningRate = learningRateAt(options.learningRate, options.schedule, epoch, options.epochs);
      for (let k = 0; k < stepsPerEpoch; k++) {
        await yieldNow();
        while (nextEdit < edits.length && edits[nextEdit].step <= step) swap(edits[nextEdit].plan, edits[nextEdit++].note);
        for (const c of commands.take()) swap(c.plan, c.note);
        if (commands.paused) {
          emit({ type: 'paused', epoch: epoch + 1, step });
          await commands.whilePaused(cancelled);
          emit({ type: 'resumed', epoch: epoch + 1, step });
        }
        if (cancelled()) return;
        if (commands.stopped) {
          emit({
            type: 'done',
            epoch,
            step,
            stopped: true,
            seconds: (performance.now() - started) / 1000,
            weights: readWeights(model.variables),
          });
          return;
        }
        const rows = order.subarray(k * B, Math.min((k + 1) * B, data.train.count));
        const values = trainingStep(model, adam, data.train, rows, diverged);
        step++;
        const losses = Object.fromEntries([...terms(), 'total'].map((n, i) => [n, values[i]])) as TermLosses;
        for (const [n, v] of Object.entries(losses)) sums.set(n, (sums.get(n) ?? 0) + v * rows.length);
        if (step % (options.batchEvery ?? 1) === 0) emit({ type: 'batch', epoch: epoch + 1, step, losses });
      }
      epoch++;
      const trainLosses = Object.fromEntries([...sums].map(([n, v]) => [n, v / data.train.count])) as TermLosses;
      const test = evaluateSplit(model, data.test);
      const summary = summarizeErrors(test.errors);
      emit({
        type: 'epoch',
        epoch,
        step,
        train: trainLosses,
        test: test.losses,
        testErrorPercent: summary.mean,
        learningRate: adam.learningRate,
        numTensors: tf.memory().numTensors,
        seconds: (performance.now() - epochStart) / 1000,
      });
      emit({
        type: 'evaluation',
        epoch,
        errors: test.errors,
        histogram: histogram(test.errors, options.histogramEdges ?? defaultHistogramEdges),
        predictions: watched(test.predictions, data, options.watch),
      });
      lastCheckpoint = snapshot();
      emit({ type: 'checkpoint', checkpoint: lastCheckpoint });
    }
    emit({
      type: 'done',
      epoch,
      step,
      stopped: false,
      seconds: (performance.now() - started) / 1000,
      weights: readWeights(model.variables),
    });
  } catch (e) {
    if (!(e instanceof NonFiniteLoss)) throw e;
    emit({
      type: 'error',
      epoch: epoch + 1,
      step: step + 1,
      term: e.term,
      message: `step ${step + 1} (epoch ${epoch + 1}): ${e.message}`,
      ...(lastCheckpoint ? { lastCheckpoint } : {}),
    });
  } finally {
    disposeAll();
  }
}

function watched(predictions: Float32Array, data: SplitData, watch: number[] | undefined) {
  const T = data.test.samples;
  return (watch ?? [])
    .filter((i) => Number.isInteger(i) && i >= 0 && i < data.test.count)
    .map((index) => ({
      index,
      prediction: predictions.slice(index * T, (index + 1) * T),
      target: data.test.floats.Targets.slice(index * T, (index + 1) * T),
      features: data.test.floats.Features.slice(index * T, (index + 1) * T),
    }));
}
