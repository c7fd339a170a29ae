import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compileOpenFile } from '../../src/editor/doc/compile';
import { addNode, connect, moveNodes, setParam } from '../../src/editor/doc/ops';
import { trainingKey } from '../../src/editor/doc/semantic';
import { type GraphDocument, loadGraph } from '../../src/graph';

const files: Record<string, GraphDocument> = {};
for (const f of readdirSync('graphs').filter((n) => n.endsWith('.json'))) {
  const r = loadGraph(readFileSync(`graphs/${f}`, 'utf8'), f);
  if (r.ok) files[f] = r.doc;
}
const top = 'fig6-global.json';
const key = (doc: GraphDocument) => trainingKey({ ...files, [top]: doc }, top);

test('the training key changes with what the run computes and only with that', () => {
  const fig6 = files[top];
  const base = key(fig6);
  // A loss weight: the run computes something else.
  assert.notEqual(key(setParam(fig6, 'beta', 'factor', 0.3)), base);
  // A block moved, or a side chain that feeds no loss, then edited: nothing to swap.
  assert.equal(key(moveNodes(fig6, new Map([['beta', { x: 5, y: 5 }]]))), base);
  const port = addNode(fig6, 'Features', { x: 0, y: 0 });
  const gru = addNode(port.doc, 'GRU', { x: 0, y: 0 });
  const side = connect(gru.doc, { from: { node: port.id, socket: 'out' }, to: { node: gru.id, socket: 'x' } });
  assert.equal(compileOpenFile({ ...files, [top]: side }, top).ok, true);
  assert.equal(key(side), base);
  assert.equal(key(setParam(side, gru.id, 'units', 7)), base);
  // A sub-graph's parameter the losses depend on: a change.
  const main = files['fig2-main.json'];
  const mainGru = main.nodes.find((n) => n.type === 'GRU')!;
  assert.notEqual(trainingKey({ ...files, 'fig2-main.json': setParam(main, mainGru.id, 'units', 5) }, top), base);
});

test('the training key of a 5·10⁴-block chain is found without recursion', { timeout: 300_000 }, () => {
  const n = 50_000;
  const at = { x: 0, y: 0 };
  const nodes = [{ id: 'in', type: 'Input', params: { name: 'Features', kind: 'sequence' }, position: at }];
  const connections = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, type: 'Scale', params: { factor: 1 } as never, position: at });
    connections.push({ from: { node: i ? `s${i - 1}` : 'in', socket: 'out' }, to: { node: `s${i}`, socket: 'x' } });
  }
  nodes.push({ id: 'out', type: 'Output', params: { name: 'Predictions' } as never, position: at });
  connections.push({ from: { node: `s${n - 1}`, socket: 'out' }, to: { node: 'out', socket: 'in' } });
  const doc = { format: 'slidegraph/graph', version: 1, name: 'chain', nodes, connections } as GraphDocument;
  const k = JSON.parse(trainingKey({ 'chain.json': doc }, 'chain.json'));
  // every step the output depends on: the Input and each Scale
  assert.equal(k[2].length, n + 1);
});
