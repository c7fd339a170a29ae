import * as tf from '@tensorflow/tfjs';
import type { SocketRef } from '../graph';
import { initialWeights } from './init';
import { type Plan, type PlanStep, weightName } from './plan';

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

export interface CompiledModel {
  plan: Plan;
  variables: Map<string, tf.Variable>;
  /** Evaluates the whole graph on a batch. Call inside tf.tidy or dispose the results. */
  evaluate(batch: Batch): Evaluation;
  /** The main net alone: Features [B, T] in, Predictions [B, T] out. */
  predict(features: tf.Tensor): tf.Tensor;
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

  return {
    plan,
    variables,
    evaluate(batch) {
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
    },
    predict(features) {
      if (!plan.outputs.Predictions) throw new Error('this graph has no Output named Predictions');
      const value = run(mainSteps, (field) => {
        if (field !== 'Features') throw new Error(`the main net reads '${field}'; it may only read Features`);
        return features;
      });
      return value(plan.outputs.Predictions);
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
