import { expect } from 'chai';
import { Canvas } from '../../src/editor/canvas/canvas';
import { removeNodes, setParam } from '../../src/editor/doc/ops';
import { EditorStore } from '../../src/editor/store';
import { deepQueryAll, waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

describe('editor canvas', () => {
  let canvas: Canvas | undefined;
  let host: HTMLElement | undefined;
  afterEach(() => {
    canvas?.destroy();
    host?.remove();
  });
  async function open(file = 'fig6-global.json') {
    host = document.createElement('div');
    host.style.cssText = 'position:relative;width:1000px;height:700px;overflow:hidden';
    document.body.append(host);
    const store = new EditorStore(library.files, file);
    canvas = new Canvas(host, store);
    await canvas.sync();
    return { store, canvas, host };
  }

  it('draws every block and wire of fig. 6 with the shape on each socket', async () => {
    const { store, host } = await open();
    const doc = store.current;
    await waitFor(() => host.querySelectorAll('.sg-block').length === doc.nodes.length, 'all blocks');
    const ids = [...host.querySelectorAll<HTMLElement>('.sg-block')].map((e) => e.dataset.nodeId).sort();
    expect(ids).to.deep.equal(doc.nodes.map((n) => n.id).sort());
    await waitFor(() => deepQueryAll(host, 'svg[data-testid="connection"] path').length === doc.connections.length, 'all wires');
    const main = host.querySelector('.sg-block[data-node-id="main"] rete-node')!;
    const out = main.shadowRoot!.querySelector('[data-testid="output-Predictions"]')!.textContent!;
    expect(out).to.contain('sequence[100]');
    const ms = host.querySelector('.sg-block[data-node-id="ms"] rete-node')!;
    expect(ms.shadowRoot!.querySelector('[data-testid="output-out"]')!.textContent).to.contain('scalar');
    expect(host.querySelector('[data-testid="block-error"]')).to.equal(null);
  });

  it('shows a compile error on the offending block and undo brings everything back', async () => {
    const { store, canvas, host } = await open();
    store.edit('delete', (d) => removeNodes(d, ['features', 'beta', 'gamma']));
    await canvas.sync();
    expect(host.querySelectorAll('.sg-block').length).to.equal(store.current.nodes.length);
    const err = await waitFor(() => host.querySelector('.sg-block[data-node-id="main"] [data-testid="block-error"]'), 'error on main');
    expect(err.textContent).to.match(/Features/);
    store.undo();
    await canvas.sync();
    expect(host.querySelectorAll('.sg-block').length).to.equal(library.files['fig6-global.json'].nodes.length);
    await waitFor(
      () => deepQueryAll(host, 'svg[data-testid="connection"] path').length === library.files['fig6-global.json'].connections.length,
      'wires back',
    );
    expect(host.querySelector('[data-testid="block-error"]')).to.equal(null);
  });

  it('a param edit recompiles and the socket shape text changes', async () => {
    const { store, canvas, host } = await open('fig2-main.json');
    const gruOut = () =>
      host.querySelector('.sg-block[data-node-id="gru"] rete-node')?.shadowRoot?.querySelector('[data-testid="output-out"]')?.textContent ??
      '';
    await waitFor(() => gruOut().includes('100×32'), 'GRU 32 wide');
    store.edit('units', (d) => setParam(d, 'gru', 'units', 16));
    await canvas.sync();
    await waitFor(() => gruOut().includes('100×16'), 'GRU 16 wide');
  });
});
