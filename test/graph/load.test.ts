import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DATA_DEFAULTS,
  GRAPH_SCHEMA,
  type GraphDocument,
  loadGraph,
  loadGraphValue,
  resolveDataConfig,
  validateGraph,
} from '../../src/graph/index';
import { MAX_EXPANDED_BLOCKS, MAX_JSON_VALUES } from '../../src/graph/limits';
import { dataConfig } from '../../src/physics/dataset';
import { sampleGraph, textOf } from './sample';

function errorsOf(doc: unknown) {
  const r = loadGraphValue(doc, 'g.json');
  if (r.ok) assert.fail('expected a refusal');
  return r.errors;
}

test('a valid graph loads as itself, without migration', () => {
  const r = loadGraph(textOf(sampleGraph()), 'g.json');
  assert.deepEqual(r, { ok: true, doc: sampleGraph() });
  assert.deepEqual(validateGraph(sampleGraph(), 'g.json'), []);
});

test('minimal graph: no description, no run, no nodes', () => {
  const doc = { format: 'slidegraph/graph', version: 1, name: 'empty', nodes: [], connections: [] };
  assert.deepEqual(loadGraph(textOf(doc), 'g.json'), { ok: true, doc });
});

test('duplicate node ids name both nodes', () => {
  const doc = sampleGraph();
  doc.nodes[4]!.id = 'part_p';
  const errors = errorsOf(doc);
  assert.equal(errors[0]!.code, 'duplicate-node-id');
  assert.equal(errors[0]!.path, 'nodes[4].id');
  assert.equal(errors[0]!.message, 'g.json: nodes[4].id: duplicate node id "part_p" (also used by nodes[2])');
});

test('a connection to a missing node is dangling, at either end', () => {
  const doc = sampleGraph();
  doc.connections[2]!.from.node = 'ghost';
  doc.connections[5]!.to.node = 'void';
  const errors = errorsOf(doc);
  assert.deepEqual(
    errors.map((e) => [e.code, e.path]),
    [
      ['dangling-connection', 'connections[2].from.node'],
      ['dangling-connection', 'connections[5].to.node'],
    ],
  );
  assert.match(errors[0]!.message, /connection 2 names node "ghost", which does not exist/);
});

test('the same connection twice is refused', () => {
  const doc = sampleGraph();
  doc.connections.push(structuredClone(doc.connections[1]!));
  const [e] = errorsOf(doc);
  assert.equal(e!.code, 'duplicate-connection');
  assert.equal(e!.message, 'g.json: connections[6]: repeats connections[1] (targets.out → part_t.in)');
});

test('NaN and Infinity in a JS object are refused with their path', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const doc = sampleGraph();
    doc.nodes[2]!.params.index = bad;
    doc.nodes[0]!.position.y = bad;
    const errors = errorsOf(doc);
    assert.deepEqual(
      errors.map((e) => [e.code, e.path]),
      [
        ['non-finite-number', 'nodes[0].position.y'],
        ['non-finite-number', 'nodes[2].params.index'],
      ],
    );
    assert.match(errors[1]!.message, new RegExp(`must be a finite number \\(got ${String(bad)}\\)`));
  }
});

test('1e999 in the text parses to Infinity and is refused', () => {
  const text = textOf(sampleGraph()).replace('"weight": 1', '"weight": 1e999');
  const r = loadGraph(text, 'g.json');
  assert.ok(!r.ok);
  assert.equal(r.errors[0]!.message, 'g.json: nodes[6].params.weight: must be a finite number (got Infinity)');
});

test('a cyclic or deeply nested JS object is refused, not followed forever', () => {
  const cyclic = sampleGraph() as unknown as Record<string, unknown>;
  (cyclic.nodes as unknown[]).push(cyclic);
  const [c] = errorsOf(cyclic);
  assert.deepEqual([c!.code, c!.path], ['too-deep', 'nodes[7]']);
  assert.match(c!.message, /a cycle/);

  const deep = sampleGraph() as unknown as Record<string, unknown>;
  let inner: unknown[] = [];
  deep.description = inner;
  for (let k = 0; k < 100_000; k++) inner = (inner[0] = [] as unknown[]) as unknown[];
  const [d] = errorsOf(deep);
  assert.equal(d!.code, 'too-deep');
  assert.match(d!.message, /nesting deeper than 64 levels/);
});

test('shared sub-objects are walked once: a 2^60-path DAG is fast', () => {
  let shared: unknown = { x: 0, y: 0 };
  for (let k = 0; k < 60; k++) shared = [shared, shared];
  const doc = { ...sampleGraph(), description: shared };
  const started = performance.now();
  const [e] = errorsOf(doc);
  assert.equal(e!.path, 'description');
  assert.ok(performance.now() - started < 1000);
});

test('validateGraph does not migrate: older documents are reported, not upgraded', () => {
  const [e] = validateGraph({ ...sampleGraph(), version: 0 }, 'g.json');
  assert.equal(e!.code, 'bad-version');
  assert.match(e!.message, /load the file with loadGraph/);
});

test('schema errors are reported all at once, capped', () => {
  const doc = sampleGraph() as unknown as { nodes: unknown[] };
  doc.nodes = Array.from({ length: 500 }, (_, k) => ({ id: `n${k}`, type: 'gru', params: {}, position: { x: 0, y: 0 } }));
  const errors = errorsOf(doc);
  assert.equal(errors.length, 100);
  assert.ok(errors.every((e) => e.code === 'schema' && /^nodes\[\d+\]\.type$/.test(e.path)));
});

test('results are typed: a loaded document is a GraphDocument', () => {
  const r = loadGraph(textOf(sampleGraph()), 'g.json');
  if (!r.ok) assert.fail();
  const doc: GraphDocument = r.doc;
  assert.equal(doc.run?.training.optimizer, 'adam');
});

test('data defaults are documented in the schema and resolved on demand, not written into documents', () => {
  const r = loadGraph(textOf({ ...sampleGraph(), run: { ...sampleGraph().run!, data: { seed: 1, rule: 'literal' } } }), 'g.json');
  if (!r.ok) assert.fail();
  assert.deepEqual(r.doc.run!.data, { seed: 1, rule: 'literal' });
  assert.deepEqual(resolveDataConfig(r.doc.run!.data), {
    count: 15000,
    seed: 1,
    rule: 'literal',
    testFraction: 0.2,
    law: 'aging',
    system: 'direct',
    timing: 'uniform',
    hold: 'interior',
    k: 1000,
    noise: { mu: 0, v: 0 },
  });
  type Props = { properties: Record<string, { default?: unknown; properties: Props['properties'] }> };
  const schemaData = (GRAPH_SCHEMA as unknown as { definitions: { run: Props } }).definitions.run.properties.data!.properties;
  for (const key of ['count', 'testFraction', 'law', 'system', 'timing', 'hold', 'k'] as const)
    assert.deepEqual(schemaData[key].default, DATA_DEFAULTS[key], key);
  assert.deepEqual([schemaData.noise.properties.mu.default, schemaData.noise.properties.v.default], [0, 0]);
  // the physics defaults are the same values, so a run section and `data` agree
  const physics = dataConfig();
  for (const key of ['count', 'testFraction', 'law', 'system', 'timing', 'hold', 'k'] as const)
    assert.deepEqual(physics[key], DATA_DEFAULTS[key], key);
  assert.deepEqual(physics.noise, DATA_DEFAULTS.noise);
});

test('a document handed over as a value meets the block and value limits before its values are checked', () => {
  // The editor's path (autosave, sweep view): no text, so no scanner; the limits apply all the same.
  const blocks = { ...sampleGraph(), nodes: Array.from({ length: MAX_EXPANDED_BLOCKS + 1 }, () => ({ x: Number.NaN })) };
  assert.deepEqual(
    errorsOf(blocks).map((e) => e.message),
    [`g.json: nodes: has ${MAX_EXPANDED_BLOCKS + 1} blocks, more than the limit of ${MAX_EXPANDED_BLOCKS}`],
  );
  // The document, its members and the values of sampleGraph are counted too: the list alone passes the limit.
  const values = { ...sampleGraph(), description: new Array(MAX_JSON_VALUES).fill(0) };
  const [e] = errorsOf(values);
  assert.deepEqual([e.code, e.message], ['too-large', `g.json: has more than ${MAX_JSON_VALUES} values (the limit)`]);
  // One fewer item and every value is walked: the NaN at the end is found.
  const under = { ...sampleGraph(), nodes: [], connections: [], description: [...new Array(MAX_JSON_VALUES - 20).fill(0), Number.NaN] };
  const [u] = errorsOf(under);
  assert.equal(u.message, `g.json: description[${MAX_JSON_VALUES - 20}]: must be a finite number (got NaN)`);
});
