import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLOCKED_FROM_HIDDEN, gemmPathFor, LONG_K_BLOCK } from '../../src/kernels/gru/blocking';
import { getUnchunkedGruKernel } from '../../src/kernels/gru/kernel';
import { gruBackward64, gruForward64, hiddenStates64 } from '../../src/kernels/gru/reference64';
import type { GruGradients } from '../../src/kernels/gru/types';
import { WasmGruKernel } from '../../src/kernels/gru/wasmKernel';
import { assertClose, type Case, finiteDifferences, makeCase } from './support';

/**
 * The wasm kernel's blocked path (src/kernels/gru/blocking.ts: packed panels, long products in
 * blocks of LONG_K_BLOCK rows) against the float64 reference, finite differences and the plain
 * path. Shapes leave remainders everywhere: Hp % 8 = 4 (a last panel of 4 columns), batches that
 * are not a multiple of the 4-row tile, B·T past one LONG_K_BLOCK and not a multiple of it.
 */
const GRADIENTS = ['dX', 'dKernel', 'dRecurrentKernel', 'dBias'] as const;
const ARGUMENT = { dX: 'x', dKernel: 'kernel', dRecurrentKernel: 'recurrentKernel', dBias: 'bias' } as const;

/** [B, T, I, H] */
const SHAPES = [
  [3, 7, 2, 64],
  [5, 6, 1, 66],
  [17, 5, 3, 70],
  [7, 40, 1, 65],
  [2, 5, 2, 3],
  [4, 9, 1, 9],
] as const;

function wasmKernel(): WasmGruKernel {
  const k = getUnchunkedGruKernel('wasm');
  assert.ok(k instanceof WasmGruKernel);
  return k;
}

function run(c: Case, path: 'plain' | 'blocked'): { h: Float32Array; g: GruGradients } {
  const k = wasmKernel();
  const previous = k.gemmPath;
  k.gemmPath = path;
  try {
    const { h, tape } = k.forward(c.dims, c.x32, c.params32);
    return { h, g: k.backward(tape!, c.probe32) };
  } finally {
    k.gemmPath = previous;
  }
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

test('the rule: blocked from a padded hidden size of BLOCKED_FROM_HIDDEN, whatever the batch', () => {
  const dims = (hidden: number, batch: number) => ({ batch, time: 10, input: 1, hidden });
  assert.equal(BLOCKED_FROM_HIDDEN, 64);
  assert.equal(gemmPathFor(dims(60, 16)), 'plain');
  assert.equal(gemmPathFor(dims(60, 1024)), 'plain');
  assert.equal(gemmPathFor(dims(61, 1)), 'blocked'); // Hp = 64
  assert.equal(gemmPathFor(dims(128, 16)), 'blocked');
  assert.ok(7 * 40 > LONG_K_BLOCK && (7 * 40) % LONG_K_BLOCK !== 0, 'the 7x40 shape crosses a block boundary');
});

for (const shape of SHAPES) {
  const name = shape.join('x');
  test(`blocked path ${name} (BxTxIxH): outputs and all four gradients match the float64 reference`, () => {
    const c = makeCase(shape, 31);
    const reference = gruForward64(c.dims, c.x32, c.params32);
    const expected = gruBackward64(reference, c.probe32);
    const { h, g } = run(c, 'blocked');
    // float32 rounding grows with the steps backpropagated through (the plain path has the same bits)
    const rel = c.T > 10 ? 1e-4 : 2e-5;
    assertClose(h, hiddenStates64(reference), 'h', rel);
    for (const key of GRADIENTS) assertClose(g[key], expected[key], key, rel);
  });

  test(`blocked path ${name}: the same bits as the plain path, forward and backward`, () => {
    const c = makeCase(shape, 32);
    const a = run(c, 'plain');
    const b = run(c, 'blocked');
    assert.equal(bits(b.h), bits(a.h));
    for (const key of GRADIENTS) assert.equal(bits(b.g[key]), bits(a.g[key]), key);
  });
}

test('blocked path: every gradient entry equals central finite differences of the float64 forward pass (3x6x2x9)', () => {
  const c = makeCase([3, 6, 2, 9], 33);
  const { g } = run(c, 'blocked');
  for (const key of GRADIENTS) assertClose(g[key], finiteDifferences(c, ARGUMENT[key]), `${key} vs finite differences`, 5e-5);
});

test('blocked path at H = 66, B·T = 280: directional finite differences of the float64 forward pass', () => {
  const c = makeCase([7, 40, 1, 66], 34);
  const { g } = run(c, 'blocked');
  // L = Σ h ⊙ probe; along a random direction v of one argument, dL = g · v
  const loss = (x: Float64Array, p: { kernel: Float64Array; recurrentKernel: Float64Array; bias: Float64Array }) => {
    const h = hiddenStates64(gruForward64(c.dims, x, p));
    let s = 0;
    for (let i = 0; i < h.length; i++) s += h[i] * c.probe32[i];
    return s;
  };
  for (const key of GRADIENTS) {
    const at = () => ({
      x: Float64Array.from(c.x32),
      kernel: Float64Array.from(c.kernel32),
      recurrentKernel: Float64Array.from(c.recurrentKernel32),
      bias: Float64Array.from(c.bias32),
    });
    const up = at();
    const down = at();
    const eps = 1e-6;
    let predicted = 0;
    let norm = 0;
    const grad = g[key];
    for (let i = 0; i < grad.length; i++) {
      const v = Math.sin(1.7 * i + 0.3);
      up[ARGUMENT[key]][i] += eps * v;
      down[ARGUMENT[key]][i] -= eps * v;
      predicted += grad[i] * v;
      norm += Math.abs(grad[i] * v);
    }
    const measured = (loss(up.x, up) - loss(down.x, down)) / (2 * eps);
    assert.ok(
      Math.abs(predicted - measured) <= 1e-4 * norm,
      `${key}: g·v ${predicted} vs finite difference ${measured} (scale ${norm.toExponential(2)})`,
    );
  }
});

test('blocked path: a training loop reuses the same wasm memory (the packed panels live in the tape and scratch blocks)', () => {
  const c = makeCase([5, 12, 1, 66], 35);
  const k = wasmKernel();
  const previous = k.gemmPath;
  k.gemmPath = 'blocked';
  try {
    const inUse: number[] = [];
    for (let i = 0; i < 6; i++) {
      k.backward(k.forward(c.dims, c.x32, c.params32).tape!, c.probe32);
      inUse.push(k.bytesInUse);
    }
    assert.deepEqual(inUse.slice(1), inUse.slice(0, -1));
  } finally {
    k.gemmPath = previous;
  }
});
