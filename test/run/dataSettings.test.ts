import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RUN_DEFAULTS, resolveDataConfig } from '../../src/graph';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import type { GeneratedProtocol } from '../../src/physics/generator';
import { prepareRun } from '../../src/runs/prepareRun';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-settings-'));
const sets = [
  ['run.data.params', { a: 0.008 }],
  ['run.data.duration', 0.02],
  ['run.data.totalSlipDc', 20],
  ['run.data.minJumps', 3],
  ['run.data.maxJumps', 4],
  ['run.data.holdVelocity', 1e-8],
  ['run.data.samples', 50],
] as const;

test("issue 24's generator settings are run.data settings: resolved, validated, the paper's values for the rest", () => {
  const { run } = prepareRun('graphs/stage-me.json', [], sets);
  const config = dataConfig({ ...run.data, count: 40 });
  assert.deepEqual(config.params, { mu0: 0.5, a: 0.008, b: 0.015, vRef: 1e-4, dc: 2e-4 });
  assert.equal(config.duration, 0.02);
  const ds = generateDataset(config);
  for (const s of ds.sequences) {
    const p = s.protocol as GeneratedProtocol;
    assert.equal(s.Targets.length, 50);
    assert.ok(p.jumpTimes.length >= 3 && p.jumpTimes.length <= 4);
    assert.equal(s.PosBeforeJ.length, 4);
    assert.equal(p.velocities[p.hold], 1e-8);
    // equal slip: the sliding intervals' slip adds up to 20 Dc
    const b = [0, ...p.jumpTimes, 0.02];
    const slip = p.velocities.reduce((sum, v, k) => sum + (k === p.hold ? 0 : v * (b[k + 1] - b[k])), 0);
    assert.ok(Math.abs(slip - 20 * 2e-4) <= 1e-12, `slip ${slip}`);
  }
  // the defaults resolve to the paper's config, byte for byte, so no golden hash moves
  assert.equal(
    JSON.stringify(dataConfig(resolveDataConfig(RUN_DEFAULTS.data))),
    JSON.stringify(dataConfig({ seed: 0, rule: 'equal-slip' })),
  );
  for (const [path, value, field] of [
    ['run.data.params', { dc: -1 }, /dc/],
    ['run.data.params', { e: 1 }, /params/],
    ['run.data.samples', 1, /samples/],
    ['run.data.duration', 0, /duration/],
  ] as const)
    assert.throws(() => dataConfig(prepareRun('graphs/stage-me.json', [], [[path, value]]).run.data), field, path);
});

test('the same settings as data flags give the same configuration', () => {
  const out = join(dir, 'd.json');
  const args = ['--a', '0.008', '--duration', '0.02', '--total-slip', '20', '--min-jumps', '3', '--max-jumps', '4'];
  const r = cli('data', '--count', '3', ...args, '--hold-velocity', '1e-8', '--samples', '50', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const { run } = prepareRun('graphs/stage-me.json', [], sets);
  const file = JSON.parse(readFileSync(out, 'utf8')).config;
  assert.deepEqual(file, JSON.parse(JSON.stringify(dataConfig({ ...run.data, count: 3, seed: 0 }))));
  const bad = cli('data', '--count', '2', '--samples', '1', '--out', out);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--samples/);
});
