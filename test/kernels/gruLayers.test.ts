import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fusedGru } from '../../src/kernels/gru/op';
import { gruSequenceReference } from '../../src/kernels/gru/reference';
import { useBackend } from '../../src/runs/backend';
import { assertClose, type Case, KINDS, makeCase, SHAPES } from './support';

/**
 * Cross-check with tfjs-layers' GRU. Keras updates h = z h_{t-1} + (1 - z) h̃, the paper
 * h = (1 - z) h_{t-1} + z h̃; since σ(-a) = 1 - σ(a), negating the update gate's columns of the
 * kernel, recurrent kernel and bias turns one into the other (and negates their gradients).
 */
function negateZ(values: Float32Array, rows: number, H: number): Float32Array {
  const out = Float32Array.from(values);
  for (let r = 0; r < rows; r++) for (let j = 0; j < H; j++) out[r * 3 * H + j] = -out[r * 3 * H + j];
  return out;
}

/** tfjs-layers accepts only resetAfter: false (reset applied before U); its typings omit the option. */
const RESET_BEFORE = { resetAfter: false } as object;

interface Result {
  h: Float32Array;
  dX: Float32Array;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  dBias: Float32Array;
}

function viaLayers(c: Case): Result {
  const layer = tfl.layers.gru({
    units: c.H,
    recurrentActivation: 'sigmoid',
    ...RESET_BEFORE,
    // setWeights overwrites them; the default orthogonal draw needs tfjs's chained ops, which
    // tfjs-core alone does not register.
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
    returnSequences: true,
    inputShape: [c.T, c.I],
  });
  tf.dispose(layer.apply(tf.zeros([1, c.T, c.I])) as tf.Tensor); // builds the weights
  layer.setWeights([
    tf.tensor2d(negateZ(c.kernel32, c.I, c.H), [c.I, 3 * c.H]),
    tf.tensor2d(negateZ(c.recurrentKernel32, c.H, c.H), [c.H, 3 * c.H]),
    tf.tensor1d(negateZ(c.bias32, 1, c.H)),
  ]);
  const x = tf.tensor3d(c.x32, [c.B, c.T, c.I]);
  const probe = tf.tensor3d(c.probe32, [c.B, c.T, c.H]);
  const f = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, probe)) as tf.Scalar;
  const h = (layer.apply(x) as tf.Tensor).dataSync() as Float32Array;
  const dX = tf.grad(f)(x).dataSync() as Float32Array;
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(() => f(x), vars);
  const [dk, du, db] = vars.map((v) => grads[v.name].dataSync() as Float32Array);
  const out = {
    h,
    dX,
    dKernel: negateZ(dk, c.I, c.H),
    dRecurrentKernel: negateZ(du, c.H, c.H),
    dBias: negateZ(db, 1, c.H),
  };
  layer.dispose();
  tf.dispose([x, probe, ...Object.values(grads)]);
  return out;
}

type Gru = (x: tf.Tensor3D, k: tf.Tensor2D, u: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor3D;

function viaOp(c: Case, gru: Gru): Result {
  const x = tf.tensor3d(c.x32, [c.B, c.T, c.I]);
  const k = tf.tensor2d(c.kernel32, [c.I, 3 * c.H]);
  const u = tf.tensor2d(c.recurrentKernel32, [c.H, 3 * c.H]);
  const b = tf.tensor1d(c.bias32);
  const probe = tf.tensor3d(c.probe32, [c.B, c.T, c.H]);
  const h = tf.tidy(() => gru(x, k, u, b).dataSync() as Float32Array);
  const grads = tf.grads((xx: tf.Tensor, kk: tf.Tensor, uu: tf.Tensor, bb: tf.Tensor) =>
    tf.sum(tf.mul(gru(xx as tf.Tensor3D, kk as tf.Tensor2D, uu as tf.Tensor2D, bb as tf.Tensor1D), probe)),
  )([x, k, u, b]);
  const [dX, dKernel, dRecurrentKernel, dBias] = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, k, u, b, probe, ...grads]);
  return { h, dX, dKernel, dRecurrentKernel, dBias };
}

function compare(actual: Result, expected: Result, what: string): void {
  for (const key of Object.keys(expected) as (keyof Result)[]) assertClose(actual[key], expected[key], `${what} ${key}`, 5e-5);
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`on the ${backend} backend`, async (t) => {
    await useBackend(backend);
    for (const shape of SHAPES) {
      const c = makeCase(shape, 21);
      const expected = viaLayers(c);
      for (const kind of KINDS) {
        await t.test(
          `fused op (${kind} kernel) ${shape.join('x')}: outputs and gradients of x, kernel, recurrentKernel, bias match tfjs-layers GRU`,
          () => {
            compare(
              viaOp(c, (x, k, u, b) => fusedGru(x, k, u, b, kind)),
              expected,
              kind,
            );
          },
        );
      }
      await t.test(`tf-ops reference ${shape.join('x')} matches tfjs-layers GRU`, () => {
        compare(viaOp(c, gruSequenceReference), expected, 'reference');
      });
    }
  });
}
