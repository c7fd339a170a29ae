import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import { setParam } from '../../src/editor/doc/ops';
import type { SweepSummary } from '../../src/run/summaryFile';
import { mountApp, unmountApp } from './fixtures/editor-app';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

/** A summary as `collect` writes it: two settings of beta, each with its graph files. */
function summary(): SweepSummary {
  const files = (beta: number) => ({
    'graph.json': setParam(library.files['fig6-global.json'], 'beta', 'factor', beta),
    'fig2-main.json': library.files['fig2-main.json'],
    'fig3-initial-condition.json': library.files['fig3-initial-condition.json'],
    'fig4-direct-effect.json': library.files['fig4-direct-effect.json'],
    'fig5-healing.json': library.files['fig5-healing.json'],
  });
  const row = (beta: number, mean: number, sd: number) => ({
    values: { 'beta.factor': beta },
    n: 2,
    seeds: [0, 1],
    points: [`beta.factor=${beta}_seed=0`, `beta.factor=${beta}_seed=1`],
    stats: { testErrorPercent: { mean, sd, n: 2 }, test_DE: { mean: 1, sd: 0.1, n: 2 } },
    curve: { epoch: [1, 2], mean: [mean + 1, mean], sd: [sd, sd] },
    top: 'graph.json',
    files: files(beta),
  });
  return {
    format: 'slidegraph/sweep-summary',
    version: 1,
    graph: 'graphs/fig6-global.json',
    parameters: ['beta.factor'],
    missing: [],
    settings: [row(0.05, 4.2, 0.3), row(0.2, 3.9, 0.2)],
  };
}

describe('sweep summary view', function () {
  this.timeout(30_000);
  let app: AppElement;
  beforeEach(async () => {
    app = await mountApp();
  });
  afterEach(() => unmountApp(app));

  it('opens summary.json: error bars per setting, the curves, and a setting as its graph', async () => {
    const file = new File([JSON.stringify(summary())], 'summary.json', { type: 'application/json' });
    await app.actions.open([file]);
    const view = await waitFor(() => app.querySelector('sg-sweep-view'), 'sweep view shown');
    await waitFor(() => view.shadowRoot?.querySelector('figure[data-parameter="beta.factor"] svg'), 'figure drawn');
    const root = view.shadowRoot!;
    expect(root.querySelectorAll('figure[data-parameter="beta.factor"] .error-bar').length).to.equal(2);
    expect(root.querySelectorAll('[data-testid="sweep-curves"] polyline').length).to.equal(2);
    const rows = [...root.querySelectorAll('[data-testid="sweep-settings"] tr')]
      .slice(1)
      .map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).to.contain('beta.factor=0.05').and.contain('4.200 ± 0.300');
    // each bar spans mean ± sd: 2 × 0.3 for the first setting, 2 × 0.2 for the second
    const bars = [...root.querySelectorAll('figure[data-parameter="beta.factor"] .error-bar')].map(
      (l) => Number(l.getAttribute('y1')) - Number(l.getAttribute('y2')),
    );
    expect(bars[0] / bars[1]).to.be.closeTo(0.6 / 0.4, 1e-2);

    root.querySelectorAll<HTMLButtonElement>('[data-testid="sweep-settings"] button')[1].click();
    await waitFor(() => !app.querySelector('sg-sweep-view'), 'view closed');
    expect(app.store.topFile).to.equal('sweep/beta.factor=0.2_seed=0/graph.json');
    expect(app.store.current.nodes.find((n) => n.id === 'beta')!.params.factor).to.equal(0.2);
    await waitFor(() => !app.querySelector('[data-testid="block-error"]'), 'the setting compiles (its sub-graphs came with it)');
  });

  it('says why it cannot open a setting whose graph is not among its files, and stays open', async () => {
    const s = summary();
    s.settings[1].top = 'lost.json';
    await app.actions.open([new File([JSON.stringify(s)], 'summary.json')]);
    const view = await waitFor(() => app.querySelector('sg-sweep-view'), 'sweep view shown');
    const before = app.store.topFile;
    const buttons = await waitFor(() => {
      const found = view.shadowRoot?.querySelectorAll<HTMLButtonElement>('[data-testid="sweep-settings"] button');
      return found?.length ? found : null;
    }, 'buttons');
    buttons[1].click();
    const notice = await waitFor(() => app.querySelector('[data-testid="notice"]')?.textContent, 'notice');
    expect(notice).to.contain('cannot open the setting beta.factor=0.2').and.contain('its graph lost.json is not among its files');
    expect(notice).not.to.contain('opened');
    expect(app.store.topFile).to.equal(before);
    expect(app.querySelector('sg-sweep-view')).to.not.equal(null);
  });

  it('draws the table and the curves of 3,000 settings × 500 epochs', async function () {
    this.timeout(100_000);
    const [settings, epochs] = [3000, 500];
    const graph = library.files['fig2-main.json'];
    const epoch = Array.from({ length: epochs }, (_, e) => e + 1);
    const rows = Array.from({ length: settings }, (_, k) => ({
      values: { 'beta.factor': k },
      n: 1,
      seeds: [0],
      points: [`beta.factor=${k}_seed=0`],
      stats: { testErrorPercent: { mean: 1 + k / settings, sd: null, n: 1 } },
      curve: { epoch, mean: epoch.map((e) => (1 + k / settings) * 10 ** (-e / epochs)), sd: epoch.map(() => null) },
      top: 'graph.json',
      files: { 'graph.json': graph },
    }));
    const big: SweepSummary = { ...summary(), settings: rows };
    await app.actions.open([new File([JSON.stringify(big)], 'summary.json')]);
    const view = await waitFor(() => app.querySelector('sg-sweep-view'), 'sweep view shown', 60_000);
    const root = await waitFor(
      () => (view.shadowRoot?.querySelector('[data-testid="sweep-curves"] svg') ? view.shadowRoot : null),
      'curves drawn',
      60_000,
    );
    expect(root.querySelectorAll('[data-testid="sweep-settings"] tr').length).to.equal(settings + 1);
    expect(root.querySelectorAll('[data-testid="sweep-curves"] polyline').length).to.equal(settings);
    const last = root.querySelectorAll('[data-testid="sweep-settings"] tr')[settings].textContent!.replace(/\s+/g, ' ');
    expect(last)
      .to.contain(`beta.factor=${settings - 1}`)
      .and.contain((1 + (settings - 1) / settings).toFixed(3));
  });

  it('refuses a malformed summary with one notice naming the field', async () => {
    const bad = { ...summary(), settings: [{ ...summary().settings[0], n: 0 }] };
    await app.actions.open([new File([JSON.stringify(bad)], 'summary.json')]);
    await waitFor(() => app.querySelector('[data-testid="notice"]')?.textContent?.includes('summary.json: settings[0].n'), 'notice');
    expect(app.querySelector('sg-sweep-view')).to.equal(null);
  });
});
