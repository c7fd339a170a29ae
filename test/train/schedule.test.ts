import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSchedule, learningRateAt } from '../../src/train/schedule';

test('learning rates by hand: constant, cosine over 4 epochs, step every 2 epochs', () => {
  const rates = (s: Parameters<typeof learningRateAt>[1]) => [0, 1, 2, 3].map((e) => learningRateAt(1e-3, s, e, 4));
  assert.deepEqual(rates({ type: 'constant' }), [1e-3, 1e-3, 1e-3, 1e-3]);
  assert.deepEqual(rates(undefined), [1e-3, 1e-3, 1e-3, 1e-3]);
  // min + (base - min)(1 + cos(pi e / 4)) / 2 with base 1e-3, min 1e-4: cos = 1, √2/2, 0, -√2/2
  const cos = rates({ type: 'cosine', min: 1e-4 });
  const want = [1e-3, 1e-4 + (9e-4 * (1 + Math.SQRT1_2)) / 2, 1e-4 + 9e-4 / 2, 1e-4 + (9e-4 * (1 - Math.SQRT1_2)) / 2];
  cos.forEach((r, i) => assert.ok(Math.abs(r - want[i]) < 1e-18, `epoch ${i}: ${r} vs ${want[i]}`));
  assert.deepEqual(rates({ type: 'step', every: 2, factor: 0.5 }), [1e-3, 1e-3, 5e-4, 5e-4]);
});

test('a bad schedule is refused naming its field', () => {
  assert.throws(() => checkSchedule({ type: 'cosine', min: 1 }, 1e-3), /schedule\.min: must be a number in \[0, learningRate = 0\.001\]/);
  assert.throws(() => checkSchedule({ type: 'step', every: 0, factor: 0.5 }, 1e-3), /schedule\.every/);
  assert.throws(() => checkSchedule({ type: 'warmup' } as never, 1e-3), /schedule\.type: must be constant, cosine or step/);
  checkSchedule({ type: 'step', every: 3, factor: 0.1 }, 1e-3);
});
