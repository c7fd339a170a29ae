// Mismatches in a --data file, --init weights or a checkpoint, with real processes: each is one
// line naming the file and the field or weight (expected and actual shape), exit 2, found before
// the run folder is created or leaving a folder from which the printed advice works. Before,
// these were found only once the folder existed: "internal error" (exit 1), a silent start from
// random weights (exit 0), or a folder that --resume trained on other data.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliWith, oneLine } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-mismatch-'));
const fixtures = 'test/fixtures/datasets';
/** 19 training and 5 test sequences */
const small = join(tmp, 'small.json');
const generated = cliWith({}, 'data', '--count', '24', '--seed', '4', '--out', small);
const args = ['--epochs', '2', '--batch', '8', '--seed', '3', '--backend', 'cpu'];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const train = (out: string, ...more: string[]) => cliWith({}, 'train', 'graphs/stage-me.json', ...args, '--out', out, ...more);
const resume = (dir: string) => cliWith({}, 'train', '--resume', dir, '--backend', 'cpu');

const base = join(tmp, 'base');
const made = generated.code === 0 ? train(base, '--data', small) : generated;

/** A copy of the finished run, stopped after epoch 1: --resume continues it from epoch-0001.json. */
function stoppedAfterEpoch1(name: string, data = small): string {
  const dir = join(tmp, name);
  cpSync(base, dir, { recursive: true });
  for (const f of ['checkpoints/epoch-0002.json', 'weights.json', 'model', 'metrics.json']) rmSync(join(dir, f), { recursive: true });
  const run = json(join(dir, 'run.json'));
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...run, dataset: { ...run.dataset, file: data } }));
  return dir;
}

test('the reference run trains on the dataset file and records it', () => {
  assert.equal(generated.code, 0, generated.stderr);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(json(join(base, 'run.json')).dataset.file, small);
  assert.equal(json(join(base, 'run.json')).dataset.settings, undefined);
});

test('a --data file with a null row is refused before the run folder exists', () => {
  const out = join(tmp, 'null-row');
  const r = train(out, '--data', join(fixtures, 'null-row.json'));
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, `slidegraph: ${join(fixtures, 'null-row.json')}: sequences[0]: must be an object, got null\n`);
  assert.ok(!existsSync(out), 'no folder: nothing for "--resume" to continue on other data');
});

test('--data with --init weights that do not fit the graph is refused, naming the weight, both shapes and the file', () => {
  const bad = join(tmp, 'bad-init');
  cpSync(base, bad, { recursive: true });
  const w = json(join(bad, 'weights.json'));
  const [name] = Object.keys(w.weights);
  const shape = w.weights[name].shape as number[];
  w.weights[name].shape = [shape.reduce((a, b) => a * b, 1)];
  writeFileSync(join(bad, 'weights.json'), JSON.stringify(w));
  const out = join(tmp, 'from-bad');
  const r = train(out, '--data', small, '--init', bad);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(
    r.stderr,
    `slidegraph: ${join(bad, 'weights.json')}: weights: do not fit the graph: weight '${name}' has shape [${w.weights[name].shape}], the graph expects [${shape.join(', ')}]\n`,
  );
  assert.ok(!existsSync(out), 'refused before the run folder was created');
});

test('--resume of a --data run whose checkpoint does not fit: exit 2 naming the checkpoint, the weight and both shapes; the advice works', () => {
  const dir = stoppedAfterEpoch1('bad-checkpoint');
  const file = join(dir, 'checkpoints', 'epoch-0001.json');
  const c = json(file);
  const [name] = Object.keys(c.weights);
  const shape = c.weights[name].shape as number[];
  c.weights[name].shape = [...shape, 1];
  writeFileSync(file, JSON.stringify(c));
  const r = resume(dir);
  assert.equal(r.code, 2, r.stderr);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.equal(
    r.stderr,
    `slidegraph: --resume: no checkpoint in ${join(dir, 'checkpoints')} can be used (${file}: checkpoint: weight '${name}' has shape [${[...shape, 1].join(', ')}], the graph expects [${shape.join(', ')}]); move them away to train the run again from epoch 1 with --resume ${dir}\n`,
  );
  renameSync(join(dir, 'checkpoints'), join(tmp, 'bad-checkpoint-moved'));
  const again = resume(dir);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(json(join(dir, 'metrics.json')).epochs, json(join(base, 'metrics.json')).epochs, 'the same run as the reference');
});

test('--resume of a --data run whose dataset file changed is refused naming the file and both hashes; putting it back resumes', () => {
  const data = join(tmp, 'changing.json');
  copyFileSync(small, data);
  const dir = stoppedAfterEpoch1('changed-data', data);
  const want = json(join(dir, 'run.json')).dataset.sha256;
  const other = cliWith({}, 'data', '--count', '24', '--seed', '5', '--out', data);
  assert.equal(other.code, 0, other.stderr);
  const r = resume(dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `^slidegraph: ${dir}: dataset: the dataset file ${data} has sha256 [0-9a-f]{64}, run\\.json records ${want}; --resume needs the data the run trained on\\n$`,
    ),
  );
  rmSync(data);
  const gone = resume(dir);
  assert.equal(gone.code, 2);
  assert.equal(gone.stderr, `slidegraph: ${data}: file: no such file\n`);
  copyFileSync(small, data);
  const back = resume(dir);
  assert.equal(back.code, 0, back.stderr);
  assert.deepEqual(json(join(dir, 'metrics.json')).epochs, json(join(base, 'metrics.json')).epochs);
});

test('evaluate and predict refuse weights whose shapes do not fit the graph (predict used to fill them in at random)', () => {
  const bad = join(tmp, 'bad-weights');
  cpSync(base, bad, { recursive: true });
  const w = json(join(bad, 'weights.json'));
  const [name] = Object.keys(w.weights);
  w.weights[name].shape = [...w.weights[name].shape, 1];
  writeFileSync(join(bad, 'weights.json'), JSON.stringify(w));
  for (const cmd of [
    ['evaluate', bad],
    ['predict', bad, '--out', join(tmp, 'p.json')],
  ]) {
    const r = cliWith({}, ...cmd, '--backend', 'cpu');
    assert.equal(r.code, 2, `${cmd[0]}: ${r.stderr}`);
    assert.match(
      r.stderr,
      new RegExp(`^slidegraph: ${join(bad, 'weights.json')}: weights: do not fit the graph: weight '${name}' has shape`),
    );
  }
  assert.ok(!existsSync(join(tmp, 'p.json')));
});
