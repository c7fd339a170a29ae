import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { cliArgs } from '../support/cli';
import { writeSweep } from '../support/sweep';

/**
 * Issue 25: kill -9 of a sweep's parent left its children to die at their next epoch with an
 * uncaught ERR_IPC_CHANNEL_CLOSED stack, and a rerun straight away failed with exit 3 on their
 * live locks. Now an orphan stops like Ctrl-C (checkpoint kept) and a rerun waits for it, then
 * takes the point over; two sweeps into one folder share the points the same way.
 */
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function sweepFile(at: string): string {
  const file = join(at, 'beta.json');
  writeSweep(file, {
    graph: relative(at, resolve('graphs/fig6-global.json')),
    set: { 'beta.factor': [0.05, 0.2] },
    run: { data: { count: 320 }, training: { epochs: 3 } },
  });
  return file;
}

function run(...args: string[]) {
  const child = spawn(process.execPath, cliArgs(...args));
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, stderr, stdout })),
  );
  return { child, exited };
}

const names = ['beta.factor=0.05', 'beta.factor=0.2'];

async function untilCheckpoint(out: string): Promise<void> {
  const any = () => names.some((n) => existsSync(join(out, 'runs', n, 'checkpoints', 'epoch-0001.json')));
  while (!any()) await new Promise((r) => setTimeout(r, 20));
}

let orphaned = '';

test('kill -9 of the parent: the children keep their checkpoints and exit cleanly; a rerun at once finishes the sweep', async () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-orphan-'));
  const out = join(at, 'out');
  orphaned = out;
  const first = run('sweep', sweepFile(at), '--out', out, '--jobs', '2', '--backend', 'cpu');
  await untilCheckpoint(out);
  first.child.kill('SIGKILL');
  assert.equal((await first.exited).signal, 'SIGKILL');
  const again = await run('sweep', sweepFile(at), '--out', out, '--jobs', '2', '--backend', 'cpu').exited;
  assert.equal(again.code, 0, again.stderr);
  for (const n of names) assert.equal(json(join(out, 'runs', n, 'metrics.json')).status, 'done');
  for (const n of names) assert.equal(json(join(out, 'runs', n, 'metrics.json')).epochs.length, 3);
  const logs = readdirSync(join(out, 'logs')).map((f) => readFileSync(join(out, 'logs', f), 'utf8'));
  for (const log of logs) {
    assert.doesNotMatch(log, /ERR_IPC_CHANNEL_CLOSED|internal error|\n\s+at /, log);
  }
});

test('two sweeps into one folder share the points and both finish; neither removes the other', async () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-twosweeps-'));
  const out = join(at, 'out');
  const a = run('sweep', sweepFile(at), '--out', out, '--jobs', '2', '--backend', 'cpu');
  await untilCheckpoint(out);
  const b = run('sweep', sweepFile(at), '--out', out, '--jobs', '2', '--backend', 'cpu');
  const [ra, rb] = await Promise.all([a.exited, b.exited]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);
  for (const n of names) {
    const m = json(join(out, 'runs', n, 'metrics.json'));
    assert.equal(m.status, 'done');
    // trained once: three epochs, never restarted from epoch 1 by the second sweep
    assert.deepEqual(
      m.epochs.map((e: { epoch: number }) => e.epoch),
      [1, 2, 3],
    );
  }
  // the sweep killed with -9 and taken over ends with the numbers of these uninterrupted points
  if (orphaned)
    for (const n of names)
      assert.deepEqual(json(join(orphaned, 'runs', n, 'metrics.json')).epochs, json(join(out, 'runs', n, 'metrics.json')).epochs, n);
  assert.equal(rb.stdout, ra.stdout.replace(/wrote .*\n$/, rb.stdout.match(/wrote .*\n$/)![0]));
});
