import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type GraphDocument, GraphValidationError, loadGraph, serializeGraph } from '../../src/graph/index';
import { sampleGraph } from './sample';

function load(text: string): GraphDocument {
  const r = loadGraph(text, 'g.json');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

test('load(serialize(doc)) equals doc', () => {
  const minimal: GraphDocument = { format: 'slidegraph/graph', version: 1, name: 'm', nodes: [], connections: [] };
  const noDefaults = sampleGraph();
  delete noDefaults.run!.data.count;
  delete noDefaults.run!.data.testFraction;
  for (const doc of [sampleGraph(), minimal, noDefaults, { $schema: 'https://example.org/s.json', ...minimal }]) {
    assert.deepEqual(load(serializeGraph(doc)), doc);
  }
});

test('serialize(load(text)) is a fixed point, whatever the input layout', () => {
  const shuffled = JSON.stringify({
    run: {
      init: 'runs/me',
      training: { seed: 7, optimizer: 'adam', learningRate: 1e-3, batchSize: 32, epochs: 50 },
      data: { testFraction: 0.2, rule: 'equal-slip', seed: 42, count: 15000 },
    },
    connections: sampleGraph().connections.map((c) => ({ to: c.to, from: c.from })),
    nodes: sampleGraph().nodes.map((n) => ({
      position: n.position,
      params: n.params,
      ...(n.label ? { label: n.label } : {}),
      type: n.type,
      id: n.id,
    })),
    description: sampleGraph().description,
    name: sampleGraph().name,
    version: 1,
    format: 'slidegraph/graph',
  });
  const once = serializeGraph(load(shuffled));
  assert.equal(serializeGraph(load(once)), once);
  assert.equal(once, serializeGraph(sampleGraph()));
});

test('canonical text: key order, sorted params, 2-space indent, trailing newline', () => {
  const text = serializeGraph(sampleGraph());
  assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
  assert.ok(text.startsWith('{\n  "format": "slidegraph/graph",\n  "version": 1,\n  "name": '));
  const top = Object.keys(JSON.parse(text));
  assert.deepEqual(top, ['format', 'version', 'name', 'description', 'nodes', 'connections', 'run']);
  const loss = JSON.parse(text).nodes[6];
  assert.deepEqual(Object.keys(loss), ['id', 'type', 'params', 'position']);
  assert.deepEqual(Object.keys(loss.params), ['enabled', 'name', 'weight']);
  assert.deepEqual(Object.keys(JSON.parse(text).nodes[5]), ['id', 'type', 'label', 'params', 'position']);
  assert.deepEqual(Object.keys(JSON.parse(text).run), ['data', 'training', 'init']);
  assert.deepEqual(Object.keys(JSON.parse(text).run.training), ['epochs', 'batchSize', 'learningRate', 'optimizer', 'seed']);
});

test('undefined optional fields are left out', () => {
  const doc = { ...sampleGraph(), description: undefined };
  doc.nodes[0]!.label = undefined;
  const parsed = JSON.parse(serializeGraph(doc));
  assert.equal('description' in parsed, false);
  assert.equal('label' in parsed.nodes[0], false);
});

test('refuses to write a document that would not load back', () => {
  const bad = sampleGraph();
  bad.nodes[1]!.params.scale = NaN;
  bad.connections[0]!.to.node = 'ghost';
  assert.throws(
    () => serializeGraph(bad),
    (e: unknown) => {
      assert.ok(e instanceof GraphValidationError);
      assert.deepEqual(
        e.errors.map((x) => x.code),
        ['non-finite-number'],
      );
      assert.match(e.message, /nodes\[1\]\.params\.scale: must be a finite number \(got NaN\)/);
      return true;
    },
  );
  const unknownField = { ...sampleGraph(), extra: 1 } as unknown as GraphDocument;
  assert.throws(() => serializeGraph(unknownField), /extra: unknown field/);
});
