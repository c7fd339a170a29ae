import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { sbatchArguments, sbatchScript } from '../../src/runs/slurmExecutor';
import { cli } from '../support/cli';
import { writeSweep } from '../support/sweep';

/**
 * Issue 25: an --out with a newline wrote its own lines into sweep.sbatch (a `touch` ran on the
 * cluster), and one with a space broke sbatch. The script is read back by bash here, so what
 * the job runs is checked word by word.
 */
function wordsOfScript(text: string, task: string): { words: string[]; log: string } {
  // The script's command line and its log redirection, run by bash with printf in their place:
  // the words the job would run and the file it would log to.
  const lines = text.split('\n');
  const command = lines.find((l) => l.includes(" 'task' "))!;
  const redirect = lines.find((l) => l.startsWith('exec >>'))!;
  const probe = ['attempt=0', `printf '%s\\n' ${command}`, redirect.replace(/^exec >>(.*) 2>&1$/, "printf '%s\\n' $1")].join('\n');
  const r = spawnSync('bash', ['-c', probe], {
    encoding: 'utf8',
    env: { ...process.env, SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_JOB_ID: '77' },
  });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split('\n').slice(0, -1);
  return { words: out.slice(0, -1), log: out[out.length - 1] };
}

/** The command line the job runs; the CLI passes itself (childCommand), here one with a space in it. */
const command = ['/usr/bin/node', '/opt/slide graph/slidegraph.js'];

test('every path in sweep.sbatch reaches the job as one word: spaces, quotes, $ and backticks', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-slurm-'));
  for (const name of ['a b', "it's", 'co$t $(touch pwned)', 'back`tick`', 'dq"x']) {
    const file = join(at, name, 'sweep.json');
    const text = sbatchScript(file, [0, 2], 'cpu', command);
    const job = wordsOfScript(text, '2');
    assert.deepEqual(job.words, [...command, 'task', resolve(file), '2', '--backend', 'cpu', '--threads', '1'], name);
    assert.equal(job.log, join(resolve(at, name), 'logs', 'slurm-77_2.attempt-0.log'), name);
    // no #SBATCH line carries a path: sbatch splits those at spaces
    for (const line of text.split('\n').filter((l) => l.startsWith('#SBATCH'))) assert.ok(!line.includes(at), line);
    const args = sbatchArguments(file, 'script');
    assert.deepEqual(args, [
      '--parsable',
      `--output=${join(resolve(at, name), 'logs', 'slurm-%A_%a.out')}`,
      `--chdir=${process.cwd()}`,
      'script',
    ]);
  }
  assert.ok(!existsSync(join(process.cwd(), 'pwned')));
});

test('an --out with a newline or another control character is refused before anything is written', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-slurm-'));
  const sweep = join(at, 'beta.json');
  writeSweep(sweep, { graph: resolve('graphs/fig6-global.json'), set: { 'beta.factor': [0.1] } });
  for (const bad of ['x\ntouch /tmp/owned', 'x\ty', 'x\u009bq', 'x%j']) {
    const out = join(at, bad);
    const r = cli('sweep', sweep, '--out', out, '--executor', 'slurm', '--backend', 'cpu');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^slidegraph: --executor slurm: --out ".*" holds a (control character|%)[^\n]*\n$/);
    assert.ok(!existsSync(out), `nothing written for ${JSON.stringify(bad)}`);
  }
});

const hasSlurm = spawnSync('squeue', ['-h'], { encoding: 'utf8' }).status === 0;

test('a real sbatch runs a sweep whose --out holds a space, a quote and a $', {
  skip: !hasSlurm && 'no Slurm cluster answers (scripts/slurm-local.sh start)',
}, async () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-slurm-'));
  const sweep = join(at, 'beta.json');
  writeSweep(sweep, {
    graph: resolve('graphs/fig6-global.json'),
    set: { 'beta.factor': [0.1] },
    run: { data: { count: 40 }, training: { epochs: 1 } },
  });
  const out = join(at, "my sweep's $HOME");
  mkdirSync(out);
  const r = await new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'sweep',
      sweep,
      '--out',
      out,
      '--executor',
      'slurm',
      '--backend',
      'cpu',
    ]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stderr }));
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(join(out, 'runs', 'beta.factor=0.1', 'metrics.json'), 'utf8')).status, 'done');
});
