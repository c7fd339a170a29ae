import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataConfig, generateDataset, testCount } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { paperRules } from '../../src/physics/generator';

const small = dataConfig({ count: 400, seed: 7 });
const ds = generateDataset(small);

test("protocols follow the paper's rules", () => {
  const dc = small.params.dc;
  const counts = new Map<number, number>();
  for (const s of ds.sequences) {
    const { jumpTimes, velocities, hold } = s.protocol;
    const nj = jumpTimes.length;
    counts.set(nj, (counts.get(nj) ?? 0) + 1);
    assert.ok(nj >= 2 && nj <= 5);
    assert.equal(velocities.length, nj + 1);
    assert.ok(hold >= 1 && hold <= nj - 1, 'the hold is interior: never the first, never the last interval');
    assert.equal(velocities[hold], paperRules.holdVelocity);
    assert.equal(velocities.filter((v) => v === paperRules.holdVelocity).length, 1);
    for (let i = 1; i < nj; i++) assert.ok(jumpTimes[i] > jumpTimes[i - 1]);
    assert.ok(jumpTimes[0] > 0 && jumpTimes[nj - 1] < paperRules.duration);
    // equal-slip: the sliding intervals together slip exactly 30 Dc
    const bounds = [0, ...jumpTimes, paperRules.duration];
    let slip = 0;
    for (let k = 0; k <= nj; k++) if (k !== hold) slip += velocities[k] * (bounds[k + 1] - bounds[k]);
    assert.ok(Math.abs(slip - 30 * dc) < 1e-15, `slip ${slip}`);
  }
  for (const nj of [2, 3, 4, 5]) assert.ok((counts.get(nj) ?? 0) > 60, `N_J = ${nj} drawn ${counts.get(nj)} times of 400`);
});

test("the 'literal' rule gives each sliding interval the whole slip D", () => {
  const lit = generateDataset(dataConfig({ count: 20, seed: 7, rule: 'literal' }));
  for (const [i, s] of lit.sequences.entries()) {
    const { jumpTimes, velocities, hold } = s.protocol;
    assert.deepEqual(jumpTimes, ds.sequences[i].protocol.jumpTimes, 'same draws, only the rule differs');
    const bounds = [0, ...jumpTimes, paperRules.duration];
    for (let k = 0; k < velocities.length; k++) {
      if (k === hold) continue;
      assert.ok(Math.abs(velocities[k] * (bounds[k + 1] - bounds[k]) - 30 * small.params.dc) < 1e-15);
    }
  }
});

test('the split is 80/20 and fixed by the seed', () => {
  const test = ds.sequences.filter((s) => s.split === 'test').length;
  assert.equal(test, testCount(small));
  assert.equal(test, 80);
  const again = generateDataset(small);
  assert.deepEqual(
    again.sequences.map((s) => s.split),
    ds.sequences.map((s) => s.split),
  );
  const other = generateDataset(dataConfig({ count: 400, seed: 8 }));
  assert.notDeepEqual(
    other.sequences.map((s) => s.split),
    ds.sequences.map((s) => s.split),
  );
});

test('same seed gives the same bytes; another seed does not; a prefix is stable', () => {
  const text = (c: typeof small) => [...datasetJsonChunks(generateDataset(c))].join('');
  const a = text(dataConfig({ count: 50, seed: 3 }));
  assert.equal(a, text(dataConfig({ count: 50, seed: 3 })));
  assert.notEqual(a, text(dataConfig({ count: 50, seed: 4 })));
  const big = generateDataset(dataConfig({ count: 60, seed: 3 }));
  const first = generateDataset(dataConfig({ count: 50, seed: 3 }));
  assert.deepEqual(big.sequences[49].protocol, first.sequences[49].protocol);
  const parsed = JSON.parse(a);
  assert.equal(parsed.format, 'slidegraph/dataset');
  assert.equal(parsed.version, 2);
  assert.equal(parsed.sequences.length, 50);
  assert.deepEqual(Object.keys(parsed.sequences[0]), [
    'protocol',
    'split',
    'Features',
    'Targets',
    'PosBeforeJ',
    'PosAfterJ',
    'DeltaF',
    'Nh',
    'LogTerms',
    'HoldPairs',
    'MeanV',
    'LogVRatio',
    'JumpPairs',
  ]);
});

test('dataConfig refuses bad values naming the field', () => {
  assert.throws(() => dataConfig({ count: 0 }), /count: must be an integer/);
  assert.throws(() => dataConfig({ seed: -1 }), /seed: must be an integer/);
  assert.throws(() => dataConfig({ rule: 'fast' as never }), /rule: must be one of equal-slip, literal/);
  assert.throws(() => dataConfig({ testFraction: 1 }), /testFraction/);
  assert.throws(() => dataConfig({ params: { ...small.params, dc: 0 } }), /params.dc: must be > 0/);
});

test("hold 'not-first' (wave 1) may hold last; 'interior' never does, with the same draw order", () => {
  const nf = generateDataset(dataConfig({ count: 400, seed: 7, hold: 'not-first' }));
  let last = 0;
  for (const [i, s] of nf.sequences.entries()) {
    const { jumpTimes, hold } = s.protocol;
    assert.ok(hold >= 1 && hold <= jumpTimes.length);
    if (hold === jumpTimes.length) last++;
    assert.deepEqual(jumpTimes, ds.sequences[i].protocol.jumpTimes, 'the hold rule does not shift the jump draws');
  }
  // P(last) = E[1/N_J] = (1/2 + 1/3 + 1/4 + 1/5)/4 ≈ 0.32
  assert.ok(last > 90 && last < 170, `${last} of 400 hold last`);
  assert.equal(ds.sequences.filter((s) => s.protocol.hold === s.protocol.jumpTimes.length).length, 0);
  assert.throws(() => dataConfig({ minJumps: 1 }), /minJumps: must be an integer in \[2, 64\]/);
});

test("timing 'grid' puts every jump on a sample instant: PosAfterJ is that sample, V there is the new velocity", () => {
  const g = generateDataset(dataConfig({ count: 200, seed: 5, timing: 'grid' }));
  const t = Array.from({ length: 100 }, (_, i) => (paperRules.duration * i) / 99);
  t[99] = paperRules.duration;
  for (const s of g.sequences) {
    const { jumpTimes, velocities } = s.protocol;
    jumpTimes.forEach((tau, j) => {
      const idx = t.indexOf(tau);
      assert.ok(idx >= 1 && idx <= 98, `jump at ${tau} is not an inner sample instant`);
      assert.equal(s.PosAfterJ[j], idx);
      assert.equal(s.PosBeforeJ[j], idx - 1);
      assert.equal(s.Features[idx], velocities[j + 1] / 0.3);
      assert.equal(s.Features[idx - 1], velocities[j] / 0.3);
    });
  }
  assert.notDeepEqual(g.sequences[0].protocol, generateDataset(dataConfig({ count: 1, seed: 6, timing: 'grid' })).sequences[0].protocol);
});

test('MeanV is the slip increment over each sample interval / Vch, V(0)/Vch at sample 0; LogVRatio and JumpPairs follow the jumps', () => {
  for (const s of ds.sequences.slice(0, 50)) {
    const { jumpTimes, velocities } = s.protocol;
    const T = paperRules.duration;
    const slipAt = (x: number) => {
      const b = [0, ...jumpTimes, T];
      let d = 0;
      for (let k = 0; k < velocities.length; k++) d += velocities[k] * Math.max(0, Math.min(x, b[k + 1]) - b[k]);
      return d;
    };
    const t = (i: number) => (i === 99 ? T : (T * i) / 99);
    assert.equal(s.MeanV[0], velocities[0] / 0.3);
    for (let i = 1; i < 100; i++) {
      const want = (slipAt(t(i)) - slipAt(t(i - 1))) / (t(i) - t(i - 1)) / 0.3;
      assert.ok(Math.abs(s.MeanV[i] - want) <= 1e-9 * Math.max(1, Math.abs(want)), `MeanV[${i}] ${s.MeanV[i]} vs ${want}`);
    }
    for (let j = 0; j < 5; j++) {
      assert.equal(s.LogVRatio[j], j < jumpTimes.length ? Math.log(velocities[j + 1] / velocities[j]) : 0);
      if (j < 4) assert.equal(s.JumpPairs[j], j + 1 < jumpTimes.length ? 1 : 0);
    }
  }
});

test('noise is added after the loss fields, from the seed, to what an experiment measures', () => {
  const clean = generateDataset(dataConfig({ count: 300, seed: 9 }));
  const noisy = generateDataset(dataConfig({ count: 300, seed: 9, noise: { mu: 0.05, v: 0.02 } }));
  const again = generateDataset(dataConfig({ count: 300, seed: 9, noise: { mu: 0.05, v: 0.02 } }));
  let sq = 0;
  let sqv = 0;
  let n = 0;
  for (const [i, s] of noisy.sequences.entries()) {
    const c = clean.sequences[i];
    assert.deepEqual(s.protocol, c.protocol);
    for (const f of ['DeltaF', 'LogTerms', 'HoldPairs', 'LogVRatio', 'JumpPairs', 'PosBeforeJ', 'PosAfterJ'] as const)
      assert.deepEqual(s[f], c[f], f);
    assert.deepEqual(s.Targets, again.sequences[i].Targets);
    for (let k = 0; k < 100; k++) {
      sq += (s.Targets[k] - c.Targets[k]) ** 2;
      sqv += (s.Features[k] / c.Features[k] - 1) ** 2;
      n++;
    }
  }
  const sd = Math.sqrt(sq / n);
  const sdv = Math.sqrt(sqv / n);
  assert.ok(Math.abs(sd - 0.05) < 0.002, `target noise sd ${sd}`);
  assert.ok(Math.abs(sdv - 0.02) < 0.001, `velocity noise sd ${sdv}`);
  assert.throws(() => dataConfig({ noise: { mu: -1, v: 0 } }), /noise.mu/);
  assert.throws(() => dataConfig({ noise: { mu: 0, v: 1 } }), /noise.v/);
});

test('the state law changes the targets but not the protocols; slip and PRZ start from their steady state', () => {
  for (const law of ['slip', 'prz'] as const) {
    const other = generateDataset(dataConfig({ count: 20, seed: 7, law }));
    for (const [i, s] of other.sequences.entries()) {
      assert.deepEqual(s.protocol, ds.sequences[i].protocol);
      assert.equal(s.Targets[0], 0);
    }
    assert.notDeepEqual(other.sequences[0].Targets, ds.sequences[0].Targets);
  }
});

test('spring-slider datasets: features are the load-point velocities, k must exceed (b − a)/Dc', () => {
  const ss = generateDataset(dataConfig({ count: 3, seed: 2, system: 'spring-slider' }));
  const direct = generateDataset(dataConfig({ count: 3, seed: 2 }));
  for (const [i, s] of ss.sequences.entries()) {
    assert.deepEqual(s.protocol, direct.sequences[i].protocol);
    assert.deepEqual(s.Features, direct.sequences[i].Features);
    assert.equal(s.Targets[0], 0);
    // the spring delays the response: right after the first jump the slider has not caught up
    const j = s.PosAfterJ[0];
    assert.ok(Math.abs(s.Targets[j] - direct.sequences[i].Targets[j]) > 1e-3);
  }
  assert.throws(() => dataConfig({ system: 'spring-slider', k: 40 }), /k: must exceed the critical stiffness \(b − a\)\/Dc = 50/);
  assert.doesNotThrow(() => dataConfig({ system: 'direct', k: 40 }));
});
