import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

/**
 * Issue 25: a refusal leaves nothing. `train` refused for no Loss block, no Predictions output,
 * no test sequences or a schedule whose min is above the rate exited 2 but left a run folder,
 * which then blocked both --out and --resume. Every such check now runs before the folder exists.
 */
const at = mkdtempSync(join(tmpdir(), 'sg-refusals-'));
const stage = JSON.parse(readFileSync('graphs/stage-me.json', 'utf8'));
// the edited copies name the shipped sub-graphs by absolute path
const main = resolve('graphs/fig2-main.json');
function variant(name: string, edit: (doc: typeof stage) => void): string {
  const doc = structuredClone(stage);
  for (const n of doc.nodes) if (n.type === 'Subgraph') n.params.graph = main;
  edit(doc);
  const file = join(at, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
const withoutLoss = variant('no-loss', (d) => {
  d.nodes = d.nodes.filter((n: { type: string }) => n.type !== 'Loss');
  d.connections = d.connections.filter((c: { to?: { node: string }; target?: string }) => JSON.stringify(c).indexOf('lossME') < 0);
});
const withoutPredictions = variant('no-predictions', (d) => {
  for (const n of d.nodes) if (n.type === 'Output') n.params.name = 'Other';
});

const cases: { name: string; args: string[]; why: RegExp }[] = [
  { name: 'no Loss block', args: [withoutLoss, '--count', '40'], why: /has no Loss block/ },
  { name: 'no Predictions output', args: [withoutPredictions, '--count', '40'], why: /has no Output named 'Predictions'/ },
  { name: 'no test sequences', args: ['graphs/stage-me.json', '--count', '2'], why: /has no (test|training) sequences/ },
  {
    name: 'a schedule whose min is above the rate',
    args: ['graphs/stage-me.json', '--count', '40', '--set', 'run.training.schedule={"type":"cosine","min":0.5}'],
    why: /schedule\.min: must be a number in \[0, learningRate = 0\.001\]/,
  },
];

for (const c of cases)
  test(`train refused for ${c.name} leaves no run folder`, () => {
    const out = join(at, c.name.replace(/\W+/g, '-'));
    const r = cli('train', ...c.args, '--epochs', '1', '--out', out, '--backend', 'cpu');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, c.why);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.ok(!existsSync(out), `${out} was left behind`);
  });

test('sweep and reproduce --out naming a file or a path under a file: one line, exit 2', () => {
  const file = join(at, 'a-file');
  writeFileSync(file, 'x\n');
  const sweep = join(at, 'beta.json');
  writeFileSync(
    sweep,
    JSON.stringify({ format: 'slidegraph/sweep', version: 1, graph: resolve('graphs/fig6-global.json'), set: { 'beta.factor': [0.1] } }),
  );
  for (const [out, why] of [
    [file, /is a file, not a folder/],
    [join(file, 'under'), /cannot write \(ENOTDIR: a part of the path is a file, not a folder\)|ENOTDIR|EEXIST/],
  ] as const) {
    for (const args of [
      ['sweep', sweep, '--out', out],
      ['reproduce', '--out', out, '--count', '40', '--epochs', '1'],
    ]) {
      const r = cli(...args, '--backend', 'cpu');
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    }
  }
  assert.equal(readFileSync(file, 'utf8'), 'x\n');
});

const asRoot = process.getuid?.() === 0;
const setpriv = spawnSync('setpriv', ['--version']).status === 0;

test('sweep and reproduce --out in a folder without write permission: one line naming EACCES, exit 2', {
  skip: asRoot && !setpriv && 'root ignores permissions, and setpriv is not there to drop them',
}, () => {
  const locked = join(at, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  chmodSync(at, 0o755);
  const sweep = join(at, 'beta-locked.json');
  writeFileSync(
    sweep,
    JSON.stringify({ format: 'slidegraph/sweep', version: 1, graph: resolve('graphs/fig6-global.json'), set: { 'beta.factor': [0.1] } }),
  );
  chmodSync(sweep, 0o644);
  const out = join(locked, 'out');
  for (const args of [
    ['sweep', sweep, '--out', out],
    ['reproduce', '--out', out, '--count', '40', '--epochs', '1'],
  ]) {
    const cli = ['--import', 'tsx', 'src/cli/main.ts', ...args];
    // as root, the command runs as nobody, for whom the permission bits hold
    const r = asRoot
      ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp', process.execPath, ...cli], {
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, cli, { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `slidegraph: ${out}: write: cannot write (EACCES: permission denied)\n`);
    assert.ok(!existsSync(out));
  }
});
