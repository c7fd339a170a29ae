import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../src/compile/model';
import { createRng } from '../../src/util/random';
import { eq9, eq10, eq11, eq13, type HandCase } from '../support/equations';
import { compileFile, handBatch } from '../support/graphs';

const T = 12;
const J = 5;
const data = { samples: T, maxJumps: J };
const rng = createRng(99);
const seq = () => Array.from({ length: T }, () => rng.normal());

/** Holds of 0, 1, 2, 3 and many samples, 2 to 5 jumps, padded jump slots. */
const cases: HandCase[] = [
  { predictions: seq(), targets: seq(), before: [2, 8], after: [3, 9], deltaF: [0.7, -1.1], nJ: 2, holdStart: 0, holdCount: 0 },
  { predictions: seq(), targets: seq(), before: [1, 4, 5], after: [2, 5, 6], deltaF: [0.2, 0.3, -0.4], nJ: 3, holdStart: 5, holdCount: 1 },
  {
    predictions: seq(),
    targets: seq(),
    before: [0, 3, 6, 9],
    after: [1, 4, 7, 10],
    deltaF: [1, 2, 3, 4],
    nJ: 4,
    holdStart: 4,
    holdCount: 2,
  },
  {
    predictions: seq(),
    targets: seq(),
    before: [1, 2, 3, 4, 10],
    after: [2, 3, 4, 5, 11],
    deltaF: [0.5, -0.5, 0.1, 0, 2],
    nJ: 5,
    holdStart: 5,
    holdCount: 3,
  },
  { predictions: seq(), targets: seq(), before: [1, 10], after: [2, 11], deltaF: [0.05, 0.3], nJ: 2, holdStart: 2, holdCount: 8 },
];

function perSequence(file: string, out: string) {
  const plan = compileFile(file, data);
  const model = createModel(plan, { seed: 1 });
  return tf.tidy(() => Array.from(model.evaluate(handBatch(cases, J)).outputs[out].dataSync()));
}

const close = (got: number, want: number, what: string) =>
  assert.ok(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)), `${what}: got ${got}, want ${want}`);

test('fig. 3 sub-graph computes eq. (10) per sequence', () => {
  const got = perSequence('graphs/fig3-initial-condition.json', 'ICs');
  cases.forEach((c, i) => close(got[i], eq10(c.predictions, c.targets), `case ${i}`));
});

test('fig. 4 sub-graph computes eq. (11), padded jumps adding nothing', () => {
  const got = perSequence('graphs/fig4-direct-effect.json', 'DE');
  cases.forEach((c, i) => close(got[i], eq11(c.predictions, c.before, c.after, c.deltaF, c.nJ), `case ${i}`));
});

test('fig. 5 sub-graph computes eq. (13) for holds of 0, 1, 2, 3 and 8 samples', () => {
  const got = perSequence('graphs/fig5-healing.json', 'H');
  cases.forEach((c, i) => close(got[i], eq13(c.predictions, c.holdStart, c.holdCount), `case ${i} (hold of ${c.holdCount})`));
  assert.equal(got[0], 0);
  assert.equal(got[1], 0);
  assert.equal(got[2], 0);
  assert.ok(got[3] > 0 && got[4] > 0, 'the test would pass on zeros alone without these');
});

test('fig. 6 gives eq. (9) as ME, each term averaged over the batch, and eq. (14) as the total', () => {
  const plan = compileFile('graphs/fig6-global.json', data, true);
  const model = createModel(plan, { seed: 1 });
  const ev = tf.tidy(() => {
    const e = model.evaluate(handBatch(cases, J));
    return { terms: Object.fromEntries(Object.entries(e.terms).map(([k, v]) => [k, v.dataSync()[0]])), total: e.total.dataSync()[0] };
  });
  const mean = (f: (c: HandCase) => number) => cases.reduce((s, c) => s + f(c), 0) / cases.length;
  const want = {
    ME: mean((c) => eq9(c.predictions, c.targets)),
    ICs: mean((c) => eq10(c.predictions, c.targets)),
    DE: mean((c) => eq11(c.predictions, c.before, c.after, c.deltaF, c.nJ)),
    H: mean((c) => eq13(c.predictions, c.holdStart, c.holdCount)),
  };
  for (const k of ['ME', 'ICs', 'DE', 'H'] as const) close(ev.terms[k], want[k], k);
  close(ev.total, want.ME + 1 * want.ICs + 0.1 * want.DE + 5e-3 * want.H, 'eq. (14)');
  model.dispose();
});
