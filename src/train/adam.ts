import * as tf from '@tensorflow/tfjs';
import type { OptimizerState } from './types';

/**
 * Adam (Kingma & Ba) written out, not tf.train.adam: its moments must be read and restored
 * exactly for checkpoints and `--resume`, and kept per weight name across a loss swap.
 */
export class Adam {
  private m = new Map<string, tf.Variable>();
  private v = new Map<string, tf.Variable>();
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
    // Bias corrections folded into the step size, as in the paper's reference algorithm.
    const lr = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    tf.tidy(() => {
      for (const [name, variable] of variables) {
        const g = grads[name];
        if (!g) continue;
        const m = this.moment(this.m, name, variable);
        const v = this.moment(this.v, name, variable);
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        variable.assign(tf.sub(variable, tf.div(tf.mul(m, lr), tf.add(tf.sqrt(v), this.epsilon))));
      }
    });
  }

  /** Drops the moments of weights that no longer exist (a swap removed their block). */
  keepOnly(names: Iterable<string>): void {
    const keep = new Set(names);
    for (const map of [this.m, this.v]) {
      for (const [name, t] of map) {
        if (keep.has(name)) continue;
        t.dispose();
        map.delete(name);
      }
    }
  }

  state(): OptimizerState {
    const read = (map: Map<string, tf.Variable>) =>
      Object.fromEntries([...map].map(([name, t]) => [name, { shape: [...t.shape], values: t.dataSync() as Float32Array }]));
    return { step: this.step, m: read(this.m), v: read(this.v) };
  }

  restore(state: OptimizerState): void {
    this.dispose();
    this.step = state.step;
    for (const [map, saved] of [
      [this.m, state.m],
      [this.v, state.v],
    ] as const) {
      for (const [name, w] of Object.entries(saved))
        map.set(
          name,
          tf.tidy(() => tf.variable(tf.tensor(w.values, w.shape, 'float32'), false)),
        );
    }
  }

  dispose(): void {
    for (const map of [this.m, this.v]) {
      for (const t of map.values()) t.dispose();
      map.clear();
    }
  }

  private moment(map: Map<string, tf.Variable>, name: string, like: tf.Variable): tf.Variable {
    let t = map.get(name);
    if (!t) {
      t = tf.variable(tf.zerosLike(like), false);
      map.set(name, t);
    }
    return t;
  }
}
