import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-data-options-'));

test('data takes the law, timing, hold and noise flags, prints them, and is deterministic per seed', () => {
  const flags = [
    '--count',
    '12',
    '--seed',
    '4',
    '--law',
    'slip',
    '--timing',
    'grid',
    '--hold',
    'not-first',
    '--noise-mu',
    '0.1',
    '--noise-v',
    '0.01',
  ];
  const a = cli('data', ...flags, '--out', join(dir, 'a.json'));
  const b = cli('data', ...flags, '--out', join(dir, 'b.json'));
  assert.equal(a.code, 0, a.stderr);
  const summary = JSON.parse(a.stdout);
  assert.deepEqual(
    [summary.law, summary.system, summary.timing, summary.hold, summary.noise],
    ['slip', 'direct', 'grid', 'not-first', { mu: 0.1, v: 0.01 }],
  );
  assert.equal(summary.sha256, JSON.parse(b.stdout).sha256);
  assert.ok(readFileSync(join(dir, 'a.json')).equals(readFileSync(join(dir, 'b.json'))));
  const ds = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
  assert.equal(ds.version, 2);
  assert.deepEqual([ds.config.law, ds.config.timing, ds.config.hold, ds.config.noise], ['slip', 'grid', 'not-first', { mu: 0.1, v: 0.01 }]);
  const t = (i: number) => (i === 99 ? 0.013 : (0.013 * i) / 99);
  for (const s of ds.sequences) s.protocol.jumpTimes.forEach((tau: number, j: number) => assert.equal(tau, t(s.PosAfterJ[j])));
  const c = cli('data', ...flags.slice(0, 4), '--out', join(dir, 'c.json'));
  assert.notEqual(JSON.parse(c.stdout).sha256, summary.sha256);
});

test('data --system spring-slider writes load-point features; a spring below critical stiffness is refused', () => {
  const ok = cli('data', '--count', '2', '--seed', '1', '--system', 'spring-slider', '--k', '400', '--out', join(dir, 's.json'));
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).k, 400);
  const ds = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
  assert.equal(ds.config.system, 'spring-slider');
  for (const s of ds.sequences) assert.equal(s.Features[0], s.protocol.velocities[0] / 0.3);
  for (const [args, msg] of [
    [['--system', 'spring-slider', '--k', '40'], 'k: must exceed the critical stiffness (b − a)/Dc = 50'],
    [['--law', 'ruina'], '--law: must be one of aging, slip, prz'],
    [['--timing', 'random'], '--timing: must be one of uniform, grid'],
    [['--hold', 'last'], '--hold: must be one of interior, not-first'],
    [['--noise-v', '-1'], '--noise-v: must be a number >= 0'],
    [['--noise-v', '2'], 'noise.v: must be a relative standard deviation in [0, 1)'],
  ] as const) {
    const r = cli('data', '--count', '2', ...args, '--out', join(dir, 'x.json'));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(msg), r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  }
});

test('floor --timing grid --json reports a floor of exactly 0; uniform timing does not', () => {
  const grid = cli('floor', '--count', '10', '--draws', '2', '--timing', 'grid', '--json');
  assert.equal(grid.code, 0, grid.stderr);
  assert.deepEqual(JSON.parse(grid.stdout), {
    predictor: 'agnostic',
    features: 'v',
    mean: 0,
    median: 0,
    pooled: 0,
    categories: { beforeFirstJump: 0, firstAfterJump: 0, hold: 0, lateSliding: 0 },
  });
  const uniform = cli('floor', '--count', '10', '--draws', '4', '--json');
  const u = JSON.parse(uniform.stdout);
  assert.ok(u.mean > 0.5 && u.median > 0 && u.categories.firstAfterJump > 0, uniform.stdout);
});

test('floor --predictor and --features: each floor named, the timing-aware ones lower, grid 0, agnostic refused for MeanV', () => {
  const run = (...args: string[]) => {
    const r = cli('floor', '--count', '24', '--seed', '4', '--draws', '8', '--json', ...args);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const agnostic = run();
  const forward = run('--predictor', 'forward');
  const sequence = run('--predictor', 'sequence');
  assert.equal(forward.predictor, 'forward');
  assert.equal(forward.features, 'v');
  assert.equal(agnostic.predictor, 'agnostic');
  // seeing the whole sequence can only lower the least squares (pooled) error; the agnostic
  // predictor is told the intervals between samples, so it is no bound on either
  assert.ok(forward.pooled >= sequence.pooled && sequence.pooled > 0, JSON.stringify([forward, sequence]));
  assert.equal(run('--predictor', 'forward', '--features', 'grid').mean, 0);
  const text = cli('floor', '--count', '4', '--draws', '2', '--predictor', 'sequence', '--features', 'meanv');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^sequence floor of V\/Vch and MeanV, 4 sequences/);
  assert.match(text.stdout, /least-squares best guess of a predictor that sees the whole sequence from V\/Vch and MeanV/);
  const refused = cli('floor', '--count', '4', '--features', 'meanv');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /predictor.*agnostic ignores where a jump fell/);
  assert.equal(refused.stderr.trimEnd().split('\n').length, 1);
});

test("simulate runs the issue's spring-slider file and prints t, V, mu, theta, thetas", () => {
  const r = cli('simulate', 'test/fixtures/protocols/spring-slider.json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['t', 'V', 'mu', 'theta', 'thetas']);
  assert.deepEqual(out.t, [0, 1, 2, 40]);
  // rsfmodel's published value at t = 40 for this system
  assert.ok(Math.abs(out.mu[3] - 0.58848708) <= 1.5e-8, `${out.mu[3]}`);
  assert.ok(Math.abs(out.V[3] - 10.0000074) <= 1.5e-8, `${out.V[3]}`);
  assert.deepEqual(out.thetas, [out.theta]);
});
