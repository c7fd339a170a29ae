import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { MAX_CANVAS_BLOCKS } from '../../src/editor/canvas/tooLarge';
import { compileOpenFile } from '../../src/editor/doc/compile';
import { clearAutosave } from '../../src/editor/files/autosave';
import { serializeGraph } from '../../src/graph';
import { MAX_EXPANDED_BLOCKS } from '../../src/graph/limits';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

// A chain of 10,000 blocks: the editor's walks over blocks and wires (the training key, the
// layout's extents) overflowed the stack from about 5,000, on opening and on every reload. Now it
// opens, compiles and comes back after a reload; the canvas, which draws at most
// MAX_CANVAS_BLOCKS, says so instead of drawing it.

const N = 10_000;

function chain() {
  const nodes = [{ id: 'in', type: 'Input', params: { name: 'Features', kind: 'sequence' }, position: { x: 0, y: 0 } }];
  const connections = [];
  for (let i = 0; i < N; i++) {
    nodes.push({ id: `s${i}`, type: 'Scale', params: { factor: 1 } as never, position: { x: 200 * (i + 1), y: 0 } });
    connections.push({ from: { node: i ? `s${i - 1}` : 'in', socket: 'out' }, to: { node: `s${i}`, socket: 'x' } });
  }
  nodes.push({ id: 'out', type: 'Output', params: { name: 'Predictions' } as never, position: { x: 200 * (N + 1), y: 0 } });
  connections.push({ from: { node: `s${N - 1}`, socket: 'out' }, to: { node: 'out', socket: 'in' } });
  return { format: 'slidegraph/graph' as const, version: 1 as const, name: 'chain', nodes, connections };
}

async function page(): Promise<AppElement> {
  const app = document.createElement('sg-app') as AppElement;
  app.persist = true;
  app.library = library.files;
  document.body.append(app);
  await waitFor(() => app.querySelector('[data-shown]'), 'a graph shown', 60_000);
  return app;
}

const close = (app: AppElement) => {
  app.destroy();
  app.remove();
};

describe('editor at scale', function () {
  this.timeout(110_000);
  beforeEach(() => clearAutosave());
  afterEach(() => clearAutosave());

  it('opens a chain of 10,000 blocks, compiles it, and opens it again after a reload', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    const app = await page();
    try {
      await app.actions.open([new File([serializeGraph(chain() as never)], 'chain.json')]);
      expect(app.store.topFile).to.equal('chain.json');
      expect(app.store.current.nodes.length).to.equal(N + 2);
      const note = await waitFor(() => app.querySelector('[data-testid="canvas-too-large"]')?.textContent, 'the canvas says why', 60_000);
      expect(note).to.contain(`chain.json has ${N + 2} blocks, more than the ${MAX_CANVAS_BLOCKS} the canvas draws`);
      expect(app.querySelectorAll('.sg-block').length).to.equal(0);
      const compiled = compileOpenFile(app.store.state.files, 'chain.json');
      expect(compiled.ok && compiled.plan.steps.length, 'the chain compiles: the Input and every Scale').to.equal(N + 1);
      expect(app.store.state.notice?.level).to.not.equal('error');
      await new Promise((r) => setTimeout(r, 600)); // the autosave is written a moment after the last change
    } finally {
      close(app);
    }
    const again = await page();
    try {
      expect(again.store.topFile).to.equal('chain.json');
      expect(again.store.current.nodes.length).to.equal(N + 2);
      await waitFor(() => again.querySelector('[data-testid="canvas-too-large"]'), 'the note again', 60_000);
      // and a file of the library draws again beside it
      again.store.open(again.store.state.files, 'fig6-global.json');
      await waitFor(
        () => again.querySelectorAll('.sg-block').length > 0 && !again.querySelector('[data-testid="canvas-too-large"]'),
        'fig. 6 drawn',
      );
    } finally {
      close(again);
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('refuses a file of one block more than MAX_EXPANDED_BLOCKS with one notice, before reading its blocks', async () => {
    const app = await page();
    try {
      const before = app.store.topFile;
      const text = `{"format": "slidegraph/graph", "version": 1, "name": "big", "nodes": [${'{},'.repeat(MAX_EXPANDED_BLOCKS)}{}], "connections": []}`;
      await app.actions.open([new File([text], 'big.json')]);
      expect(app.store.state.notice?.level).to.equal('error');
      expect(app.store.state.notice?.text).to.contain(
        `big.json: nodes: has ${MAX_EXPANDED_BLOCKS + 1} blocks, more than the limit of ${MAX_EXPANDED_BLOCKS}`,
      );
      expect(app.store.topFile).to.equal(before);
    } finally {
      close(app);
    }
  });
});
