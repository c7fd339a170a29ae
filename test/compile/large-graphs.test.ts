import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGraph } from '../../src/compile/compile';
import { loadGraphValue } from '../../src/graph';

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
