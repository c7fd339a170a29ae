import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setGruMode } from '../../src/kernels/gru/index';
import { useBackend } from '../../src/runs/backend';
import { fig6Data, testError, trainer } from '../support/fig6Run';

/**
 * Short on purpose (the tf-ops reference costs ~0.6 s per step): both runs start from the same
 * seeded weights and see the same batches, so they must land on the same test error up to
 * float32 rounding. bench/step.ts has the timing; longer runs belong to the runtime's own tests.
 */
test('training fig. 6 with the fused GRU reaches the same test error as with the tf-ops reference', async () => {
  await useBackend('wasm');
  const data = fig6Data(200, 3);
  const run = (implementation: 'fused' | 'reference') => {
    const previous = setGruMode({ implementation });
    const t = trainer(data, 7);
    const before = testError(t.model, data.test);
    for (let e = 0; e < 2; e++) t.epoch(e);
    const after = testError(t.model, data.test);
    t.dispose();
    setGruMode(previous);
    return { before, after };
  };
  const fused = run('fused');
  const reference = run('reference');
  assert.ok(Math.abs(fused.before - reference.before) < 1e-3, 'same initial weights, same predictions');
  assert.ok(fused.after < fused.before, `training should lower the test error (${fused.before} → ${fused.after})`);
  assert.ok(Math.abs(fused.after - reference.after) < 0.05, `fused ${fused.after} vs reference ${reference.after}`);
});
