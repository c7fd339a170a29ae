import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lastValueFrom, toArray } from 'rxjs';
import { InputError, prepareRun, type RunEvent, RunInterrupted, type RunMetrics, resumeRun, runToEnd, trainRun } from '../../src/node';

// The library face alone, no CLI code: what a script that trains a graph into a folder does.
const patch = { data: { count: 60, seed: 2 }, training: { epochs: 2, batchSize: 16, seed: 2 } };
const prepared = () => prepareRun('graphs/stage-me.json', [patch]);
const metricsOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as RunMetrics;

/** Runs `body` with stderr captured: the library writes nothing there (stdout is the test runner's). */
async function silently<T>(body: () => Promise<T>): Promise<{ value: T; written: string }> {
  let written = '';
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  };
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    return { value: await body(), written };
  } finally {
    process.stderr.write = err;
  }
}

test('trainRun: events in order, metrics.json equals the finished event, nothing on the terminal', { timeout: 300_000 }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'sg-lib-')), 'run');
  const { value: events, written } = await silently(() =>
    lastValueFrom(trainRun(prepared(), { dir, backend: 'cpu' }).pipe(toArray<RunEvent>())),
  );
  assert.equal(written, '');
  assert.deepEqual(events[0], { type: 'folder', dir, resumed: false });
  const checkpoints = events.filter((e) => e.type === 'checkpoint');
  assert.deepEqual(
    checkpoints.map((e) => [e.epoch, e.epochs, e.file]),
    [1, 2].map((k) => [k, 2, join(dir, 'checkpoints', `epoch-${String(k).padStart(4, '0')}.json`)]),
  );
  const last = events[events.length - 1];
  assert.equal(last.type, 'finished');
  const onDisk = metricsOf(dir);
  assert.equal(onDisk.status, 'done');
  assert.deepEqual(last.type === 'finished' && last.metrics.epochs, onDisk.epochs);
  // each epoch event carries the numbers metrics.json records for it
  const epochs = events.filter((e) => e.type === 'epoch');
  assert.deepEqual(
    epochs.map((e) => e.testErrorPercent),
    onDisk.epochs.map((e) => e.testErrorPercent),
  );
});

test('an aborted run fails with RunInterrupted, and resumeRun then matches the uninterrupted numbers', { timeout: 300_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-lib-'));
  const whole = await runToEnd(trainRun(prepared(), { dir: join(root, 'whole'), backend: 'cpu' }));
  const again = join(root, 'cut');
  const stop2 = new AbortController();
  let seen = 0;
  await assert.rejects(
    new Promise((resolve, reject) =>
      trainRun(prepared(), { dir: again, backend: 'cpu', signal: stop2.signal }).subscribe({
        next: (e) => {
          if (e.type === 'checkpoint') {
            seen = e.epoch;
            stop2.abort();
          }
        },
        error: reject,
        complete: () => resolve(undefined),
      }),
    ),
    (e) => e instanceof RunInterrupted && e.dir === again && /interrupted after epoch 1; continue with --resume/.test(e.message),
  );
  assert.equal(seen, 1);
  const cut = metricsOf(again);
  assert.equal(cut.status, 'interrupted');
  assert.equal(cut.epochs.length, 1);
  const resumed = await runToEnd(resumeRun({ dir: again, backend: 'cpu' }));
  assert.deepEqual(resumed.epochs, whole.epochs);
});

test('resumeRun of a folder that is not a run fails with an InputError naming --resume', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-lib-'));
  await assert.rejects(runToEnd(resumeRun({ dir, backend: 'cpu' })), (e) => e instanceof InputError && e.field === '--resume');
});
