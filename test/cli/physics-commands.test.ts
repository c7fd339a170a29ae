import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperParams } from '../../src/physics/params';
import { linspace } from '../../src/physics/sampling';
import { cli } from '../support/cli';
import { referenceRun } from '../support/reference';

const bad = 'test/fixtures/bad-protocols';

test('simulate prints t, V, theta, mu, dmuNorm on the 100-sample grid', () => {
  const r = cli('simulate', 'test/fixtures/protocols/slide-hold-slide.json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['t', 'V', 'theta', 'mu', 'dmuNorm']);
  const t = linspace(0, 0.013, 100);
  assert.deepEqual(out.t, Array.from(t));
  const ref = referenceRun({ ...paperParams }, [0.004, 0.009], [0.6, 2e-9, 1.2], t, 1e-7);
  for (let i = 0; i < 100; i++) assert.ok(Math.abs(out.mu[i] - ref.mu[i]) < 1e-10);
});

test('every bad protocol is refused with one line naming the field, exit code 2', () => {
  const expected: Record<string, string> = JSON.parse(readFileSync(join(bad, 'expected.json'), 'utf8'));
  const files = readdirSync(bad).filter((f) => f !== 'expected.json');
  assert.deepEqual(files.sort(), Object.keys(expected).sort(), 'every corpus file has an expectation');
  for (const f of files) {
    const r = cli('simulate', join(bad, f));
    assert.equal(r.code, 2, `${f}: exit ${r.code}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${f}: one line, got ${r.stderr}`);
    assert.ok(lines[0].includes(join(bad, f)), `${f}: names the file: ${lines[0]}`);
    assert.ok(lines[0].includes(expected[f]), `${f}: ${lines[0]}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('data writes byte-identical files for the same seed and refuses a bad count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-data-'));
  const a = cli('data', '--count', '30', '--seed', '11', '--out', join(dir, 'a.json'));
  const b = cli('data', '--count', '30', '--seed', '11', '--out', join(dir, 'b.json'));
  assert.equal(a.code, 0, a.stderr);
  const summary = JSON.parse(a.stdout);
  assert.equal(summary.count, 30);
  assert.equal(summary.test, 6);
  assert.equal(summary.sha256, JSON.parse(b.stdout).sha256);
  assert.ok(readFileSync(join(dir, 'a.json')).equals(readFileSync(join(dir, 'b.json'))));
  for (const [args, msg] of [
    [['--count', '0'], '--count: must be an integer'],
    [['--count', '-5'], '--count: must be an integer'],
    [['--count', 'lots'], '--count: must be an integer'],
    [['--rule', 'fast'], '--rule: must be one of equal-slip, literal'],
    [['--seed', '1.5'], '--seed: must be an integer'],
  ] as const) {
    const r = cli('data', ...args, '--out', join(dir, 'x.json'));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(msg), r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  }
  const missing = cli('data', '--count', '3');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--out/);
});
