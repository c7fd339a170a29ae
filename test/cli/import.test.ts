import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
