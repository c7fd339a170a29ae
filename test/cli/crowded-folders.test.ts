// Commands that write many files into a folder never overwrite what they did not make: a folder
// that is not empty is refused with one line (exit 2) unless it holds the command's own files
// from the same settings (docs/reliability.md).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { cliWith, oneLine } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-crowded-'));
const cli = (...args: string[]) => cliWith({}, ...args);
const mine = 't,V,mu\n0,1,0.6\n';

/** A folder holding the user's own files, by name. */
function folderWith(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

test("data --csv into a folder holding the user's 00000.csv refuses and leaves it as it was", () => {
  const dir = folderWith('user-csv', { '00000.csv': mine });
  const r = cli('data', '--count', '3', '--seed', '1', '--csv', dir);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(r.stderr, /--csv: .* already holds files that data --csv did not write \(00000\.csv\); choose an empty or new folder/);
  assert.equal(readFileSync(join(dir, '00000.csv'), 'utf8'), mine);
  assert.deepEqual(readdirSync(dir), ['00000.csv']);
});

test('data --csv writes its own folder again with the same settings, and refuses other settings or a stray file', () => {
  const dir = join(tmp, 'own');
  const first = cli('data', '--count', '3', '--seed', '1', '--csv', dir);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['.slidegraph-csv.json', '00000.csv', '00001.csv', '00002.csv']);
  const before = readFileSync(join(dir, '00001.csv'), 'utf8');

  const again = cli('data', '--count', '3', '--seed', '1', '--csv', dir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(dir, '00001.csv'), 'utf8'), before);

  const other = cli('data', '--count', '3', '--seed', '2', '--csv', dir);
  assert.equal(other.code, 2);
  assert.ok(oneLine(other.stderr), other.stderr);
  assert.match(other.stderr, /holds CSVs of other data settings \(seed differ\)/);
  assert.equal(readFileSync(join(dir, '00001.csv'), 'utf8'), before);

  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const stray = cli('data', '--count', '3', '--seed', '1', '--csv', dir);
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /holds files that data --csv did not write \(notes\.txt\)/);
});

test("sweep and reproduce refuse a folder holding the user's files, or a sweep.json that is not theirs", () => {
  const sweepFile = join(tmp, 'beta.json');
  const sweep = {
    format: 'slidegraph/sweep',
    version: 1,
    graph: relative(tmp, resolve('graphs/fig6-global.json')),
    set: { 'beta.factor': [0.05] },
    run: { data: { count: 40 }, training: { epochs: 1 } },
  };
  writeFileSync(sweepFile, JSON.stringify(sweep));
  const report = '<p>my report</p>';
  const dir = folderWith('user-sweep', { 'report.html': report });
  const r = cli('sweep', sweepFile, '--out', dir, '--backend', 'cpu');
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(r.stderr, /--out: .* already holds files that sweep did not write \(report\.html\)/);
  assert.deepEqual(readdirSync(dir), ['report.html']);
  assert.equal(readFileSync(join(dir, 'report.html'), 'utf8'), report);

  const named = folderWith('user-sweep-json', { 'sweep.json': '{"mine": true}' });
  const n = cli('sweep', sweepFile, '--out', named, '--backend', 'cpu');
  assert.equal(n.code, 2);
  assert.ok(oneLine(n.stderr), n.stderr);
  assert.equal(readFileSync(join(named, 'sweep.json'), 'utf8'), '{"mine": true}');

  const repro = folderWith('user-repro', { 'notes.txt': 'mine' });
  const p = cli('reproduce', '--count', '40', '--epochs', '1', '--backend', 'cpu', '--out', repro);
  assert.equal(p.code, 2);
  assert.ok(oneLine(p.stderr), p.stderr);
  assert.match(p.stderr, /already holds files that reproduce did not write \(notes\.txt\)/);
  assert.deepEqual(readdirSync(repro), ['notes.txt']);
});
