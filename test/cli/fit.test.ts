import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fitSchema from '../../schema/fit.schema.json' with { type: 'json' };
import { schemaValidator } from '../../src/util/ajv';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-fit-'));
const record = 'data/lab/velstep3_TR2_exp013_sepiolite.txt';
const valid = schemaValidator(fitSchema);

test('the real sepiolite record fits within 1.3× its noise level, with the values docs/lab.md gives', () => {
  const out = join(dir, 'report');
  const r = cli('fit', record, '--json', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const f = JSON.parse(r.stdout);
  assert.equal(valid(f), undefined, JSON.stringify(valid(f)));
  assert.deepEqual(Object.keys(f), [
    'format',
    'version',
    'law',
    'states',
    'params',
    'stderr',
    'rms',
    'noise',
    'samples',
    'steps',
    'record',
    'correlation',
  ]);
  assert.equal(f.samples, 16466);
  // 16,466 rows over 2,233 s from 0.2 µm/s, at the median spacing of 0.136 s (docs/lab.md)
  assert.ok(Math.abs(f.record.v0 - 2e-7) < 2e-10, `v0 = ${f.record.v0}`);
  assert.ok(Math.abs(f.record.duration - 2233) < 1, `duration = ${f.record.duration}`);
  assert.ok(Math.abs(f.record.sampleRate - 7.3529) < 1e-3, `sampleRate = ${f.record.sampleRate}`);
  assert.equal(f.steps.length, 1);
  assert.ok(f.rms <= 1.3 * f.noise, `rms ${f.rms} vs noise ${f.noise}`);
  const p = f.params;
  // a sheared phyllosilicate gouge: strongly velocity strengthening, a of order 0.01
  assert.ok(p.a > 0.005 && p.a < 0.03, `a = ${p.a}`);
  assert.ok(p.a - p.b > 0.01 && p.a - p.b < 0.04, `a − b = ${p.a - p.b}`);
  assert.ok(p.dc > 1e-6 && p.dc < 1e-3, `Dc = ${p.dc} m`);
  assert.ok(p.k > 100 && p.k < 1e5, `k = ${p.k} per m`);
  assert.ok(Math.abs(p.mu0 - 0.455) < 0.005, `mu0 = ${p.mu0}`);
  for (const k of ['a', 'b', 'dc', 'k']) assert.ok(f.stderr[k] > 0 && f.stderr[k] < 0.2 * Math.abs(p[k]), `se(${k}) = ${f.stderr[k]}`);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('<svg') && !html.includes('<script'), 'a self-contained page with figures');
  const saved = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
  assert.equal(saved.format, 'slidegraph/fit');
  assert.equal(valid(saved), undefined);
  // the chain goes on: records of the fitted machine, from the file fit wrote
  const data = cli('data', '--from-fit', join(out, 'fit.json'), '--count', '2', '--duration', '30', '--out', join(dir, 'fitted.json'));
  assert.equal(data.code, 0, data.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'fitted.json'), 'utf8')).config.k, f.params.k);
});

test('a record without a step and a bad flag are refused with one line and exit 2', () => {
  const flat = join(dir, 'flat.csv');
  let s = 'Time(s),V [um/s],Friction\n';
  for (let i = 0; i < 30; i++) s += `${i},1,0.6\n`;
  writeFileSync(flat, s);
  for (const [args, part] of [
    [[flat], 'has no velocity step'],
    [[flat, '--states', '3'], '--states'],
    [[flat, '--k', '-5'], '--k'],
    [[join(dir, 'nope.csv')], 'no such file'],
  ] as [string[], string][]) {
    const r = cli('fit', ...args);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(part), r.stderr);
  }
  assert.equal(existsSync(join(dir, 'never')), false);
});

test('a fit that does not converge within --max-iterations exits 3 with one line; a record with no step still exits 2', () => {
  // a velocity step ×10 at t = 100 s with a rate-and-state-like response (a direct jump that decays)
  const stepped = join(dir, 'stepped.csv');
  let s = 'Time(s),V [um/s],Friction\n';
  for (let i = 0; i < 200; i++) {
    const after = i >= 100;
    const dt = i - 100;
    const mu = after ? 0.6 + 0.01 * Math.log(10) * Math.exp(-dt / 8) + 0.003 * Math.log(10) * (1 - Math.exp(-dt / 8)) : 0.6;
    s += `${i},${after ? 10 : 1},${mu.toFixed(6)}\n`;
  }
  writeFileSync(stepped, s);
  const r = cli('fit', stepped, '--max-iterations', '1');
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.ok(r.stderr.includes('did not converge'), r.stderr);
  assert.equal(r.stdout, '');
  const flat = join(dir, 'flat2.csv');
  writeFileSync(flat, `Time(s),V [um/s],Friction\n${Array.from({ length: 30 }, (_, i) => `${i},1,0.6\n`).join('')}`);
  const noStep = cli('fit', flat, '--max-iterations', '1');
  assert.equal(noStep.code, 2, noStep.stderr);
  assert.equal(noStep.stderr.trimEnd().split('\n').length, 1, noStep.stderr);
  assert.ok(noStep.stderr.includes('has no velocity step'), noStep.stderr);
  const bad = cli('fit', stepped, '--max-iterations', '0');
  assert.equal(bad.code, 2, bad.stderr);
  assert.ok(bad.stderr.includes('--max-iterations'), bad.stderr);
});
