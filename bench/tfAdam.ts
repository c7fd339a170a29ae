import * as tf from '@tensorflow/tfjs-core';

/**
 * The runtime's Adam as it was before it moved to the host: a dozen tfjs ops per weight. Kept
 * here only so bench:step can show what the move saved ("before" rows).
 */
export class TfOpsAdam {
  private m = new Map<string, tf.Variable>();
  private v = new Map<string, tf.Variable>();
  private step = 0;

  constructor(
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {}

  apply(variables: Map<string, tf.Variable>, grads: Record<string, tf.Tensor>): void {
    this.step++;
    const t = this.step;
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

  dispose(): void {
    for (const map of [this.m, this.v]) for (const t of map.values()) t.dispose();
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
