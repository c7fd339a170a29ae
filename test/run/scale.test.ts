import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sweepFigures, sweepReportHtml } from '../../src/paper/sweep';
import { type PointResult, summarize, summaryCsv } from '../../src/run/summary';
import type { SweepSummary } from '../../src/run/summaryFile';
import type { RunMetrics } from '../../src/train/metrics';
import { extent } from '../../src/util/extent';

/**
 * collect at scale: 400 settings × 400 epochs put 160,000 values on the curves' axis, more than
 * `Math.min(...values)` can take as arguments (it threw "Maximum call stack size exceeded" and
 * report.html was never written). The points are built here rather than trained.
 */
const SETTINGS = 400;
const EPOCHS = 400;
// setting k, epoch e (1-based): 100 · 10^(−3e/EPOCHS) · (1 + k/SETTINGS), so the curves span
// (0.1, 200]: the log axis must run from the decade 10⁻¹ to 10³.
const error = (k: number, e: number) => 100 * 10 ** ((-3 * e) / EPOCHS) * (1 + k / SETTINGS);

function metrics(k: number): RunMetrics {
  const epochs = Array.from({ length: EPOCHS }, (_, i) => ({
    epoch: i + 1,
    step: (i + 1) * 10,
    train: { total: 1 },
    test: { total: 1 },
    testErrorPercent: error(k, i + 1),
    numTensors: 0,
  }));
  return { graph: 'g.json', status: 'done', epochs, timings: [], swaps: [], totalSeconds: 1 };
}

function summary(): SweepSummary {
  const points: PointResult[] = Array.from({ length: SETTINGS }, (_, k) => ({
    name: `p${k}`,
    values: { 'beta.factor': k },
    setting: k,
    metrics: metrics(k),
  }));
  const settings = summarize(points).map((row) => ({ ...row, top: 'graph.json', files: {} }));
  return { format: 'slidegraph/sweep-summary', version: 1, graph: 'g.json', parameters: ['beta.factor'], missing: [], settings };
}

test('collect summarises and reports a sweep of 400 settings × 400 epochs', { timeout: 300_000 }, () => {
  const s = summary();
  assert.equal(s.settings.length, SETTINGS);
  const last = s.settings[SETTINGS - 1];
  assert.equal(last.curve.epoch.length, EPOCHS);
  assert.ok(Math.abs(last.curve.mean[EPOCHS - 1] - error(SETTINGS - 1, EPOCHS)) < 1e-12);
  // the best epoch is the last: error falls with e
  assert.ok(Math.abs(last.stats.bestTestErrorPercent.mean - error(SETTINGS - 1, EPOCHS)) < 1e-12);
  assert.equal(summaryCsv(s.parameters, s.settings).split('\r\n').length, SETTINGS + 2);

  const html = sweepReportHtml(s);
  assert.equal(html.match(/<tr>/g)?.length, SETTINGS + 1);
  const curves = sweepFigures(s).curves;
  assert.equal(curves.match(/<polyline /g)?.length, SETTINGS);
  // a log axis over the data's decades, 0.1 to 1000
  const ticks = [...curves.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(ticks, ['0.1', '1', '10', '100', '1000']);
});

test('extent agrees with Math.min/Math.max and takes 10⁶ values', () => {
  const xs = [3, -2, 7.5, 0];
  assert.deepEqual(extent(xs), { lo: Math.min(...xs), hi: Math.max(...xs) });
  assert.deepEqual(extent([]), { lo: Math.min(), hi: Math.max() });
  const big = Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of big) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  assert.deepEqual(extent(big), { lo, hi });
});
