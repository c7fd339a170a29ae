import * as tf from '@tensorflow/tfjs-core';
import './tfjsParts';
import { fieldTypes } from '../../nodes/fields';
import { bindBlockOps } from '../../nodes/tfjs';
import type { SocketRef } from '../graph';
import { gruSequence } from '../kernels/gru/index';
import { fusedLoss } from './fused/op';
import { type LossPlan, planFusedLoss } from './fused/plan';
import { FusedLossRunner, type HostFields } from './fused/run';
import { initialWeights } from './init';
import { type Plan, type PlanStep, weightName } from './plan';

// Block files describe blocks without loading tfjs (nodes/tfjs.ts); running a graph loads it here.
bindBlockOps({ tf, gruSequence });

export type Batch = Record<string, tf.Tensor>;

interface Evaluation {
  outputs: Record<string, tf.Tensor>;
  /** batch mean of each term as its equation defines it, before the Scale blocks that weight it */
  terms: Record<string, tf.Scalar>;
  /** batch mean of each Loss block's input: the weighted contribution to the objective */
  weighted: Record<string, tf.Scalar>;
  /** the objective: the sum of the weighted terms (eq. 14 for fig. 6) */
  total: tf.Scalar;
}

/** The objective of one batch, as the training step needs it. */
interface Objective {
  /** differentiable with respect to the variables */
  total: tf.Scalar;
  /** each term's batch mean (by the plan's Loss order), then the total; read once, after the gradient pass */
  values(): number[];
}

interface Score {
  terms: Record<string, number>;
  weighted: Record<string, number>;
  total: number;
  predictions: Float32Array;
}

export interface CompiledModel {
  plan: Plan;
  variables: Map<string, tf.Variable>;
  /** how the loss part runs: the fused network, or the graph's tfjs ops and why */
  loss: LossPlan;
  /** Evaluates the whole graph on a batch with the graph's tfjs ops (the reference). Call inside tf.tidy or dispose the results. */
  evaluate(batch: Batch): Evaluation;
  /**
   * The objective of B sequences given as host arrays (every field in plan.fields): the main net
   * as tfjs ops, the loss part fused when it can be. Call inside tf.variableGrads / tf.tidy.
   */
  objective(batch: number, fields: HostFields): Objective;
  /**
   * Forward only, no gradient tape: every term's batch mean, each Loss block's weighted mean, the
   * total and the predictions [B·T] of B sequences given as host arrays. Fused where it can be.
   */
  score(batch: number, fields: HostFields): Score;
  /** The main net's wires `refs` for the given fields; the main net alone runs. */
  mainNet(read: (field: string) => tf.Tensor, refs: readonly SocketRef[]): tf.Tensor[];
  /** The main net alone: the fields it reads ([B, T] each: Features, and MeanV where wired) in, Predictions [B, T] out. */
  predict(read: (field: string) => tf.Tensor): tf.Tensor;
  /** Disposes variables this model created (not ones it was given). */
  dispose(): void;
}

export interface ModelOptions {
  seed: number;
  /**
   * Variables to reuse by name (a hot swap of the loss keeps the main net's weights) or initial
   * values to copy (a run initialized from an earlier run). Shapes must agree.
   */
  variables?: Map<string, tf.Variable>;
  initial?: Map<string, { shape: number[]; values: Float32Array }>;
  /** 'reference' runs the loss part as the graph's tfjs ops even where it could be fused (tests, benches) */
  loss?: 'fused' | 'reference';
}

export function createModel(plan: Plan, options: ModelOptions): CompiledModel {
  const variables = new Map<string, tf.Variable>();
  const owned: tf.Variable[] = [];
  for (const s of plan.steps) {
    for (const w of s.weights) {
      const name = weightName(s.id, w.name);
      const given = options.variables?.get(name);
      if (given && sameShape(given.shape, w.shape)) {
        variables.set(name, given);
        continue;
      }
      const init = options.initial?.get(name);
      const values = init && sameShape(init.shape, w.shape) ? init.values : initialWeights(w, name, options.seed);
      const v = tf.tidy(() => tf.variable(tf.tensor(values, w.shape, 'float32'), true, uniqueVariableName(name)));
      variables.set(name, v);
      owned.push(v);
    }
  }

  const run = (steps: PlanStep[], read: (field: string) => tf.Tensor) => {
    const values = new Map<string, Record<string, tf.Tensor>>();
    const value = (ref: SocketRef) => values.get(ref.node)![ref.socket];
    for (const s of steps) {
      const inputs: Record<string, tf.Tensor> = {};
      for (const [socket, ref] of Object.entries(s.inputs)) inputs[socket] = value(ref);
      const weights = Object.fromEntries(s.weights.map((w) => [w.name, variables.get(weightName(s.id, w.name))!]));
      values.set(s.id, s.block.emit({ params: s.params, inputs, types: { ...s.inputTypes, ...s.outputTypes }, weights, field: read }));
    }
    return value;
  };

  const mainSteps = plan.steps.filter((s) => plan.mainNet.includes(s.id));
  const loss: LossPlan = options.loss === 'reference' ? { fused: false, reason: 'the reference was asked for' } : planFusedLoss(plan);
  const runner = loss.fused ? new FusedLossRunner(loss.net) : null;
  const types = fieldTypes(plan.data);
  const tensorOf = (name: string, values: HostFields[string], B: number) => {
    const t = types[name];
    if (!t) throw new Error(`unknown dataset field '${name}'`);
    const dtype = t.kind === 'index' ? 'int32' : 'float32';
    return t.shape.length ? tf.tensor2d(values, [B, values.length / B], dtype) : tf.tensor1d(values, dtype);
  };
  const mainNet = (read: (field: string) => tf.Tensor, refs: readonly SocketRef[]) => {
    const value = run(mainSteps, read);
    return refs.map(value);
  };
  const evaluate = (batch: Batch): Evaluation => {
    const read = (field: string) => {
      const t = batch[field];
      if (!t) throw new Error(`the batch has no field '${field}'`);
      return t;
    };
    const value = run(plan.steps, read);
    const outputs = Object.fromEntries(Object.entries(plan.outputs).map(([name, ref]) => [name, value(ref)]));
    const terms: Record<string, tf.Scalar> = {};
    const weighted: Record<string, tf.Scalar> = {};
    for (const l of plan.losses) {
      terms[l.name] = tf.mean(value(l.raw));
      weighted[l.name] = tf.mean(value(l.value));
    }
    const list = Object.values(weighted);
    const total = list.length ? (tf.addN(list) as tf.Scalar) : tf.scalar(0);
    return { outputs, terms, weighted, total };
  };

  return {
    plan,
    variables,
    loss,
    evaluate,
    mainNet,
    objective(B, fields) {
      const read = (name: string) => {
        const v = fields[name];
        if (!v) throw new Error(`the batch has no field '${name}'`);
        return tensorOf(name, v, B);
      };
      if (!runner) {
        const ev = evaluate(Object.fromEntries(plan.fields.map((f) => [f, read(f)])));
        const read1 = tf.keep(tf.stack([...plan.losses.map((l) => ev.terms[l.name]), ev.total]));
        return {
          total: ev.total,
          values: () => {
            const v = Array.from(read1.dataSync());
            read1.dispose();
            return v;
          },
        };
      }
      const inputs = runner.net.boundary.length
        ? mainNet(
            read,
            runner.net.boundary.map((b) => b.ref),
          )
        : [];
      const r = fusedLoss(runner, B, inputs, fields);
      return { total: r.total, values: () => [...plan.losses.map((l) => r.values.terms[l.name]), r.values.total] };
    },
    score(B, fields) {
      const read = (name: string) => {
        const v = fields[name];
        if (!v) throw new Error(`the batch has no field '${name}'`);
        return tensorOf(name, v, B);
      };
      const predictionsRef = plan.outputs.Predictions;
      // Host arrays leave each tidy through a closure, never as its result: tidy walks what it
      // returns looking for tensors, and would visit every element of the predictions.
      if (!runner || !predictionsRef) {
        let score: Score | undefined;
        tf.tidy(() => {
          const ev = evaluate(Object.fromEntries(plan.fields.map((f) => [f, read(f)])));
          const names = plan.losses.map((l) => l.name);
          const v = tf.stack([...names.map((n) => ev.terms[n]), ...names.map((n) => ev.weighted[n]), ev.total]).dataSync();
          score = {
            terms: Object.fromEntries(names.map((n, i) => [n, v[i]])),
            weighted: Object.fromEntries(names.map((n, i) => [n, v[names.length + i]])),
            total: v[2 * names.length],
            predictions: (ev.outputs.Predictions?.dataSync() as Float32Array | undefined) ?? new Float32Array(0),
          };
        });
        return score!;
      }
      const refs = [predictionsRef, ...runner.net.boundary.map((b) => b.ref)];
      let host: Float32Array[] = [];
      tf.tidy(() => {
        host = mainNet(read, refs).map((t) => t.dataSync() as Float32Array);
      });
      const [predictions, ...inputs] = host;
      const tape = runner.forward(B, inputs, fields);
      tape.release();
      const { terms, weighted, total } = tape.values;
      return { terms, weighted, total, predictions };
    },
    predict(read) {
      if (!plan.outputs.Predictions) throw new Error('this graph has no Output named Predictions');
      return run(mainSteps, read)(plan.outputs.Predictions);
    },
    dispose() {
      for (const v of owned) v.dispose();
    },
  };
}

let created = 0;
/** tfjs keeps one global namespace of variable names, and a run may build many models. */
function uniqueVariableName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_./-]/g, '_')}#${++created}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
