import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';
import { eq9, eq10, eq11, eq13 } from '../support/equations';

interface Seq {
  protocol: { jumpTimes: number[]; velocities: number[]; hold: number };
  Targets: number[];
  PosBeforeJ: number[];
  PosAfterJ: number[];
  DeltaF: number[];
}

test('losses on fig6-global.json agrees with eqs. (9)–(14) written as loops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-losses-'));
  const data = join(dir, 'data.json');
  assert.equal(cli('data', '--count', '6', '--seed', '4', '--out', data).code, 0);
  const ds = JSON.parse(readFileSync(data, 'utf8')) as { config: { duration: number; samples: number }; sequences: Seq[] };
  // Any model can be scored: here the targets plus a smooth error.
  const predictions = ds.sequences.map((s) => s.Targets.map((v, i) => v + 0.3 * Math.sin(0.2 * i + s.Targets.length)));
  const pred = join(dir, 'pred.json');
  writeFileSync(pred, JSON.stringify(predictions));

  const r = cli('losses', 'graphs/fig6-global.json', '--data', data, '--predictions', pred);
  assert.equal(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout) as { terms: Record<string, number>; total: number; sequences: number };
  assert.equal(got.sequences, 6);

  const { duration, samples } = ds.config;
  const t = Array.from({ length: samples }, (_, i) => (i * duration) / (samples - 1));
  const want = { ME: 0, ICs: 0, DE: 0, H: 0 };
  ds.sequences.forEach((s, k) => {
    const p = predictions[k];
    const { jumpTimes, hold } = s.protocol;
    // The hold's samples, from the protocol itself: t in [start, end), and t = T when the hold is last.
    const end = hold === jumpTimes.length ? Infinity : jumpTimes[hold];
    const inHold = t
      .map((x, i) => [x, i])
      .filter(([x]) => x >= jumpTimes[hold - 1] && x < end)
      .map(([, i]) => i);
    want.ME += eq9(p, s.Targets) / 6;
    want.ICs += eq10(p, s.Targets) / 6;
    want.DE += eq11(p, s.PosBeforeJ, s.PosAfterJ, s.DeltaF, jumpTimes.length) / 6;
    want.H += eq13(p, inHold[0] ?? 0, inHold.length) / 6;
  });
  assert.ok(want.H > 0 && want.DE > 0, 'the case must exercise every term');
  for (const k of ['ME', 'ICs', 'DE', 'H'] as const) {
    assert.ok(Math.abs(got.terms[k] - want[k]) <= 2e-5 * Math.max(1, want[k]), `${k}: got ${got.terms[k]}, want ${want[k]}`);
  }
  const total = want.ME + 1 * want.ICs + 0.1 * want.DE + 5e-3 * want.H;
  assert.ok(Math.abs(got.total - total) <= 2e-5 * total, `total: got ${got.total}, want ${total}`);
});

test('losses refuses predictions of the wrong length, naming the file and the entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-losses-'));
  const data = join(dir, 'data.json');
  assert.equal(cli('data', '--count', '2', '--seed', '1', '--out', data).code, 0);
  const pred = join(dir, 'pred.json');
  writeFileSync(pred, JSON.stringify([Array(100).fill(0), Array(99).fill(0)]));
  const r = cli('losses', 'graphs/fig6-global.json', '--data', data, '--predictions', pred);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `slidegraph: ${pred}: predictions[1]: must be an array of 100 numbers\n`);
});
