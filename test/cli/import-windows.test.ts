import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-import-windows-'));
const sepiolite = 'data/lab/velstep3_TR2_exp013_sepiolite.txt';

test('import --window cuts the sepiolite record at its own rate and scale, and says so', () => {
  const out = join(dir, 'w.json');
  const r = cli('import', sepiolite, '--window', '200', '--stride', '100', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  const ds = JSON.parse(readFileSync(out, 'utf8'));
  // 2,233 s of rows at 0.136 s: windows of 199 × 0.136 = 27.06 s, one every 100 s → starts 0..2200
  const dt = 0.136;
  const span = 22327.307 - 20086.207; // the record's last and first times
  assert.ok(Math.abs(ds.sequences.length - (Math.floor((span - 199 * dt) / 100) + 1)) <= 1, `${ds.sequences.length} windows`);
  assert.equal(s.window.windows, ds.sequences.length);
  assert.equal(s.samples, 200);
  assert.equal(ds.config.samples, 200);
  assert.equal(ds.sequences[0].Targets.length, 200);
  assert.deepEqual(s.scale.from, { vCh: 'record', dmuCh: 'record' });
  // the record's fastest load-point velocity is 2 µm/s (within its fitted steps' accuracy)
  assert.ok(Math.abs(ds.config.vCh - 2e-6) < 0.1e-6, `vCh ${ds.config.vCh}`);
  assert.equal(s.scale.vCh, ds.config.vCh);
  assert.ok(ds.config.dmuCh > 0.001 && ds.config.dmuCh < 0.05, `dmuCh ${ds.config.dmuCh}`);
  assert.match(ds.sequences[1].protocol.source, /velstep3_TR2_exp013_sepiolite\.txt@100s$/);
  // a given scale wins
  const given = cli('import', sepiolite, '--window', '200', '--stride', '500', '--vch', '1e-5', '--out', join(dir, 'g.json'));
  assert.equal(given.code, 0, given.stderr);
  assert.deepEqual(JSON.parse(given.stdout).scale.from, { vCh: 'given', dmuCh: 'record' });
  assert.equal(JSON.parse(given.stdout).scale.vCh, 1e-5);
});

test('bad window flags get one line naming the flag, exit 2, and no file', () => {
  const cases: [string[], string][] = [
    [['--window', '20000'], '--window: 20000 samples every 0.136 s span'],
    [['--window', '10', '--every', '0.01'], '--every: is 0.01 s, below the sample interval'],
    [['--every', '1'], '--every: applies to windows'],
    [['--window', '10', '--samples', '50'], '--samples: resamples a record whole'],
    [['--window', '1'], '--window'],
    [['--window', '10', '--stride', '0'], '--stride'],
  ];
  for (const [flags, words] of cases) {
    const r = cli('import', sepiolite, ...flags, '--out', join(dir, 'bad.json'));
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].includes(words), `${lines[0]} should include ${words}`);
  }
});

test('windows of 37 samples train, evaluate and predict end to end; predict gives μ with the record scale', () => {
  const data = join(dir, 'w37.json');
  const imported = cli('import', sepiolite, '--window', '37', '--stride', '50', '--out', data);
  assert.equal(imported.code, 0, imported.stderr);
  const run = join(dir, 'run37');
  const trained = cli(
    'train',
    'graphs/stage-me.json',
    '--data',
    data,
    '--epochs',
    '1',
    '--batch',
    '8',
    '--seed',
    '1',
    '--backend',
    'cpu',
    '--out',
    run,
  );
  assert.equal(trained.code, 0, trained.stderr);
  const ev = cli('evaluate', run, '--backend', 'cpu');
  assert.equal(ev.code, 0, ev.stderr);
  const pred = join(dir, 'pred37.json');
  const predicted = cli('predict', run, '--out', pred, '--backend', 'cpu');
  assert.equal(predicted.code, 0, predicted.stderr);
  const ds = JSON.parse(readFileSync(data, 'utf8'));
  const p = JSON.parse(readFileSync(pred, 'utf8'));
  const said = JSON.parse(predicted.stdout).mu;
  assert.equal(said.dmuCh, ds.config.dmuCh);
  assert.match(said.units, /friction coefficient/);
  assert.notEqual(ds.config.dmuCh, 0.01, 'the record scale, not the paper default');
  assert.equal(p.samples, 37);
  // μ(0) is the mean of each window's first 5 rows read from the record (its rows every 0.136 s
  // fall on the samples to within rounding)
  const rows = readFileSync(sepiolite, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t').map(Number));
  const t0 = rows[0][0];
  p.sequences.forEach((s: { muStart: number; mu: number[]; normalized: number[] }, i: number) => {
    assert.equal(s.mu.length, 37);
    s.mu.forEach((m, j) => assert.ok(Math.abs(m - (s.muStart + ds.config.dmuCh * s.normalized[j])) < 1e-12));
    const first = rows.findIndex((r) => r[0] - t0 >= 50 * i - 1e-9);
    const near = rows.slice(first, first + 5).reduce((a, r) => a + r[2], 0) / 5;
    assert.ok(Math.abs(s.muStart - near) < 2e-3, `window ${i}: muStart ${s.muStart} vs the mean of its first rows ${near}`);
  });
});
