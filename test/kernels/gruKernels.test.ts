import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getGruKernel } from '../../src/kernels/gru/kernel';
import { gruBackward64, gruForward64, hiddenStates64 } from '../../src/kernels/gru/reference64';
import { assertClose, finiteDifferences, KINDS, makeCase, SHAPES } from './support';

const GRADIENTS = ['dX', 'dKernel', 'dRecurrentKernel', 'dBias'] as const;
const ARGUMENT = { dX: 'x', dKernel: 'kernel', dRecurrentKernel: 'recurrentKernel', dBias: 'bias' } as const;

test('the float64 reference, one step of one unit, is the closed form z·h̃ (h_0 = 0)', () => {
  const [wz, wr, wh, uz, ur, uh, bz, br, bh, x] = [0.7, -0.4, 1.3, 0.5, 0.9, -1.1, 0.2, -0.3, 0.1, 0.8];
  const f = gruForward64({ batch: 1, time: 2, input: 1, hidden: 1 }, [x, -x], {
    kernel: [wz, wr, wh],
    recurrentKernel: [uz, ur, uh],
    bias: [bz, br, bh],
  });
  const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
  const h1 = sigmoid(wz * x + bz) * Math.tanh(wh * x + bh);
  const z2 = sigmoid(-wz * x + uz * h1 + bz);
  const r2 = sigmoid(-wr * x + ur * h1 + br);
  const h2 = (1 - z2) * h1 + z2 * Math.tanh(-wh * x + uh * r2 * h1 + bh);
  const [a1, a2] = hiddenStates64(f);
  assert.ok(Math.abs(a1 - h1) < 1e-15 && Math.abs(a2 - h2) < 1e-15, `${a1} ${a2} vs ${h1} ${h2}`);
});

for (const shape of SHAPES) {
  test(`the float64 reference's BPTT ${shape.join('x')} (BxTxIxH) equals central finite differences of its forward pass`, () => {
    const c = makeCase(shape, 11);
    const g = gruBackward64(gruForward64(c.dims, c.x32, c.params32), c.probe32);
    for (const key of GRADIENTS) assertClose(g[key], finiteDifferences(c, ARGUMENT[key]), `reference ${key}`, 1e-7);
  });
}

for (const kind of KINDS) {
  for (const shape of SHAPES) {
    test(`${kind} kernel ${shape.join('x')} (BxTxIxH): outputs and all four gradients match the float64 reference`, () => {
      const c = makeCase(shape, 11);
      const reference = gruForward64(c.dims, c.x32, c.params32);
      const expected = gruBackward64(reference, c.probe32);
      const k = getGruKernel(kind);
      const { h, tape } = k.forward(c.dims, c.x32, c.params32);
      assertClose(h, hiddenStates64(reference), `${kind} h`);
      const g = k.backward(tape!, c.probe32);
      for (const key of GRADIENTS) assertClose(g[key], expected[key], `${kind} ${key}`);
    });
  }

  test(`${kind} kernel: a tape backpropagated twice, or forward without a tape, gives the same numbers`, () => {
    const c = makeCase([3, 5, 2, 5], 12);
    const k = getGruKernel(kind);
    const a = k.forward(c.dims, c.x32, c.params32);
    const b = k.forward(c.dims, c.x32, c.params32, { saveForBackward: false });
    assert.equal(b.tape, null);
    assert.deepEqual(b.h, a.h);
    const g1 = k.backward(a.tape!, c.probe32);
    const g2 = k.backward(a.tape!, c.probe32); // consumed: recomputes its forward pass
    assert.deepEqual(g2, g1);
  });
}
