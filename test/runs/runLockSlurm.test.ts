import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquireRunLock, LOCK_FILE, lockIsStale } from '../../src/runs/runLock';

/**
 * A lock left by a process on another host (a compute node that died, or was drained while its
 * task was requeued elsewhere) cannot be checked with kill(pid, 0). When it names the Slurm job it
 * ran in, Slurm can say whether that job still runs. These tests fake such locks.
 */
const hasSlurm = spawnSync('squeue', ['-h'], { encoding: 'utf8' }).status === 0;
const fakeLock = (fields: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-lock-'));
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid: 4242, hostname: 'node-that-died', started: '2026-01-01T00:00:00Z', ...fields }),
  );
  return dir;
};
const withJob = <T>(id: string | undefined, f: () => T): T => {
  const had = process.env.SLURM_JOB_ID;
  if (id === undefined) delete process.env.SLURM_JOB_ID;
  else process.env.SLURM_JOB_ID = id;
  try {
    return f();
  } finally {
    if (had === undefined) delete process.env.SLURM_JOB_ID;
    else process.env.SLURM_JOB_ID = had;
  }
};

test('a lock from another host without a Slurm job cannot be checked: refused, naming the host', () => {
  const dir = fakeLock({});
  assert.equal(
    withJob(undefined, () => lockIsStale(dir)),
    false,
  );
  assert.throws(
    () => withJob(undefined, () => acquireRunLock(dir)),
    new RegExp(
      `in use by process 4242 on node-that-died since 2026-01-01T00:00:00Z; wait for it to finish, or delete ${join(dir, LOCK_FILE)}`,
    ),
  );
});

test('a lock from an earlier attempt of this same Slurm job, on another host, is stale and taken over', () => {
  const dir = fakeLock({ slurmJob: '31337' });
  const release = withJob('31337', () => {
    assert.equal(lockIsStale(dir), true);
    return acquireRunLock(dir);
  });
  const mine = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
  assert.deepEqual([mine.pid, mine.hostname, mine.slurmJob], [process.pid, hostname(), '31337']);
  release();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
});

test('a lock whose Slurm job Slurm no longer knows is stale; one whose job runs is not', {
  skip: !hasSlurm && 'squeue is not available (scripts/slurm-local.sh start)',
}, async () => {
  const gone = fakeLock({ slurmJob: '987654321' });
  withJob(undefined, () => {
    assert.equal(lockIsStale(gone), true);
    acquireRunLock(gone)();
  });

  const sbatch = spawnSync('sbatch', ['--parsable', '--job-name=slidegraph-lock-test', '--output=/dev/null', '--wrap', 'sleep 120'], {
    encoding: 'utf8',
  });
  assert.equal(sbatch.status, 0, sbatch.stderr);
  const job = sbatch.stdout.trim().split(';')[0];
  try {
    // Wait (briefly: the test cluster is idle) until the job runs.
    for (let k = 0; k < 100; k++) {
      if (spawnSync('squeue', ['-h', '-j', job, '-o', '%T'], { encoding: 'utf8' }).stdout.trim() === 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const held = fakeLock({ slurmJob: job });
    withJob(undefined, () => {
      assert.equal(lockIsStale(held), false);
      assert.throws(() => acquireRunLock(held), new RegExp(`in use by process 4242 on node-that-died \\(Slurm job ${job}\\)`));
    });
    spawnSync('scancel', [job]);
    for (let k = 0; k < 100 && !withJob(undefined, () => lockIsStale(held)); k++) await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      withJob(undefined, () => lockIsStale(held)),
      true,
      'once cancelled, the job no longer holds the folder',
    );
  } finally {
    spawnSync('scancel', [job]);
  }
});

test('a lock from another host whose lease lapsed is stale; one whose lease runs is not', () => {
  const lapsed = fakeLock({ lease: new Date(Date.now() - 5 * 60_000).toISOString() });
  const running = fakeLock({ lease: new Date(Date.now() + 5 * 60_000).toISOString() });
  // Within the allowance for clocks that disagree, a lease just past is not yet lapsed.
  const justPast = fakeLock({ lease: new Date(Date.now() - 10_000).toISOString() });
  withJob(undefined, () => {
    assert.equal(lockIsStale(lapsed), true);
    assert.equal(lockIsStale(running), false);
    assert.equal(lockIsStale(justPast), false);
    acquireRunLock(lapsed)();
    assert.throws(() => acquireRunLock(running), /in use by process 4242 on node-that-died/);
  });
});

test('the holder renews its lease while it runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-lease-'));
  process.env.SLIDEGRAPH_LOCK_LEASE_SECONDS = '1';
  try {
    const release = acquireRunLock(dir);
    const lease = () => Date.parse(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).lease);
    const first = lease();
    assert.ok(Math.abs(first - (Date.now() + 1000)) < 500, 'the lease runs a lease length from now');
    await new Promise((r) => setTimeout(r, 700));
    assert.ok(lease() > first, 'renewed at a fifth of the lease');
    release();
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  } finally {
    delete process.env.SLIDEGRAPH_LOCK_LEASE_SECONDS;
  }
});
