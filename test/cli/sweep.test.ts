import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { parseSummary } from '../../src/run/summaryFile';
import { cliArgs } from '../support/cli';
import { writeSweep } from '../support/sweep';

/**
 * The "done when": a 2 × 2-seed sweep of fig. 6 (count 640, epochs 2). It is interrupted
 * once with Ctrl-C and rerun, so the folders that every later check reads have been through a
 * stop and a resume.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sg-sweep-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const sweepFile = join(tmp, 'beta.json');
writeSweep(sweepFile, {
  graph: relative(tmp, resolve('graphs/fig6-global.json')),
  set: { 'beta.factor': [0.05, 0.2] },
  seeds: [0, 1],
  run: { data: { count: 640 }, training: { epochs: 2 } },
});
const out = join(tmp, 'out');
const names = ['beta.factor=0.05_seed=0', 'beta.factor=0.05_seed=1', 'beta.factor=0.2_seed=0', 'beta.factor=0.2_seed=1'];

function cliAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, cliArgs(...args));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

test('Ctrl-C stops every point with its checkpoint; the same command again finishes the sweep', async () => {
  const child = spawn(process.execPath, cliArgs('sweep', sweepFile, '--out', out, '--jobs', '2', '--backend', 'cpu'));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const anyCheckpoint = () =>
    existsSync(join(out, 'runs')) &&
    readdirSync(join(out, 'runs')).some((n) => existsSync(join(out, 'runs', n, 'checkpoints', 'epoch-0001.json')));
  while (!anyCheckpoint()) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  assert.match(stderr, /^slidegraph: interrupted with [0-3] of 4 points finished; run the same command again to continue\n$/);
  // A point stopped before its first epoch has no metrics.json yet (a busy machine makes that
  // likely); it has nothing to save, and the rerun below starts it again.
  const statuses = readdirSync(join(out, 'runs'))
    .filter((n) => existsSync(join(out, 'runs', n, 'metrics.json')))
    .map((n) => json(join(out, 'runs', n, 'metrics.json')).status);
  assert.ok(statuses.includes('interrupted'), `the running points saved their state: ${statuses}`);

  const again = await cliAsync('sweep', sweepFile, '--out', out, '--backend', 'cpu');
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readdirSync(join(out, 'runs')).sort(), names);
  for (const n of names) assert.equal(json(join(out, 'runs', n, 'metrics.json')).status, 'done');
  assert.match(again.stdout, /^beta\.factor=0\.05: test error [\d.]+ ± [\d.]+ % \(n = 2\)\n/);
});

test('every point equals a plain train with the same overrides and seed', async () => {
  const trains = names.map((n) => {
    const [, beta, seed] = n.match(/^beta\.factor=([\d.]+)_seed=(\d)$/)!;
    return cliAsync(
      'train',
      'graphs/fig6-global.json',
      '--set',
      `beta.factor=${beta}`,
      '--seed',
      seed,
      '--count',
      '640',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--out',
      join(tmp, 'plain', n),
    );
  });
  // two at a time: both cores
  const results = [...(await Promise.all(trains.slice(0, 2))), ...(await Promise.all(trains.slice(2)))];
  results.forEach((r, i) => {
    assert.equal(r.code, 0, r.stderr);
    const n = names[i];
    assert.deepEqual(json(join(out, 'runs', n, 'metrics.json')).epochs, json(join(tmp, 'plain', n, 'metrics.json')).epochs, n);
    assert.deepEqual(json(join(out, 'runs', n, 'weights.json')), json(join(tmp, 'plain', n, 'weights.json')), n);
    assert.equal(json(join(out, 'runs', n, 'run.json')).dataset.sha256, json(join(tmp, 'plain', n, 'run.json')).dataset.sha256);
  });
});

test('two points trained at the same time: their startedAt–finishedAt spans overlap', () => {
  const spans = names.map((n) => {
    const r = json(join(out, 'runs', n, 'run.json'));
    assert.match(r.startedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(r.finishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    return [Date.parse(r.startedAt), Date.parse(r.finishedAt)];
  });
  const overlapping = spans.some(([a0, a1], i) => spans.some(([b0, b1], j) => i < j && a0 < b1 && b0 < a1));
  assert.ok(overlapping, JSON.stringify(spans));
});

test('collect: mean and sample sd recomputed from the run folders; summary.csv parses; report.html is self-contained', () => {
  const summary = json(join(out, 'summary.json'));
  const parsed = parseSummary(summary);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  assert.deepEqual(summary.parameters, ['beta.factor']);
  assert.equal(summary.settings.length, 2);
  const csv = readFileSync(join(out, 'summary.csv'), 'utf8')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  const header = csv[0];
  for (const [k, beta] of [0.05, 0.2].entries()) {
    const row = summary.settings[k];
    assert.deepEqual(row.values, { 'beta.factor': beta });
    assert.equal(row.n, 2);
    assert.deepEqual(row.seeds, [0, 1]);
    const runs = [0, 1].map((seed) => json(join(out, 'runs', `beta.factor=${beta}_seed=${seed}`, 'metrics.json')));
    const check = (column: string, xs: number[]) => {
      let sum = 0;
      for (const x of xs) sum += x;
      const mean = sum / xs.length;
      let sq = 0;
      for (const x of xs) sq += (x - mean) * (x - mean);
      const sd = Math.sqrt(sq / (xs.length - 1));
      assert.ok(Math.abs(row.stats[column].mean - mean) <= 1e-12 * Math.abs(mean), `${column} mean`);
      assert.ok(Math.abs(row.stats[column].sd - sd) <= 1e-9 * Math.max(sd, 1e-300), `${column} sd ${row.stats[column].sd} vs ${sd}`);
      assert.equal(Number(csv[k + 1][header.indexOf(`${column}_mean`)]), row.stats[column].mean);
      assert.equal(Number(csv[k + 1][header.indexOf(`${column}_sd`)]), row.stats[column].sd);
    };
    const last = runs.map((m) => m.epochs[m.epochs.length - 1]);
    check(
      'testErrorPercent',
      last.map((e) => e.testErrorPercent),
    );
    for (const term of ['ME', 'ICs', 'DE', 'H', 'total'])
      check(
        `test_${term}`,
        last.map((e) => e.test[term]),
      );
    check(
      'bestTestErrorPercent',
      runs.map((m) => Math.min(...m.epochs.map((e: { testErrorPercent: number }) => e.testErrorPercent))),
    );
    check(
      'wallSeconds',
      runs.map((m) => m.totalSeconds),
    );
    assert.equal(Number(csv[k + 1][0]), beta);
    assert.equal(Number(csv[k + 1][1]), 2);
    // the setting opens as its graph: graph.json and the sub-graphs it names
    assert.equal(row.files['graph.json'].nodes.find((n: { id: string }) => n.id === 'beta').params.factor, beta);
    assert.ok(row.files['fig2-main.json']);
  }
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /id="by-beta\.factor"/);
  assert.match(html, /id="curves"/);
  assert.equal((html.match(/class="error-bar"/g) ?? []).length, 2);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'self-contained');
});

test('refusals: a bad value in a sweep file, a folder that is no sweep', () => {
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...json(sweepFile), set: { 'beta.factor': [0.1, 'x'] } }));
  const r = spawnSync(process.execPath, cliArgs('sweep', bad, '--out', join(tmp, 'never')), { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `slidegraph: ${bad}: set["beta.factor"]: parameter 'factor' must be a finite number, got "x"\n`);
  assert.ok(!existsSync(join(tmp, 'never', 'runs')), 'nothing started');
  const c = spawnSync(process.execPath, cliArgs('collect', tmp), { encoding: 'utf8' });
  assert.equal(c.status, 2);
  assert.equal(c.stderr, `slidegraph: DIR: ${tmp} has no sweep.json: collect reads a folder written by sweep\n`);
});

const hasSlurm = spawnSync('sbatch', ['--version']).status === 0;

test('the Slurm executor gives the same numbers as the local one', {
  skip: !hasSlurm && 'sbatch is not on the PATH (scripts/slurm-local.sh start)',
}, async () => {
  const dir = join(tmp, 'slurm');
  // A real site's settings: a site file (partition, time, another sbatch option, a setup line;
  // not mem, which this one-node cluster configures as 1 MB) and the command
  // line on top (--slurm-option, --throttle).
  const partition = spawnSync('sinfo', ['-h', '-o', '%P'], { encoding: 'utf8' }).stdout.trim().split('\n')[0].replace(/\*$/, '');
  const site = join(tmp, 'site.slurm.json');
  writeFileSync(
    site,
    JSON.stringify({
      format: 'slidegraph/slurm',
      version: 1,
      partition,
      time: '00:20:00',
      options: { comment: 'slidegraph test' },
      setup: ['echo "setup line ran on $(hostname)"'],
    }),
  );
  const r = await cliAsync(
    'sweep',
    sweepFile,
    '--out',
    dir,
    '--executor',
    'slurm',
    '--backend',
    'cpu',
    '--slurm-config',
    site,
    '--slurm-option',
    'time=00:30:00',
    '--throttle',
    '2',
  );
  assert.equal(r.code, 0, r.stderr);
  const script = readFileSync(join(dir, 'sweep.sbatch'), 'utf8');
  assert.match(script, /^#SBATCH --array=0,1,2,3%2$/m);
  for (const line of [
    `#SBATCH --partition=${partition}`,
    '#SBATCH --time=00:30:00',
    '#SBATCH --comment="slidegraph test"',
    '#SBATCH --cpus-per-task=1',
  ])
    assert.ok(script.split('\n').includes(line), line);
  // One log per attempt: the header, the setup line's output, the exit line.
  const logs = readdirSync(join(dir, 'logs')).filter((f) => /^slurm-\d+_\d\.attempt-0\.log$/.test(f));
  assert.equal(logs.length, 4, logs.join(', '));
  for (const f of logs) {
    const text = readFileSync(join(dir, 'logs', f), 'utf8');
    assert.match(text, /^slidegraph: task \d of job \d+, attempt 0, on /m, f);
    assert.match(text, /^setup line ran on /m, f);
    assert.match(text, /^slidegraph: task \d exit 0, /m, f);
  }
  for (const n of names)
    assert.deepEqual(json(join(dir, 'runs', n, 'metrics.json')).epochs, json(join(out, 'runs', n, 'metrics.json')).epochs, n);
  assert.deepEqual(
    json(join(dir, 'summary.json')).settings.map((s: { stats: { testErrorPercent: unknown } }) => s.stats.testErrorPercent),
    json(join(out, 'summary.json')).settings.map((s: { stats: { testErrorPercent: unknown } }) => s.stats.testErrorPercent),
  );
  assert.ok(readdirSync(join(dir, 'logs')).some((f) => /^slurm-\d+_0\.out$/.test(f)));
});
