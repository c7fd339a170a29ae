import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-from-fit-'));
const fitFile = 'test/fixtures/fits/sepiolite.fit.json';
const fit = JSON.parse(readFileSync(fitFile, 'utf8'));
const small = ['--count', '3', '--duration', '60'];

test('the same seed gives the same sha256, another seed another; the summary says what the input is', () => {
  const run = (seed: string, out: string) => {
    const r = cli('data', '--from-fit', fitFile, ...small, '--seed', seed, '--out', join(dir, out));
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const a = run('4', 'a.json');
  const b = run('4', 'b.json');
  const c = run('5', 'c.json');
  assert.equal(a.sha256, b.sha256);
  assert.notEqual(a.sha256, c.sha256);
  assert.equal(a.system, 'spring-slider');
  assert.equal(a.k, fit.params.k);
  assert.equal(a.input, 'load-point velocity');
  const saved = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
  assert.equal(saved.config.fromFit.input, 'load-point velocity');
  // 60 s at the record's 7.3529 Hz
  assert.equal(saved.config.samples, Math.round(60 * 7.3529) + 1);
  assert.equal(saved.sequences[0].Targets.length, saved.config.samples);
});

/** A copy of the fit with one change, written where the test can name it. */
function variant(name: string, change: (f: Record<string, unknown>) => unknown): string {
  const f = structuredClone(fit);
  const file = join(dir, name);
  writeFileSync(file, typeof change(f) === 'string' ? (change(f) as string) : JSON.stringify(f));
  return file;
}

test('a bad FIT.json or a flag the fit decides gets one line naming the file and field, exit 2, and no output file', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing', [join(dir, 'nope.json')], /nope\.json: file: no such file/],
    ['malformed', [variant('malformed.json', () => '{"format": "slidegraph/fit", ')], /malformed\.json: file: is not valid JSON/],
    [
      'version 1',
      [
        variant('v1.json', (f) => {
          f.version = 1;
          delete f.record;
        }),
      ],
      /v1\.json: version: is 1, .*slidegraph fit RECORD --out DIR/,
    ],
    ['version 3', [variant('v3.json', (f) => void (f.version = 3))], /v3\.json: version: is 3, written by a newer Slidegraph/],
    ['no format', [variant('bare.json', (f) => void delete f.format)], /bare\.json: (format|version)/],
    [
      'NaN a',
      [variant('nan.json', () => JSON.stringify(fit).replace('"a":0.01619', '"a":"NaN"'))],
      /nan\.json: params\.a: must be a number/,
    ],
    ['infinite dc', [variant('inf.json', () => JSON.stringify(fit).replace('"dc":0.0001613', '"dc":1e999'))], /inf\.json: params\.dc/],
    ['no record', [variant('norecord.json', (f) => void delete f.record)], /norecord\.json: record: is missing/],
    [
      'zero rate',
      [variant('rate.json', (f) => void ((f.record as { sampleRate: number }).sampleRate = 0))],
      /rate\.json: record\.sampleRate/,
    ],
    ['soft spring', [variant('soft.json', (f) => void ((f.params as { b: number }).b = 0.5))], /soft\.json: params\.k: must exceed/],
    ['a flag the fit decides', [fitFile, '--a', '0.01'], /--a: is set by the fit in .*sepiolite\.fit\.json/],
    ['samples', [fitFile, '--samples', '100'], /--samples: is set by the fit/],
    ['reversed range', [fitFile, '--velocities', '2e-6,1e-7'], /--velocities: MIN must not exceed MAX/],
    ['one velocity', [fitFile, '--velocities', '1e-6'], /--velocities: must be MIN,MAX/],
  ];
  for (const [what, args, line] of cases) {
    const out = join(dir, `never-${what.replace(/ /g, '-')}.json`);
    const r = cli('data', '--from-fit', ...args, ...small, '--out', out);
    assert.equal(r.code, 2, `${what}: ${r.stderr}`);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, line, what);
    assert.equal(r.stdout, '', what);
    assert.equal(existsSync(out), false, `${what}: ${out} was left`);
  }
  const alone = cli('data', '--velocities', '1e-7,1e-5', ...small, '--out', join(dir, 'never-alone.json'));
  assert.equal(alone.code, 2, alone.stderr);
  assert.match(alone.stderr, /--velocities: .*give --from-fit FIT\.json too/);
});

test('--velocities widens the drawn range beyond the record and Vch follows its top', () => {
  const out = join(dir, 'wide.json');
  const r = cli('data', '--from-fit', fitFile, ...small, '--velocities', '1e-8,1e-5', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const saved = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual([saved.config.fromFit.vMin, saved.config.fromFit.vMax, saved.config.vCh], [1e-8, 1e-5, 1e-5]);
  for (const s of saved.sequences) for (const v of s.protocol.velocities) assert.ok(v === 0 || (v >= 1e-8 && v <= 1e-5), `velocity ${v}`);
});
