import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insetSamples, PAPER_RUN, provenanceRows, reportFigures, reportHtml, scaleWarning } from '../../src/paper/report';
import type { ReportData } from '../../src/paper/reportData';
import { twoSdBand } from '../../src/plots/band';

const stage = (name: string, epochs: number) => ({
  name,
  graphFile: `${name}.json`,
  paper: { finalLoss: 0.01, testErrorPercent: 3 },
  finalLoss: 0.02,
  testErrorPercent: 4,
  trainLoss: Array.from({ length: epochs }, (_, i) => 1 / (i + 1)),
  errors: [1, 2, 3],
});
const n = 100;
const t = Array.from({ length: n }, (_, i) => (i / (n - 1)) * 0.013);
const data = (sequences: number, epochs: number): ReportData => ({
  stages: [stage('ME', epochs), stage('ME+ICs', epochs)],
  examples: [
    {
      figure: 'fig9',
      caption: 'A short hold.',
      index: 7,
      holdSamples: 12,
      duration: 0.013,
      jumpTimes: [0.005],
      velocities: [1e-3, 2e-9],
      t,
      target: t.map((_, i) => i / n),
      predictions: { ME: t.map((_, i) => i / n + 0.5), 'ME+ICs': t.map((_, i) => i / n) },
    },
  ],
  provenance: { sequences, seed: 3, graphs: ['a.json', 'b.json'], host: { cpu: 'x', cores: 2 } },
});

test('a run far smaller than the paper is flagged; one at the paper scale is not', () => {
  assert.match(scaleWarning(data(40, 1)), /40 sequences and 1 epoch per stage, against 15000 sequences and 50 epochs/);
  assert.equal(scaleWarning(data(PAPER_RUN.sequences, PAPER_RUN.epochs)), '');
  assert.match(scaleWarning(data(PAPER_RUN.sequences, 5)), /5 epochs/);
  assert.doesNotMatch(reportHtml(data(PAPER_RUN.sequences, PAPER_RUN.epochs)), /class="warning"/);
});

test('provenance is a table of dotted keys', () => {
  assert.deepEqual(provenanceRows(data(40, 1).provenance), [
    ['sequences', '40'],
    ['seed', '3'],
    ['graphs', 'a.json, b.json'],
    ['host.cpu', 'x'],
    ['host.cores', '2'],
  ]);
  assert.match(reportHtml(data(40, 1)), /<tr><th>host\.cpu<\/th><td>x<\/td><\/tr>/);
});

test('fig. 9 has the main plot, an inset on the first samples and a residual panel whose lines are prediction − target', () => {
  const svg = reportFigures(data(40, 1)).fig9;
  assert.equal((svg.match(/<svg /g) ?? []).length, 4, 'one figure holding three panels');
  assert.match(svg, /first 6 samples/);
  assert.equal(insetSamples(n), 6);
  const panels = svg.split('<svg ').slice(2);
  const residual = panels.find((p) => p.includes('residual'))!;
  const lines = [...residual.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => Number(p.split(',')[1])));
  // ME is off by 0.5 everywhere, ME+ICs by 0: two flat lines, ME's above.
  assert.equal(lines.length, 2);
  for (const l of lines) assert.equal(new Set(l).size, 1);
  assert.ok(lines[0][0] < lines[1][0]);
  const caption = reportHtml(data(40, 1)).match(/<figure id="fig9">[\s\S]*?<figcaption>([^<]*)<\/figcaption>/)![1];
  assert.match(caption, /^Fig\. 9: test sequence #7 \(12-sample hold\)\. A short hold\./);
  assert.match(svg, /Fig\. 9: test sequence #7 \(12-sample hold\)/);
});

test('fig. 7 shows one-epoch stages as dots', () => {
  assert.equal((reportFigures(data(40, 1)).fig7.match(/<circle class="point"/g) ?? []).length, 2);
});

test("fig. 8 has evaluate's and the editor's bins: 2 % wide from 0 to 40 %, the last one taking the rest", () => {
  const d = data(40, 1);
  // 1 in [0, 2), 2 and 3 in [2, 4), 39 and 55 in the last bin: 20 %, 40 % and 40 % of five.
  d.stages = d.stages.map((s) => ({ ...s, errors: [1, 2, 3, 39, 55] }));
  const svg = reportFigures(d).fig8;
  assert.match(svg, /last bin: 38 % and above/);
  const rects = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="(#[0-9a-f]+)"\/>/gi)];
  // Bars stand on the x axis (the legend's swatches do not).
  const bottom = (r: RegExpMatchArray) => Number(r[1]) + Number(r[2]);
  const first = rects.filter((r) => r[3] === rects[0][3] && Math.abs(bottom(r) - bottom(rects[0])) < 0.5).map((r) => Number(r[2]));
  assert.equal(first.length, 20, 'twenty bins');
  const want = Array.from({ length: 20 }, (_, i) => (i === 0 ? 20 : i === 1 || i === 19 ? 40 : 0));
  const perPercent = first[1] / 40;
  first.forEach((h, i) => assert.ok(Math.abs(h - want[i] * perPercent) < 0.15, `bin ${i}: ${h} px, want ${want[i]} %`));
});

test('an ensemble is a band of mean ± 2 sd over its members, drawn at the values the members give', () => {
  const d = data(40, 1);
  // Three seeds' nets: the target plus 0, +0.001·i and −0.002·i, so the spread grows along t.
  const members = [0, 1, 2].map((j) => t.map((_, i) => i / n + (j === 0 ? 0 : j === 1 ? 0.001 * i : -0.002 * i)));
  d.examples[0].ensemble = { stage: 'ME+ICs', members };
  const main = reportFigures(d).fig9.split('<svg ')[2];
  // The target line fixes the right axis's map from value to pixel (linear): two of its points give it.
  const target = [...main.matchAll(/<polyline[^>]* points="([^"]*)"/g)][1][1].split(' ').map((p) => Number(p.split(',')[1]));
  const slope = (target[n - 1] - target[0]) / ((n - 1) / n);
  const pixel = (v: number) => target[0] + slope * v;
  const polygon = main
    .match(/<polygon class="band"[^>]* points="([^"]*)"/)![1]
    .split(' ')
    .map((p) => Number(p.split(',')[1]));
  assert.equal(polygon.length, 2 * n);
  for (let i = 0; i < n; i++) {
    const m = (members[0][i] + members[1][i] + members[2][i]) / 3;
    const sd = Math.sqrt(members.reduce((a, x) => a + (x[i] - m) ** 2, 0) / 2);
    // toFixed(1) rounds each pixel: within 0.05 px, plus the float error of the fitted map
    assert.ok(Math.abs(polygon[i] - pixel(m + 2 * sd)) < 0.11, `hi at ${i}: ${polygon[i]} vs ${pixel(m + 2 * sd)}`);
    assert.ok(Math.abs(polygon[2 * n - 1 - i] - pixel(m - 2 * sd)) < 0.11, `lo at ${i}`);
  }
  const band = twoSdBand([
    [1, 2],
    [3, 2],
    [2, 2],
  ]);
  assert.deepEqual(band, { mean: [2, 2], sd: [1, 0], lo: [0, 2], hi: [4, 2] });
  assert.throws(() => twoSdBand([[1]]), /at least two members/);
  const caption = reportHtml(d).match(/<figure id="fig9">[\s\S]*?<figcaption>([^<]*)<\/figcaption>/)![1];
  assert.match(caption, /Grey band: the ME\+ICs nets of all 3 seeds on this sequence, mean ± 2 sd\./);
});
