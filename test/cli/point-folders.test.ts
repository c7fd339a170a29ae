import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { PointList } from '../../src/run/points';
import { pointDir } from '../../src/runs/pointFolder';
import { cli } from '../support/cli';

/**
 * Issue 25: a point's `dir` in sweep.json is data, never a path. Today's code joined it to the
 * sweep folder and the task removed that folder recursively: `../victim` deleted a thesis, `.`
 * the whole sweep. Every shape that leaves `runs/` is refused before the file system is touched.
 */
const graph = resolve('graphs/fig6-global.json');

function sweepList(dirs: string[]): PointList & Record<string, unknown> {
  return {
    format: 'slidegraph/sweep-points',
    version: 1,
    sweep: 'beta.json',
    graph,
    parameters: [],
    points: dirs.map((dir, i) => ({
      name: `p${i}`,
      dir,
      graph,
      patches: [{ data: { count: 8 }, training: { epochs: 1 } }],
      set: [],
      setting: i,
    })),
  };
}

test('a sweep point must be runs/NAME: traversal, ".", absolute, Windows separators and drive letters are refused', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  const file = join(at, 'sweep.json');
  const refused = [
    '../victim',
    '.',
    'runs',
    'runs/..',
    'runs/../../victim',
    '/tmp/victim',
    'C:/victim',
    'runs\\..\\..\\victim',
    'runs/a/b',
    'runs//a',
    'runs/a\nb',
  ];
  for (const dir of refused) {
    const list = sweepList([dir]);
    assert.throws(
      () => pointDir(file, list, 0),
      /points: point 0 \("p0"\) dir .* a point's folder must be runs\/NAME inside the sweep folder$/,
      dir,
    );
  }
  assert.equal(pointDir(file, sweepList(['runs/beta=0.1_seed=0']), 0), join(at, 'runs', 'beta=0.1_seed=0'));
  // a reproduction's stages: STAGE or seed-S/STAGE, nothing above its folder
  const reproduce = (dir: string): PointList => ({
    format: 'slidegraph/reproduce-points',
    version: 1,
    points: [{ name: 'ME', dir, graph, patches: [], set: [] }],
  });
  assert.equal(pointDir(file, reproduce('seed-1/ME'), 0), join(at, 'seed-1', 'ME'));
  for (const dir of ['..', '../ME', '/ME', 'a/b/c', '.'])
    assert.throws(() => pointDir(file, reproduce(dir), 0), /inside the reproduction folder$/, dir);
});

test('a symbolic link on the way to a point folder is refused', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  const victim = join(at, 'victim');
  mkdirSync(victim);
  const sweep = join(at, 'sweep');
  mkdirSync(join(sweep, 'runs'), { recursive: true });
  symlinkSync(victim, join(sweep, 'runs', 'p'));
  assert.throws(
    () => pointDir(join(sweep, 'sweep.json'), sweepList(['runs/p']), 0),
    /passes through the symbolic link .*runs\/p; a point's folder must be a real folder$/,
  );
  const linked = join(at, 'linked');
  mkdirSync(linked);
  symlinkSync(victim, join(linked, 'runs'));
  assert.throws(() => pointDir(join(linked, 'sweep.json'), sweepList(['runs/p']), 0), /passes through the symbolic link .*linked\/runs;/);
});

test('a real task refuses a points file whose dir leaves the sweep, and deletes nothing', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  const victim = join(at, 'victim');
  mkdirSync(victim);
  writeFileSync(join(victim, 'thesis.tex'), 'years of work\n');
  const sweep = join(at, 'sweep');
  mkdirSync(join(sweep, 'runs', 'done'), { recursive: true });
  writeFileSync(join(sweep, 'summary.json'), '{}\n');
  for (const dir of ['../victim', '.']) {
    writeFileSync(join(sweep, 'sweep.json'), JSON.stringify(sweepList([dir])));
    const r = cli('task', join(sweep, 'sweep.json'), '0', '--backend', 'cpu');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^slidegraph: .*sweep\.json: points: point 0 \("p0"\) dir .*runs\/NAME inside the sweep folder\n$/);
    assert.equal(readFileSync(join(victim, 'thesis.tex'), 'utf8'), 'years of work\n');
    assert.deepEqual(readdirSync(victim), ['thesis.tex']);
    assert.ok(existsSync(join(sweep, 'summary.json')) && existsSync(join(sweep, 'runs', 'done')));
  }
  // collect refuses the same file rather than read the victim's folder
  const r = cli('collect', sweep);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /dir "\."/);
});

test('a task never clears a point folder that holds files it did not make', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  mkdirSync(join(at, 'runs', 'p0'), { recursive: true });
  writeFileSync(join(at, 'runs', 'p0', 'notes.txt'), 'mine\n');
  writeFileSync(join(at, 'sweep.json'), JSON.stringify(sweepList(['runs/p0'])));
  const r = cli('task', join(at, 'sweep.json'), '0', '--backend', 'cpu');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /runs\/p0 already holds files/);
  assert.equal(readFileSync(join(at, 'runs', 'p0', 'notes.txt'), 'utf8'), 'mine\n');
});

test('a sweep grid of 10^10 points is refused in one line before its folder exists', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  const values = Array.from({ length: 100 }, (_, i) => i / 1000);
  const set = Object.fromEntries(['beta.factor', 'main/gru.units', 'a.b', 'c.d', 'e.f'].map((k) => [k, values]));
  writeFileSync(join(at, 'huge.json'), JSON.stringify({ format: 'slidegraph/sweep', version: 1, graph, set }));
  const r = cli('sweep', join(at, 'huge.json'), '--out', join(at, 'out'));
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^slidegraph: .*huge\.json: set: the grid has 1\.00e\+10 points \(100 × 100 × 100 × 100 × 100 × 1\), more than the limit of 10000; sweep fewer values\n$/,
  );
  assert.ok(!existsSync(join(at, 'out')));
});

test('a point locked by another host is refused naming it, not waited on for ever', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-points-'));
  mkdirSync(join(at, 'runs', 'p0'), { recursive: true });
  writeFileSync(join(at, 'runs', 'p0', '.lock'), JSON.stringify({ pid: 1, hostname: 'node-elsewhere', started: '2026-01-01T00:00:00Z' }));
  writeFileSync(join(at, 'sweep.json'), JSON.stringify(sweepList(['runs/p0'])));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'task', join(at, 'sweep.json'), '0', '--backend', 'cpu'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(
    r.stderr,
    /is in use by process 1 on node-elsewhere since 2026-01-01T00:00:00Z; wait for it to finish, or delete .*\.lock if that process is gone\n$/,
  );
});
