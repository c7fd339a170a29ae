// Two real processes that find the same stale lock at the same moment: exactly one takes it
// over. The fault point stale-lock-race:2 holds each process, once it has judged the lock
// stale, until both have, so the race is run every time instead of by chance.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliStartWith, cliWith } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-lock-race-'));
const args = ['--count', '40', '--epochs', '2', '--batch', '16', '--seed', '3', '--backend', 'cpu'];

/** A run killed in epoch 1: its folder holds graph.json and the dead process's lock. */
function killedRun(name: string): string {
  const dir = join(tmp, name);
  const r = cliWith({ SLIDEGRAPH_FAULT: 'during-write:epoch-0001.json' }, 'train', 'graphs/stage-me.json', ...args, '--out', dir);
  assert.equal(r.signal, 'SIGKILL');
  const lock = JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'));
  assert.equal(lock.hostname, hostname());
  return dir;
}

async function race(dir: string, command: (dir: string) => string[]) {
  const barrier = join(tmp, `barrier-${readdirSync(tmp).length}`);
  const env = { SLIDEGRAPH_FAULT: 'stale-lock-race:2', SLIDEGRAPH_BARRIER: barrier };
  const a = cliStartWith(env, ...command(dir));
  const b = cliStartWith(env, ...command(dir));
  const results = await Promise.all([a.exited, b.exited]);
  assert.equal(readdirSync(barrier).length, 2, 'both processes judged the lock stale before either took it');
  return results.map((r, i) => ({ ...r, pid: [a, b][i].child.pid }));
}

test('two --resume processes on one stale lock: one resumes, the other is refused naming it', async () => {
  const dir = killedRun('resume');
  const results = await race(dir, (d) => ['train', '--resume', d, '--backend', 'cpu']);
  const won = results.filter((r) => r.code === 0);
  const lost = results.filter((r) => r.code === 2);
  assert.equal(won.length, 1, results.map((r) => `${r.code}: ${r.stderr}`).join('\n'));
  assert.equal(lost.length, 1, results.map((r) => `${r.code}: ${r.stderr}`).join('\n'));
  assert.match(lost[0].stderr, new RegExp(`^slidegraph: run folder: ${dir} is in use by process ${won[0].pid} on `));
  assert.equal(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).status, 'done');
  assert.ok(!existsSync(join(dir, '.lock')), 'released by the winner');
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
    'no claim or temporary file is left behind',
  );
});

test('two train --out into a folder whose run died while it was set up: one trains, the other is refused naming it', async () => {
  const dir = join(tmp, 'abandoned');
  const r = cliWith({ SLIDEGRAPH_FAULT: 'during-write:run.json' }, 'train', 'graphs/stage-me.json', ...args, '--out', dir);
  assert.equal(r.signal, 'SIGKILL');
  assert.ok(!existsSync(join(dir, 'graph.json')) && existsSync(join(dir, '.lock')), 'no graph.json, a dead lock: abandoned');
  const results = await race(dir, (d) => ['train', 'graphs/stage-me.json', ...args, '--out', d]);
  const won = results.filter((x) => x.code === 0);
  const lost = results.filter((x) => x.code === 2);
  assert.equal(won.length, 1, results.map((x) => `${x.code}: ${x.stderr}`).join('\n'));
  assert.equal(lost.length, 1, results.map((x) => `${x.code}: ${x.stderr}`).join('\n'));
  assert.match(lost[0].stderr, new RegExp(`^slidegraph: run folder: ${dir} is in use by process ${won[0].pid} on [^\\n]+\\n$`));
  assert.equal(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).status, 'done');
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
  );
});

test('a claim left by a taker killed mid-takeover does not block the folder for ever', () => {
  const dir = killedRun('orphan-claim');
  // What a process killed between claiming the stale lock and replacing it leaves: the claim.
  const stale = readFileSync(join(dir, '.lock'), 'utf8');
  writeFileSync(join(dir, `.lock.stale-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`), stale);
  const r = cliWith({}, 'train', '--resume', dir, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
  );
});
