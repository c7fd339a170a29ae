import assert from 'node:assert/strict';

/** One epoch's metrics as a run's metrics.json and a live run's epoch events both give them. */
export type EpochRow = { epoch: number; train: Record<string, number>; test: Record<string, number>; testErrorPercent: number };

/** A headless run trained the same epochs as a live one: same terms, every value to 1e-6 (relative above 1). */
export function assertSameEpochs(headless: EpochRow[], live: EpochRow[]): void {
  assert.equal(headless.length, live.length);
  live.forEach((e, i) => {
    const h = headless[i];
    assert.deepEqual(Object.keys(h.train), Object.keys(e.train), `epoch ${e.epoch}: the terms`);
    for (const part of ['train', 'test'] as const)
      for (const [term, v] of Object.entries(e[part]))
        assert.ok(
          Math.abs(h[part][term] - v) <= 1e-6 * Math.max(1, Math.abs(v)),
          `epoch ${e.epoch} ${part} ${term}: ${h[part][term]} vs ${v}`,
        );
    assert.ok(Math.abs(h.testErrorPercent - e.testErrorPercent) <= 1e-6, `epoch ${e.epoch} test error`);
  });
}
