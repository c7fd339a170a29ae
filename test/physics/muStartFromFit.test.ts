import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type FitFile, parseFitFile } from '../../src/fit/fitFile';
import { fromFitConfig } from '../../src/fit/fromFit';
import { generateDataset } from '../../src/physics/dataset';
import { simulateFitted } from '../../src/physics/fittedMachine';
import { muStart } from '../../src/physics/muStart';

const file = 'test/fixtures/fits/sepiolite.fit.json';
const fit = parseFitFile(JSON.parse(readFileSync(file, 'utf8')), file);

// μ(0) is what `predict` and the editor's chart add back to a net's normalized output
test('mu(0) of a record drawn from a one- or two-state fit is the fitted machine at steady state', () => {
  const two: FitFile = { ...fit, states: 2, params: { ...fit.params, b2: 0.004, dc2: 5 * fit.params.dc } };
  for (const f of [fit, two]) {
    const ds = generateDataset(fromFitConfig(f, { count: 4, seed: 2, duration: 20, noiseMu: 0 }, file));
    const c = ds.config;
    const t = Float64Array.from({ length: c.samples }, (_, i) => (c.duration * i) / (c.samples - 1));
    for (const s of ds.sequences) {
      const v0 = s.protocol.velocities[0];
      // the fit file's own numbers: Vref is the record's v0 (docs/lab.md), b summed over the states
      const q = f.params;
      const closed = q.mu0 + (q.a - q.b - (f.states === 2 ? (q.b2 as number) : 0)) * Math.log(v0 / f.record.v0);
      assert.ok(Math.abs(muStart(s, c) - closed) < 1e-12, `${f.states} state(s): μ(0) ${muStart(s, c)}, want ${closed}`);
      // and the simulator's first sample, from the same steady state
      const sim = simulateFitted(c, c.fromFit!, s.protocol as Parameters<typeof simulateFitted>[2], t, {
        rtol: 1e-10,
        atol: 1e-12,
        maxSteps: 1e6,
      });
      assert.ok(Math.abs(sim.mu[0] - closed) < 1e-12, `simulated μ(0) ${sim.mu[0]}`);
    }
  }
});
