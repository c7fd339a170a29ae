import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

/**
 * The end-to-end path: fig. 6 open, a tiny run in the worker, charts moving, beta changed in
 * the inspector while training goes on (a hot swap, marked on the loss chart). How long the
 * page's tasks take is measured by bench/editor-longtasks.mjs, not asserted here: a test must
 * not fail because the machine is busy.
 */
describe('editor run panel', function () {
  this.timeout(60_000);
  let app: AppElement | undefined;
  afterEach(() => {
    app?.destroy();
    app?.remove();
  });

  it('trains in a worker and hot-swaps beta', async () => {
    app = document.createElement('sg-app') as AppElement;
    app.persist = false;
    app.library = library.files;
    document.body.append(app);
    await waitFor(() => app!.querySelectorAll('.sg-block').length === library.files['fig6-global.json'].nodes.length, 'fig. 6 drawn');

    // Few sequences, small epochs: the point is the wiring, not the numbers.
    app.runActions.setRun({
      data: { count: 120, seed: 3, rule: 'equal-slip', testFraction: 0.25 },
      training: { epochs: 40, batchSize: 30, learningRate: 0.003, optimizer: 'adam' },
    });
    const panel = app.querySelector('sg-run-panel')!;
    await (panel as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await waitFor(() => (app as unknown as { client: { worker: unknown } }).client.worker, 'worker started ahead of Run', 10_000);
    const tensorsBefore = await app.client.memory();
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await waitFor(() => app!.client.state.rows.length >= 1, 'first epoch', 40_000);
    await waitFor(() => app!.client.state.rows.length >= 6, 'six epochs', 40_000);
    const lossEl = app.querySelector<HTMLElement>('[data-testid="loss-chart"]')!;
    await waitFor(() => Number(lossEl.dataset.points) > 0, 'loss chart drawn');
    const before = Number(lossEl.dataset.points);
    expect(app.client.state.terms).to.deep.equal(['ME', 'ICs', 'DE', 'H']);
    expect(app.querySelector('[data-testid="histogram-chart"] canvas')).to.not.equal(null);
    await waitFor(
      () => app!.querySelector<HTMLElement>('[data-testid="prediction-chart"]')!.dataset.sequence !== undefined,
      'prediction chart',
    );

    // Select beta by keyboard focus and type a new factor into the inspector.
    app.querySelector<HTMLElement>('.sg-block[data-node-id="beta"]')!.focus();
    const inspector = app.querySelector('sg-inspector')!;
    const input = await waitFor(() => inspector.shadowRoot!.querySelector<HTMLInputElement>('input[name="factor"]'), 'factor field');
    input.value = 'abc';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => inspector.shadowRoot!.querySelector('.why'), 'bad value explained');
    expect(app.store.current.nodes.find((n) => n.id === 'beta')!.params.factor).to.equal(0.1);
    input.value = '0.5';
    input.dispatchEvent(new Event('input'));
    expect(app.store.current.nodes.find((n) => n.id === 'beta')!.params.factor).to.equal(0.5);

    await waitFor(() => app!.client.state.swaps.length === 1, 'the swap reached the run', 20_000);
    expect(app.client.state.swaps[0].refused).to.equal(undefined);
    expect(app.client.state.swaps[0].note, JSON.stringify(app.store.state.history.past.map((p) => p.label))).to.contain(
      'beta.factor = 0.5',
    );
    await waitFor(() => lossEl.dataset.swaps === '1' && Number(lossEl.dataset.points) > before, 'swap marked, chart moving', 20_000);

    app.runActions.stop();
    await waitFor(() => app!.client.state.status === 'stopped' || app!.client.state.status === 'done', 'stopped', 20_000);
    expect(app.client.state.weights).to.not.equal(null);
    // Stop freed the run's tensors inside the worker: variables, Adam moments, batches.
    expect(await app.client.memory()).to.equal(tensorsBefore);
  });
});
