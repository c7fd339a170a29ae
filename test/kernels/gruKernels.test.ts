import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getGruKernel, getWasmGruKernel } from '../../src/kernels/gru/kernel';
import { finiteDifferences, gruForward64 } from './reference64';
import { assertClose, KINDS, makeCase, SHAPES } from './support';

test('the wasm SIMD kernel compiles in this engine', () => {
  assert.ok(getWasmGruKernel(), 'WebAssembly SIMD should be available in Node 20');
});

for (const kind of KINDS) {
  for (const shape of SHAPES) {
    test(`${kind} kernel ${shape.join('x')} (BxTxIxH): outputs and all gradients match a float64 loop and its finite differences`, () => {
      const c = makeCase(shape, 11);
      const k = getGruKernel(kind);
      const dims = { batch: c.B, time: c.T, input: c.I, hidden: c.H };
      const { h, tape } = k.forward(dims, c.x32, { kernel: c.kernel32, recurrentKernel: c.recurrentKernel32, bias: c.bias32 });
      assertClose(h, gruForward64(c), `${kind} h`);
      const g = k.backward(tape!, c.probe32);
      assertClose(g.dX, finiteDifferences(c, c.probe, 'x'), `${kind} dX`);
      assertClose(g.dKernel, finiteDifferences(c, c.probe, 'kernel'), `${kind} dKernel`);
      assertClose(g.dRecurrentKernel, finiteDifferences(c, c.probe, 'recurrentKernel'), `${kind} dRecurrentKernel`);
      assertClose(g.dBias, finiteDifferences(c, c.probe, 'bias'), `${kind} dBias`);
    });
  }

  test(`${kind} kernel: a tape backpropagated twice, or forward without a tape, gives the same numbers`, () => {
    const c = makeCase([3, 5, 2, 5], 12);
    const k = getGruKernel(kind);
    const dims = { batch: c.B, time: c.T, input: c.I, hidden: c.H };
    const params = { kernel: c.kernel32, recurrentKernel: c.recurrentKernel32, bias: c.bias32 };
    const a = k.forward(dims, c.x32, params);
    const b = k.forward(dims, c.x32, params, { saveForBackward: false });
    assert.equal(b.tape, null);
    assert.deepEqual(b.h, a.h);
    const g1 = k.backward(a.tape!, c.probe32);
    const g2 = k.backward(a.tape!, c.probe32); // consumed: recomputes its forward pass
    assert.deepEqual(g2, g1);
  });
}
