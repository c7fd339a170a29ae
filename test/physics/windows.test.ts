import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasetJsonChunks, parseDataset } from '../../src/physics/datasetFile';
import type { DetectedProtocol } from '../../src/physics/detectedProtocol';
import { detectProtocol, importDataset, importDefaults, scaleFromRecord } from '../../src/physics/importExperiments';
import { startSamples } from '../../src/physics/importOptions';
import { sampleInterval } from '../../src/physics/lab/detected';
import type { Experiment } from '../../src/physics/lab/record';
import { cutWindows } from '../../src/physics/lab/windows';
import { InputError } from '../../src/util/inputError';

/** A record of n rows every dt s from t = 1000 s: V steps 1 → 10 µm/s at `stepAt` s, μ = 0.6 + 0.001 sin(t/7) + 1e-4·(t/100)². */
function record(n: number, dt: number, stepAt: number): Experiment {
  const t = Float64Array.from({ length: n }, (_, k) => 1000 + k * dt);
  const V = t.map((x) => (x - 1000 >= stepAt ? 1e-5 : 1e-6));
  const mu = t.map((x) => 0.6 + 0.001 * Math.sin(x / 7) + 1e-4 * ((x - 1000) / 100) ** 2);
  return { source: 'r.txt', velocity: 'V', t, V, mu, lines: Int32Array.from({ length: n }, (_, k) => k + 2) };
}

/** The record read at time s from its first row, by the plain rules: V held from a row, μ linear. */
function at(e: Experiment, s: number): { V: number; mu: number } {
  const x = e.t[0] + s;
  let k = 0;
  while (k + 1 < e.t.length && e.t[k + 1] <= x) k++;
  if (k + 1 === e.t.length) return { V: e.V[k], mu: e.mu[k] };
  const f = (x - e.t[k]) / (e.t[k + 1] - e.t[k]);
  return { V: e.V[k], mu: e.mu[k] * (1 - f) + e.mu[k + 1] * f };
}

const opts = { ...importDefaults, vCh: 'record' as const, dmuCh: 'record' as const, startSamples };

test('a record cuts into whole windows at its own rate, every stride seconds, each starting at 0', () => {
  const e = record(1000, 0.1, 37.05); // 99.9 s
  assert.ok(Math.abs(sampleInterval(e) - 0.1) < 1e-9);
  // 37 samples at 0.1 s span 3.6 s; a new one every 2.5 s: starts 0, 2.5, ..., while start + 3.6 ≤ 99.9
  const w = cutWindows(e, { samples: 37, stride: 2.5 });
  assert.equal(w.length, Math.floor((99.9 - 3.6) / 2.5) + 1);
  w.forEach((x, m) => {
    assert.equal(x.source, `r.txt@${Number((m * 2.5).toPrecision(10))}s`);
    assert.ok(Math.abs(x.t[0] - (1000 + m * 2.5)) < 1e-9);
    assert.ok(Math.abs(x.t[x.t.length - 1] - x.t[0] - 3.6) < 1e-9);
  });
  // without a stride the windows follow each other: 3.7 s apart
  assert.equal(cutWindows(e, { samples: 37 }).length, Math.floor((99.9 - 3.6) / 3.7) + 1);
  // every 0.3 s (every third row): 10 samples span 2.7 s
  const coarse = cutWindows(e, { samples: 10, every: 0.3, stride: 50 });
  assert.equal(coarse.length, 2);
});

test('window datasets have the window length, and their fields are the record read by a plain loop', () => {
  const e = record(1000, 0.1, 37.05);
  for (const [samples, every, stride] of [
    [37, 0.1, 2.5],
    [101, 0.3, 20],
  ] as const) {
    const windows = cutWindows(e, { samples, every, stride });
    const ds = importDataset(windows, { ...opts, samples });
    assert.equal(ds.config.samples, samples);
    assert.equal(ds.sequences.length, windows.length);
    // the scale by the documented rule, computed here from the rows of each window
    let vMax = 0;
    let spread = 0;
    for (const x of windows) {
      for (const v of x.V) vMax = Math.max(vMax, v);
      const s = [...x.mu].sort((a, b) => a - b);
      spread = Math.max(spread, s[Math.round(0.99 * (s.length - 1))] - s[Math.round(0.01 * (s.length - 1))]);
    }
    assert.equal(ds.config.vCh, vMax);
    assert.equal(ds.config.dmuCh, spread);
    ds.sequences.forEach((q, m) => {
      const t0 = m * stride;
      const truth = Array.from({ length: samples }, (_, i) => at(e, t0 + i * every));
      const step = 37.05 - t0; // the step's time in this window, if it falls there
      // μ(0): the mean of the first 5 samples, or of those before the step
      let n = 0;
      let sum = 0;
      while (n < startSamples && !(step > 0 && n * every >= step)) sum += truth[n++].mu;
      const mu0 = sum / Math.max(n, 1);
      assert.ok(Math.abs((q.protocol as DetectedProtocol).muStart - mu0) < 1e-12, `window ${m} muStart`);
      truth.forEach((x, i) => {
        assert.ok(Math.abs(q.Features[i] - x.V / vMax) < 1e-9, `window ${m} Features[${i}]`);
        assert.ok(Math.abs(q.Targets[i] - (x.mu - mu0) / spread) < 1e-9, `window ${m} Targets[${i}]`);
      });
    });
    // and the file keeps the scale and the length through a write and a read
    const back = parseDataset(JSON.parse([...datasetJsonChunks(ds)].join('')), 'w.json');
    assert.equal(back.config.samples, samples);
    assert.equal(back.config.vCh, vMax);
    assert.equal(back.config.dmuCh, spread);
    assert.deepEqual(Array.from(back.sequences[1].Targets), Array.from(ds.sequences[1].Targets));
  }
});

test('a window of 1001 samples at the record rate reads every row', () => {
  const e = record(2500, 0.1, 150.05);
  const w = cutWindows(e, { samples: 1001, stride: 100 });
  assert.equal(w.length, 2); // starts 0 and 100 s; 200 + 100 s would pass 249.9 s
  const ds = importDataset(w, { ...opts, samples: 1001 });
  const q = ds.sequences[1];
  for (let i = 0; i < 1001; i++) {
    const row = 1000 + i; // the window starts on row 1000
    assert.ok(Math.abs(q.Targets[i] * ds.config.dmuCh + (q.protocol as DetectedProtocol).muStart - e.mu[row]) < 1e-12);
  }
  assert.equal((q.protocol as DetectedProtocol).jumpTimes.length, 1);
  assert.ok(Math.abs((q.protocol as DetectedProtocol).jumpTimes[0] - 50.1) < 1e-9, 'the first row at the new V, 150.1 s');
});

test('the scale rule: the fastest interval velocity, and the widest 1st–99th percentile spread of μ', () => {
  const a = record(101, 1, 50.5);
  const b = { ...record(101, 1, 200), source: 'b', mu: Float64Array.from({ length: 101 }, (_, k) => (k === 7 ? 9 : 0.5 + k * 1e-4)) };
  const found = [a, b].map((e) => detectProtocol(e, importDefaults));
  const s = scaleFromRecord([a, b], found);
  assert.equal(s.vCh, 1e-5);
  // b: the wild row (9) sorts last, above the 99th percentile (index 99 of 0..100), which is k = 100,
  // the 7th row being gone from below; the 1st percentile is k = 1
  const sa = [...a.mu].sort((x, y) => x - y);
  assert.equal(s.dmuCh, Math.max(sa[99] - sa[1], 0.5 + 100 * 1e-4 - (0.5 + 1e-4)));
  assert.ok(s.dmuCh > 0.0098 && s.dmuCh < 0.01, 'the wild row does not set it');
});

test('without a window μ(0) stays the first row, so imports keep their bytes', () => {
  const e = record(200, 0.5, 40.25);
  const ds = importDataset([e], { ...importDefaults, samples: 100 });
  assert.equal((ds.sequences[0].protocol as DetectedProtocol).muStart, e.mu[0]);
  assert.equal(ds.sequences[0].Targets[0], 0);
  assert.equal(ds.config.vCh, importDefaults.vCh);
});

test('a window longer than the record, or samples closer than its rows, are refused naming the flag', () => {
  const e = record(100, 0.1, 5);
  const refused = (f: () => unknown, field: string, words: RegExp) =>
    assert.throws(f, (x: unknown) => x instanceof InputError && x.field === field && words.test(x.message) && !x.message.includes('\n'));
  refused(() => cutWindows(e, { samples: 101 }), '--window', /101 samples every 0\.1 s span 10 s, longer than r\.txt \(9\.9 s\)/);
  refused(() => cutWindows(e, { samples: 10, every: 0.05 }), '--every', /below the sample interval of r\.txt \(0\.1 s\)/);
  assert.equal(cutWindows(e, { samples: 100 }).length, 1, 'a window of the whole record fits');
  const still = { ...e, V: e.V.map(() => 0) };
  refused(() => importDataset([still], { ...opts, samples: 100 }), '--vch', /velocities are all 0: give --vch/);
  const flat = { ...e, mu: e.mu.map(() => 0.6) };
  refused(() => importDataset([flat], { ...opts, samples: 100 }), '--dmu-ch', /does not vary: give --dmu-ch/);
});

test('extra channels and a derived slider velocity are cut with the window, linear between rows', () => {
  const base = record(500, 0.2, 30.1);
  const sigma = base.t.map((x) => 3e7 + 1e4 * Math.cos(x));
  const slider = base.t.map((x) => 1e-6 * (1 + 0.5 * Math.sin(x / 3)));
  const e: Experiment = { ...base, extra: { sigma_n: sigma }, slider };
  // every 0.5 s: samples fall between rows, where both are linear
  const w = cutWindows(e, { samples: 21, every: 0.5, stride: 17 });
  const ds = importDataset(w, { ...opts, samples: 21 });
  assert.deepEqual(ds.config.extra, ['sigma_n']);
  const lin = (x: Float64Array, s: number) => {
    const k = Math.floor(s / 0.2 + 1e-9);
    const f = (s - k * 0.2) / 0.2;
    return k + 1 < x.length ? x[k] * (1 - f) + x[k + 1] * f : x[k];
  };
  ds.sequences.forEach((q, m) => {
    for (let i = 0; i < 21; i++) {
      const s = m * 17 + i * 0.5;
      assert.ok(Math.abs(q.extra!.sigma_n[i] - lin(sigma, s)) < 1e-6, `window ${m} sigma_n[${i}]`);
      assert.ok(Math.abs(q.Features[i] * ds.config.vCh - lin(slider, s)) < 1e-18, `window ${m} slider V[${i}]`);
    }
  });
});
