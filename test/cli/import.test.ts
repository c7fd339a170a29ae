import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fieldNames } from '../../src/physics/fieldTable';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-import-'));

function oneLine(r: ReturnType<typeof cli>, ...parts: string[]) {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  for (const p of parts) assert.ok(lines[0].includes(p), `${lines[0]} should include ${p}`);
}

test('data --csv, then import: exactly the same fields, except where two jumps share a sample interval', () => {
  const csv = join(dir, 'csv');
  const made = cli('data', '--count', '60', '--seed', '5', '--out', join(dir, 'made.json'), '--csv', csv);
  assert.equal(made.code, 0, made.stderr);
  // Beside the CSVs, the folder's manifest (.slidegraph-csv.json: what data --csv wrote there).
  const files = readdirSync(csv)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  assert.deepEqual(
    readdirSync(csv).filter((f) => !f.endsWith('.csv')),
    ['.slidegraph-csv.json'],
  );
  assert.deepEqual(files.slice(0, 3), ['00000.csv', '00001.csv', '00002.csv']);
  assert.equal(files.length, 60);
  assert.equal(readFileSync(join(csv, '00000.csv'), 'utf8').split('\n')[0], 't,V,mu');
  const r = cli('import', ...files.map((f) => join(csv, f)), '--out', join(dir, 'back.json'), '--seed', '5');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).count, 60);
  const a = JSON.parse(readFileSync(join(dir, 'made.json'), 'utf8'));
  const b = JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8'));
  assert.equal(b.format, 'slidegraph/dataset');
  let exceptions = 0;
  a.sequences.forEach((s: Record<string, number[] | number>, i: number) => {
    const back = b.sequences[i];
    assert.equal(back.split, s.split, `sequence ${i}: same seed, same split`);
    const nj = (s.protocol as unknown as { jumpTimes: number[] }).jumpTimes.length;
    const before = (s.PosBeforeJ as number[]).slice(0, nj);
    const shared = new Set(before).size < nj;
    // MeanV needs the slip inside each sample interval, which t, V, mu at the samples do not carry
    // (the information floor, docs/data.md): the import's step-function slip gives another MeanV
    // LogVRatio: the CSV's V is Features × Vch, an ulp away from the protocol's velocities
    const close = (f: string) =>
      f === 'LogVRatio' ? (v: number, w: number) => Math.abs(v - w) <= 1e-12 : (v: number, w: number) => v === w;
    const same = fieldNames
      .filter((f) => f !== 'MeanV')
      .every((f) => {
        const x = [s[f]].flat();
        const y = [back[f]].flat();
        return x.length === y.length && x.every((v, j) => close(f)(v, y[j]));
      });
    assert.equal(
      same,
      !shared,
      `sequence ${i}: fields ${same ? 'equal' : 'differ'}, jumps ${before} ${shared ? 'share' : 'do not share'} an interval`,
    );
    if (shared) exceptions++;
  });
  assert.ok(exceptions < 10, `${exceptions} of 60 sequences have two jumps in one sample interval`);
});

test('an unreadable CSV gets one line naming the file, the row and the column; nothing is written', () => {
  const out = join(dir, 'never.json');
  const good = join(dir, 'csv', '00000.csv');
  oneLine(
    cli('import', good, 'test/fixtures/bad-csv/not-a-number.csv', '--out', out),
    'test/fixtures/bad-csv/not-a-number.csv',
    'row 3, column mu',
  );
  assert.equal(existsSync(out), false);
  oneLine(cli('import', join(dir, 'nope.csv'), '--out', out), 'nope.csv', 'no such file');
  oneLine(cli('import', good, '--out', out, '--samples', '1'), '--samples');
  oneLine(cli('data', '--count', '3'), '--out', '--csv');
});

test('the real lab record imports as written: one step, its sample rate and the noise of mu in the summary', () => {
  const out = join(dir, 'lab.json');
  const r = cli('import', 'data/lab/velstep3_TR2_exp013_sepiolite.txt', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.detected.steps, 1);
  assert.equal(s.detected.holds, 0);
  assert.ok(Math.abs(s.detected.sampleRate - 7.353) < 0.01);
  assert.ok(Math.abs(s.detected.records[0].steps[0].velocity - 2e-6) < 2e-8);
  assert.ok(s.detected.muNoise > 1e-4 && s.detected.muNoise < 1e-3);
});

test('one step, and a hold written as V = 0, import into values that train can read (no nulls)', () => {
  const one = join(dir, 'one-step.csv');
  const hold = join(dir, 'hold.csv');
  let a = 't,Vlp,mu\n';
  let b = 'Time(s);V [um/s];Friction\n';
  for (let i = 0; i < 50; i++) {
    a += `${i},${i < 20 ? 1e-6 : 1e-5},${0.6 + (i < 20 ? 0 : 0.01)}\n`;
    b += `${i};${i < 10 || i >= 30 ? 1 : 0};0,6\n`;
  }
  writeFileSync(one, a);
  writeFileSync(hold, b);
  const out = join(dir, 'steps.json');
  const r = cli('import', one, hold, '--out', out, '--samples', '50');
  assert.equal(r.code, 0, r.stderr);
  const ds = JSON.parse(readFileSync(out, 'utf8'));
  for (const { protocol: _, ...fields } of ds.sequences) assert.equal(JSON.stringify(fields).includes('null'), false);
  assert.deepEqual(
    ds.sequences.map((s: { protocol: { jumpTimes: number[]; hold: number | null } }) => [s.protocol.jumpTimes, s.protocol.hold]),
    [
      [[20], null],
      [[10, 30], 1],
    ],
  );
  assert.deepEqual(ds.sequences[1].LogVRatio.slice(0, 2), [0, 0], 'a jump to or from rest has no finite log ratio');
  assert.ok(Math.abs(ds.sequences[0].LogVRatio[0] - Math.log(10)) < 1e-12);
});

test('--sep and --columns reach the reader; a bad --columns is one line and exit 2', () => {
  const f = join(dir, 'odd.txt');
  let s = 'clock [ms];speed [um/s];mu\n';
  for (let i = 0; i < 20; i++) s += `${i * 100};${i < 10 ? 1 : 10};0,6\n`;
  writeFileSync(f, s);
  const out = join(dir, 'odd.json');
  const r = cli('import', f, '--sep', 'semicolon', '--columns', 'time=clock [ms],velocity=speed [um/s]', '--out', out, '--samples', '20');
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(r.stdout).detected.records[0];
  assert.deepEqual(rec.steps, [{ time: 1, velocity: 1e-5 }]);
  oneLine(cli('import', f, '--columns', 'speed=clock', '--out', out), '--columns', 'ROLE=COLUMN');
  oneLine(cli('import', f, '--sep', 'pipe', '--out', out), '--sep');
});
