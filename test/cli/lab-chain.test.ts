import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import compareSchema from '../../schema/compare.schema.json' with { type: 'json' };
import { schemaValidator } from '../../src/util/ajv';
import { cli } from '../support/cli';

/**
 * Issue 24's chain at a small scale, on the real sepiolite record and on the synthetic record of
 * another apparatus in another dialect (test/fixtures/lab-rotary): import → fit → data --from-fit
 * → train → compare, each step through the CLI as a user runs it.
 */
const dir = mkdtempSync(join(tmpdir(), 'sg-lab-chain-'));
const valid = schemaValidator(compareSchema);
const N = 50;

const records = [
  { name: 'sepiolite', file: 'data/lab/velstep3_TR2_exp013_sepiolite.txt', stepTimes: [1234.68] },
  { name: 'rotary', file: 'test/fixtures/lab-rotary/rotary-shear.csv', stepTimes: [60, 120, 180] },
];

function ok(...args: string[]) {
  const r = cli(...args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

for (const rec of records) {
  test(`the chain import → fit → data --from-fit → train → compare on the ${rec.name} record`, () => {
    const at = (f: string) => join(dir, `${rec.name}-${f}`);
    const imported = JSON.parse(ok('import', rec.file, '--window', String(N), '--out', at('windows.json')));
    ok('fit', rec.file, '--out', at('fit'));
    const fit = JSON.parse(readFileSync(join(at('fit'), 'fit.json'), 'utf8'));
    const dt = 1 / fit.record.sampleRate;
    // records of the fitted machine as long as one window, at the record's rate: N samples each
    const made = JSON.parse(
      ok(
        'data',
        '--from-fit',
        join(at('fit'), 'fit.json'),
        '--duration',
        String((N - 1) * dt),
        '--count',
        '24',
        '--out',
        at('fitted.json'),
      ),
    );
    assert.equal(made.samples, N);
    ok('train', 'graphs/fig6-global.json', '--data', at('fitted.json'), '--epochs', '2', '--batch', '8', '--out', at('run'));
    const c = JSON.parse(ok('compare', rec.file, '--fit', join(at('fit'), 'fit.json'), '--run', at('run'), '--json'));
    assert.equal(valid(c), undefined, JSON.stringify(valid(c)));
    // the windows are import's: as many, at the record's own interval, none overlapping
    assert.equal(c.windows.total, imported.window.windows);
    assert.equal(c.windows.samples, N);
    assert.ok(Math.abs(c.windows.every - dt) < 1e-9 * dt, `${c.windows.every} vs ${dt}`);
    // the net trained on records of the fitted machine only: every window is held out from it
    assert.equal(c.windows.choice, 'all');
    assert.equal(c.windows.count, c.windows.total);
    assert.match(c.windows.heldOut, /never saw this record/);
    // each step acts on exactly one window; there, the fitted law beats constant μ (100 % by construction)
    assert.equal(c.withSteps.indices.length, rec.stepTimes.length);
    assert.equal(c.withSteps.constant.eq15.mean, 100);
    assert.ok(c.withSteps.law.rms < c.withSteps.constant.rms, JSON.stringify(c.withSteps));
    assert.ok(Number.isFinite(c.net.rms) && c.net.rms > 0);
  });
}
