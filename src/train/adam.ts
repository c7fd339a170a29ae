import * as tf from '@tensorflow/tfjs-core';
import '../compile/tfjsParts';
import type { OptimizerState } from './types';

interface Moments {
  shape: number[];
  m: Float32Array;
  v: Float32Array;
}

/**
 * Adam (Kingma & Ba) written out, not tf.train.adam: its moments must be read and restored
 * exactly for checkpoints and `--resume`, and kept per weight name across a loss swap. The
 * update runs on the host in plain loops (each weight read once, written once) rather than as a
 * dozen tfjs ops per weight, whose dispatch cost more than the arithmetic at the paper's size.
 * Moments are stored in float32, as the weights are.
 */
export class Adam {
  private moments = new Map<string, Moments>();
  step = 0;

  constructor(
    /** set per epoch by the run's schedule */
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {}

  /** Applies one update; `grads` are disposed by the caller. */
  apply(variables: Map<string, tf.Variable>, grads: Record<string, tf.Tensor>): void {
    this.step++;
    const t = this.step;
    const { beta1: b1, beta2: b2, epsilon } = this;
    // Bias corrections folded into the step size, as in the paper's reference algorithm.
    const lr = (this.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (const [name, variable] of variables) {
      const grad = grads[name];
      if (!grad) continue;
      const g = grad.dataSync() as Float32Array;
      const w = Float32Array.from(variable.dataSync() as Float32Array);
      const { m, v } = this.moment(name, variable);
      for (let i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        w[i] -= (m[i] * lr) / (Math.sqrt(v[i]) + epsilon);
      }
      const next = tf.tensor(w, variable.shape, 'float32');
      variable.assign(next);
      next.dispose(); // the variable keeps the data; the tensor object is ours to free
    }
  }

  /** Drops the moments of weights that no longer exist (a swap removed their block). */
  keepOnly(names: Iterable<string>): void {
    const keep = new Set(names);
    for (const name of [...this.moments.keys()]) if (!keep.has(name)) this.moments.delete(name);
  }

  state(): OptimizerState {
    const read = (k: 'm' | 'v') =>
      Object.fromEntries([...this.moments].map(([name, x]) => [name, { shape: [...x.shape], values: Float32Array.from(x[k]) }]));
    return { step: this.step, m: read('m'), v: read('v') };
  }

  restore(state: OptimizerState): void {
    this.dispose();
    this.step = state.step;
    for (const [name, m] of Object.entries(state.m)) {
      const v = state.v[name];
      if (!v) continue;
      this.moments.set(name, { shape: [...m.shape], m: Float32Array.from(m.values), v: Float32Array.from(v.values) });
    }
  }

  dispose(): void {
    this.moments.clear();
  }

  private moment(name: string, like: tf.Variable): Moments {
    let x = this.moments.get(name);
    if (!x || x.m.length !== like.size) {
      x = { shape: [...like.shape], m: new Float32Array(like.size), v: new Float32Array(like.size) };
      this.moments.set(name, x);
    }
    return x;
  }
}
