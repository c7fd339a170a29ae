import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { filesUsedBy } from '../../src/editor/doc/workspace';
import type { GraphDocument, GraphNode } from '../../src/graph/index';
import { reachableFiles, subgraphRef, subgraphRefs } from '../../src/graph/subgraphs';
import { fileResolver } from '../../src/runs/graphFiles';
import { copySubgraphs } from '../../src/runs/runFolder';

const node = (id: string, type: string, params: GraphNode['params'] = {}): GraphNode => ({ id, type, params, position: { x: 0, y: 0 } });
const doc = (...nodes: GraphNode[]): GraphDocument => ({ format: 'slidegraph/graph', version: 1, name: 'g', nodes, connections: [] });
const sub = (id: string, graph: string) => node(id, 'Subgraph', { graph });

test('subgraphRef names the file of a Subgraph block only; a non-string graph parameter names no file', () => {
  assert.equal(subgraphRef(sub('s', 'a.json')), 'a.json');
  assert.equal(subgraphRef(node('g', 'GRU', { graph: 'a.json' })), undefined);
  assert.equal(subgraphRef(node('s', 'Subgraph', { graph: 3 })), '');
  assert.deepEqual(
    subgraphRefs(doc(sub('x', 'a.json'), node('t', 'Targets'), sub('y', 'b/c.json'))).map((r) => [r.node.id, r.ref]),
    [
      ['x', 'a.json'],
      ['y', 'b/c.json'],
    ],
  );
});

test('reachableFiles lists each file once, top first, depth first, and survives a cycle and a missing file', () => {
  const files: Record<string, GraphDocument> = {
    top: doc(sub('a', 'A'), sub('b', 'B'), sub('a2', 'A')),
    A: doc(sub('c', 'C'), sub('missing', 'Z')),
    B: doc(sub('back', 'top')),
    C: doc(),
  };
  const found = reachableFiles(
    'top',
    files.top,
    (ref) => (ref === 'Z' ? undefined : ref),
    (f) => files[f],
  );
  assert.deepEqual(
    found.map((f) => f.file),
    ['top', 'A', 'C', 'B'],
  );
});

test("the editor's filesUsedBy resolves references relative to the file that names them", () => {
  const files: Record<string, GraphDocument> = {
    'top.json': doc(sub('s', 'lib/loss.json')),
    'lib/loss.json': doc(sub('s', 'part.json')),
    'lib/part.json': doc(),
    'part.json': doc(),
  };
  assert.deepEqual(filesUsedBy('top.json', files), ['top.json', 'lib/loss.json', 'lib/part.json']);
  assert.deepEqual(filesUsedBy('absent.json', files), []);
});

test('a run folder gets each sub-graph where its reference points from the copy that names it', () => {
  const src = mkdtempSync(join(tmpdir(), 'sg-src-'));
  const out = mkdtempSync(join(tmpdir(), 'sg-run-'));
  mkdirSync(join(src, 'lib'));
  const write = (name: string, d: GraphDocument) => writeFileSync(join(src, name), JSON.stringify(d));
  const top = doc(sub('s', 'lib/loss.json'), sub('outside', '../elsewhere.json'));
  write('top.json', top);
  write('lib/loss.json', doc(sub('s', 'part.json')));
  write('lib/part.json', doc());
  copySubgraphs(top, join(src, 'top.json'), out, fileResolver);
  const listed: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      e.isDirectory() ? walk(join(d, e.name)) : listed.push(relative(out, join(d, e.name)));
  };
  walk(out);
  assert.deepEqual(listed.sort(), ['lib/loss.json', 'lib/part.json']);
});
