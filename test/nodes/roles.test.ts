import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldRead, kinds } from '../../nodes/block';
import { fieldTypes } from '../../nodes/fields';
import { registry } from '../../nodes/index';
import { checkParams } from '../../src/compile/params';
import { SUBGRAPH_FILE_PARAM, SUBGRAPH_TYPE } from '../../src/graph/subgraphs';

/**
 * A role names the block's own params and sockets; the compiler and the editor read them
 * without knowing the block. A role that names something the block lacks would fail there
 * silently (an undefined name, a wire never found), so each name is checked against the block.
 */

const data = { samples: 7, maxJumps: 2 };
const paramOf = (type: string, name: string) => registry.get(type)!.params.find((p) => p.name === name);

test('every role names params and sockets its block has', () => {
  const seen = new Set<string>();
  for (const b of registry.values()) {
    const r = b.role;
    seen.add(r.kind);
    const where = `${b.type} (${r.kind})`;
    switch (r.kind) {
      case 'source':
        assert.deepEqual(b.inputs, [], where);
        assert.deepEqual(
          b.outputs.map((s) => s.name),
          ['out'],
          where,
        );
        assert.ok(fieldTypes(data)[r.field], `${where} reads '${r.field}', which is no dataset field`);
        break;
      case 'port':
        assert.equal(paramOf(b.type, r.name)?.type, 'string', where);
        if (r.side === 'in') {
          const carries = paramOf(b.type, r.carries);
          assert.ok(carries?.type === 'enum', where);
          assert.deepEqual(carries.choices, kinds, where);
          assert.deepEqual(
            b.outputs.map((s) => s.name),
            ['out'],
            where,
          );
        } else {
          assert.deepEqual(
            b.inputs.map((s) => s.name),
            [r.input],
            where,
          );
        }
        break;
      case 'term':
        assert.equal(paramOf(b.type, r.name)?.type, 'string', where);
        assert.deepEqual(
          b.inputs.map((s) => [s.name, s.accepts]),
          [[r.input, ['scalar']]],
          where,
        );
        break;
      case 'subgraph':
        assert.equal(b.type, SUBGRAPH_TYPE);
        assert.equal(r.file, SUBGRAPH_FILE_PARAM);
        assert.equal(paramOf(b.type, r.file)?.type, 'string', where);
        break;
      case 'op':
        if (r.lossWeight) {
          // A loss weight passes its input's type through: the term before it has the same type.
          const input = b.inputs.find((s) => s.name === r.lossWeight);
          assert.ok(input, where);
          const defaults = checkParams(b, {});
          assert.ok(defaults.ok);
          const shaped = b.inferShape({ params: defaults.params, inputs: { [r.lossWeight]: { kind: 'scalar', shape: [] } }, data });
          assert.deepEqual(shaped, { ok: true, shapes: { out: { kind: 'scalar', shape: [] } } }, where);
        }
        break;
    }
  }
  assert.deepEqual([...seen].sort(), ['op', 'port', 'source', 'subgraph', 'term']);
  // The blocks the paper's graphs rely on, by role.
  assert.deepEqual(
    [...registry.values()].filter((b) => b.role.kind !== 'op' && b.role.kind !== 'source').map((b) => b.type),
    ['Input', 'Output', 'Loss', 'Subgraph'],
  );
  assert.deepEqual(
    [...registry.values()].filter((b) => b.role.kind === 'op' && b.role.lossWeight).map((b) => b.type),
    ['Scale'],
  );
});

test('every block’s defaults pass its own param specs, with the value types the specs declare', () => {
  for (const b of registry.values()) {
    const r = checkParams(b, {});
    assert.ok(r.ok, `${b.type}: ${r.ok ? '' : r.message}`);
    for (const p of b.params) {
      const want = p.type === 'int' || p.type === 'number' ? 'number' : 'string';
      assert.equal(typeof r.params[p.name], want, `${b.type}.${p.name}`);
    }
  }
});

test('the field a block reads: its own for a data port, the one it names for an Input, none otherwise', () => {
  const get = (t: string) => registry.get(t)!;
  assert.equal(fieldRead(get('Targets'), {}), 'Targets');
  assert.equal(fieldRead(get('Predictions'), {}), 'Predictions');
  assert.equal(fieldRead(get('Input'), { name: 'DeltaF', kind: 'jumps' }), 'DeltaF');
  assert.equal(fieldRead(get('Output'), { name: 'Predictions' }), undefined);
  assert.equal(fieldRead(get('Scale'), { factor: 2 }), undefined);
});

test('the canvas summary comes from the block, with typed params', () => {
  const s = (t: string, params: Record<string, number | string>) => registry.get(t)!.summary?.(params) ?? '';
  assert.equal(s('Scale', { factor: 0.25 }), ' ×0.25');
  assert.equal(s('GRU', { units: 32 }), ' 32');
  assert.equal(s('Part', { index: -1 }), ' [-1]');
  assert.equal(s('Loss', { name: 'DE' }), ' "DE"');
  assert.equal(s('Square', {}), '');
});
