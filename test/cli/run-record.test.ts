// run.json records the data settings (hold included), so evaluate, predict and --resume
// regenerate the run's own data whatever the defaults of a later Slidegraph. A run folder from
// before they were recorded is read under the rules of its time, told apart by its hash.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveDataConfig } from '../../src/graph';
import { smallRun } from '../support/cli';
import { cliWith } from '../support/faults';

/** A folder from before `interior` became the default; test/fixtures/run-folders/README.md says how it was made. */
const legacy = 'test/fixtures/run-folders/legacy-not-first';
const tmp = mkdtempSync(join(tmpdir(), 'sg-run-record-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const recorded = json(join(legacy, 'run.json')).dataset.sha256 as string;

function evaluate(dir: string) {
  const r = cliWith({}, 'evaluate', dir, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  return { ...r, out: JSON.parse(r.stdout) };
}

function copy(name: string, edit: (run: Record<string, unknown>, graph: Record<string, unknown>) => void): string {
  const dir = join(tmp, name);
  cpSync(legacy, dir, { recursive: true });
  const run = json(join(dir, 'run.json'));
  const graph = json(join(dir, 'graph.json'));
  edit(run, graph);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  writeFileSync(join(dir, 'graph.json'), JSON.stringify(graph));
  return dir;
}

const old = evaluate(legacy);
const today = evaluate(copy('interior', (_run, graph) => ((graph.run as { data: Record<string, unknown> }).data.hold = 'interior')));

test('evaluate on a folder without recorded settings regenerates the data with the old default hold, as its hash says', () => {
  assert.equal(old.stderr, '');
  assert.equal(old.out.datasetSha256, recorded);
  // Under today's default the data, and the numbers, are different: the choice matters.
  assert.notEqual(today.out.datasetSha256, recorded);
  assert.notEqual(today.out.testErrorPercent.mean, old.out.testErrorPercent.mean);
  assert.match(
    today.stderr,
    /note: .*: the regenerated data has sha256 [0-9a-f]{64}, run\.json records [0-9a-f]{64} \(regenerated with hold "interior"\)/,
  );
});

test('a folder made with the interior default before settings were recorded is told apart by its hash', () => {
  const dir = copy('between', (run) => ((run.dataset as { sha256: string }).sha256 = today.out.datasetSha256));
  const r = evaluate(dir);
  assert.equal(r.stderr, '');
  assert.equal(r.out.datasetSha256, today.out.datasetSha256);
  assert.deepEqual(r.out.testErrorPercent, today.out.testErrorPercent);
});

test('a folder whose hash matches neither rule (an older dataset format) is read with the old default, with a note', () => {
  const dir = copy('older', (run) => ((run.dataset as { sha256: string }).sha256 = 'f'.repeat(64)));
  const r = evaluate(dir);
  assert.equal(
    r.stderr,
    `slidegraph: note: ${dir}: the regenerated data has sha256 ${recorded}, run.json records ${'f'.repeat(64)} (regenerated with hold "not-first")\n`,
  );
  assert.deepEqual(r.out.testErrorPercent, old.out.testErrorPercent);
});

test('--resume of such a folder trains on the same data and writes run.json as version 1 with the confirmed settings', () => {
  const dir = copy('resumed', () => {});
  const weights = json(join(dir, 'weights.json'));
  rmSync(join(dir, 'weights.json'));
  const r = cliWith({}, 'train', '--resume', dir, '--backend', 'cpu');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(json(join(dir, 'weights.json')), weights, 'epoch 1 again, on the same data: the same weights');
  const run = json(join(dir, 'run.json'));
  assert.equal(run.format, 'slidegraph/run');
  assert.equal(run.version, 1);
  assert.equal(run.dataset.sha256, recorded);
  assert.equal(run.dataset.settings.hold, 'not-first');
  // From now on the folder says what it trained on: evaluate needs no hash to tell.
  assert.deepEqual(evaluate(dir).out.testErrorPercent, old.out.testErrorPercent);
});

test('a new run folder records its data settings, defaults filled in, in run.json version 1', () => {
  const dir = join(tmp, 'new');
  const r = cliWith({}, 'train', 'graphs/stage-me.json', ...smallRun(1), '--seed', '3', '--backend', 'cpu', '--out', dir);
  assert.equal(r.code, 0, r.stderr);
  const run = json(join(dir, 'run.json'));
  assert.equal(run.format, 'slidegraph/run');
  assert.equal(run.version, 1);
  // Every default filled in, as the run used it: a later default cannot change what it regenerates.
  assert.deepEqual(run.dataset.settings, resolveDataConfig(json(join(dir, 'graph.json')).run.data));
  assert.equal(run.dataset.settings.hold, 'interior');
  assert.equal(run.dataset.settings.testFraction, 0.2);
  assert.equal(json(join(dir, 'metrics.json')).format, 'slidegraph/metrics');
  assert.equal(json(join(dir, 'checkpoints', 'epoch-0001.json')).format, 'slidegraph/checkpoint');
});
