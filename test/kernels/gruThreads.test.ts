import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gemmPathFor } from '../../src/kernels/gru/blocking';
import { GRU_CHUNK_ROWS } from '../../src/kernels/gru/chunked';
import { getGruKernel, getUnchunkedGruKernel } from '../../src/kernels/gru/kernel';
import { gruBackward64, gruForward64, hiddenStates64 } from '../../src/kernels/gru/reference64';
import { setGruThreads } from '../../src/kernels/gru/threads';
import type { GruGradients } from '../../src/kernels/gru/types';
import { assertClose, makeCase } from './support';

/**
 * The GRU kernel on several threads (src/kernels/gru/threads.ts): the batch is cut into fixed
 * chunks of GRU_CHUNK_ROWS rows whatever the thread count, so 1, 2, 3 and 4 threads give the same
 * bits, forward and backward; and those bits are the float64 reference's numbers to float32
 * rounding, with chunks that split the batch unevenly.
 */
after(() => setGruThreads(1));

const shapes = [
  [2 * GRU_CHUNK_ROWS + 5, 7, 1, 6],
  [3 * GRU_CHUNK_ROWS, 5, 2, 9],
  // H = 66: the blocked path (blocking.ts) on every thread, a last panel of 4 columns
  [2 * GRU_CHUNK_ROWS + 3, 5, 1, 66],
] as const;
const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const gradientBits = (g: GruGradients) => [g.dX, g.dKernel, g.dRecurrentKernel, g.dBias].map(bits);

for (const shape of shapes) {
  test(`GRU ${shape.join('x')} (BxTxIxH) on 1, 2, 3 and 4 threads: the same bits, and the float64 reference's numbers`, () => {
    const c = makeCase(shape, 21);
    assert.equal(gemmPathFor(c.dims), shape[3] >= 61 ? 'blocked' : 'plain');
    const reference = gruForward64(c.dims, c.x32, c.params32);
    const expected = gruBackward64(reference, c.probe32);
    const seen: string[][] = [];
    for (const threads of [1, 2, 3, 4]) {
      setGruThreads(threads);
      const k = getGruKernel('wasm');
      const { h, tape } = k.forward(c.dims, c.x32, c.params32);
      const g = k.backward(tape!, c.probe32);
      // forward only (evaluation) gives the training forward's bits
      assert.equal(bits(k.forward(c.dims, c.x32, c.params32, { saveForBackward: false }).h), bits(h), `${threads} threads, no tape`);
      seen.push([bits(h), ...gradientBits(g)]);
      if (threads === 1) {
        assertClose(h, hiddenStates64(reference), 'h');
        for (const key of ['dX', 'dKernel', 'dRecurrentKernel', 'dBias'] as const) assertClose(g[key], expected[key], key);
      }
    }
    for (const s of seen.slice(1)) assert.deepEqual(s, seen[0]);
  });
}

test('2 threads: a tape backpropagated twice recomputes its chunks on their threads and gives the same bits', () => {
  const c = makeCase(shapes[0], 22);
  setGruThreads(2);
  const k = getGruKernel('wasm');
  const { tape } = k.forward(c.dims, c.x32, c.params32);
  const g1 = gradientBits(k.backward(tape!, c.probe32));
  const g2 = gradientBits(k.backward(tape!, c.probe32));
  assert.deepEqual(g2, g1);
});

test('one chunk (B ≤ GRU_CHUNK_ROWS) is the kernel itself: the same bits as one call of the unchunked kernel', () => {
  const c = makeCase([GRU_CHUNK_ROWS, 6, 1, 5], 23);
  setGruThreads(2);
  const chunked = getGruKernel('wasm');
  const plain = getUnchunkedGruKernel('wasm');
  const a = chunked.forward(c.dims, c.x32, c.params32);
  const b = plain.forward(c.dims, c.x32, c.params32);
  assert.equal(bits(a.h), bits(b.h));
  assert.deepEqual(gradientBits(chunked.backward(a.tape!, c.probe32)), gradientBits(plain.backward(b.tape!, c.probe32)));
});
