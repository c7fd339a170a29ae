import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type Plan, type PlanStep, weightName } from '../compile/plan';
import type { NamedWeights } from './types';

/** Blocks that only pass a wire along inside the main net. */
const passThrough = new Set(['Features', '$in', '$out']);

/**
 * The main net's layers in order, when it is a plain chain Features → GRU/Linear … → Predictions;
 * undefined when it is anything else (its weights are still exported, see mainNetArtifacts).
 */
export function mainNetChain(plan: Plan): PlanStep[] | undefined {
  const steps = plan.steps.filter((s) => plan.mainNet.includes(s.id));
  if (!steps.every((s) => passThrough.has(s.block.type) || s.block.type === 'GRU' || s.block.type === 'Linear')) return undefined;
  const layers = steps.filter((s) => !passThrough.has(s.block.type));
  const last = layers[layers.length - 1];
  if (last?.block.type !== 'Linear' || last.params.units !== 1) return undefined;
  // A chain: each layer reads the one before it (through pass-throughs only).
  const byId = new Map(steps.map((s) => [s.id, s]));
  const source = (s: PlanStep): string => {
    let id = s.inputs.x.node;
    while (passThrough.has(byId.get(id)?.block.type ?? '') && byId.get(id)!.block.type !== 'Features') id = byId.get(id)!.inputs.in.node;
    return id;
  };
  const ok = layers.every((s, i) => (i === 0 ? byId.get(source(s))?.block.type === 'Features' : source(s) === layers[i - 1].id));
  return ok ? layers : undefined;
}

/**
 * The trained main net as TensorFlow.js artifacts. A plain chain becomes a real tf.LayersModel
 * (loadable with tf.loadLayersModel; input [batch, T] of V/Vch, output [batch, T] of Δμ/Δμ_ch).
 * tfjs-layers' GRU writes h = z h₋₁ + (1 − z) h̃ where the paper writes h = (1 − z) h₋₁ + z h̃,
 * so the update gate's weights and bias are negated on the way out: σ(−a) = 1 − σ(a).
 * Any other main net is written as weights only (same files, `format: "slidegraph-weights"`).
 */
export async function mainNetArtifacts(
  plan: Plan,
  weights: NamedWeights,
): Promise<{ artifacts: tf.io.ModelArtifacts; layersModel: boolean }> {
  const chain = mainNetChain(plan);
  if (!chain) return { artifacts: weightsOnly(plan, weights), layersModel: false };
  const T = plan.data.samples;
  const model = tfl.sequential();
  model.add(tfl.layers.reshape({ targetShape: [T, 1], inputShape: [T] }));
  const values: tf.Tensor[] = [];
  const w = (s: PlanStep, name: string) => weights[weightName(s.id, name)];
  for (const s of chain) {
    const units = s.params.units;
    // The compiler has checked every param against its block; this only narrows the type.
    if (typeof units !== 'number') throw new Error(`${s.id}: units must be a number, got ${JSON.stringify(units)}`);
    if (s.block.type === 'GRU') {
      model.add(
        tfl.layers.gru({
          units,
          returnSequences: true,
          recurrentActivation: 'sigmoid',
          activation: 'tanh',
          kernelInitializer: 'zeros',
          recurrentInitializer: 'zeros',
        }),
      );
      const flip = (x: { shape: number[]; values: Float32Array }) => {
        const out = x.values.slice();
        const cols = x.shape[x.shape.length - 1];
        for (let i = 0; i < out.length; i++) if (i % cols < units) out[i] = -out[i];
        return tf.tensor(out, x.shape);
      };
      values.push(flip(w(s, 'kernel')), flip(w(s, 'recurrentKernel')), flip(w(s, 'bias')));
    } else {
      model.add(tfl.layers.dense({ units, kernelInitializer: 'zeros' }));
      values.push(tf.tensor(w(s, 'kernel').values, w(s, 'kernel').shape), tf.tensor(w(s, 'bias').values, w(s, 'bias').shape));
    }
  }
  model.add(tfl.layers.reshape({ targetShape: [T] }));
  model.setWeights(values);
  tf.dispose(values);
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return { artifacts: saved!, layersModel: true };
}

function weightsOnly(plan: Plan, weights: NamedWeights): tf.io.ModelArtifacts {
  const names = plan.steps.filter((s) => plan.mainNet.includes(s.id)).flatMap((s) => s.weights.map((x) => weightName(s.id, x.name)));
  const specs = names.map((name) => ({ name, shape: weights[name].shape, dtype: 'float32' as const }));
  const data = new Float32Array(names.reduce((n, name) => n + weights[name].values.length, 0));
  let at = 0;
  for (const name of names) {
    data.set(weights[name].values, at);
    at += weights[name].values.length;
  }
  return { format: 'slidegraph-weights', generatedBy: 'slidegraph', weightSpecs: specs, weightData: data.buffer };
}
