import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { applySets, parseSet, withFiles } from '../../src/run/overrides';
import { completeRun } from '../../src/run/runSpec';
import { fileResolver, readGraphFile } from '../../src/runs/graphFiles';

const file = resolve('graphs/fig6-global.json');
const { doc } = readGraphFile(file);
const complete = { ...doc, run: completeRun(doc.run) };
const apply = (...sets: string[]) => applySets(complete, file, sets.map(parseSet), fileResolver);

test('values parse as JSON, else as text', () => {
  assert.deepEqual(parseSet('beta.factor=0.2'), { path: 'beta.factor', value: 0.2 });
  assert.deepEqual(parseSet('run.data.rule=literal'), { path: 'run.data.rule', value: 'literal' });
  assert.deepEqual(parseSet('run.training.schedule={"type":"cosine","min":1e-5}'), {
    path: 'run.training.schedule',
    value: { type: 'cosine', min: 1e-5 },
  });
});

test('a sub-graph value goes into a renamed copy of that sub-graph only', () => {
  const { doc: out, files } = apply('main/gru.units=16', 'main/linear.units=1', 'alpha.factor=2');
  assert.equal(out.nodes.find((n) => n.id === 'main')!.params.graph, 'fig2-main@main.json');
  assert.equal(out.nodes.find((n) => n.id === 'alpha')!.params.factor, 2);
  assert.equal(files.size, 1);
  const sub = files.get(resolve('graphs/fig2-main@main.json'))!;
  assert.equal(sub.nodes.find((n) => n.id === 'gru')!.params.units, 16);
  const found = withFiles(files, fileResolver)('fig2-main@main.json', file);
  assert.ok(found.ok && found.doc === sub);
  // the original document is not changed
  assert.equal(doc.nodes.find((n) => n.id === 'main')!.params.graph, 'fig2-main.json');
});

test('refusals name the path and say what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['nope.factor=1', /^--set nope\.factor: the graph has no node 'nope' \(it has features, /],
    ['beta.factr=1', /^--set beta\.factr: Scale has no parameter 'factr' \(it has factor\)$/],
    ['beta.factor=abc', /^--set beta\.factor: parameter 'factor' must be a finite number, got "abc"$/],
    ['main/nope.units=3', /^--set main\/nope\.units: the sub-graph main has no node 'nope'/],
    ['ms/x.units=4', /^--set ms\/x\.units: node 'ms' is a MS, not a Subgraph$/],
    ['beta=1', /^--set beta: names no parameter: write node\.param/],
    ['run.data.count=0', /^--set run\.data\.count: must be >= 1 \(got 0\)$/],
    ['run.data.rule=sideways', /^--set run\.data\.rule: /],
    ['run.training.lr=1', /^--set run\.training\.lr: unknown field; expected one of: epochs, batchSize, learningRate/],
    ['run.training.schedule={"type":"warm"}', /^--set run\.training\.schedule: /],
  ];
  for (const [set, want] of cases)
    assert.throws(
      () => apply(set),
      (e: Error) => want.test(e.message),
      `${set}: ${want}`,
    );
  assert.throws(() => parseSet('beta'), /--set: expects PATH=VALUE/);
});
