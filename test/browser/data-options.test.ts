import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import type { DataOptionsElement } from '../../src/editor/ui/dataOptions';
import { RUN_DEFAULTS } from '../../src/graph';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

describe('run panel data options', function () {
  this.timeout(60_000);
  let app: AppElement | undefined;
  let el: DataOptionsElement | undefined;
  afterEach(() => {
    app?.destroy();
    app?.remove();
    el?.remove();
    app = el = undefined;
  });

  it('edits law, system, timing, hold, protocol and noise in run.data, and disables them for a dataset file', async () => {
    el = document.createElement('sg-data-options') as DataOptionsElement;
    el.run = structuredClone(RUN_DEFAULTS);
    document.body.append(el);
    await el.updateComplete;
    const seen: Record<string, unknown>[] = [];
    el.addEventListener('run-settings', (e) => seen.push((e as CustomEvent).detail.run.data));
    const root = el.shadowRoot!;
    const select = (id: string, value: string) => {
      const s = root.querySelector<HTMLSelectElement>(`#${id}`)!;
      s.value = value;
      s.dispatchEvent(new Event('change'));
    };
    select('law', 'prz');
    select('system', 'spring-slider');
    select('timing', 'grid');
    select('hold', 'not-first');
    select('protocol', 'shs');
    const noise = root.querySelector<HTMLInputElement>('#noise-mu')!;
    noise.value = '0.5';
    noise.dispatchEvent(new Event('change'));
    noise.value = '-1';
    noise.dispatchEvent(new Event('change'));
    // issue 24's physical settings: a value the setting cannot take is ignored
    const field = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    expect(root.querySelector<HTMLInputElement>('#params-a')!.value).to.equal('0.005');
    field('params-a', '0.008');
    field('samples', '1.5');
    field('duration', '-1');
    field('samples', '50');
    expect(
      seen.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !['count', 'seed', 'rule', 'testFraction'].includes(k)))),
    ).to.deep.equal([
      { law: 'prz' },
      { system: 'spring-slider' },
      { timing: 'grid' },
      { hold: 'not-first' },
      { protocol: 'shs' },
      { noise: { mu: 0.5 } },
      { params: { a: 0.008 } },
      { samples: 50 },
    ]);
    expect(root.querySelector('fieldset[disabled]')).to.equal(null);
    el.imported = { name: 'lab.json', count: 24, samples: 37, vCh: 1.25e-5, dmuCh: 0.002 };
    await el.updateComplete;
    expect(root.querySelectorAll('fieldset[disabled]').length).to.equal(1);
    expect(root.querySelector('[data-testid="imported"]')!.textContent).to.contain(
      'lab.json (24 sequences of 37 samples, Vch 0.0000125 m/s, δμch 0.002)',
    );
    let cleared = 0;
    el.addEventListener('data-file-clear', () => cleared++);
    root.querySelector<HTMLButtonElement>('[data-action="clear-data"]')!.click();
    expect(cleared).to.equal(1);
  });

  it('trains the worker on a loaded dataset file instead of the generator', async () => {
    app = document.createElement('sg-app') as AppElement;
    app.persist = false;
    app.library = library.files;
    document.body.append(app);
    await waitFor(() => app!.querySelector('sg-data-options'), 'data options drawn');
    // The run settings ask for 120 generated sequences; the file has 40, 30 of them for training.
    app.runActions.setRun({
      data: { count: 120, seed: 3, rule: 'equal-slip', testFraction: 0.25 },
      training: { epochs: 2, batchSize: 10, learningRate: 0.003, optimizer: 'adam' },
    });
    const ds = generateDataset(dataConfig({ count: 40, seed: 8, testFraction: 0.25 }));
    const file = new File([...datasetJsonChunks(ds)], 'lab.json', { type: 'application/json' });
    await app.runActions.loadData(file);
    expect(app.runActions.imported).to.deep.equal({ name: 'lab.json', count: 40, samples: 100, vCh: 0.3, dmuCh: 0.01 });
    await waitFor(() => app!.querySelector('sg-data-options')!.shadowRoot!.querySelector('[data-testid="imported"]'), 'imported note');
    await app.runActions.loadData(new File(['{"format": "slidegraph/dataset", "version": 7}'], 'old.json'));
    expect(app.store.state.notice?.text).to.equal(
      'dataset refused: old.json: version: is 7, written by a newer Slidegraph; this one reads up to version 2',
    );
    expect(app.runActions.imported?.name).to.equal('lab.json', 'a refused file keeps the loaded one');
    app.runActions.start();
    await waitFor(() => app!.client.state.status === 'done', 'two epochs', 50_000);
    expect(app.client.state.stepsPerEpoch).to.equal(3, '30 training sequences in batches of 10');
    app.runActions.clearData();
    expect(app.runActions.imported).to.equal(null);
  });
});
