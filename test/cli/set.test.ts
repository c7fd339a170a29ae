import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'sg-set-'));
const small = ['--count', '60', '--epochs', '2', '--batch', '16', '--seed', '4', '--backend', 'cpu'];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

test('--set changes node parameters (also inside sub-graphs) and run settings; the folder reruns with a plain train', () => {
  const a = join(tmp, 'a');
  const sets = [
    'beta.factor=0.2',
    'main/gru.units=8',
    'run.training.learningRate=0.002',
    'run.training.schedule={"type":"step","every":1,"factor":0.5}',
  ];
  const r = cli('train', 'graphs/fig6-global.json', ...small, ...sets.flatMap((s) => ['--set', s]), '--out', a);
  assert.equal(r.code, 0, r.stderr);
  const graph = json(join(a, 'graph.json'));
  assert.equal(graph.nodes.find((n: { id: string }) => n.id === 'beta').params.factor, 0.2);
  const main = graph.nodes.find((n: { id: string }) => n.id === 'main');
  assert.equal(main.params.graph, 'fig2-main@main.json');
  assert.equal(json(join(a, 'fig2-main@main.json')).nodes.find((n: { id: string }) => n.id === 'gru').params.units, 8);
  // the shipped file itself is untouched, and still 32 wide
  assert.equal(json('graphs/fig2-main.json').nodes.find((n: { id: string }) => n.id === 'gru').params.units, 32);
  assert.equal(graph.run.training.learningRate, 0.002);
  const weights = json(join(a, 'weights.json')).weights;
  assert.deepEqual(weights['main/gru/recurrentKernel'].shape, [8, 24]);
  const m = json(join(a, 'metrics.json'));
  assert.deepEqual(
    m.epochs.map((e: { learningRate: number }) => e.learningRate),
    [0.002, 0.001],
  );
  assert.deepEqual(json(join(a, 'run.json')).set['main/gru.units'], 8);

  const b = join(tmp, 'b');
  const again = cli('train', join(a, 'graph.json'), '--backend', 'cpu', '--out', b);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(json(join(b, 'metrics.json')).epochs, m.epochs);

  // --resume honours the schedule: the rates continue from the checkpoint's epoch.
  const c = join(tmp, 'c');
  cpSync(a, c, { recursive: true });
  for (const f of ['checkpoints/epoch-0002.json', 'weights.json', 'model']) rmSync(join(c, f), { recursive: true });
  writeFileSync(join(c, 'metrics.json'), JSON.stringify({ ...m, status: 'interrupted', epochs: m.epochs.slice(0, 1), timings: [] }));
  const resumed = cli('train', '--resume', c, '--backend', 'cpu');
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual(json(join(c, 'metrics.json')).epochs, m.epochs);
});

test('a bad path or value: exit 2 and one line naming the path', () => {
  const cases: [string, RegExp][] = [
    ['main/gru.units=0', /^slidegraph: --set main\/gru\.units: parameter 'units' must lie in \[1, \d+\], got 0\n$/],
    ['run.data.count=-5', /^slidegraph: --set run\.data\.count: must be >= 1 \(got -5\)\n$/],
  ];
  for (const [set, want] of cases) {
    const r = cli('train', 'graphs/fig6-global.json', '--set', set, '--out', join(tmp, 'never'), '--backend', 'cpu');
    assert.equal(r.code, 2, set);
    assert.match(r.stderr, want, set);
  }
});
