import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'sg-reproduce-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const stages = ['ME', 'ME+ICs', 'ME+ICs+DE', 'ME+ICs+DE+H'];

test('reproduce --seeds: stages side by side on both cores, numbers bit-identical to a sequential run, tables as mean ± sd with n', () => {
  const small = ['--count', '40', '--epochs', '1', '--backend', 'cpu'];
  const sequential = join(tmp, 'sequential');
  const one = cli('reproduce', ...small, '--seed', '1', '--jobs', '1', '--out', sequential);
  assert.equal(one.code, 0, one.stderr);
  const parallel = join(tmp, 'parallel');
  const r = cli('reproduce', ...small, '--seeds', '0,1', '--jobs', '2', '--out', parallel);
  assert.equal(r.code, 0, r.stderr);
  for (const s of stages) {
    const a = join(parallel, 'seed-1', s);
    const b = join(sequential, s);
    assert.deepEqual(json(join(a, 'metrics.json')).epochs, json(join(b, 'metrics.json')).epochs, s);
    assert.deepEqual(json(join(a, 'weights.json')), json(join(b, 'weights.json')), s);
  }
  assert.equal(json(join(parallel, 'seed-0', 'ME+ICs+DE+H', 'graph.json')).run.init, join(parallel, 'seed-0', 'ME+ICs'));

  const tables = json(join(parallel, 'tables.json'));
  assert.deepEqual(
    tables.stages.map((t: { stage: string }) => t.stage),
    stages,
  );
  for (const [i, s] of stages.entries()) {
    const xs = [0, 1].map((seed) => json(join(parallel, `seed-${seed}`, s, 'metrics.json')).epochs[0].testErrorPercent);
    const mean = (xs[0] + xs[1]) / 2;
    // n = 2: the sample sd is |x0 - x1| / √2
    const sd = Math.abs(xs[0] - xs[1]) / Math.SQRT2;
    const got = tables.stages[i].testErrorPercent;
    assert.equal(got.n, 2);
    assert.ok(Math.abs(got.mean - mean) < 1e-12 && Math.abs(got.sd - sd) < 1e-12, `${s}: ${JSON.stringify(got)} vs ${mean} ± ${sd}`);
    assert.match(r.stdout, new RegExp(`^${s.replace(/\+/g, '\\+')} +${mean.toFixed(2)} ± ${sd.toFixed(2)} +[\\d.]+$`, 'm'));
  }
  assert.match(r.stdout, /ours \(mean ± sd, n = 2\)/);
  assert.match(r.stdout, /at once on average/);
  for (const t of tables.timing.stages) assert.ok(Date.parse(t.startedAt) < Date.parse(t.finishedAt));
});
