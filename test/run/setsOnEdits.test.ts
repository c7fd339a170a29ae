import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { type GraphDocument, serializeGraph } from '../../src/graph';
import { diffGraph, runGraphs } from '../../src/graph/patch';
import { applySets, parseSet } from '../../src/run/overrides';
import { completeRun } from '../../src/run/runSpec';
import { fileResolver, readGraphFile } from '../../src/runs/graphFiles';
import { cli } from '../support/cli';

/** `--set` on a live-edited run (run.edits): carried through the replay, or refused where an edit changes the same value. */
const file = resolve('graphs/fig6-global.json');
const fig6 = readGraphFile(file).doc;
const withNode = (d: GraphDocument, id: string, f: (n: GraphDocument['nodes'][number]) => GraphDocument['nodes'][number]) => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? f(n) : n)),
});
// beta 0.1 → 0.3 after step 3, then alpha relabelled (a change of the node, not of its factor) after step 5.
const afterBeta = withNode(fig6, 'beta', (n) => ({ ...n, params: { ...n.params, factor: 0.3 } }));
const relabelled = withNode(afterBeta, 'alpha', (n) => ({ ...n, label: 'alpha (ICs weight)' }));
const edits = [
  { epoch: 2, step: 3, note: 'set beta.factor = 0.3', patch: diffGraph(fig6, afterBeta) },
  { epoch: 3, step: 5, note: 'rename alpha', patch: diffGraph(afterBeta, relabelled) },
];
const edited = { ...relabelled, run: { ...completeRun(fig6.run), edits } };
const apply = (...sets: string[]) => applySets(edited, file, sets.map(parseSet), fileResolver).doc;
const factor = (d: GraphDocument, id: string) => d.nodes.find((n) => n.id === id)?.params.factor;

test('a --set on a value no recorded edit changes holds from epoch 1, through every edit', () => {
  const graphs = runGraphs(apply('gamma.factor=0.01', 'alpha.factor=2'));
  for (const d of [graphs.start, ...graphs.edits.map((e) => e.doc)]) {
    assert.equal(factor(d, 'gamma'), 0.01);
    // alpha's node is in an edit's patch (its label): the set value is carried into it, not undone by the replay.
    assert.equal(factor(d, 'alpha'), 2);
  }
  // The edits still do what they did: beta 0.1 → 0.3, alpha relabelled at the second.
  assert.deepEqual(
    [graphs.start, ...graphs.edits.map((e) => e.doc)].map((d) => factor(d, 'beta')),
    [0.1, 0.3, 0.3],
  );
  assert.equal(graphs.start.nodes.find((n) => n.id === 'alpha')?.label, undefined);
  assert.equal(graphs.edits[1].doc.nodes.find((n) => n.id === 'alpha')?.label, 'alpha (ICs weight)');
  // Without the carry, undoing the alpha edit would have given back alpha's old factor at the start.
  assert.equal(
    factor(runGraphs({ ...edited, nodes: withNode(edited, 'alpha', (n) => ({ ...n, params: { factor: 2 } })).nodes }).start, 'alpha'),
    1,
  );
});

test('a --set into a sub-graph on a run with edits holds from the start', () => {
  const graphs = runGraphs(apply('main/gru.units=8'));
  const ref = (d: GraphDocument) => d.nodes.find((n) => n.id === 'main')?.params.graph;
  assert.equal(ref(graphs.start), 'fig2-main@main.json');
  assert.equal(ref(graphs.edits[1].doc), 'fig2-main@main.json');
});

test('a --set on a value a recorded edit changes is refused, naming the edit, the node and the field', () => {
  assert.throws(
    () => apply('beta.factor=0.5'),
    (e: Error) =>
      e.message ===
      '--set beta.factor: run.edits[0] (epoch 2, step 3, "set beta.factor = 0.3") changes beta.factor too, and the replay would overwrite the value set; change the graph itself, or remove run.edits to train without the replay',
  );
});

test('train --set on an edited value: one line, exit code 2, no run folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-set-edits-'));
  for (const f of ['fig2-main.json', 'fig3-initial-condition.json', 'fig4-direct-effect.json', 'fig5-healing.json'])
    copyFileSync(join('graphs', f), join(dir, f));
  writeFileSync(join(dir, 'edited.json'), serializeGraph(edited));
  const r = cli('train', join(dir, 'edited.json'), '--set', 'beta.factor=0.5', '--backend', 'cpu', '--out', join(dir, 'run'));
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^slidegraph: --set beta\.factor: run\.edits\[0\] \(epoch 2, step 3, "set beta\.factor = 0\.3"\) changes beta\.factor too, [^\n]*\n$/,
  );
  assert.ok(!existsSync(join(dir, 'run')));
});
