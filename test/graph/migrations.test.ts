import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CURRENT_GRAPH_VERSION,
  defineMigrations,
  GRAPH_MIGRATIONS,
  loadGraph,
  MigrationError,
  type MigrationStep,
  migrateGraph,
  serializeGraph,
} from '../../src/graph/index';
import { textOf } from './sample';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const v0Text = fixture('v0-initial-condition.json');
const v1Text = fixture('v1-initial-condition.json');
const v0 = () => JSON.parse(v0Text) as Record<string, unknown>;

function refused(value: unknown) {
  const r = loadGraph(textOf(value), 'old.json');
  if (r.ok) assert.fail('expected a refusal');
  return r.errors;
}

test('the shipped migrations form one unbroken chain to the current version', () => {
  GRAPH_MIGRATIONS.forEach((s, k) => assert.deepEqual([s.from, s.to], [k, k + 1]));
  assert.equal(GRAPH_MIGRATIONS.at(-1)!.to, CURRENT_GRAPH_VERSION);
});

test('0→1: a draft file becomes the published format, canonically written', () => {
  const r = loadGraph(v0Text, 'v0.json');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  assert.equal(r.migratedFrom, 0);
  assert.deepEqual(r.doc, JSON.parse(v1Text));
  assert.equal(serializeGraph(r.doc), v1Text);
  // Once written, the file loads as version 1 without migrating.
  const again = loadGraph(serializeGraph(r.doc), 'v1.json');
  assert.ok(again.ok && again.migratedFrom === undefined);
});

test('0→1: the "format"/"version": 0 marker reads the same as "slidegraph": 0', () => {
  const { slidegraph: _, ...rest } = v0();
  const r = loadGraph(textOf({ format: 'slidegraph/graph', version: 0, ...rest }), 'v0.json');
  assert.ok(r.ok && r.migratedFrom === 0);
  assert.deepEqual(r.doc, JSON.parse(v1Text));
});

test('0→1: optional parts — no run, no wires, explicit rule and test split', () => {
  const { data: _d, train: _t, init: _i, wires: _w, ...bare } = v0();
  const r = loadGraph(textOf({ ...bare, blocks: [{ id: 'a', kind: 'Features', x: 1, y: 2 }] }), 'v0.json');
  if (!r.ok) assert.fail(r.errors[0]!.message);
  assert.equal(r.doc.run, undefined);
  assert.deepEqual(r.doc.connections, []);
  assert.deepEqual(r.doc.nodes, [{ id: 'a', type: 'Features', params: {}, position: { x: 1, y: 2 } }]);

  const withRule = loadGraph(textOf({ ...v0(), data: { seed: 1, rule: 'literal', test: 0.25 } }), 'v0.json');
  assert.ok(withRule.ok);
  assert.deepEqual(withRule.doc.run!.data, { seed: 1, rule: 'literal', testFraction: 0.25 });
});

test('0→1: does not modify its input', () => {
  const deepFreeze = (v: unknown): unknown => {
    if (typeof v === 'object' && v !== null) Object.values(Object.freeze(v)).forEach(deepFreeze);
    return v;
  };
  const input = deepFreeze(v0()) as Record<string, unknown>;
  const r = migrateGraph(input, 0, 'v0.json');
  assert.ok(r.ok);
  assert.deepEqual(input, v0());
});

test('0→1: what the draft reader cannot read is refused with the path in the old file', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ ...v0(), blocks: undefined }, 'blocks', /is required/],
    [{ ...v0(), colour: 'red' }, 'colour', /unknown field in a version 0 file/],
    [{ ...v0(), blocks: [{ id: 'a', kind: 'X', x: '1', y: 0 }] }, 'blocks[0].x', /must be a number/],
    [{ ...v0(), blocks: [{ id: 'a', kind: 'X', x: 1, y: 0, args: [1] }] }, 'blocks[0].args', /must be an object/],
    [{ ...v0(), wires: [['a.out']] }, 'wires[0]', /must be a pair/],
    [{ ...v0(), wires: [['a.out', 'b.']] }, 'wires[0][1]', /"node.socket"/],
    [{ ...v0(), train: undefined }, 'train', /is required when "data" is present/],
    [{ ...v0(), data: undefined, train: undefined }, 'init', /needs "data" and "train"/],
    [{ ...v0(), data: { seed: 1, size: 3 } }, 'data.size', /unknown field/],
    [{ ...v0(), train: { epochs: 1, batch: 2 } }, 'train.lr', /is required/],
    [{ ...v0(), title: undefined }, 'title', /is required/],
  ];
  for (const [value, path, detail] of cases) {
    const [e] = refused(value);
    assert.equal(e!.code, 'migration-failed', e!.message);
    assert.equal(e!.path, path);
    assert.match(e!.message, detail);
    assert.match(e!.message, /version 0 file/);
  }
});

test('0→1: version-1 problems in an upgraded file say that it was upgraded', () => {
  const [e] = refused({ ...v0(), blocks: [{ id: 'a', kind: 'gru', x: 0, y: 0 }], wires: [] });
  assert.equal(e!.code, 'schema');
  assert.equal(e!.path, 'nodes[0].type');
  assert.match(e!.message, /\(after upgrading from version 0\)$/);
  const [d] = refused({ ...v0(), wires: [['nowhere.out', 'sq.in']] });
  assert.equal(d!.code, 'dangling-connection');
  assert.match(d!.message, /after upgrading from version 0/);
});

test('versions: future, malformed and missing ones are refused', () => {
  const doc = JSON.parse(v1Text);
  const cases: [unknown, string, string, RegExp][] = [
    [{ ...doc, version: 2 }, 'future-version', 'version', /was written by a newer Slidegraph \(version 2 > 1\)/],
    [{ ...doc, version: 99 }, 'future-version', 'version', /version 99 > 1/],
    [{ ...doc, version: -1 }, 'bad-version', 'version', /whole number/],
    [{ ...doc, version: '1' }, 'bad-version', 'version', /got "1"/],
    [{ ...doc, version: undefined }, 'bad-version', 'version', /is missing/],
    [{ ...doc, format: 'slidegraph/run' }, 'wrong-format', 'format', /"slidegraph\/run"/],
    [{ ...doc, format: undefined }, 'wrong-format', 'format', /is missing/],
    [{ slidegraph: 1, title: 'x', blocks: [] }, 'bad-version', 'slidegraph', /must be 0/],
    [[doc], 'wrong-format', '', /found an array/],
    ['graph', 'wrong-format', '', /found "graph"/],
  ];
  for (const [value, code, path, detail] of cases) {
    const errors = refused(value);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, code);
    assert.equal(errors[0]!.path, path);
    assert.match(errors[0]!.message, detail);
  }
});

test('framework: steps run one at a time, in order, from the file version', () => {
  const calls: string[] = [];
  const step = (from: number): MigrationStep => ({
    from,
    to: from + 1,
    description: `step ${from}`,
    up: (doc) => {
      calls.push(`${from}→${from + 1}`);
      return { ...doc, trail: [...(doc.trail as number[]), from + 1] };
    },
  });
  const steps = defineMigrations(3, [step(0), step(1), step(2)]);
  const r = migrateGraph({ trail: [1] }, 1, 'x.json', steps, 3);
  assert.deepEqual(r, { ok: true, doc: { trail: [1, 2, 3] } });
  assert.deepEqual(calls, ['1→2', '2→3']);
  assert.deepEqual(migrateGraph({ trail: [] }, 3, 'x.json', steps, 3), { ok: true, doc: { trail: [] } });
});

test('framework: a broken chain is a programming error, found at definition', () => {
  const noop = (from: number, to = from + 1): MigrationStep => ({ from, to, description: '', up: (d) => d });
  assert.throws(() => defineMigrations(3, [noop(0), noop(2)]), /expected 1→2/);
  assert.throws(() => defineMigrations(2, [noop(0, 2)]), /expected 0→1/);
  assert.throws(() => defineMigrations(3, [noop(0), noop(1)]), /current version is 3/);
  // Files older than the first step have no way up.
  const r = migrateGraph({}, 0, 'x.json', defineMigrations(2, [noop(1)]), 2);
  assert.ok(!r.ok && r.errors[0]!.code === 'bad-version');
});

test('framework: a step reports unreadable input through MigrationError; other throws are bugs', () => {
  const failing: MigrationStep = {
    from: 0,
    to: 1,
    description: '',
    up: () => {
      throw new MigrationError(['blocks', 2, 'x'], 'is odd');
    },
  };
  const r = migrateGraph({}, 0, 'x.json', [failing], 1);
  assert.ok(!r.ok);
  assert.equal(r.errors[0]!.message, 'x.json: blocks[2].x: is odd (reading a version 0 file to upgrade it to version 1)');
  const buggy: MigrationStep = {
    from: 0,
    to: 1,
    description: '',
    up: () => {
      throw new TypeError('oops');
    },
  };
  assert.throws(() => migrateGraph({}, 0, 'x.json', [buggy], 1), TypeError);
});
