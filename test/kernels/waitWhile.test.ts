import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { waitWhile } from '../../src/kernels/gru/waitWhile';

// A lane that notifies before its flag is raised is what a late notify looks like to the waiting
// thread: the wake carries no answer. Stray notifies come first, then the raised flag.
const strayNotifies = `
const { workerData: flag } = await import('node:worker_threads');
for (let i = 0; i < 2000; i++) { Atomics.notify(flag, 0); await new Promise((r) => setImmediate(r)); }
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

test('waitWhile: stray notifies do not end the wait; it returns once the flag is raised', async () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(strayNotifies, { eval: true, workerData: flag });
  try {
    assert.equal(waitWhile(flag, 0, 60_000), true);
    assert.equal(Atomics.load(flag, 0), 1);
  } finally {
    await worker.terminate();
  }
});

test('waitWhile: a flag never raised gives false when the time runs out', () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  assert.equal(waitWhile(flag, 0, 20), false);
  assert.equal(Atomics.load(flag, 0), 0);
});

test('waitWhile: a flag already raised returns at once', () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  flag[0] = 3;
  assert.equal(waitWhile(flag, 0, 0), true);
});
