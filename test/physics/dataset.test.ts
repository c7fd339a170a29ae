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
    assert.ok(hold >= 1 && hold <= nj, 'the hold is never the first interval');
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
  assert.equal(parsed.version, 1);
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
  ]);
});

test('dataConfig refuses bad values naming the field', () => {
  assert.throws(() => dataConfig({ count: 0 }), /count: must be an integer/);
  assert.throws(() => dataConfig({ seed: -1 }), /seed: must be an integer/);
  assert.throws(() => dataConfig({ rule: 'fast' as never }), /rule: must be one of equal-slip, literal/);
  assert.throws(() => dataConfig({ testFraction: 1 }), /testFraction/);
  assert.throws(() => dataConfig({ params: { ...small.params, dc: 0 } }), /params.dc: must be > 0/);
});
