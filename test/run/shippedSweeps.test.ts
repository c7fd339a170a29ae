import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { flagsPatch } from '../../src/run/runSpec';
import { parseSweep, sweepPoints } from '../../src/run/sweep';
import { prepareRun } from '../../src/runs/prepareRun';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );

// The sweeps docs/ tells researchers to run (docs/experiments.md, docs/beyond.md): each must
// resolve to the settings it claims, point by point, as `sweep` resolves them before starting.
test('every sweep file under docs/sweeps resolves, and each point carries the values it sets', () => {
  const sweeps = files('docs/sweeps');
  assert.ok(sweeps.length >= 10, sweeps.join(', '));
  for (const file of sweeps) {
    const sweep = parseSweep(JSON.parse(readFileSync(file, 'utf8')), file);
    const points = sweepPoints(sweep);
    const settings = Object.values(sweep.set ?? {}).reduce((n, values) => n * values.length, 1);
    assert.equal(points.length, settings * (sweep.seeds?.length ?? 1), file);
    for (const p of points) {
      const { run } = prepareRun(
        resolve(dirname(file), sweep.graph),
        [sweep.run ?? {}, flagsPatch({ seed: p.seed })],
        Object.entries(p.values),
      );
      assert.equal(run.data.seed, p.seed, `${file} ${p.name}`);
      assert.equal(run.data.count, p.values['run.data.count'] ?? sweep.run?.data?.count ?? 15000, `${file} ${p.name}`);
      for (const [path, value] of Object.entries(p.values)) {
        const [head, section, key] = path.split('.');
        const got =
          head === 'run'
            ? (run as unknown as Record<string, Record<string, unknown>>)[section][key]
            : run.doc.nodes.find((n) => n.id === head)?.params?.[section];
        // A resolved object setting has its defaults filled in; the keys the sweep sets must match.
        const set =
          value && typeof value === 'object'
            ? Object.fromEntries(Object.keys(value).map((k) => [k, (got as Record<string, unknown>)[k]]))
            : got;
        assert.deepEqual(set, value, `${file} ${p.name}: ${path}`);
      }
    }
  }
});
