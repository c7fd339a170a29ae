import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { setParam } from '../../src/editor/doc/ops';
import { clearAutosave } from '../../src/editor/files/autosave';
import { loadGraph, serializeGraph } from '../../src/graph';
import { mountApp, unmountApp } from './fixtures/editor-app';
import { deepQueryAll, waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

const key = (el: Element, k: string, mods: KeyboardEventInit = {}) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...mods }));

describe('editor app', function () {
  this.timeout(30_000);
  let app: AppElement;
  beforeEach(async () => {
    app = await mountApp();
  });
  afterEach(() => unmountApp(app));
  const blocks = () => app.querySelectorAll('.sg-block').length;
  const wires = () => deepQueryAll(app, 'svg[data-testid="connection"] path').length;

  it('deletes a selection with the keyboard and undoes it in one step', async () => {
    const n = blocks();
    const w = library.files['fig6-global.json'].connections.length;
    await waitFor(() => wires() === w, 'wires');
    app.store.setSelection(['de', 'beta', 'lossDE', 'ms']);
    key(app.querySelector('.sg-block')!, 'Delete');
    await waitFor(() => blocks() === n - 4, 'four blocks gone');
    expect(app.store.state.history.past.length).to.equal(1);
    key(app.querySelector('.sg-block')!, 'z', { ctrlKey: true });
    await waitFor(() => blocks() === n && wires() === w, 'everything back');
    await waitFor(() => !app.querySelector('[data-testid="block-error"]'), 'no errors left');
    // Redo deletes all four again in one step, and undo brings them back once more.
    key(app.querySelector('.sg-block')!, 'z', { ctrlKey: true, shiftKey: true });
    await waitFor(() => blocks() === n - 4, 'redo: four blocks gone again');
    expect(app.store.state.history.past.length).to.equal(1);
    key(app.querySelector('.sg-block')!, 'z', { ctrlKey: true });
    await waitFor(() => blocks() === n && wires() === w, 'everything back again');
  });

  it('autosave: an edit survives a reload', async () => {
    clearAutosave();
    const first = document.createElement('sg-app') as AppElement;
    first.library = library.files;
    document.body.append(first);
    await waitFor(() => first.querySelectorAll('.sg-block').length > 0, 'first app drawn');
    // Shown and laid out: the layout's own change would otherwise restart the autosave's wait.
    await waitFor(() => first.querySelector<HTMLElement>('#canvas')?.dataset.shown, 'first app shown', 10_000);
    first.store.edit('beta', (d) => setParam(d, 'beta', 'factor', 0.25));
    await new Promise((r) => setTimeout(r, 600));
    first.destroy();
    first.remove();
    // A reload is a new app on the same storage.
    const second = document.createElement('sg-app') as AppElement;
    second.library = library.files;
    document.body.append(second);
    try {
      await waitFor(() => second.querySelectorAll('.sg-block').length > 0, 'second app drawn');
      expect(second.store.current.nodes.find((x) => x.id === 'beta')!.params.factor).to.equal(0.25);
    } finally {
      second.destroy();
      second.remove();
      clearAutosave();
    }
  });

  it('copies and pastes blocks with the wires between them', async () => {
    app.store.setSelection(['de', 'beta', 'lossDE']);
    const target = app.querySelector('.sg-block')!;
    key(target, 'c', { ctrlKey: true });
    key(target, 'v', { ctrlKey: true });
    await waitFor(() => app.store.current.nodes.length === library.files['fig6-global.json'].nodes.length + 3, 'pasted');
    const pasted = app.store.state.selection;
    expect(pasted).to.have.length(3);
    const inner = app.store.current.connections.filter((c) => pasted.includes(c.from.node) && pasted.includes(c.to.node));
    expect(inner).to.have.length(2);
    // Wires from blocks left behind are not copied: the pasted sub-graph says what it lacks.
    const err = await waitFor(
      () => app.querySelector(`.sg-block[data-node-id="${pasted[0]}"] [data-testid="block-error"]`),
      'missing inputs marked',
    );
    expect(err.textContent).to.match(/not connected/);
  });

  it('refuses a wrong file with its reason, opens a good one, and saves what loads back', async () => {
    await app.actions.open([new File(['{"format": "other"}'], 'bad.json')]);
    expect(app.querySelector('[data-testid="notice"]')!.textContent).to.match(/bad\.json.*not a Slidegraph graph/);
    expect(app.store.topFile).to.equal('fig6-global.json');
    const text = serializeGraph(library.files['fig4-direct-effect.json']);
    await app.actions.open([new File([text], 'mine.json')]);
    expect(app.store.topFile).to.equal('mine.json');
    await waitFor(() => blocks() === library.files['fig4-direct-effect.json'].nodes.length, 'mine.json drawn');
    const again = loadGraph(serializeGraph(app.store.current), 'again.json');
    expect(again.ok).to.equal(true);
  });

  it('opens a sub-graph from its block and comes back by the breadcrumb', async () => {
    app.store.setSelection(['main']);
    key(app.querySelector('.sg-block')!, 'Enter');
    await waitFor(() => app.querySelector('.sg-block[data-node-type="GRU"]'), 'fig. 2 inside');
    const crumbs = app.querySelector('sg-toolbar')!.shadowRoot!.querySelectorAll('nav button');
    expect([...crumbs].map((b) => b.textContent)).to.deep.equal(['fig6-global.json', 'main (fig2-main.json)']);
    (crumbs[0] as HTMLButtonElement).click();
    await waitFor(
      () => blocks() === library.files['fig6-global.json'].nodes.length && app.querySelector('.sg-block[data-node-id="ms"]'),
      'back at the top',
    );
  });

  it('refuses a wrong wire with the reason in the status line', async () => {
    // The check runs where Rete asks whether a wire may be made (before it clears the input).
    const c = app.canvas as unknown as { wireAllowed(a: object, b: object): boolean };
    const ok = c.wireAllowed({ nodeId: 'ms', side: 'output', key: 'out' }, { nodeId: 'ics', side: 'input', key: 'Predictions' });
    expect(ok).to.equal(false);
    await waitFor(
      () => /refused: input 'Predictions'.*takes sequence.*scalar/.test(app.querySelector('[data-testid="notice"]')!.textContent ?? ''),
      'reason shown',
    );
  });
});
