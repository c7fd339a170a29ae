import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairedControl, type SeedsTables, seedsReportHtml } from '../../src/paper/seeds';
import { stat } from '../../src/util/stats';

// Three seeds, two stages and one control, with numbers chosen so the sums are easy by hand.
const err = { ME: [3.5, 3.7, 3.9], 'ME+ICs': [3.4, 3.6, 3.8] };
const control = [3.3, 3.65, 3.7];
const floors = [2.76, 2.83, 2.76];
const t: SeedsTables = {
  stages: [
    {
      stage: 'ME',
      paper: { finalLoss: 0.064, testErrorPercent: 4.2 },
      finalLoss: stat([0.03, 0.03, 0.03]),
      testErrorPercent: stat(err.ME),
    },
    {
      stage: 'ME+ICs',
      paper: { finalLoss: 0.033, testErrorPercent: 3.4 },
      finalLoss: stat([0.02, 0.03, 0.04]),
      testErrorPercent: stat(err['ME+ICs']),
    },
  ],
  perSeed: [0, 1, 2].map((seed) => ({
    seed,
    results: [
      { stage: 'ME', finalLoss: 0.03, testErrorPercent: err.ME[seed] },
      { stage: 'ME+ICs', finalLoss: [0.02, 0.03, 0.04][seed], testErrorPercent: err['ME+ICs'][seed] },
    ],
    controls: [{ stage: 'ME-2x', testErrorPercent: control[seed] }],
    floor: { mean: floors[seed] },
  })),
  floor: stat(floors),
  floorKind: { predictor: 'forward', features: 'meanv' },
  controls: [{ stage: 'ME-2x', matches: ['ME+ICs'], epochs: 100, testErrorPercent: stat(control) }],
};

test('pairedControl: each seed’s staged run minus its own control, then mean ± sample sd', () => {
  const [d] = pairedControl(t);
  assert.equal(d.stage, 'ME+ICs');
  assert.equal(d.control, 'ME-2x');
  // 3.4 − 3.3, 3.6 − 3.65, 3.8 − 3.7 = 0.1, −0.05, 0.1: mean 0.05, squared deviations 0.015 in all, sd √(0.015 / 2) = 0.0866
  assert.deepEqual(
    d.perSeed.map((x) => +x.toFixed(12)),
    [0.1, -0.05, 0.1],
  );
  assert.ok(Math.abs(d.diff.mean - 0.05) < 1e-12);
  assert.ok(Math.abs((d.diff.sd ?? 0) - Math.sqrt(0.015 / 2)) < 1e-12);
});

test('seedsReportHtml: tables as mean ± sd with every seed’s value, the distance to the floor, the paired control, links to each seed', () => {
  const html = seedsReportHtml(t, 'slidegraph reproduce --seeds 0,1,2');
  // ME: mean 3.7, sd 0.2; the floor 2.7833: ME is 0.92 above it
  assert.match(html, /<td>ME<\/td><td>3\.70 ± 0\.20<\/td><td>3\.50, 3\.70, 3\.90<\/td><td>4\.2<\/td><td>\+0\.92<\/td>/);
  // the floor names its predictor and features, and the command that computes it
  assert.match(html, /forward floor of V\/Vch and MeanV, test splits: 2\.78 ± 0\.04 % \(2\.76, 2\.83, 2\.76\)\. The forward floor/);
  assert.ok(html.includes('floor --predictor forward --features meanv'));
  assert.match(html, /<td>ME\+ICs − ME-2x<\/td><td>\+0\.05 ± 0\.09<\/td><td>\+0\.10, −0\.05, \+0\.10<\/td>/);
  assert.match(html, /<td>ME-2x<\/td><td>100<\/td><td>3\.55 ± 0\.22<\/td>/);
  for (const s of [0, 1, 2]) assert.ok(html.includes(`<a href="seed-${s}/report.html">seed ${s}</a>`));
  assert.match(html, /<figure id="error-bars"><svg/);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
});
