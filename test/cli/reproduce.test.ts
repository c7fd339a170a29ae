import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { featureFloor } from '../../src/paper/featureFloor';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { cli } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'sg-reproduce-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const stages = ['ME', 'ME+ICs', 'ME+ICs+DE', 'ME+ICs+DE+H'];

test('reproduce --seeds: stages side by side on both cores, numbers bit-identical to a sequential run, tables as mean ± sd with n', () => {
  const small = ['--count', '40', '--epochs', '1', '--backend', 'cpu'];
  const sequential = join(tmp, 'sequential');
  const one = cli('reproduce', ...small, '--seed', '1', '--jobs', '1', '--out', sequential);
  assert.equal(one.code, 0, one.stderr);
  const parallel = join(tmp, 'parallel');
  const r = cli('reproduce', ...small, '--seeds', '0,1', '--jobs', '2', '--out', parallel);
  assert.equal(r.code, 0, r.stderr);
  for (const s of stages) {
    const a = join(parallel, 'seed-1', s);
    const b = join(sequential, s);
    assert.deepEqual(json(join(a, 'metrics.json')).epochs, json(join(b, 'metrics.json')).epochs, s);
    assert.deepEqual(json(join(a, 'weights.json')), json(join(b, 'weights.json')), s);
  }
  assert.equal(json(join(parallel, 'seed-0', 'ME+ICs+DE+H', 'graph.json')).run.init, join(parallel, 'seed-0', 'ME+ICs'));

  const tables = json(join(parallel, 'tables.json'));
  assert.deepEqual(
    tables.stages.map((t: { stage: string }) => t.stage),
    stages,
  );
  for (const [i, s] of stages.entries()) {
    const xs = [0, 1].map((seed) => json(join(parallel, `seed-${seed}`, s, 'metrics.json')).epochs[0].testErrorPercent);
    const mean = (xs[0] + xs[1]) / 2;
    // n = 2: the sample sd is |x0 - x1| / √2
    const sd = Math.abs(xs[0] - xs[1]) / Math.SQRT2;
    const got = tables.stages[i].testErrorPercent;
    assert.equal(got.n, 2);
    assert.ok(Math.abs(got.mean - mean) < 1e-12 && Math.abs(got.sd - sd) < 1e-12, `${s}: ${JSON.stringify(got)} vs ${mean} ± ${sd}`);
    assert.match(r.stdout, new RegExp(`^${s.replace(/\+/g, '\\+')} +${mean.toFixed(2)} ± ${sd.toFixed(2)} +[\\d.]+$`, 'm'));
  }
  assert.match(r.stdout, /ours \(mean ± sd, n = 2\)/);
  assert.match(r.stdout, /at once on average/);
  for (const t of tables.timing.stages) assert.ok(Date.parse(t.startedAt) < Date.parse(t.finishedAt));

  // The epoch control is ME continued with the ME loss alone: the same as `train` of the ME
  // stage's graph from the ME run's weights, for one more stage (ME-2x) and then another (ME-3x).
  const control = join(tmp, 'control');
  const c2 = cli('train', 'graphs/stage-me.json', ...small, '--seed', '1', '--init', join(parallel, 'seed-1', 'ME'), '--out', control);
  assert.equal(c2.code, 0, c2.stderr);
  assert.deepEqual(json(join(parallel, 'seed-1', 'ME-2x', 'metrics.json')).epochs, json(join(control, 'metrics.json')).epochs);
  assert.equal(json(join(parallel, 'seed-1', 'ME-3x', 'graph.json')).run.init, join(parallel, 'seed-1', 'ME-2x'));
  const controls = tables.controls as { stage: string; epochs: number; testErrorPercent: { mean: number } }[];
  assert.deepEqual(
    controls.map((c) => [c.stage, c.epochs]),
    [
      ['ME-2x', 2],
      ['ME-3x', 3],
    ],
  );
  for (const c of controls) {
    const xs = [0, 1].map((seed) => json(join(parallel, `seed-${seed}`, c.stage, 'metrics.json')).epochs[0].testErrorPercent);
    assert.ok(Math.abs(c.testErrorPercent.mean - (xs[0] + xs[1]) / 2) < 1e-12, c.stage);
  }
  assert.match(r.stdout, /^Epoch control: ME continued/m);
  assert.match(r.stdout, new RegExp(`^ME-2x +2 +${controls[0].testErrorPercent.mean.toFixed(2)} ± [\\d.]+ +ME\\+ICs `, 'm'));

  // The floor beside table II: the forward floor of V/Vch (the GRU reads the samples up to now) on each seed's test split.
  for (const seed of [0, 1]) {
    const config = dataConfig({ count: 40, seed });
    const tests = generateDataset(config).sequences.filter((q) => q.split === 'test');
    const errors = featureFloor(config, tests, { predictor: 'forward', features: 'v', draws: 16 }).errors;
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    assert.ok(Math.abs(tables.perSeed[seed].floor.mean - mean) < 1e-12, `seed ${seed}: ${tables.perSeed[seed].floor.mean} vs ${mean}`);
    // The same generated data serve the floor and the report: the stages' own, by their hash.
    const sha256 = json(join(parallel, `seed-${seed}`, 'ME', 'run.json')).dataset.sha256;
    assert.ok(readFileSync(join(parallel, `seed-${seed}`, 'report.html'), 'utf8').includes(sha256), `seed ${seed}: report names ${sha256}`);
  }
  assert.match(r.stdout, new RegExp(`^forward floor of V/Vch \\(test split\\): ${tables.floor.mean.toFixed(2)} ± `, 'm'));
  assert.deepEqual(tables.floorKind, { predictor: 'forward', features: 'v' });
  const me = tables.stages[0].testErrorPercent.mean - tables.floor.mean;
  assert.match(r.stdout, new RegExp(`^ME +[+−]${Math.abs(me).toFixed(2)}$`, 'm'));

  // OUT/report.html: table II over the seeds, the same numbers as tables.json.
  const page = readFileSync(join(parallel, 'report.html'), 'utf8');
  const s0 = tables.stages[0].testErrorPercent;
  assert.ok(page.includes(`<td>ME</td><td>${s0.mean.toFixed(2)} ± ${s0.sd.toFixed(2)}</td>`), 'table II row of ME');
  assert.match(page, /<table id="table-paired">/);

  // Each seed's figs. 9–10 draw the last stage's nets of both seeds as a band; one seed has none.
  const fig9 = readFileSync(join(parallel, 'seed-0', 'fig9.svg'), 'utf8');
  assert.equal((fig9.match(/<polygon class="band"/g) ?? []).length, 2, 'the main plot and its inset');
  assert.match(fig9, /ME\+ICs\+DE\+H, 2 seeds: mean ± 2 sd/);
  assert.doesNotMatch(readFileSync(join(sequential, 'fig9.svg'), 'utf8'), /class="band"/);
});

test('reproduce --features meanv --set: every stage is the MeanV stage graph with the setting, as train chains them; a bad --set is refused before the folder exists', () => {
  const small = ['--count', '40', '--epochs', '1', '--backend', 'cpu'];
  const out = join(tmp, 'meanv-grid');
  const r = cli('reproduce', ...small, '--no-control', '--features', 'meanv', '--set', 'run.data.timing=grid', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  for (const s of stages) {
    const g = json(join(out, s, 'graph.json'));
    assert.equal(g.run.data.timing, 'grid', s);
    assert.ok(
      g.connections.some((c: { from: { node: string }; to: { node: string } }) => c.from.node === 'stack' && c.to.node === 'main'),
      s,
    );
  }
  // The same two stages by hand: the MeanV graphs, the setting, ME+ICs from ME.
  const me = join(tmp, 'meanv-me');
  const set = ['--set', 'run.data.timing=grid'];
  assert.equal(cli('train', 'graphs/stage-meanv-me.json', ...small, ...set, '--seed', '0', '--out', me).code, 0);
  const ics = join(tmp, 'meanv-ics');
  assert.equal(cli('train', 'graphs/stage-meanv-me-ics.json', ...small, ...set, '--seed', '0', '--init', me, '--out', ics).code, 0);
  assert.deepEqual(json(join(out, 'ME+ICs', 'metrics.json')).epochs, json(join(ics, 'metrics.json')).epochs);
  assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /<th>graphs<\/th><td>stage-meanv-me\.json, stage-meanv-me-ics\.json, /);
  // The floor of the features the nets read, MeanV; on jumps at sample instants it is exactly 0.
  assert.match(r.stdout, /^forward floor of V\/Vch and MeanV \(test split\): 0\.00 %$/m);

  const bad = join(tmp, 'bad-set');
  const b = cli('reproduce', ...small, '--set', 'run.data.timing=gird', '--out', bad);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^slidegraph: --set run\.data\.timing: must be one of "uniform", "grid" \(got "gird"\)\n$/);
  assert.equal(existsSync(bad), false);
});

test('reproduce --set STAGE:PATH=VALUE changes that stage alone; the controls count their epochs from scratch through it; an unknown stage is refused by name', () => {
  const small = ['--count', '40', '--epochs', '1', '--backend', 'cpu', '--seed', '0'];
  const out = join(tmp, 'stage-set');
  const r = cli('reproduce', ...small, '--control', '--set', 'ME:run.training.epochs=2', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const epochs = (s: string) => json(join(out, s, 'metrics.json')).epochs.length;
  assert.deepEqual(['ME', 'ME+ICs', 'ME+ICs+DE', 'ME-2x', 'ME-3x'].map(epochs), [2, 1, 1, 1, 1]);
  // ME-2x stands beside ME+ICs: 2 + 1 epochs from scratch; ME-3x beside the DE stages: 2 + 1 + 1.
  assert.match(r.stdout, /^ME-2x +3 +[\d.]+ +ME\+ICs [\d.]+$/m);
  assert.match(r.stdout, /^ME-3x +4 +/m);

  const bad = join(tmp, 'bad-stage');
  const b = cli('reproduce', ...small, '--set', 'MEE:run.training.epochs=2', '--out', bad);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^slidegraph: --set MEE: no stage is named "MEE"; the stages are ME, ME\+ICs, ME\+ICs\+DE, ME\+ICs\+DE\+H\n$/);
  assert.equal(existsSync(bad), false);
});
