import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { mountApp, unmountApp } from './fixtures/editor-app';
import { deepQueryAll, waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

const fig6 = library.files['fig6-global.json'];

describe('editor menu and palette drag', function () {
  this.timeout(30_000);
  let app: AppElement;
  beforeEach(async () => {
    app = await mountApp();
  });
  afterEach(() => unmountApp(app));

  const canvasEl = () => app.querySelector<HTMLElement>('#canvas')!;
  const menuOpen = () => deepQueryAll(app, 'rete-context-menu').some((m) => m.getClientRects().length > 0);
  const item = (label: string) =>
    waitFor(
      () => deepQueryAll<HTMLElement>(app, 'rete-context-menu-item').find((i) => i.textContent?.trim() === label),
      `menu item '${label}'`,
    );
  // The item's own listeners sit on the `.content` element of its shadow root.
  const content = (i: HTMLElement) => i.shadowRoot!.querySelector<HTMLElement>('.content')!;
  /** Resolves once the menu is up; the last one must have closed first, or its items would be found. */
  const rightClick = async (target: Element, clientX: number, clientY: number) => {
    await waitFor(() => !menuOpen(), 'no menu open');
    target.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true, button: 2, clientX, clientY }));
    await waitFor(menuOpen, 'menu open');
  };
  const blockEl = (id: string) => app.querySelector<HTMLElement>(`.sg-block[data-node-id="${id}"]`);
  /** where a point of the canvas lies on screen, so that tests aim at empty space */
  const cornerOfCanvas = () => {
    const r = canvasEl().getBoundingClientRect();
    return { x: Math.round(r.left + 40), y: Math.round(r.bottom - 60) };
  };

  it('adds a block from the canvas menu at the cursor, in one undo step', async () => {
    const at = cornerOfCanvas();
    await rightClick(canvasEl(), at.x, at.y);
    const labels = deepQueryAll<HTMLElement>(app, 'rete-context-menu-item').map((i) => i.textContent?.trim());
    expect(labels).to.deep.equal(['Data ports', 'Layers', 'Ops', 'Losses', 'Sub-graphs']);
    content(await item('Ops')).dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    const scale = await item('Scale');
    // Opened low on the canvas, the menu moves up so the whole group can be reached.
    const lowest = () => Math.max(...deepQueryAll(app, 'rete-context-menu-item').map((i) => i.getBoundingClientRect().bottom));
    await waitFor(() => lowest() <= window.innerHeight, 'the Ops group on screen');
    content(scale).click();
    const added = await waitFor(() => app.store.current.nodes.find((n) => !fig6.nodes.some((m) => m.id === n.id)), 'a new block');
    expect(added.type).to.equal('Scale');
    expect(app.store.state.history.past.length).to.equal(1);
    await waitFor(() => !menuOpen(), 'menu closed');
    // The block's corner is drawn where the right-click was.
    const r = (await waitFor(() => blockEl(added.id), 'new block drawn')).getBoundingClientRect();
    expect(Math.abs(r.left - at.x)).to.be.below(4);
    expect(Math.abs(r.top - at.y)).to.be.below(4);
    app.store.undo();
    await waitFor(() => !blockEl(added.id), 'undone');
    expect(app.store.current.nodes).to.have.length(fig6.nodes.length);
  });

  it('opens a sub-graph from its block menu', async () => {
    const r = blockEl('main')!.getBoundingClientRect();
    await rightClick(blockEl('main')!, r.left + 10, r.top + 10);
    const labels = deepQueryAll<HTMLElement>(app, 'rete-context-menu-item').map((i) => i.textContent?.trim());
    expect(labels).to.deep.equal(['Delete', 'Duplicate', 'Open sub-graph']);
    content(await item('Open sub-graph')).click();
    await waitFor(() => app.querySelector('.sg-block[data-node-type="GRU"]'), 'fig. 2 inside');
    expect(app.store.currentFile).to.equal('fig2-main.json');
  });

  it('duplicates a selection with its inner wires, and deletes a block, from the block menu', async () => {
    app.store.setSelection(['de', 'beta', 'lossDE']);
    const r = blockEl('beta')!.getBoundingClientRect();
    await rightClick(blockEl('beta')!, r.left + 10, r.top + 10);
    content(await item('Duplicate')).click();
    await waitFor(() => app.store.current.nodes.length === fig6.nodes.length + 3, 'three copies');
    const copies = app.store.state.selection;
    const inner = app.store.current.connections.filter((c) => copies.includes(c.from.node) && copies.includes(c.to.node));
    expect(inner).to.have.length(2);
    expect(app.store.state.history.past.length).to.equal(1);

    // A block outside the selection is deleted on its own, with its wires.
    const g = blockEl('gamma')!.getBoundingClientRect();
    await rightClick(blockEl('gamma')!, g.left + 10, g.top + 10);
    content(await item('Delete')).click();
    await waitFor(() => !blockEl('gamma'), 'gamma gone');
    expect(app.store.current.nodes).to.have.length(fig6.nodes.length + 2);
    expect(app.store.current.connections.some((c) => c.from.node === 'gamma' || c.to.node === 'gamma')).to.equal(false);
    app.store.undo();
    await waitFor(() => blockEl('gamma'), 'gamma back');
  });

  it('deletes a wire from its own menu', async () => {
    const n = fig6.connections.length;
    const path = await waitFor(
      () =>
        deepQueryAll<SVGPathElement>(app, 'svg[data-testid="connection"] path').length === n &&
        deepQueryAll<SVGPathElement>(app, 'svg[data-testid="connection"] path')[0],
      'wires drawn',
    );
    const r = path.getBoundingClientRect();
    await rightClick(path, r.left + r.width / 2, r.top + r.height / 2);
    content(await item('Delete wire')).click();
    await waitFor(() => app.store.current.connections.length === n - 1, 'one wire fewer');
    expect(app.store.state.history.past.length).to.equal(1);
  });

  it('drops a palette item on the canvas where it is released', async () => {
    const button = await waitFor(
      () => app.querySelector('sg-palette')!.shadowRoot!.querySelector<HTMLElement>('button[data-block="GRU"]'),
      'GRU in the palette',
    );
    const dt = new DataTransfer();
    button.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer: dt }));
    const at = cornerOfCanvas();
    const drag = (type: string) =>
      canvasEl().dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt, clientX: at.x, clientY: at.y }));
    drag('dragover');
    await app.updateComplete;
    expect(canvasEl().classList.contains('drop')).to.equal(false);
    drag('drop');
    const added = await waitFor(() => app.store.current.nodes.find((n) => n.type === 'GRU'), 'a GRU');
    const r = (await waitFor(() => blockEl(added.id), 'GRU drawn')).getBoundingClientRect();
    expect(Math.abs(r.left - at.x)).to.be.below(4);
    expect(Math.abs(r.top - at.y)).to.be.below(4);
    expect(app.store.state.history.past.length).to.equal(1);
  });
});
