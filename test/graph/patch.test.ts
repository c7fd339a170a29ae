import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type GraphDocument, loadGraph, serializeGraph } from '../../src/graph/index';
import { applyPatch, diffGraph, invertPatch, runGraphs } from '../../src/graph/patch';

const fig6: GraphDocument = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8'));
const edited: GraphDocument = {
  ...fig6,
  nodes: [
    ...fig6.nodes.filter((n) => n.id !== 'gamma'),
    { id: 'extra', type: 'Scale', params: { factor: 2 }, position: { x: 1, y: 2 } },
  ].map((n) => (n.id === 'beta' ? { ...n, params: { factor: 0.3 } } : n)),
  connections: [
    ...fig6.connections.filter((c) => c.to.node !== 'lossDE' && c.to.node !== 'gamma' && c.from.node !== 'gamma'),
    { from: { node: 'ms', socket: 'out' }, to: { node: 'extra', socket: 'x' } },
  ],
};
const sorted = (d: Pick<GraphDocument, 'nodes' | 'connections'>) => ({
  nodes: [...d.nodes].sort((a, b) => a.id.localeCompare(b.id)),
  connections: d.connections.map((c) => JSON.stringify(c)).sort(),
});

test('a patch takes a graph to the other, and its inverse takes it back', () => {
  const p = diffGraph(fig6, edited);
  assert.deepEqual(p.nodes.map((n) => [n.id, n.before === null, n.after === null]).sort(), [
    ['beta', false, false],
    ['extra', true, false],
    ['gamma', false, true],
  ]);
  assert.equal(p.connectionsAdded.length, 1);
  assert.deepEqual(sorted(applyPatch(fig6, p)), sorted({ nodes: edited.nodes, connections: [...edited.connections] }));
  assert.deepEqual(sorted(applyPatch(applyPatch(fig6, p), invertPatch(p))), sorted(fig6));
});

test('run.edits: saved and loaded back through the schema; runGraphs undoes them to the start', () => {
  const doc: GraphDocument = {
    ...edited,
    run: { ...fig6.run!, edits: [{ epoch: 2, step: 7, note: 'set beta.factor = 0.3', patch: diffGraph(fig6, edited) }] },
  };
  const text = serializeGraph(doc);
  const back = loadGraph(text, 'edited.json');
  assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
  assert.deepEqual(back.doc.run?.edits, doc.run?.edits);
  const { start, edits } = runGraphs(back.doc);
  assert.deepEqual(sorted(start), sorted(fig6));
  assert.equal(start.run?.edits, undefined);
  assert.deepEqual(
    edits.map((e) => [e.step, e.note]),
    [[7, 'set beta.factor = 0.3']],
  );
  assert.deepEqual(sorted(edits[0].doc), sorted(edited));
  // A bad edit is refused, naming where it is.
  const bad = JSON.parse(text);
  bad.run.edits[0].step = -1;
  const r = loadGraph(JSON.stringify(bad), 'edited.json');
  assert.ok(!r.ok);
  assert.ok(
    r.errors.some((e) => /run.*edits.*0.*step/.test(e.path)),
    r.errors.map((e) => e.message).join('; '),
  );
});
