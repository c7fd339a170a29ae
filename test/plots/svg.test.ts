import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decadeLabels } from '../../src/editor/plots/predictionChart';
import { histogramSvg, lossSvg, predictionSvg } from '../../src/editor/plots/svgExport';
import { chartSvg } from '../../src/plots/svg';

const points = (svg: string) =>
  [...svg.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));

test('a linear series spans the plot box from corner to corner', () => {
  const svg = chartSvg({
    title: 't',
    x: { label: 'x' },
    y: { label: 'y' },
    series: [{ label: 's', x: [0, 5, 10], y: [0, 5, 10], color: '#000' }],
    width: 600,
    height: 400,
  });
  const [line] = points(svg);
  // margins: left 64, right 16, top 32, bottom 48
  assert.deepEqual(line[0], [64, 352]);
  assert.deepEqual(line[1], [(64 + 584) / 2, (352 + 32) / 2]);
  assert.deepEqual(line[2], [584, 32]);
});

test('a log axis puts each decade at an equal step and skips values it cannot show', () => {
  const svg = chartSvg({
    title: 't',
    x: { label: 'x' },
    y: { label: 'y', log: true },
    series: [{ label: 's', x: [0, 1, 2, 3], y: [1, 10, 100, 0], color: '#000' }],
    width: 600,
    height: 400,
  });
  const [line] = points(svg);
  assert.equal(line.length, 3, 'the 0 is left out');
  assert.equal(line[0][1], 352);
  assert.equal(line[1][1], 192);
  assert.equal(line[2][1], 32);
});

test('bars: one rectangle per bin and series; labels are escaped', () => {
  const svg = chartSvg({
    title: 'a < b',
    x: { label: 'x' },
    y: { label: 'y' },
    bars: true,
    series: [{ label: 'p&q', x: [0, 1, 2, 3], y: [1, 2, 3], color: '#123456' }],
  });
  assert.equal((svg.match(/fill="#123456"/g) ?? []).length, 3 + 1, 'three bars and the legend swatch');
  assert.match(svg, /a &lt; b/);
  assert.match(svg, /p&amp;q/);
});

test("the editor's figures use the same drawing: one line per term and split, bars per bin, two axes", () => {
  const loss = lossSvg({
    terms: ['ME', 'ICs'],
    batches: [],
    swaps: [],
    epochs: [1, 2].map((x) => ({ x, train: { ME: 1 / x, ICs: 0.1 / x }, test: { ME: 2 / x, ICs: 0.2 / x } })),
  });
  assert.equal(points(loss).length, 4);
  assert.equal((loss.match(/stroke-dasharray/g) ?? []).length, 2);
  assert.equal(
    (histogramSvg({ edges: [0, 2, 4], counts: [1, 3] }).match(/fill="#1f77b4"/g) ?? []).length,
    2 + 1,
    'two bars and the legend swatch',
  );
  const pred = predictionSvg({ index: 4, features: [1, 1, 0.01], target: [0, 1, 2], prediction: [0, 1.1, 1.9] });
  assert.match(pred, /Test sequence #4/);
  assert.match(pred, /\(μ − μ\(0\)\) \/ Δμch/);
  assert.equal(points(pred).length, 3);
});

test('swap marks carry their labels; the legend sits below the plot box; few points get dots', () => {
  const loss = lossSvg({
    terms: ['ME'],
    batches: [],
    swaps: [{ x: 1.5, note: 'set beta.factor = 0.3' }],
    epochs: [1, 2].map((x) => ({ x, train: { ME: 1 / x }, test: { ME: 2 / x } })),
  });
  assert.match(loss, /<g class="mark"><line x1="([\d.]+)"[^>]*>.*set beta\.factor = 0\.3<\/text><\/g>/);
  const x = Number(loss.match(/<g class="mark"><line x1="([\d.]+)"/)![1]);
  // epochs 1…2 span the plot's 64…624 px: 1.5 is in the middle
  assert.equal(x, (64 + 624) / 2);
  assert.equal((loss.match(/<circle class="point"/g) ?? []).length, 2, 'a dot per train epoch');
  // Plot box bottom at 360 - 48; every legend label is below the x-axis label at 350.
  const legendY = [...loss.matchAll(/<text x="[\d.]+" y="([\d.]+)">ME (train|test)<\/text>/g)].map((m) => Number(m[1]));
  assert.equal(legendY.length, 2);
  for (const y of legendY) assert.ok(y > 350, `legend at y=${y}`);
  assert.match(histogramSvg({ edges: [0, 2, 4, 6], counts: [1, 3, 2] }), /last bin: 4 % and above/);
});

test('the velocity axis labels at most five powers of ten', () => {
  const ticks = Array.from({ length: 10 }, (_, i) => 10 ** (i - 9));
  const labels = decadeLabels(ticks).filter(Boolean);
  assert.deepEqual(labels, ['1e-9', '1e-7', '1e-5', '1e-3', '0.1']);
  assert.deepEqual(decadeLabels([0.01, 0.02, 0.1, 1]), ['0.01', '', '0.1', '1']);
});

test('a band is one polygon: hi left to right, then lo right to left, on the same scale as the line', () => {
  const svg = chartSvg({
    title: 't',
    x: { label: 'x' },
    y: { label: 'y' },
    series: [{ label: 's', x: [0, 5, 10], y: [2, 5, 8], band: { lo: [0, 3, 6], hi: [4, 7, 10] }, color: '#000' }],
    width: 600,
    height: 400,
  });
  // The band's 0 and 10 set the axis: y = 0 at pixel 352, y = 10 at 32 (32 pixels per unit).
  const polygon = svg
    .match(/<polygon class="band"[^>]* points="([^"]*)"/)![1]
    .split(' ')
    .map((p) => p.split(',').map(Number));
  assert.deepEqual(polygon, [
    [64, 352 - 4 * 32],
    [324, 352 - 7 * 32],
    [584, 32],
    [584, 352 - 6 * 32],
    [324, 352 - 3 * 32],
    [64, 352],
  ]);
  assert.deepEqual(
    points(svg)[0].map((p) => p[1]),
    [352 - 2 * 32, 352 - 5 * 32, 352 - 8 * 32],
  );
});
