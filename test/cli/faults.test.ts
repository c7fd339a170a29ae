// Faults around run folders, with real processes: kill -9 at named points (SLIDEGRAPH_FAULT),
// a full disk (a small tmpfs, and an injected ENOSPC), a read-only filesystem, concurrent resume.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliStart, cliWith, mountTmpfs, oneLine, unmount } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-faults-'));
const args = ['--count', '40', '--epochs', '2', '--batch', '16', '--seed', '3', '--backend', 'cpu'];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const train = (env: Record<string, string>, out: string, ...more: string[]) =>
  cliWith(env, 'train', 'graphs/stage-me.json', ...args, '--out', out, ...more);
const resume = (dir: string) => cliWith({}, 'train', '--resume', dir, '--backend', 'cpu');
const temporaries = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tmp'));

const whole = join(tmp, 'whole');
const reference = train({}, whole);

/** The resumed run ends exactly where the uninterrupted one did: every epoch's numbers, and the weights. */
function sameAsWhole(dir: string): void {
  assert.deepEqual(json(join(dir, 'metrics.json')).epochs, json(join(whole, 'metrics.json')).epochs);
  assert.deepEqual(json(join(dir, 'weights.json')), json(join(whole, 'weights.json')));
  assert.equal(json(join(dir, 'metrics.json')).status, 'done');
}

test('the uninterrupted reference run', () => {
  assert.equal(reference.code, 0, reference.stderr);
  assert.equal(json(join(whole, 'metrics.json')).epochs.length, 2);
  assert.ok(!existsSync(join(whole, '.lock')), 'the lock is released at exit');
  // each checkpoint carries metrics.json's rows up to its epoch
  assert.deepEqual(
    json(join(whole, 'checkpoints', 'epoch-0001.json')).metrics.epochs,
    json(join(whole, 'metrics.json')).epochs.slice(0, 1),
  );
});

test('kill -9 while the newest checkpoint is written: the old files stand, and --resume continues from the one before', () => {
  const dir = join(tmp, 'torn');
  const r = train({ SLIDEGRAPH_FAULT: 'during-write:epoch-0002.json' }, dir);
  assert.equal(r.signal, 'SIGKILL');
  assert.deepEqual(
    readdirSync(join(dir, 'checkpoints')).filter((f) => !f.startsWith('.')),
    ['epoch-0001.json'],
  );
  assert.equal(temporaries(dir).length, 1, 'the half-written bytes are only under a temporary name');
  // A torn file as an in-place writer would have left it: the newest checkpoint cut short.
  const good = readFileSync(join(dir, 'checkpoints', 'epoch-0001.json'), 'utf8');
  writeFileSync(join(dir, 'checkpoints', 'epoch-0002.json'), good.slice(0, 200));
  const resumed = resume(dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /note: passed over .*epoch-0002\.json: file: is not valid JSON/);
  sameAsWhole(dir);
});

test('kill -9 between the checkpoint and metrics.json: metrics are recovered from the checkpoint, no epoch is lost', () => {
  const dir = join(tmp, 'between');
  const r = train({ SLIDEGRAPH_FAULT: 'after-checkpoint-write' }, dir);
  assert.equal(r.signal, 'SIGKILL');
  assert.ok(existsSync(join(dir, 'checkpoints', 'epoch-0001.json')));
  assert.ok(!existsSync(join(dir, 'metrics.json')), 'killed before metrics.json was first written');
  assert.equal(json(join(dir, '.lock')).pid > 0, true, 'the dead process left its lock');
  const resumed = resume(dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  sameAsWhole(dir);
});

test('kill -9 in epoch 1, before any checkpoint: --resume starts the run again (no dead end)', () => {
  const dir = join(tmp, 'epoch1');
  const r = train({ SLIDEGRAPH_FAULT: 'during-write:epoch-0001.json' }, dir);
  assert.equal(r.signal, 'SIGKILL');
  const again = train({}, dir);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `slidegraph: --out: ${dir} already holds files; continue it with --resume ${dir}, or choose another --out\n`);
  const resumed = resume(dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  sameAsWhole(dir);
});

test('a full disk (injected ENOSPC on metrics.json): exit 2, one line naming the file and the cause; nothing torn; --resume finishes', () => {
  const dir = join(tmp, 'enospc');
  const r = train({ SLIDEGRAPH_FAULT: 'enospc:metrics.json' }, dir);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.equal(r.stderr, `slidegraph: ${join(dir, 'metrics.json')}: write: cannot write (ENOSPC: no space left on the device)\n`);
  assert.deepEqual(temporaries(dir), []);
  assert.ok(!existsSync(join(dir, '.lock')), 'released on the way out');
  const resumed = resume(dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  sameAsWhole(dir);
});

test('a full disk (a 160 KB tmpfs): train and data exit 2 with ENOSPC in one line and leave no partial file', (t) => {
  const disk = join(tmp, 'small-disk');
  if (!mountTmpfs(disk, 'size=160k')) return t.skip('cannot mount a tmpfs here (needs root)');
  try {
    const r = train({}, join(disk, 'run'));
    assert.equal(r.code, 2, r.stderr);
    assert.ok(oneLine(r.stderr), r.stderr);
    assert.match(r.stderr, /: write: cannot write \(ENOSPC: no space left on the device\)\n$/);
    assert.deepEqual(temporaries(disk), []);
    const d = cliWith({}, 'data', '--count', '100', '--out', join(disk, 'data.json'));
    assert.equal(d.code, 2, d.stderr);
    assert.equal(d.stderr, `slidegraph: ${join(disk, 'data.json')}: write: cannot write (ENOSPC: no space left on the device)\n`);
    assert.ok(!existsSync(join(disk, 'data.json')), 'no truncated dataset');
    assert.deepEqual(temporaries(disk), []);
  } finally {
    unmount(disk);
  }
});

test('/dev/full and other devices are never written over', () => {
  const r = cliWith({}, 'data', '--count', '10', '--out', '/dev/full');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'slidegraph: /dev/full: write: is not a regular file (a device, FIFO, socket or link); choose a file name\n');
});

test('a read-only filesystem: exit 2, one line naming the folder and EROFS (EACCES when not root)', (t) => {
  const ro = join(tmp, 'read-only');
  if (!mountTmpfs(ro, 'ro,size=64k')) return t.skip('cannot mount a read-only tmpfs here (needs root)');
  try {
    const r = train({}, join(ro, 'run'));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `slidegraph: ${join(ro, 'run')}: write: cannot write (EROFS: the filesystem is read-only)\n`);
    const d = cliWith({}, 'data', '--count', '10', '--out', join(ro, 'data.json'));
    assert.equal(d.code, 2);
    assert.equal(d.stderr, `slidegraph: ${join(ro, 'data.json')}: write: cannot write (EROFS: the filesystem is read-only)\n`);
  } finally {
    unmount(ro);
  }
});

test('--out that is a file: exit 2, one line', () => {
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'x');
  const r = train({}, file);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `slidegraph: --out: ${file} is a file, not a folder; choose another --out\n`);
});

test('concurrent --resume of one folder is refused while the first holds the lock', async () => {
  const dir = join(tmp, 'concurrent');
  const slow = ['--count', '400', '--epochs', '100', '--batch', '16', '--seed', '3', '--backend', 'cpu'];
  const setup = cliWith({ SLIDEGRAPH_FAULT: 'during-write:epoch-0001.json' }, 'train', 'graphs/stage-me.json', ...slow, '--out', dir);
  assert.equal(setup.signal, 'SIGKILL');
  // A lock held by a live process (this test runner) is respected, not taken over.
  writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), started: 'now' }));
  const held = resume(dir);
  assert.equal(held.code, 2);
  assert.equal(
    held.stderr,
    `slidegraph: run folder: ${dir} is in use by process ${process.pid} on ${hostname()} since now; wait for it to finish\n`,
  );
  rmSync(join(dir, '.lock'));

  const first = cliStart('train', '--resume', dir, '--backend', 'cpu');
  const lockFile = join(dir, '.lock');
  while (!(existsSync(lockFile) && readFileSync(lockFile, 'utf8').includes(`"pid":${first.child.pid}`)))
    await new Promise((r) => setTimeout(r, 20));
  const second = resume(dir);
  assert.equal(second.code, 2);
  assert.match(second.stderr, new RegExp(`^slidegraph: run folder: ${dir} is in use by process ${first.child.pid} on `));
  first.child.kill('SIGINT');
  const done = await first.exited;
  assert.ok(done.code === 130 || done.code === 0, done.stderr);
  assert.ok(!existsSync(lockFile), 'released when the first process ended');
});

test('--init with weights that do not fit the graph is refused, naming the weight, both shapes and the file', () => {
  const bad = join(tmp, 'bad-init');
  cpSync(whole, bad, { recursive: true });
  const w = json(join(bad, 'weights.json'));
  const [name] = Object.keys(w.weights);
  const shape = w.weights[name].shape as number[];
  w.weights[name].shape = [shape.reduce((a, b) => a * b, 1)];
  writeFileSync(join(bad, 'weights.json'), JSON.stringify(w));
  const r = train({}, join(tmp, 'from-bad'), '--init', bad);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `slidegraph: ${join(bad, 'weights.json')}: weights: do not fit the graph: weight '${name}' has shape [${w.weights[name].shape}], the graph expects [${shape.join(', ')}]\n`,
  );
  assert.ok(!existsSync(join(tmp, 'from-bad')), 'refused before the run folder was created');
  const ev = cliWith({}, 'evaluate', bad, '--backend', 'cpu');
  assert.equal(ev.code, 2);
  assert.match(ev.stderr, new RegExp(`^slidegraph: .*weights\\.json: weights: do not fit the graph: weight '${name}' has shape`));
});

test("a checkpoint without Adam's moments is refused, not resumed on different numbers", () => {
  const dir = join(tmp, 'no-moments');
  cpSync(whole, dir, { recursive: true });
  for (const f of ['checkpoints/epoch-0002.json', 'weights.json', 'model', 'metrics.json']) rmSync(join(dir, f), { recursive: true });
  const c = json(join(dir, 'checkpoints', 'epoch-0001.json'));
  c.optimizer.m = {};
  writeFileSync(join(dir, 'checkpoints', 'epoch-0001.json'), JSON.stringify(c));
  const r = resume(dir);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(r.stderr, /epoch-0001\.json: checkpoint: Adam's first moments \(optimizer\.m\) are missing after 2 steps/);
});

test('divergence: --lr 1e9 stops like a NaN (exit 3) instead of finishing with huge losses', () => {
  const dir = join(tmp, 'diverged');
  const r = train({}, dir, '--lr', '1e9');
  assert.equal(r.code, 3, r.stderr);
  assert.match(
    r.stderr,
    /^slidegraph: .*training stopped at step \d+ \(epoch 1\): the loss diverged: it grew to \S+, more than 1000000× its lowest value/,
  );
  assert.equal(json(join(dir, 'metrics.json')).status, 'error');
  assert.equal(json(join(dir, 'metrics.json')).error.term, 'total');
  const refused = train({}, join(tmp, 'x'), '--divergence', '1');
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr, 'slidegraph: graphs/stage-me.json: run.training.divergence: must be > 1 (got 1)\n');
  assert.ok(!existsSync(join(tmp, 'x')), 'refused before the run folder was created');
});
