import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { cli, cliArgs } from '../support/cli';
import { writeSweep } from '../support/sweep';

/**
 * Issue 25: collect embedded into summary.json whatever a run folder's graph named (a docker
 * auth file, a secret), wrote its outputs through symbolic links, and answered a full disk with
 * "internal error: ENOSPC" and torn files.
 */
const at = mkdtempSync(join(tmpdir(), 'sg-collect-'));
const out = join(at, 'out');
const run = join(out, 'runs', 'beta.factor=0.1');
const secret = join(at, 'secret.json');
writeFileSync(secret, '{"auths": {"registry": {"auth": "c2VjcmV0"}}}\n');
writeSweep(join(at, 'beta.json'), {
  graph: resolve('graphs/fig6-global.json'),
  set: { 'beta.factor': [0.1] },
  run: { data: { count: 40 }, training: { epochs: 1 } },
});
const made = cli('sweep', join(at, 'beta.json'), '--out', out, '--jobs', '1', '--backend', 'cpu');

test("collect embeds only the run folder's own graph files: no reference out of it, no symbolic link", () => {
  assert.equal(made.code, 0, made.stderr);
  const graph = join(run, 'graph.json');
  writeFileSync(graph, readFileSync(graph, 'utf8').replace('"fig2-main.json"', JSON.stringify('../../../secret.json')));
  unlinkSync(join(run, 'fig3-initial-condition.json'));
  symlinkSync(secret, join(run, 'fig3-initial-condition.json'));
  const r = cli('collect', out);
  assert.equal(r.code, 0, r.stderr);
  const summary = readFileSync(join(out, 'summary.json'), 'utf8');
  assert.doesNotMatch(summary, /c2VjcmV0|auths/);
  const files = Object.keys(JSON.parse(summary).settings[0].files).sort();
  assert.deepEqual(files, ['fig4-direct-effect.json', 'fig5-healing.json', 'graph.json']);
});

test('collect never writes through a symbolic link: the link is refused and its target kept', () => {
  assert.equal(made.code, 0, made.stderr);
  const target = join(at, 'precious.txt');
  writeFileSync(target, 'keep me\n');
  for (const name of ['summary.csv', 'report.html', 'summary.json']) {
    rmSync(join(out, name), { force: true });
    symlinkSync(target, join(out, name));
    const r = cli('collect', out);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^slidegraph: .*${name.replace('.', '\\.')}: write: is not a regular file .*\\n$`));
    assert.equal(readFileSync(target, 'utf8'), 'keep me\n');
    unlinkSync(join(out, name));
  }
});

test('a full disk while collecting is one line with exit 2, and no torn or temporary file is left', () => {
  assert.equal(made.code, 0, made.stderr);
  assert.equal(cli('collect', out).code, 0);
  const before = readFileSync(join(out, 'summary.csv'), 'utf8');
  const r = spawnSync(process.execPath, cliArgs('collect', out), {
    encoding: 'utf8',
    env: { ...process.env, SLIDEGRAPH_FAULT: 'enospc:summary.csv' },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^slidegraph: .*summary\.csv: write: cannot write \(ENOSPC: no space left on the device\)\n$/);
  assert.equal(readFileSync(join(out, 'summary.csv'), 'utf8'), before);
  assert.deepEqual(
    readdirSync(out).filter((f) => f.endsWith('.tmp')),
    [],
  );
  assert.ok(existsSync(join(out, 'report.html')));
});
