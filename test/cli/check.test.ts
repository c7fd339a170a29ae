import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cli } from '../support/cli';

const dir = 'test/fixtures/bad-graphs';
const expected: Record<string, { code: string; mentions: string[] }> = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .sort();

test('check passes on every graph in graphs/', () => {
  const files = readdirSync('graphs')
    .filter((f) => f.endsWith('.json'))
    .map((f) => `graphs/${f}`);
  const r = cli('check', '--json', ...files);
  assert.equal(r.code, 0, r.stderr);
  const reports = JSON.parse(r.stdout) as { file: string; losses: string[]; loss: string; trainableParameters: number }[];
  assert.deepEqual(
    reports.map((x) => x.file),
    files,
  );
  const global = reports.find((x) => x.file.endsWith('fig6-global.json'))!;
  assert.deepEqual(global.losses, ['ME', 'ICs', 'DE', 'H']);
  // GRU 32 on the one feature V/Vch: 3·(1·32 + 32·32 + 32) weights, then Linear 32 → 1.
  assert.equal(global.trainableParameters, 3 * (1 * 32 + 32 * 32 + 32) + 33);
  // Every shipped graph with Loss blocks trains with the fused loss network; the others say why not.
  for (const x of reports) assert.equal(x.loss, x.losses.length ? 'fused' : 'reference (the graph has no Loss block)', x.file);
});

test('check says how the loss part will run: fused, or the reference and why', () => {
  const r = cli('check', 'graphs/fig6-global.json', 'graphs/fig2-main.json');
  assert.equal(r.code, 0, r.stderr);
  const lossLines = r.stdout.split('\n').filter((l) => l.startsWith('  loss: '));
  assert.deepEqual(lossLines, ['  loss: fused', '  loss: reference (the graph has no Loss block)']);
});

test('every file of the bad-input corpus has an expectation, and the other way round', () => {
  assert.deepEqual(Object.keys(expected).sort(), corpus);
});

test('check refuses every corpus file: exit 2, one line each naming the file and the node or field, no stack', () => {
  const r = cli('check', ...corpus.map((f) => `${dir}/${f}`));
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, corpus.length, r.stderr);
  corpus.forEach((file, i) => {
    const line = lines[i];
    assert.ok(line.startsWith(`slidegraph: ${dir}/${file}`), line);
    for (const m of expected[file].mentions) assert.ok(line.includes(m), `${file}: "${m}" missing from: ${line}`);
    assert.doesNotMatch(line, /\n|\s+at .*\(.*:\d+:\d+\)|internal error/);
  });
});

test('a good and a bad file together: the good one is reported, the exit code is still 2', () => {
  const r = cli('check', 'graphs/fig2-main.json', `${dir}/cycle.json`);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /fig2-main\.json: ok/);
  assert.match(r.stderr, /^slidegraph: test\/fixtures\/bad-graphs\/cycle\.json: node 'a': is part of a cycle: a → b → c → a\n$/);
});

test('a graph saved away from its sub-graphs finds them among the shipped graphs', async () => {
  const { copyFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const saved = `${mkdtempSync(`${tmpdir()}/sg-saved-`)}/my-fig6.json`;
  copyFileSync('graphs/fig6-global.json', saved);
  const r = cli('check', '--json', saved);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout)[0].losses, ['ME', 'ICs', 'DE', 'H']);
});
