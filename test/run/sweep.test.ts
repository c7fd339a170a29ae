import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldDuplicates, MAX_SWEEP_POINTS, parseSweep, requireGridSize, sweepPoints } from '../../src/run/sweep';
import { stat } from '../../src/util/stats';

const sweep = {
  format: 'slidegraph/sweep',
  version: 1,
  graph: 'graphs/fig6-global.json',
  set: { 'beta.factor': [0.05, 0.1, 0.2], 'main/gru.units': [16, 32] },
  seeds: [0, 1, 2],
  run: { data: { count: 15000 }, training: { epochs: 50 } },
};

test('the points are the product of every set list and the seeds, named after their values', () => {
  const points = sweepPoints(parseSweep(sweep, 's.json'));
  assert.equal(points.length, 18);
  assert.deepEqual(points[0], {
    name: 'beta.factor=0.05_main.gru.units=16_seed=0',
    values: { 'beta.factor': 0.05, 'main/gru.units': 16 },
    seed: 0,
    setting: 0,
  });
  assert.deepEqual(
    points.slice(0, 7).map((p) => [p.values['beta.factor'], p.values['main/gru.units'], p.seed, p.setting]),
    [
      [0.05, 16, 0, 0],
      [0.05, 16, 1, 0],
      [0.05, 16, 2, 0],
      [0.05, 32, 0, 1],
      [0.05, 32, 1, 1],
      [0.05, 32, 2, 1],
      [0.1, 16, 0, 2],
    ],
  );
  assert.equal(new Set(points.map((p) => p.name)).size, 18);
  // no set and no seeds: one point, the graph as written
  assert.deepEqual(sweepPoints(parseSweep({ format: 'slidegraph/sweep', version: 1, graph: 'g.json' }, 's.json')), [
    { name: 'run', values: {}, setting: 0 },
  ]);
});

test('a bad sweep file is refused naming the file and the field', () => {
  const bad: [unknown, RegExp][] = [
    [{ ...sweep, format: 'slidegraph/graph' }, /^s\.json: sweep: format: must be "slidegraph\/sweep"$/],
    [{ ...sweep, version: 2 }, /^s\.json: sweep: version: must be 1$/],
    [{ ...sweep, seeds: [0, 0] }, /seeds: must NOT have duplicate items/],
    [{ ...sweep, seeds: [-1] }, /seeds\[0\]: must be >= 0/],
    [{ ...sweep, set: { 'beta.factor': [] } }, /set\.beta\.factor: must have at least 1 entry, got 0/],
    [{ ...sweep, sets: {} }, /\(top level\): has the unknown field 'sets'/],
    [{ ...sweep, graph: undefined }, /^s\.json: sweep: graph: is missing$/],
  ];
  for (const [value, want] of bad)
    assert.throws(
      () => parseSweep(value, 's.json'),
      (e: Error) => want.test(e.message),
      String(want),
    );
});

test('sample standard deviation by hand', () => {
  // mean 2, squared deviations 1 + 0 + 1 = 2, over n - 1 = 2: sd 1
  assert.deepEqual(stat([1, 2, 3]), { mean: 2, sd: 1, n: 3 });
  assert.deepEqual(stat([5]), { mean: 5, sd: null, n: 1 });
});

test('duplicate values fold by value (1 and 1.0, reordered objects) and each fold is noted (issue 25)', () => {
  const dup = parseSweep(
    JSON.parse(
      '{"format":"slidegraph/sweep","version":1,"graph":"g.json","set":{"beta.factor":[0.1,0.1,0.2],"main/gru.units":[1,1.0,2],"run.x":[{"a":1,"b":2},{"b":2,"a":1}]},"seeds":[0,1]}',
    ),
    's.json',
  );
  const { sweep: folded, notes } = foldDuplicates(dup);
  assert.deepEqual(folded.set, { 'beta.factor': [0.1, 0.2], 'main/gru.units': [1, 2], 'run.x': [{ a: 1, b: 2 }] });
  assert.deepEqual(notes, [
    'set["beta.factor"] lists 0.1 more than once; each value is trained once',
    'set["main/gru.units"] lists 1 more than once; each value is trained once',
    'set["run.x"] lists {"b":2,"a":1} more than once; each value is trained once',
  ]);
  // 2 × 2 × 1 settings × 2 seeds, each once
  assert.equal(sweepPoints(folded).length, 8);
  assert.deepEqual(foldDuplicates(parseSweep(sweep, 's.json')).notes, []);
});

test('a grid beyond MAX_SWEEP_POINTS is refused as a product, before any point is listed (issue 25)', () => {
  const values = Array.from({ length: 100 }, (_, i) => i);
  const huge = parseSweep(
    { ...sweep, set: Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`p${k}.x`, values])), seeds: [0] },
    's.json',
  );
  assert.throws(
    () => requireGridSize(huge, 's.json'),
    (e: Error) =>
      e.message ===
      `s.json: set: the grid has 1.00e+10 points (100 × 100 × 100 × 100 × 100 × 1), more than the limit of ${MAX_SWEEP_POINTS}; sweep fewer values`,
  );
  assert.doesNotThrow(() => requireGridSize(parseSweep(sweep, 's.json'), 's.json'));
  const edge = parseSweep({ ...sweep, set: { 'a.x': Array.from({ length: MAX_SWEEP_POINTS }, (_, i) => i) }, seeds: [0] }, 's.json');
  assert.doesNotThrow(() => requireGridSize(edge, 's.json'));
  assert.throws(() => requireGridSize({ ...edge, seeds: [0, 1] }, 's.json'), /2\.00e\+4 points/);
});
