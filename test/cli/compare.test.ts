import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import compareSchema from '../../schema/compare.schema.json' with { type: 'json' };
import { detected } from '../../src/physics/lab/detected';
import { readRecord } from '../../src/runs/labRecord';
import { schemaValidator } from '../../src/util/ajv';
import { cli, smallRun } from '../support/cli';
import { rotaryRecordText, rotaryTruth } from '../support/rotaryRecord';

const dir = mkdtempSync(join(tmpdir(), 'sg-compare-'));
const rotary = 'test/fixtures/lab-rotary/rotary-shear.csv';
const valid = schemaValidator(compareSchema);

// The fit of the rotary fixture, written with the law it was made from: the truth, at the steps
// import finds in it (compare refuses a fit whose steps are not the record's).
const fitFile = join(dir, 'fit.json');
writeFileSync(
  fitFile,
  JSON.stringify({
    format: 'slidegraph/fit',
    version: 2,
    law: 'aging',
    states: 1,
    params: rotaryTruth.law,
    stderr: { a: 0, b: 0, dc: 0, k: 0, mu0: 0, trend: 0 },
    rms: rotaryTruth.muNoise,
    noise: rotaryTruth.muNoise,
    samples: 2401,
    steps: detected(readRecord(rotary, {})[0]).steps,
    // the scale fields are the fit's record's; compare scores on the run's own scale, so any valid pair does
    record: { v0: rotaryTruth.v0, duration: rotaryTruth.duration, sampleRate: rotaryTruth.rate, vCh: 3e-5, dmuCh: 0.01 },
    correlation: { a_b: 0, a_dc: 0, b_dc: 0 },
  }),
);

// A small finished run (fig. 6 on 40 generated sequences, one epoch): what it predicts does not
// matter here, only that compare loads and scores it.
const run = join(dir, 'run');
const trained = cli('train', 'graphs/fig6-global.json', ...smallRun(1), '--out', run);
assert.equal(trained.code, 0, trained.stderr);

test('the rotary fixture is byte for byte what test/support/rotaryRecord.ts writes (its README says how)', () => {
  assert.equal(readFileSync(rotary, 'utf8'), rotaryRecordText());
});

/** One line on stderr, naming what is wrong, exit 2, and no report written. */
function refused(args: string[], pattern: RegExp, out?: string) {
  const r = cli('compare', ...args, ...(out ? ['--out', out] : []));
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
  if (out) assert.ok(!existsSync(join(out, 'report.html')), 'no report');
}

test('bad input gets one line and exit 2: a record without steps, a fit failing its schema, a fit of another record', () => {
  const flat = join(dir, 'flat.csv');
  writeFileSync(flat, `t,V,mu\n${Array.from({ length: 20 }, (_, i) => `${i},1e-6,0.6`).join('\n')}\n`);
  refused([flat, '--fit', fitFile, '--run', run], /flat\.csv: record: .*no velocity step/, join(dir, 'r1'));
  const badFit = join(dir, 'bad-fit.json');
  const fit = JSON.parse(readFileSync(fitFile, 'utf8'));
  writeFileSync(badFit, JSON.stringify({ ...fit, params: { ...fit.params, dc: -1 } }));
  refused([rotary, '--fit', badFit, '--run', run], /bad-fit\.json: params\.dc: must be >= 0/, join(dir, 'r2'));
  const newer = join(dir, 'newer-fit.json');
  writeFileSync(newer, JSON.stringify({ ...fit, version: 9 }));
  refused([rotary, '--fit', newer, '--run', run], /newer-fit\.json: version: is 9/);
  refused([rotary, '--fit', join(dir, 'missing.json'), '--run', run], /missing\.json/);
  const other = join(dir, 'other-fit.json');
  writeFileSync(other, JSON.stringify({ ...fit, steps: fit.steps.slice(1) }));
  refused([rotary, '--fit', other, '--run', run], /other-fit\.json: steps: .*another record/);
});

test('bad input gets one line and exit 2: a run without a model, a folder that is no run, windows of another length', () => {
  const unfinished = join(dir, 'unfinished');
  cpSync(run, unfinished, { recursive: true });
  rmSync(join(unfinished, 'weights.json'));
  refused([rotary, '--fit', fitFile, '--run', unfinished], /unfinished has no weights\.json/, join(dir, 'r3'));
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  refused([rotary, '--fit', fitFile, '--run', empty], /empty is not a run folder/);
  refused([rotary, '--fit', fitFile, '--run', run, '--window', '37'], /--window: is 37, but .* sequences of 100 samples/);
  // the paper's data is sampled every 0.013/99 s: windows that close cannot be read off a 10 Hz record
  refused([rotary, '--fit', fitFile, '--run', run], /--every: the run's samples are 0\.000131313 s apart .* give --every S/);
  refused([rotary, '--fit', fitFile, '--run', run, '--every', '3'], /--window: 100 samples every 3 s span 297 s, longer than/);
});

test('compare on the rotary record: the numbers under their schema, the law near the noise, constant μ at 100 %, a report', () => {
  const out = join(dir, 'report');
  const r = cli('compare', rotary, '--fit', fitFile, '--run', run, '--every', '0.1', '--windows', 'all', '--json', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.equal(valid(c), undefined, JSON.stringify(valid(c)));
  assert.equal(c.windows.choice, 'all');
  assert.equal(c.windows.samples, 100);
  // windows of 9.9 s, one every 10 s, in 240 s: floor((240 − 9.9) / 10) + 1
  assert.equal(c.windows.total, 24);
  assert.equal(c.windows.count, 24);
  assert.deepEqual(
    c.perWindow.map((w: { start: number }) => w.start),
    Array.from({ length: 24 }, (_, i) => 10 * i),
  );
  assert.match(c.windows.heldOut, /never saw this record.*no window is held out/);
  // constant μ: exactly 100 % on every window that moves (0 ≠ target)
  assert.equal(c.constant.eq15.mean, 100);
  // the true law: before the first step it does not move from the start it is given, exactly as
  // constant μ; after, it is within the noise; where a step falls in a window, it follows the step (its residual is then the
  // noise plus the detected step time's offset of up to a row) and constant μ does not
  type W = { start: number; law: { rms: number; eq15: number }; constant: { rms: number } };
  const stepped = (w: W) => rotaryTruth.steps.some((s) => s.time >= w.start && s.time <= w.start + 9.9);
  for (const w of c.perWindow as W[]) {
    if (stepped(w)) assert.ok(w.law.eq15 < 70 && w.law.rms < w.constant.rms / 1.5, JSON.stringify(w));
    else if (w.start + 9.9 < rotaryTruth.steps[0].time) assert.ok(Math.abs(w.law.rms - w.constant.rms) < 1e-9, JSON.stringify(w));
    else assert.ok(w.law.rms < 2 * rotaryTruth.muNoise, JSON.stringify(w));
  }
  assert.equal((c.perWindow as W[]).filter(stepped).length, 3);
  // the same three, apart: windows 6, 12 and 18 (the steps at 60, 120 and 180 s, each in the window from there)
  assert.deepEqual(c.withSteps.indices, [6, 12, 18]);
  assert.equal(c.withSteps.constant.eq15.mean, 100);
  assert.ok(c.withSteps.law.eq15.mean < 70, String(c.withSteps.law.eq15.mean));
  assert.ok(c.law.rms < 3 * rotaryTruth.muNoise && c.law.rms < c.constant.rms / 2, `law rms ${c.law.rms}`);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('<svg') && !html.includes('<script') && !/https?:\/\/(?!www\.w3\.org)/.test(html), 'self-contained');
  assert.match(html, /no window is held out/);
});

test('a net trained on windows of this record is scored on the others only: --windows auto is unseen, the windows of its test split', () => {
  const data = join(dir, 'windows.json');
  const imported = cli('import', rotary, '--window', '100', '--every', '0.1', '--out', data);
  assert.equal(imported.code, 0, imported.stderr);
  const own = join(dir, 'own-run');
  const t = cli('train', 'graphs/fig6-global.json', '--data', data, '--epochs', '1', '--batch', '8', '--out', own);
  assert.equal(t.code, 0, t.stderr);
  const test = JSON.parse(readFileSync(data, 'utf8')).sequences.flatMap((s: { split: string }, i: number) =>
    s.split === 'test' ? [i] : [],
  );
  assert.ok(test.length > 0 && test.length < 24, String(test));
  const r = cli('compare', rotary, '--fit', fitFile, '--run', own, '--json');
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.equal(c.windows.choice, 'unseen');
  assert.deepEqual(
    c.perWindow.map((w: { index: number }) => w.index),
    test,
  );
  assert.match(c.windows.heldOut, /share no instant with the 19 stretch/);
  const all = JSON.parse(cli('compare', rotary, '--fit', fitFile, '--run', own, '--windows', 'all', '--json').stdout);
  assert.equal(all.windows.count, 24);
  assert.match(all.windows.heldOut, /19 of them overlap .* NOT held out/);
});
