import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { elkGraph, fitZoom, type LayoutBlock, positionsOf, type Viewport, wrapRows } from '../../src/editor/doc/layered';
import type { GraphConnection } from '../../src/graph';

/** The canvas of a 1366×768 screen (palette and side panel taken off), and 13 px labels read at 10 px. */
const view: Viewport = { width: 926, height: 670, minZoom: 10 / 13, fitScale: 0.97 };

/** A file's blocks with a socket per wire end, 26 px apart, outputs above inputs as the canvas draws them. */
function blocksOf(file: string): { blocks: LayoutBlock[]; wires: GraphConnection[] } {
  const doc = JSON.parse(readFileSync(new URL(`../../graphs/${file}`, import.meta.url), 'utf8')) as {
    nodes: { id: string }[];
    connections: GraphConnection[];
  };
  const blocks = doc.nodes.map((n) => {
    const outs = [...new Set(doc.connections.filter((c) => c.from.node === n.id).map((c) => c.from.socket))];
    const ins = [...new Set(doc.connections.filter((c) => c.to.node === n.id).map((c) => c.to.socket))];
    const row = (i: number) => 28 + 26 * i + 13;
    return {
      id: n.id,
      w: 180,
      h: 38 + 26 * (outs.length + ins.length),
      outputs: Object.fromEntries(outs.map((s, i) => [s, row(i)])),
      inputs: Object.fromEntries(ins.map((s, i) => [s, row(outs.length + i)])),
    };
  });
  return { blocks, wires: doc.connections };
}

test('the ELK graph fixes inputs on the left edge and outputs on the right, and drops wires to unknown blocks', () => {
  const b: LayoutBlock = { id: 'a', w: 180, h: 90, inputs: { x: 41 }, outputs: { out: 67 } };
  const g = elkGraph(
    [b, { ...b, id: 'b' }],
    [
      { from: { node: 'a', socket: 'out' }, to: { node: 'b', socket: 'x' } },
      { from: { node: 'a', socket: 'out' }, to: { node: 'gone', socket: 'x' } },
    ],
  );
  const ports = g.children![0].ports!;
  assert.deepEqual(
    ports.map((p) => [p.x, p.y, p.layoutOptions!['elk.port.side']]),
    [
      [-1, 40, 'WEST'],
      [179, 66, 'EAST'],
    ],
  );
  assert.equal(g.edges!.length, 1);
  assert.deepEqual(g.edges![0].sources, [ports[1].id]);
});

test("ELK's layout of fig. 6 and of fig. 4 sends every wire to the right, from one block's right edge to a block wholly beyond it", async () => {
  for (const file of ['fig6-global.json', 'fig4-direct-effect.json']) {
    const { blocks, wires } = blocksOf(file);
    const at = positionsOf(await new ELK().layout(elkGraph(blocks, wires)));
    assert.equal(at.size, blocks.length);
    const back = wires.filter((c) => !(at.get(c.from.node)!.x + 180 < at.get(c.to.node)!.x));
    assert.deepEqual(back, [], file);
  }
});

test('a chain of eleven layers too long to read wraps into the fewest rows that fit: three, of 4, 4 and 3 layers', () => {
  // 180 px blocks 32 px apart: 2300 px in one row; two rows of 6 and 5 layers are still 1240 px
  // wide (zoom 0.97 × 926 / 1240 = 0.72 < 10/13); three rows are 816 px wide and 3 × 64 + 2 × 48 tall.
  const chain = Array.from({ length: 11 }, (_, i) => ({ id: `b${i}`, x: 212 * i, y: 0, w: 180, h: 64 }));
  assert.ok(fitZoom(chain, view) < view.minZoom);
  const placed = wrapRows(chain, view);
  const expected = chain.map((_, i) => {
    const row = i < 4 ? 0 : i < 8 ? 1 : 2;
    const first = [0, 4, 8][row];
    return [`b${i}`, { x: 212 * (i - first), y: row * (64 + 48) }];
  });
  assert.deepEqual([...placed], expected);
  assert.ok(
    fitZoom(
      chain.map((b) => ({ ...b, ...placed.get(b.id)! })),
      view,
    ) >= view.minZoom,
  );
});

test('a layout that fits the view at a readable zoom is left as it is', () => {
  const boxes = [
    { id: 'a', x: 0, y: 0, w: 180, h: 64 },
    { id: 'b', x: 212, y: 30, w: 180, h: 64 },
  ];
  assert.deepEqual(
    [...wrapRows(boxes, view)],
    [
      ['a', { x: 0, y: 0 }],
      ['b', { x: 212, y: 30 }],
    ],
  );
});
