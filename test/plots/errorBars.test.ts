import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorBarSvg } from '../../src/plots/errorBars';

test('error-bar figures put their legend below the plot, where it covers no point', () => {
  const svg = errorBarSvg({
    title: 't',
    x: 'lr',
    y: 'error',
    groups: [
      {
        label: 'first',
        points: [
          { x: 1, mean: 10, sd: 1 },
          { x: 2, mean: 4, sd: null },
        ],
      },
      { label: 'second', points: [{ x: 1, mean: 9, sd: 0.5 }] },
    ],
  });
  const frame = svg
    .match(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="none"/)!
    .slice(1)
    .map(Number);
  const bottom = frame[1] + frame[3];
  const points = [...svg.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]));
  assert.equal(points.length, 3);
  for (const y of points) assert.ok(y >= frame[1] && y <= bottom, `point at ${y} inside the plot`);
  const legend = [...svg.matchAll(/<text x="[^"]+" y="([^"]+)">(first|second)<\/text>/g)].map((m) => Number(m[1]));
  assert.equal(legend.length, 2);
  for (const y of legend) assert.ok(y > bottom + 16, `legend at y ${y}, below the plot's bottom ${bottom} and its tick labels`);
  assert.match(svg, new RegExp(`viewBox="0 0 520 ${320 + 6 + 32}"`));
});
