import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type GraphDocument, loadGraph, loadGraphValue, serializeGraph } from '../../src/graph/index';
import { sampleGraph, textOf } from './sample';

const corpus = (name: string) => readFileSync(new URL(`../fixtures/bad-graphs/${name}`, import.meta.url), 'utf8');

const snapshot = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort());

test('__proto__ / constructor / prototype keys never reach a prototype', () => {
  const before = snapshot();
  const v0WithProto = corpus('proto-key.json').replace(
    '"format": "slidegraph/graph",\n  "version": 1',
    '"format": "slidegraph/graph",\n  "version": 0',
  );
  const texts = [
    corpus('proto-key.json'),
    corpus('escaped-proto-key.json'),
    corpus('constructor-key.json'),
    corpus('prototype-key.json'),
    v0WithProto,
    '{"__proto__": {"polluted": true}, "format": "slidegraph/graph", "version": 1}',
    '[{"constructor": {"prototype": {"polluted": true}}}]',
  ];
  for (const text of texts) {
    const r = loadGraph(text, 'p.json');
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'forbidden-key', r.errors[0]!.message);
  }
  assert.deepEqual(snapshot(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
});

test('own __proto__ keys in JS objects (e.g. from a bare JSON.parse) are refused too', () => {
  const doc = sampleGraph() as unknown as { nodes: { params: unknown }[] };
  doc.nodes[1]!.params = JSON.parse('{"units": 32, "__proto__": {"polluted": true}}');
  const r = loadGraphValue(doc, 'mem');
  assert.ok(!r.ok);
  assert.deepEqual([r.errors[0]!.code, r.errors[0]!.path], ['forbidden-key', 'nodes[1].params.__proto__']);
  assert.throws(() => serializeGraph(doc as unknown as GraphDocument), /nodes\[1\]\.params\.__proto__: the key "__proto__" is not allowed/);

  const withConstructor = sampleGraph();
  withConstructor.nodes[1]!.params = JSON.parse('{"constructor": "x"}');
  const c = loadGraphValue(withConstructor, 'mem');
  assert.ok(!c.ok && c.errors[0]!.path === 'nodes[1].params.constructor');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a loaded document is made of plain objects', () => {
  const r = loadGraph(textOf(sampleGraph()), 'g.json');
  assert.ok(r.ok);
  assert.equal(Object.getPrototypeOf(r.doc.nodes[0]!.params), Object.prototype);
});
