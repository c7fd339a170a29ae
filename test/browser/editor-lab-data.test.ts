import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import type { ChartsElement } from '../../src/editor/ui/charts';
import { parseFitFile } from '../../src/fit/fitFile';
import { fromFitConfig } from '../../src/fit/fromFit';
import { generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import fitJson from '../fixtures/fits/sepiolite.fit.json';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';
// `slidegraph import data/lab/velstep3_TR2_exp013_sepiolite.txt --window 37 --every 4 --stride 150`:
// 14 windows of the shared sepiolite record at its own scale, 3 held out (test/editor/recordScale.test.ts
// checks that the file is what import writes today).
import labJson from './fixtures/lab-import.json';

type RawSequence = { split: string; protocol: { muStart: number; duration: number }; Targets: number[]; Features: number[] };

/**
 * Issue 24, item 6: the editor composes and trains on lab-derived data. A dataset file of
 * windows of 37 samples at the record's own scale sizes the canvas's sockets and the run, and the prediction
 * chart shows its test sequences as μ, V in m/s and t in s, checked against the file's numbers
 * converted here by hand (μ = μ(0) + δμch · y, V = Vch · f, t = i · duration / (T − 1)).
 */
describe('editor on a lab dataset', function () {
  this.timeout(120_000);
  let app: AppElement | undefined;
  afterEach(() => {
    app?.destroy();
    app?.remove();
    app = undefined;
  });

  async function openFig6(): Promise<AppElement> {
    const a = document.createElement('sg-app') as AppElement;
    a.persist = false;
    a.library = library.files;
    document.body.append(a);
    await waitFor(() => a.querySelectorAll('.sg-block').length === library.files['fig6-global.json'].nodes.length, 'fig. 6 drawn', 20_000);
    return a;
  }
  // the main net's output socket, with its inferred type
  const predictionsType = (a: AppElement) =>
    a.querySelector('.sg-block[data-node-id="main"] rete-node')?.shadowRoot?.querySelector('[data-testid="output-Predictions"]')
      ?.textContent ?? '';

  it('trains fig. 6 on windows imported at the record scale and charts μ in the record units', async () => {
    app = await openFig6();
    expect(predictionsType(app)).to.contain('sequence[100]');
    app.runActions.setRun({
      data: { count: 120, seed: 3, rule: 'equal-slip', testFraction: 0.25 },
      training: { epochs: 2, batchSize: 2, learningRate: 0.003, optimizer: 'adam' },
    });
    await app.runActions.loadData(new File([JSON.stringify(labJson)], 'lab.json', { type: 'application/json' }));
    const { samples, vCh, dmuCh } = labJson.config;
    expect(samples).to.equal(37);
    expect(app.runActions.imported).to.include({ name: 'lab.json', samples: 37, vCh, dmuCh });
    await waitFor(() => predictionsType(app!).includes('sequence[37]'), 'sockets sized from the file', 20_000);

    app.runActions.start();
    await waitFor(() => app!.client.state.status === 'done' || app!.client.state.status === 'error', 'two epochs', 90_000);
    expect(app.client.state.status, app.client.state.message).to.equal('done');
    const chartEl = app.querySelector<HTMLElement>('[data-testid="prediction-chart"]')!;
    await waitFor(() => chartEl.dataset.units === 'record', 'prediction chart in the record units', 20_000);

    const charts = app.querySelector('sg-charts') as ChartsElement;
    const tests = (labJson.sequences as RawSequence[]).filter((s) => s.split === 'test');
    expect(app.client.state.predictions.map((p) => p.index)).to.deep.equal(tests.map((_, j) => j));
    // the charts redraw at most 4 times a second: wait until they hold the run's last evaluation
    const last = app.client.state.predictions;
    await waitFor(() => {
      const d = charts.displayed();
      return d && Math.abs(d.prediction[0] - (tests[d.index].protocol.muStart + dmuCh * last[d.index].prediction[0])) < 1e-9;
    }, "the charts' state caught up");
    // every test window, each from its own μ(0)
    let shown = charts.displayed()!;
    for (const sent of app.client.state.predictions) {
      charts.chosen = sent.index;
      shown = charts.displayed()!;
      expect(shown.index).to.equal(sent.index);
      const raw = tests[sent.index];
      expect(shown.units).to.deep.equal({ mu: 'μ', v: 'V (m/s)' });
      expect(shown.target.length).to.equal(37);
      for (let i = 0; i < 37; i++) {
        expect(shown.target[i]).to.be.closeTo(raw.protocol.muStart + dmuCh * raw.Targets[i], 1e-7);
        expect(shown.prediction[i]).to.be.closeTo(raw.protocol.muStart + dmuCh * sent.prediction[i], 1e-9);
        expect(shown.features[i] / (vCh * raw.Features[i])).to.be.closeTo(1, 1e-6);
        expect(shown.t![i]).to.be.closeTo((i * raw.protocol.duration) / 36, 1e-9);
      }
    }
    // the sepiolite record's friction before its step (0.453–0.456 in these windows), not a normalized change
    expect(Math.min(...Array.from(shown.target))).to.be.above(0.45);
    expect(Math.max(...Array.from(shown.target))).to.be.below(0.46);
    expect(charts.textContent).to.contain('Test sequence of lab.json').and.contain('V (m/s) (right, log)');
  });

  it('trains on records drawn from the sepiolite fit (data --from-fit) and charts them as μ', async () => {
    app = await openFig6();
    app.runActions.setRun({
      data: { count: 120, seed: 3, rule: 'equal-slip', testFraction: 0.25 },
      training: { epochs: 1, batchSize: 3, learningRate: 0.003, optimizer: 'adam' },
    });
    // drawn as `data --from-fit` draws them (fromFitConfig, generateDataset): 8 records of 20 s
    const fit = parseFitFile(fitJson, 'sepiolite.fit.json');
    const ds = generateDataset(fromFitConfig(fit, { count: 8, seed: 4, duration: 20, testFraction: 0.25 }, 'sepiolite.fit.json'));
    await app.runActions.loadData(new File([...datasetJsonChunks(ds)], 'fitted.json', { type: 'application/json' }));
    const T = Math.round(20 * fit.record.sampleRate) + 1;
    await waitFor(() => predictionsType(app!).includes(`sequence[${T}]`), 'sockets sized from the file', 20_000);
    app.runActions.start();
    await waitFor(() => app!.client.state.status === 'done' || app!.client.state.status === 'error', 'one epoch', 90_000);
    expect(app.client.state.status, app.client.state.message).to.equal('done');
    const charts = app.querySelector('sg-charts') as ChartsElement;
    const { vCh, dmuCh } = ds.config;
    const tests = ds.sequences.filter((s) => s.split === 'test');
    await waitFor(() => charts.displayed()?.units, 'chart in μ', 20_000);
    const shown = charts.displayed()!;
    const s = tests[shown.index];
    // μ(0) from the fit file alone: the machine at steady state at the record's first velocity, Vref = the fitted record's v0
    const q = fitJson.params;
    const v0 = s.protocol.velocities[0];
    const mu0 = q.mu0 + (q.a - q.b) * Math.log(v0 / fitJson.record.v0);
    for (let i = 0; i < T; i++) {
      expect(shown.target[i]).to.be.closeTo(mu0 + dmuCh * s.Targets[i], 1e-7);
      expect(shown.features[i]).to.be.closeTo(vCh * s.Features[i], 1e-6 * vCh);
      // 20 s over T − 1 intervals: the record's rate rounded to a whole number of samples
      expect(shown.t![i]).to.be.closeTo((i * 20) / (T - 1), 1e-9);
    }
  });

  it('runs the generator at run.data.samples, not at 100, and keeps the normalized chart', async () => {
    app = await openFig6();
    app.runActions.setRun({
      data: { count: 20, seed: 3, rule: 'equal-slip', testFraction: 0.25, samples: 37 },
      training: { epochs: 1, batchSize: 5, learningRate: 0.003, optimizer: 'adam' },
    });
    await waitFor(() => predictionsType(app!).includes('sequence[37]'), 'sockets sized from run.data', 20_000);
    app.runActions.start();
    await waitFor(() => app!.client.state.status === 'done' || app!.client.state.status === 'error', 'one epoch', 90_000);
    expect(app.client.state.status, app.client.state.message).to.equal('done');
    expect(app.client.state.predictions[0].target.length).to.equal(37);
    const chartEl = app.querySelector<HTMLElement>('[data-testid="prediction-chart"]')!;
    await waitFor(() => chartEl.dataset.units === 'normalized', 'prediction chart drawn', 20_000);
    expect((app.querySelector('sg-charts') as ChartsElement).displayed()!.units).to.equal(undefined);
  });
});
