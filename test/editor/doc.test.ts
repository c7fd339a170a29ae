import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { blockDragText, catalogue, parseBlockDrag } from '../../src/editor/doc/catalogue';
import { copyNodes, fragmentText, parseFragment, pasteFragment } from '../../src/editor/doc/clipboard';
import { compileOpenFile } from '../../src/editor/doc/compile';
import { applyDiff, diffDocs, invertDiff } from '../../src/editor/doc/diff';
import type { Files } from '../../src/editor/doc/files';
import { emptyHistory, record, redo, stepBetween, undo } from '../../src/editor/doc/history';
import { addNode, connect, disconnect, idBase, moveNodes, removeNodes, setParam } from '../../src/editor/doc/ops';
import { checkConnection, nodeSockets } from '../../src/editor/doc/sockets';
import { filesUsedBy, resolvePath } from '../../src/editor/doc/workspace';
import { type GraphDocument, loadGraph } from '../../src/graph';

function graphs(): Files {
  const out: Record<string, GraphDocument> = {};
  for (const f of readdirSync('graphs')) {
    const r = loadGraph(readFileSync(`graphs/${f}`, 'utf8'), f);
    if (!r.ok) throw new Error(r.errors[0].message);
    out[f] = r.doc;
  }
  return out;
}
const files = graphs();
const fig6 = files['fig6-global.json'];

test('ops never mutate their input', () => {
  const frozen = structuredClone(fig6);
  const { doc, id } = addNode(fig6, 'Scale', { x: 1, y: 2 });
  assert.equal(id, 'scale1');
  removeNodes(doc, ['beta']);
  setParam(doc, 'beta', 'factor', 0.5);
  moveNodes(doc, new Map([['beta', { x: 9, y: 9 }]]));
  assert.deepEqual(fig6, frozen);
});

test('new blocks get ids a researcher would write: gru1, ms1, posBeforeJ1, lstmCell1, then the next free number', () => {
  assert.deepEqual(['GRU', 'MS', 'PosBeforeJ', 'LSTMCell', 'Scale', 'Subgraph'].map(idBase), [
    'gru',
    'ms',
    'posBeforeJ',
    'lstmCell',
    'scale',
    'subgraph',
  ]);
  const one = addNode(fig6, 'GRU', { x: 0, y: 0 });
  const two = addNode(one.doc, 'GRU', { x: 0, y: 0 });
  assert.deepEqual([one.id, two.id], ['gru1', 'gru2']);
  assert.equal(addNode(removeNodes(two.doc, ['gru1']), 'GRU', { x: 0, y: 0 }).id, 'gru1');
});

test('removing a node removes its wires; connect replaces the wire into an occupied input', () => {
  const doc = removeNodes(fig6, ['beta']);
  assert.ok(!doc.connections.some((c) => c.from.node === 'beta' || c.to.node === 'beta'));
  const rewired = connect(fig6, { from: { node: 'ics', socket: 'ICs' }, to: { node: 'lossDE', socket: 'value' } });
  const into = rewired.connections.filter((c) => c.to.node === 'lossDE');
  assert.deepEqual(into, [{ from: { node: 'ics', socket: 'ICs' }, to: { node: 'lossDE', socket: 'value' } }]);
  assert.equal(disconnect(rewired, into[0]).connections.length, fig6.connections.length - 1);
});

test('diffs apply, invert and round-trip', () => {
  let doc = setParam(fig6, 'beta', 'factor', 0.3);
  doc = removeNodes(doc, ['gamma']);
  doc = addNode(doc, 'Log', { x: 5, y: 5 }).doc;
  const d = diffDocs(fig6, doc);
  assert.deepEqual(
    applyDiff(fig6, d)
      .nodes.map((n) => n.id)
      .sort(),
    doc.nodes.map((n) => n.id).sort(),
  );
  assert.deepEqual(
    new Set(applyDiff(fig6, d).connections.map((c) => JSON.stringify(c))),
    new Set(doc.connections.map((c) => JSON.stringify(c))),
  );
  const back = applyDiff(doc, invertDiff(d));
  assert.deepEqual(back.nodes.map((n) => n.id).sort(), fig6.nodes.map((n) => n.id).sort());
  assert.equal(back.connections.length, fig6.connections.length);
  assert.equal(back.nodes.find((n) => n.id === 'beta')!.params.factor, 0.1);
});

test('a bulk delete is one undo step, and redo repeats it', () => {
  const ids = ['beta', 'gamma', 'lossDE', 'de'];
  const after = { ...files, 'fig6-global.json': removeNodes(fig6, ids) };
  const h = record(emptyHistory, stepBetween('delete', files, after));
  assert.equal(h.past.length, 1);
  const u = undo(h, after)!;
  assert.deepEqual(u.files['fig6-global.json'].nodes.map((n) => n.id).sort(), fig6.nodes.map((n) => n.id).sort());
  assert.equal(u.files['fig6-global.json'].connections.length, fig6.connections.length);
  const r = redo(u.history, u.files)!;
  assert.equal(r.files['fig6-global.json'].nodes.length, fig6.nodes.length - ids.length);
  assert.equal(stepBetween('nothing', files, files), null);
});

test('copy keeps only the wires between copied blocks; paste gives fresh ids', () => {
  const frag = copyNodes(fig6, ['de', 'beta', 'lossDE']);
  assert.equal(frag.connections.length, 2);
  const { doc, ids } = pasteFragment(fig6, parseFragment(fragmentText(frag))!, { x: 40, y: 40 });
  assert.equal(ids.length, 3);
  assert.ok(ids.every((id) => !fig6.nodes.some((n) => n.id === id)));
  const pasted = doc.connections.filter((c) => ids.includes(c.from.node) && ids.includes(c.to.node));
  assert.equal(pasted.length, 2);
  assert.equal(parseFragment('{"nodes": 1}'), null);
});

test('sub-graph sockets come from the file it names', () => {
  const de = fig6.nodes.find((n) => n.id === 'de')!;
  const s = nodeSockets(de, 'fig6-global.json', files);
  assert.deepEqual(s.inputs.map((i) => i.name).sort(), ['DeltaF', 'PosAfterJ', 'PosBeforeJ', 'Predictions']);
  assert.deepEqual(
    s.outputs.map((o) => o.name),
    ['DE'],
  );
  assert.equal(resolvePath('../a/b.json', 'x/y/z.json'), 'x/a/b.json');
  assert.deepEqual(filesUsedBy('fig6-global.json', files).sort(), [
    'fig2-main.json',
    'fig3-initial-condition.json',
    'fig4-direct-effect.json',
    'fig5-healing.json',
    'fig6-global.json',
  ]);
});

test('a wrong connection is refused with its reason', () => {
  const r = compileOpenFile(files, 'fig6-global.json');
  assert.ok(r.ok);
  const types = r.plan.socketTypes;
  const scalarIntoSequence = checkConnection(fig6, 'fig6-global.json', files, types, {
    from: { node: 'ms', socket: 'out' },
    to: { node: 'ics', socket: 'Predictions' },
  });
  assert.equal(scalarIntoSequence.ok, false);
  assert.match((scalarIntoSequence as { reason: string }).reason, /takes sequence, but 'ms.out' gives scalar/);
  const cycle = checkConnection(fig6, 'fig6-global.json', files, types, {
    from: { node: 'lossME', socket: 'x' },
    to: { node: 'ms', socket: 'a' },
  });
  assert.equal(cycle.ok, false);
  const ok = checkConnection(fig6, 'fig6-global.json', files, types, {
    from: { node: 'ics', socket: 'ICs' },
    to: { node: 'beta', socket: 'x' },
  });
  assert.deepEqual(ok, { ok: true });
});

test('compiling an open file caches by document and sees edits of sub-graphs', () => {
  const a = compileOpenFile(files, 'fig6-global.json');
  assert.equal(compileOpenFile(files, 'fig6-global.json'), a);
  const main = files['fig2-main.json'];
  const gru = main.nodes.find((n) => n.type === 'GRU')!;
  const edited = { ...files, 'fig2-main.json': setParam(main, gru.id, 'units', 0) };
  const b = compileOpenFile(edited, 'fig6-global.json');
  assert.equal(b.ok, false);
  assert.equal((b as { errors: { nodeId: string }[] }).errors[0].nodeId, 'main');
});

test('the catalogue groups the blocks, offers open files as sub-graphs and filters by a query', () => {
  const all = catalogue(['fig2-main.json']);
  assert.deepEqual(
    all.map((g) => g.title),
    ['Data ports', 'Layers', 'Ops', 'Losses', 'Sub-graphs'],
  );
  const sub = all.find((g) => g.title === 'Sub-graphs')!.items.find((e) => e.label === 'Subgraph: fig2-main.json');
  assert.deepEqual(sub?.params, { graph: 'fig2-main.json' });
  assert.deepEqual(
    catalogue([], 'gru').flatMap((g) => g.items.map((e) => e.type)),
    ['GRU'],
  );
  assert.deepEqual(parseBlockDrag(blockDragText(sub!)), { type: 'Subgraph', params: { graph: 'fig2-main.json' } });
  assert.equal(parseBlockDrag('{"type": "NoSuchBlock", "params": {}}'), null);
  assert.equal(parseBlockDrag('not json'), null);
});
