import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

/**
 * Issue 25: a sub-graph with mode 600 was copied into the run folder as 644; a sub-graph named
 * `.lock` landed on the run folder's lock; kill -9 during a write left `.tmp` files for good.
 */
const at = mkdtempSync(join(tmpdir(), 'sg-copies-'));

test('copied graphs keep their mode (never wider than 644) and never take a reserved name', () => {
  const src = join(at, 'src');
  mkdirSync(src);
  copyFileSync('graphs/fig2-main.json', join(src, '.lock'));
  chmodSync(join(src, '.lock'), 0o600);
  const doc = JSON.parse(readFileSync('graphs/stage-me.json', 'utf8'));
  for (const n of doc.nodes) if (n.type === 'Subgraph') n.params.graph = '.lock';
  writeFileSync(join(src, 'me.json'), JSON.stringify(doc));
  chmodSync(join(src, 'me.json'), 0o640);
  const out = join(at, 'run');
  const r = cli('train', join(src, 'me.json'), '--count', '40', '--epochs', '1', '--out', out, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(out, '.lock')), 'the lock is released and the sub-graph is not there');
  assert.equal(statSync(join(out, 'subgraphs', 'lock')).mode & 0o777, 0o600);
  assert.equal(statSync(join(out, 'graph.json')).mode & 0o777, 0o640);
  const graph = JSON.parse(readFileSync(join(out, 'graph.json'), 'utf8'));
  assert.equal(graph.nodes.find((n: { type: string }) => n.type === 'Subgraph').params.graph, 'subgraphs/lock');
  assert.equal(statSync(join(out, 'weights.json')).mode & 0o777, 0o644);
});

test('temporary files of a write killed half-way are removed when the folder is next opened', () => {
  const out = join(at, 'killed');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'train',
      'graphs/stage-me.json',
      '--count',
      '40',
      '--epochs',
      '3',
      '--out',
      out,
      '--backend',
      'cpu',
    ],
    { encoding: 'utf8', env: { ...process.env, SLIDEGRAPH_FAULT: 'during-write:epoch-0002.json' } },
  );
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  const temps = () => readdirSync(join(out, 'checkpoints')).filter((f) => f.endsWith('.tmp'));
  assert.equal(temps().length, 1, 'the kill left its temporary file');
  const again = cli('train', '--resume', out, '--backend', 'cpu');
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(temps(), []);
  assert.deepEqual(
    readdirSync(resolve(out)).filter((f) => f.endsWith('.tmp')),
    [],
  );
});
