import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { agingLongHoldRate, binnedCurve, healingPeaks, healingRate } from '../../src/paper/healing';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { linspace } from '../../src/physics/sampling';
import { datasetHash } from '../../src/runs/recordedData';
import { predictionsDocument } from '../../src/train/predictionsFile';
import { cli } from '../support/cli';

test('the healing rate is the least-squares slope against log10 t_hold, with its standard error', () => {
  // By hand: x = 0..3, y = 0, 1, 1, 3: Sxx = 5, Sxy = 4.5, β = 0.9, c = −0.1, SSR = 0.7, se = √(0.7 / 2 / 5).
  const points = [0, 1, 1, 3].map((peak, i) => ({ index: i, holdSeconds: 10 ** i, peak }));
  const r = healingRate(points);
  assert.ok(Math.abs(r.beta - 0.9) < 1e-12 && Math.abs(r.intercept + 0.1) < 1e-12, JSON.stringify(r));
  assert.ok(Math.abs(r.se - Math.sqrt(0.07)) < 1e-12);
  assert.equal(r.n, 4);
  // only the holds of 10 s and more: x = 1..3, y = 1, 1, 3: β = 1
  assert.ok(Math.abs(healingRate(points, 10).beta - 1) < 1e-12);
  assert.throws(() => healingRate(points, 100), /at least 3 holds/);
  assert.deepEqual(binnedCurve(points, [1, 10, 1000, 1e4]), [
    { hold: Math.sqrt(10), peak: 0 },
    { hold: 100, peak: 1 },
    { hold: Math.sqrt(1e7), peak: 3 },
  ]);
  assert.ok(Math.abs(agingLongHoldRate(0.015) - 0.015 * Math.log(10)) < 1e-15);
});

const config = dataConfig({ protocol: 'shs', count: 200, seed: 5 });
const ds = generateDataset(config);

test("the peaks of the exact simulation are the aging law's, solved in closed form between the jumps", () => {
  const { a, b, mu0, vRef, dc } = config.params;
  const t = linspace(0, config.duration, config.samples);
  const peaks = healingPeaks(ds, (q) => ds.sequences[q].Targets);
  assert.equal(peaks.length, ds.sequences.filter((s) => s.split === 'test').length);
  for (const p of peaks) {
    const { jumpTimes, velocities } = ds.sequences[p.index].protocol;
    // θ relaxes toward Dc/V at rate V/Dc at constant V (aging law); it starts at steady state.
    const thetaAt = (time: number) => {
      let theta = dc / velocities[0];
      let from = 0;
      for (let k = 0; k < velocities.length; k++) {
        const to = Math.min(time, jumpTimes[k] ?? Number.POSITIVE_INFINITY);
        if (to <= from) break;
        const ss = dc / velocities[k];
        theta = ss + (theta - ss) * Math.exp((-velocities[k] * (to - from)) / dc);
        from = to;
      }
      return theta;
    };
    const mu = (time: number) => {
      const v = velocities[jumpTimes.filter((j) => j <= time).length];
      return mu0 + a * Math.log(v / vRef) + b * Math.log((vRef * thetaAt(time)) / dc);
    };
    const before = mu(
      Array.from(t)
        .filter((x) => x < jumpTimes[0])
        .pop()!,
    );
    const peak = Math.max(
      ...Array.from(t)
        .filter((x) => x >= jumpTimes[1])
        .map(mu),
    );
    // the targets are float32 multiples of Δμch
    assert.ok(Math.abs(p.peak - (peak - before)) < 1e-6 * config.dmuCh, `#${p.index}: ${p.peak} vs ${peak - before}`);
    assert.ok(Math.abs(p.holdSeconds - (jumpTimes[1] - jumpTimes[0])) < 1e-15);
  }
});

test('healing: a net equal to the targets heals as the true law, one twice as steep twice as fast; other data are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-healing-'));
  const data = join(dir, 'shs.json');
  writeFileSync(data, [...datasetJsonChunks(ds)].join(''));
  const T = config.samples;
  const write = (name: string, f: (y: number) => number) => {
    const y = new Float32Array(ds.sequences.length * T);
    ds.sequences.forEach((s, q) => y.set(Array.from(s.Targets, f), q * T));
    const doc = predictionsDocument(ds, y, new Float32Array(ds.sequences.length), { run: name, data, datasetSha256: datasetHash(ds) });
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return join(dir, name);
  };
  const same = write('same.json', (y) => y + 0.3);
  const double = write('double.json', (y) => 2 * y);
  const r = cli('healing', data, '--predictions', `${same},${double}`, '--json', '--svg', join(dir, 'healing.svg'));
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const law = healingRate(healingPeaks(ds, (q) => ds.sequences[q].Targets));
  assert.ok(Math.abs(out.trueLaw.all.beta - law.beta) < 1e-12);
  assert.ok(Math.abs(out.nets[0].all.beta - law.beta) < 1e-6 * Math.abs(law.beta), 'a shift does not move the peaks');
  assert.ok(Math.abs(out.nets[1].all.beta - 2 * law.beta) < 1e-6 * Math.abs(law.beta));
  assert.ok(Math.abs(out.netsMean.all.mean - 1.5 * law.beta) < 1e-6 * Math.abs(law.beta));
  assert.ok(out.trueLaw.long.beta > out.trueLaw.all.beta, 'long holds heal faster per decade: the curve is not a line');
  assert.ok(out.trueLaw.long.beta < agingLongHoldRate(config.params.b), 'and stay below the long-hold limit b ln 10');
  const jumps = join(dir, 'jumps.json');
  writeFileSync(jumps, [...datasetJsonChunks(generateDataset(dataConfig({ count: 20, seed: 1 })))].join(''));
  const bad = cli('healing', jumps);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^slidegraph: .*jumps\.json: sequences: holds 0 slide-hold-slide test sequences; .*\n$/);
});
