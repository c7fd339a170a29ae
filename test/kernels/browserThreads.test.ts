import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setBrowserGruThreads } from '../../src/kernels/gru/browserThreads';

// Lanes in a browser need shared memory, which only a cross-origin isolated page has; Node has no
// `crossOriginIsolated`, so here, as on a page served without COOP/COEP, the kernel stays on one
// thread and says why. (The lanes themselves are tested in Chromium: test/browser/gru-threads.test.ts.)
test('setBrowserGruThreads: one thread without cross-origin isolation, and the reason', async () => {
  assert.equal(globalThis.crossOriginIsolated, undefined);
  assert.deepEqual(await setBrowserGruThreads(1), { threads: 1 });
  const two = await setBrowserGruThreads(2);
  assert.equal(two.threads, 1);
  assert.match(two.reason ?? '', /not cross-origin isolated \(COOP\/COEP headers\)/);
});
