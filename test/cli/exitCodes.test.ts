import assert from 'node:assert/strict';
import { test } from 'node:test';
import { report } from '../../src/cli/fail';
import { RunDiverged, RunInterrupted } from '../../src/runs/runErrors';
import { InputError } from '../../src/util/inputError';

/** What `report` writes on stderr for an error, and the exit code it gives. */
function reported(err: unknown): { code: number; line: string } {
  let line = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    line += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: report(err), line };
  } finally {
    process.stderr.write = write;
  }
}

test('the run library’s typed errors become the CLI’s exit codes, each one line naming the folder', () => {
  assert.deepEqual(reported(new RunInterrupted('runs/a', 'interrupted after epoch 2; continue with --resume runs/a')), {
    code: 130,
    line: 'slidegraph: interrupted after epoch 2; continue with --resume runs/a\n',
  });
  assert.deepEqual(reported(new RunDiverged('runs/a', 'runs/a: training stopped at NaN loss')), {
    code: 3,
    line: 'slidegraph: runs/a: training stopped at NaN loss\n',
  });
  assert.deepEqual(reported(new InputError('--resume', 'runs/a is not a run folder')), {
    code: 2,
    line: 'slidegraph: --resume: runs/a is not a run folder\n',
  });
  assert.equal(reported(new Error('boom')).code, 1);
});
