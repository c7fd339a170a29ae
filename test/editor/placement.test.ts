import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeSpot, overlaps } from '../../src/editor/doc/placement';

const box = (id: string, x: number, y: number, w = 200, h = 100) => ({ id, x, y, w, h });

test('overlaps names the pairs of boxes that cover each other or touch, and no others', () => {
  assert.deepEqual(overlaps([box('a', 0, 0), box('b', 150, 50), box('c', 1000, 0)]), [['a', 'b']]);
  assert.deepEqual(overlaps([box('a', 0, 0), box('b', 300, 0)]), []);
});

test('a new block lands on the nearest free spot, clear of every block', () => {
  assert.deepEqual(freeSpot([], { x: 10, y: 20 }, 200, 100), { x: 10, y: 20 });
  const taken = [box('a', 0, 0), box('b', 0, 160), box('c', -260, 0)];
  const p = freeSpot(taken, { x: 0, y: 0 }, 200, 100);
  assert.deepEqual(
    overlaps([...taken, box('new', p.x, p.y)]).filter(([, b]) => b === 'new'),
    [],
  );
  // The nearest spot on the grid is one ring out, not far away.
  assert.ok(Math.hypot(p.x, p.y) <= 2 * 40 * Math.SQRT2 * 4, JSON.stringify(p));
});
