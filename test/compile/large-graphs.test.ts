import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGraph } from '../../src/compile/compile';
import { expandSubgraphs, type Resolver } from '../../src/compile/expand';
import { type GraphDocument, loadGraphValue } from '../../src/graph';
import { MAX_SUBGRAPH_DEPTH } from '../../src/graph/limits';
import { reachableFiles } from '../../src/graph/subgraphs';

/** Features → n Scale blocks → Predictions: every compile step sees n blocks and n wires. */
function chain(n: number) {
  const nodes = [{ id: 'in', type: 'Input', params: { name: 'Features', kind: 'sequence' }, position: { x: 0, y: 0 } }];
  const connections = [];
  let prev = 'in';
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, type: 'Scale', params: { factor: 1 } as never, position: { x: i, y: 0 } });
    connections.push({ from: { node: prev, socket: 'out' }, to: { node: `s${i}`, socket: 'x' } });
    prev = `s${i}`;
  }
  nodes.push({ id: 'out', type: 'Output', params: { name: 'Predictions' } as never, position: { x: 0, y: 0 } });
  connections.push({ from: { node: prev, socket: 'out' }, to: { node: 'out', socket: 'in' } });
  return { format: 'slidegraph/graph', version: 1, name: 'chain', nodes, connections };
}

// Every phase is near-linear; one O(n²) step (the main net's membership test, the Scale walk)
// made this take minutes. The generous timeout only stops a regression from hanging the suite.
test('a 10⁵-block chain loads and compiles', { timeout: 600_000 }, () => {
  const n = 100_000;
  const loaded = loadGraphValue(chain(n), 'chain.json');
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors[0].message);
  const result = compileGraph(loaded.doc);
  assert.ok(result.ok, result.ok ? '' : result.errors[0].message);
  // the Input and every Scale; an Output is a name for a wire, not a step
  assert.equal(result.plan.steps.length, n + 1);
  assert.deepEqual(result.plan.mainNet.slice(0, 2), ['in', 's0']);
  assert.equal(result.plan.mainNet.length, n + 1);
  assert.equal(result.plan.mainNet[n], `s${n - 1}`);
  assert.deepEqual(result.plan.outputs.Predictions, { node: `s${n - 1}`, socket: 'out' });
});

/** Files f0 … f(n−1), each a single Subgraph block naming the next; the last holds one Scale. */
function nestedFiles(n: number) {
  const at = { x: 0, y: 0 };
  const files = new Map<string, GraphDocument>();
  for (let i = 0; i < n; i++) {
    const nodes =
      i < n - 1
        ? [{ id: 'sub', type: 'Subgraph', params: { graph: `f${i + 1}.json` }, position: at }]
        : [{ id: 'leaf', type: 'Scale', params: { factor: 1 }, position: at }];
    files.set(`f${i}.json`, { format: 'slidegraph/graph', version: 1, name: `f${i}`, nodes, connections: [] } as GraphDocument);
  }
  const resolve: Resolver = (ref) => {
    const doc = files.get(ref);
    return doc ? { ok: true, doc, file: ref } : { ok: false, message: `no ${ref}` };
  };
  return { files, resolve };
}

test('sub-graphs nested past MAX_SUBGRAPH_DEPTH are refused with one line, not a stack overflow', () => {
  const deep = nestedFiles(MAX_SUBGRAPH_DEPTH + 2);
  const r = compileGraph(deep.files.get('f0.json')!, { file: 'f0.json', resolve: deep.resolve });
  assert.equal(r.ok, false);
  const tooLarge = r.ok ? [] : r.errors.filter((e) => e.code === 'too-large');
  assert.equal(tooLarge.length, 1);
  assert.match(tooLarge[0].message, new RegExp(`nest more than ${MAX_SUBGRAPH_DEPTH} levels`));
  // At the limit the same nesting expands: the leaf sits MAX_SUBGRAPH_DEPTH sub-graphs down.
  const ok = nestedFiles(MAX_SUBGRAPH_DEPTH + 1);
  const expanded = expandSubgraphs(ok.files.get('f0.json')!, 'f0.json', ok.resolve);
  assert.deepEqual(expanded.errors, []);
  assert.equal(expanded.graph.nodes.length, 1);
  assert.equal(expanded.graph.nodes[0].path.length, MAX_SUBGRAPH_DEPTH + 1);
});

test('the files reachable from a chain of 10⁵ sub-graph files are listed without recursion', () => {
  const n = 100_000;
  const { files } = nestedFiles(n);
  const found = reachableFiles(
    'f0.json',
    files.get('f0.json')!,
    (ref) => ref,
    (f) => files.get(f),
  );
  assert.equal(found.length, n);
  assert.equal(found[n - 1].file, `f${n - 1}.json`);
});

test('a graph with an error in each of 2·10⁵ blocks reports them rather than overflowing', { timeout: 600_000 }, () => {
  // Every Scale's input is left unwired: one error per block, more than push(...errors) can take.
  const n = 200_000;
  const doc = chain(n);
  doc.connections = [];
  const r = compileGraph(doc as unknown as GraphDocument);
  assert.equal(r.ok, false);
  const missing = r.ok ? [] : r.errors.filter((e) => e.code === 'missing-input');
  assert.equal(missing.length, n + 1);
});
