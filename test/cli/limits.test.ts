// Each size limit of a graph file (docs/reliability.md), one past it: `check` refuses it with one
// line naming the limit and exit 2, before the file's values are walked. That the refusal comes
// early is measured by bench/check-scale.ts, never timed here.
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_EXPANDED_BLOCKS, MAX_GRAPH_WIRES, MAX_INPUT_FILE_BYTES, MAX_JSON_VALUES } from '../../src/graph/limits';
import { cliWith, oneLine } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-limits-'));
const head = '{"format": "slidegraph/graph", "version": 1, "name": "big"';
// n empty objects: the counts are checked on the arrays' lengths before any block is validated.
const items = (n: number) => `[${'{},'.repeat(n - 1)}{}]`;

function check(name: string, text: string) {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return { file, ...cliWith({}, 'check', file) };
}

test('a graph of one block more than the limit is refused with one line', { timeout: 300_000 }, () => {
  const r = check('blocks.json', `${head}, "nodes": ${items(MAX_EXPANDED_BLOCKS + 1)}, "connections": []}`);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.equal(
    r.stderr,
    `slidegraph: ${r.file}: nodes: has ${MAX_EXPANDED_BLOCKS + 1} blocks, more than the limit of ${MAX_EXPANDED_BLOCKS}\n`,
  );
});

test('a graph of one wire more than the limit is refused with one line', { timeout: 300_000 }, () => {
  const r = check('wires.json', `${head}, "nodes": [], "connections": ${items(MAX_GRAPH_WIRES + 1)}}`);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `slidegraph: ${r.file}: connections: has ${MAX_GRAPH_WIRES + 1} wires, more than the limit of ${MAX_GRAPH_WIRES}\n`,
  );
});

test('a graph file of one JSON value more than the limit is refused with one line', { timeout: 300_000 }, () => {
  // The object, its five members and the array are 7 values; the array's items make up the rest.
  const zeros = MAX_JSON_VALUES + 1 - 7;
  const r = check('values.json', `${head}, "nodes": [], "connections": [], "description": [${'0,'.repeat(zeros - 1)}0]}`);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  // the last zero is the value past the limit: the line names its place, line 1, column …
  const column = `${head}, "nodes": [], "connections": [], "description": [`.length + 2 * (zeros - 1) + 1;
  assert.equal(r.stderr, `slidegraph: ${r.file}:1:${column}: more than ${MAX_JSON_VALUES} values (the limit)\n`);
});

test('at the value limit the file is read; the schema then has its say', { timeout: 300_000 }, () => {
  const zeros = MAX_JSON_VALUES - 7;
  const r = check('values-ok.json', `${head}, "nodes": [], "connections": [], "description": [${'0,'.repeat(zeros - 1)}0]}`);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /the limit/);
  assert.match(r.stderr, /description/);
});

test('a graph file one byte over the size limit is refused before it is read', () => {
  const file = join(tmp, 'huge.json');
  writeFileSync(file, '');
  // sparse: no disk is used, and the size is all the check looks at
  truncateSync(file, MAX_INPUT_FILE_BYTES + 1);
  const r = cliWith({}, 'check', file);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(r.stderr, new RegExp(`is ${MAX_INPUT_FILE_BYTES + 1} bytes, more than the limit of ${MAX_INPUT_FILE_BYTES} bytes`));
});
