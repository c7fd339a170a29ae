import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSlurmOption } from '../../src/run/slurmOption';
import { parseSlurmSite, withOverrides } from '../../src/run/slurmSite';
import { sbatchScript } from '../../src/runs/slurmExecutor';

const site = (fields: Record<string, unknown>) => parseSlurmSite({ format: 'slidegraph/slurm', version: 1, ...fields }, 'site.json');

test('a site file gives sbatch options and setup lines; --slurm-option and --throttle override it', () => {
  const s = site({
    account: 'geo42',
    partition: 'short',
    time: '02:00:00',
    mem: '4G',
    'cpus-per-task': 2,
    qos: 'normal',
    throttle: 8,
    options: { constraint: 'skylake' },
    setup: ['module load nodejs/20', 'source ~/venv/bin/activate'],
  });
  assert.deepEqual(s, {
    options: {
      account: 'geo42',
      partition: 'short',
      time: '02:00:00',
      mem: '4G',
      'cpus-per-task': '2',
      qos: 'normal',
      constraint: 'skylake',
    },
    setup: ['module load nodejs/20', 'source ~/venv/bin/activate'],
    throttle: 8,
  });
  const o = withOverrides(s, [parseSlurmOption('partition=long'), parseSlurmOption('--gres=gpu:1')], 3);
  assert.equal(o.options.partition, 'long');
  assert.equal(o.options.gres, 'gpu:1');
  assert.equal(o.throttle, 3);
  assert.equal(withOverrides(s, []).throttle, 8);
});

test('the job script: site options, %N throttle, setup before the task, one log per attempt', () => {
  const script = sbatchScript('/scratch/beta/sweep.json', [0, 2, 5], 'wasm', ['/usr/bin/node', '/opt/slidegraph.js'], {
    options: { partition: 'short', 'cpus-per-task': '2', comment: 'two words' },
    setup: ['module load nodejs/20'],
    throttle: 2,
  });
  const lines = script.split('\n');
  assert.ok(lines.includes('#SBATCH --array=0,2,5%2'));
  assert.ok(lines.includes('#SBATCH --partition=short'));
  assert.ok(lines.includes('#SBATCH --cpus-per-task=2'));
  assert.ok(lines.includes('#SBATCH --comment="two words"'), 'a value with a blank is quoted');
  assert.equal(lines.filter((l) => l.startsWith('#SBATCH --cpus-per-task')).length, 1, 'the site replaces the default of 1');
  assert.ok(
    lines.includes(`exec >>'/scratch/beta/logs'"/slurm-\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}.attempt-\${attempt}.log" 2>&1`),
  );
  const setup = lines.indexOf('module load nodejs/20');
  const task = lines.findIndex((l) => l.includes("'task' '/scratch/beta/sweep.json'"));
  assert.ok(setup > lines.findIndex((l) => l.startsWith('exec >>')) && setup < task, 'setup runs after logging starts and before the task');
  // every #SBATCH line comes before the first command, or sbatch ignores it
  const firstCommand = lines.findIndex((l, i) => i > 0 && l !== '' && !l.startsWith('#'));
  assert.ok(lines.slice(firstCommand).every((l) => !l.startsWith('#SBATCH')));
});

test('refusals: options the job script sets itself, a line break, an unknown field, a bad flag', () => {
  assert.throws(() => site({ options: { array: '0-9' } }), /site\.json: array: is set by slidegraph's job script/);
  assert.throws(() => parseSlurmOption('output=/tmp/x'), /--slurm-option: output: is set by slidegraph's job script/);
  assert.throws(() => site({ partition: 'a\nb' }), /site\.json: partition/);
  assert.throws(() => site({ setup: ['ok', 'two\nlines'] }), /site\.json: setup/);
  assert.throws(() => site({ acount: 'typo' }), /site\.json: .*acount/);
  assert.throws(() => parseSlurmOption('partition'), /--slurm-option: must be KEY=VALUE/);
  assert.throws(() => parseSlurmOption('comment=say "hi"'), /--slurm-option: comment: cannot hold a double quote/);
  assert.throws(
    () => parseSlurmSite({ format: 'slidegraph/slurm', version: 2 }, 's.json'),
    /s\.json: version: is 2, written by a newer Slidegraph/,
  );
});
